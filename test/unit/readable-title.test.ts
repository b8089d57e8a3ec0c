// Finding titles read in names, not keys: every key-shaped token becomes the node's display name, punctuation
// after it stays, and tokens that name nothing (IAM actions, URLs, times) are left as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableTitles } from '../../main/findings/readable-title.ts';
import { TestCase } from '../helpers.ts';

let t: TestCase;
beforeAll(async () => {
  t = await TestCase.create();
});
afterAll(() => t.close());

describe('readableTitles', () => {
  it('names keys, keeps what follows them and what is not a key', () => {
    const findings = [
      { title: 'password spraying against arn:aws:iam::111122223333:user/svc-backup: 45.155.43.104 sprayed 59 identities' },
      {
        title:
          'ci_token arn:aws:iam::111122223333:role/deploy (prod) holds s3:GetObject on arn:aws:s3:::payroll-exports/2024, see https://example.com/x at 2024-05-01 10:00',
      },
      { title: 'nothing to name here' },
    ];
    readableTitles(t.session.requireCase(), findings);
    expect(findings.map((f) => f.title)).toEqual([
      'password spraying against svc-backup: 45.155.43.104 sprayed 59 identities',
      'ci_token deploy (prod) holds s3:GetObject on payroll-exports, see https://example.com/x at 2024-05-01 10:00',
      'nothing to name here',
    ]);
  });
});
