// One definition per domain predicate (shared/predicates.ts): where there is a SQL form it must answer exactly as the
// TypeScript form, or the Overview (SQL counts) and the findings (TypeScript) disagree about the same credential.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NETWORK_CLASSES } from '../../shared/model.ts';
import { isAnonymisingClass, isTemporaryCredential, temporaryCredentialSql } from '../../shared/predicates.ts';

describe('shared domain predicates', () => {
  const db = new Database(':memory:');

  it('a temporary credential reads the same in SQL and TypeScript', () => {
    const cases: [string, Record<string, unknown> | null][] = [
      ['ASIAIOSFODNN7EXAMPLE', null], // an STS session key
      ['ASIA123456789012', null], // exactly 12 after the prefix
      ['ASIA12345678901', null], // 11: not a session key id
      ['ASIAIOSFODNN7EXAMPLE-old', null], // a key with something after it
      ['asiaiosfodnn7example', null],
      ['AKIAIOSFODNN7EXAMPLE', null], // a long-lived access key
      ['AKIAIOSFODNN7EXAMPLE', { temporary: true }], // flagged by its importer
      ['token-1', { temporary: false }],
      ['ASIA', null],
    ];
    const sql = db.prepare(`SELECT ${temporaryCredentialSql('k', 'p')} AS t FROM (SELECT ? AS k, ? AS p)`).pluck();
    const got = cases.map(([key, props]) => [isTemporaryCredential(key, props), sql.get(key, props ? JSON.stringify(props) : null) === 1]);
    for (const [ts, inSql] of got) expect(inSql).toBe(ts);
    expect(got.map(([ts]) => ts)).toEqual([true, true, false, false, false, false, true, false, false]);
  });

  it('anonymising classes: Tor, consumer VPN and hosting; never the corporate VPN or an unknown class', () => {
    expect(NETWORK_CLASSES.filter(isAnonymisingClass)).toEqual(['hosting', 'vpn', 'tor']);
    expect([null, undefined, '', 'unknown'].some(isAnonymisingClass)).toBe(false);
  });
});
