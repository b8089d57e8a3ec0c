// Which files the resource-policy formats claim, and the resource each names; near misses are left to others.
import { describe, expect, it } from 'vitest';
import { rankFormats } from '../../main/ingest/detect.ts';
import { readResourcePolicyFile } from '../../main/ingest/aws/resource-policy-shapes.ts';

const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const formatOf = (v: unknown) => rankFormats({ fileName: 'x.json', head: JSON.stringify(v), gzip: false })[0]?.format ?? null;

describe('resource policy shapes', () => {
  it('an identity policy (no Principal) and an SCP are not resource policies', () => {
    expect(formatOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }))).toBeNull();
    const scp = {
      Policy: {
        PolicySummary: { Id: 'p-1', Name: 'n', Type: 'SERVICE_CONTROL_POLICY' },
        Content: JSON.stringify(policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' })),
      },
    };
    expect(formatOf(scp)).toBe('aws-organizations-scps');
  });

  it('a {Policy} wrapper is told apart by its content: S3 by its bucket ARNs, KMS by its kms actions', () => {
    const s3 = { Policy: JSON.stringify(policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })) };
    expect(formatOf(s3)).toBe('aws-s3-bucket-policy');
    expect(readResourcePolicyFile(s3)).toMatchObject({ service: 's3', arn: 'arn:aws:s3:::b', locator: '/Policy' });
    const kms = {
      Policy: JSON.stringify(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' })),
    };
    expect(formatOf(kms)).toBe('aws-kms-key-policy');
    expect(readResourcePolicyFile(kms)).toMatchObject({ service: 'kms', arn: null, arnProblem: 'a key policy names its key as "*"' });
  });

  it('a document mixing services is not claimed; a qualified Lambda ARN names its function', () => {
    expect(
      formatOf(
        policy({
          Effect: 'Allow',
          Principal: '*',
          Action: ['s3:GetObject', 'sqs:SendMessage'],
          Resource: ['arn:aws:s3:::b/*', 'arn:aws:sqs:us-east-1:111122223333:q'],
        }),
      ),
    ).toBeNull();
    const fn = {
      Policy: JSON.stringify(
        policy({
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: 'arn:aws:lambda:us-east-1:111122223333:function:f:prod',
        }),
      ),
      RevisionId: 'r',
    };
    expect(readResourcePolicyFile(fn)).toMatchObject({ service: 'lambda', arn: 'arn:aws:lambda:us-east-1:111122223333:function:f' });
  });

  it('SQS attributes without QueueArn name the queue from the statements; ResourceArn wins over the statements', () => {
    const q = {
      Attributes: {
        Policy: JSON.stringify(
          policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }),
        ),
      },
    };
    expect(readResourcePolicyFile(q)).toMatchObject({ service: 'sqs', arn: 'arn:aws:sqs:us-east-1:111122223333:q' });
    expect(readResourcePolicyFile({ ...q, ResourceArn: 'arn:aws:sqs:us-east-1:111122223333:other' })?.arn).toBe(
      'arn:aws:sqs:us-east-1:111122223333:other',
    );
  });
});
