// Display names: what a person reads for a node, from its row or, failing that, from its key.
import { describe, expect, it } from 'vitest';
import { displayName, nameFromKey } from '../../main/store/display-name.ts';
import { tailStart } from '../../renderer/lib/elide.ts';

describe('displayName', () => {
  it('prefers the inventory name when it says more than the key', () => {
    expect(displayName({ key: 'arn:aws:iam::145272481798:user/svc-x', name: 'Orders worker' })).toBe('Orders worker');
  });

  it('skips names that are only the key or an opaque id', () => {
    expect(
      displayName({
        key: 'entra:user:0b8f1c2e-1111-2222-3333-444455556666',
        name: '0b8f1c2e-1111-2222-3333-444455556666',
        props: { upn: 'ana@corp.example' },
      }),
    ).toBe('ana@corp.example');
    expect(displayName({ key: 'arn:aws:iam::145272481798:role/deploy/ci-deploy', name: 'arn:aws:iam::145272481798:role/deploy/ci-deploy' })).toBe(
      'ci-deploy',
    );
  });

  it('reads user, role, session, bucket and secret names out of ARNs', () => {
    expect(nameFromKey('arn:aws:iam::145272481798:user/ops/alice')).toBe('alice');
    expect(nameFromKey('arn:aws:iam::145272481798:role/deploy')).toBe('deploy');
    expect(nameFromKey('arn:aws:iam::145272481798:root')).toBe('account root');
    expect(nameFromKey('arn:aws:sts::145272481798:assumed-role/deploy/gh-run-7')).toBe('deploy (session gh-run-7)');
    expect(nameFromKey('arn:aws:s3:::nwf-customer-exports/archive/x.csv')).toBe('nwf-customer-exports');
    expect(nameFromKey('arn:aws:secretsmanager:eu-central-1:1:secret:prod/db-AbC12z')).toBe('db');
    expect(nameFromKey('arn:aws:iam::1:user/alice#access_key_2')).toBe('alice access key 2');
  });

  it('reads Kubernetes, GitHub, GCP and host keys', () => {
    expect(nameFromKey('k8s:sa:payments:api')).toBe('payments:api');
    expect(nameFromKey('k8s-sa:prod-eu/customs/migrate-1088')).toBe('customs:migrate-1088');
    expect(nameFromKey('github:user:octocat')).toBe('octocat');
    expect(nameFromKey('gcp:sa:builder@p.iam.gserviceaccount.com')).toBe('builder@p.iam.gserviceaccount.com');
    expect(nameFromKey('linux:web01:root')).toBe('root@web01');
    expect(nameFromKey('ASIA6YXTPPGMMHKIBAB3')).toBeNull();
  });

  it('falls back to the key', () => {
    expect(displayName({ key: 'ASIA6YXTPPGMMHKIBAB3', name: null })).toBe('ASIA6YXTPPGMMHKIBAB3');
  });
});

describe('middle elision', () => {
  it('keeps the last path segment of an ARN visible', () => {
    const id = 'arn:aws:iam::145272481798:role/deploy';
    expect(id.slice(tailStart(id))).toBe(':role/deploy');
  });
  it('keeps the last 12 characters of an id without separators', () => {
    const id = '0b8f1c2e11112222333344445555666677778888';
    expect(id.slice(tailStart(id))).toHaveLength(12);
  });
});
