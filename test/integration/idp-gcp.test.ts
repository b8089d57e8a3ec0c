// GCP IAM policies and Cloud Audit Logs: role bindings as access edges, public exposure, impersonation.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'gcp');

function edges(t: TestCase, kind: string) {
  return t.db
    .prepare(
      `SELECT s.key AS src, d.key AS dst, e.privilege, e.conditional, e.props FROM edge e JOIN node s ON s.id = e.src
    JOIN node d ON d.id = e.dst WHERE e.kind = ? ORDER BY s.key, d.key`,
    )
    .all(kind) as Record<string, any>[];
}

describe('gcp-iam-policy', () => {
  it('maps a get-iam-policy document: basic and predefined roles, conditions, domains, deleted members', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'project-policy.json')] });
    expect(sources[0]).toMatchObject({ format: 'gcp-iam-policy', rows: 1, loaded: 1, rejected: 0 });
    const access = edges(t, 'access').map((e) => [e.src, e.privilege, e.conditional]);
    expect(access).toEqual([
      ['gcp:domain:example.com', 2, 0],
      ['gcp:group:auditors@example.com', 1, 0],
      ['gcp:sa:123456789-compute@developer.gserviceaccount.com', 2, 0],
      // tokenCreator (write, unconditional) + storage.admin (admin, conditional): the highest privilege, unconditional.
      ['gcp:user:ci-admin@example.com', 3, 0],
      ['gcp:user:former@example.com', 1, 0],
    ]);
    expect(edges(t, 'access')[0].dst).toBe('gcp:resource:(IAM policy in project-policy.json)');
    expect(JSON.parse(edges(t, 'access')[3].props)).toMatchObject({
      roles: ['roles/iam.serviceAccountTokenCreator', 'roles/storage.admin'],
      conditions: ['until-june'],
    });
    expect(t.db.prepare(`SELECT status FROM node WHERE key = 'gcp:user:former@example.com'`).pluck().get()).toBe('deleted');
    t.close();
  });

  it('reads camelCase asset exports: impersonation on a service account is can_assume; public members are flagged', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'asset-export.ndjson')] });
    expect(sources[0]).toMatchObject({ format: 'gcp-iam-policy', rows: 3, loaded: 2, rejected: 1 });
    expect(t.db.prepare('SELECT locator, reason FROM reject').get()).toEqual({
      locator: 'line 3',
      reason: 'no IAM policy bindings in this record (not an IAM policy asset)',
    });
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst])).toEqual([
      ['gcp:group:release-eng@example.com', 'gcp:sa:deployer@acme-prod.iam.gserviceaccount.com'],
    ]);
    const secret = edges(t, 'access').filter((e) => e.dst === '//secretmanager.googleapis.com/projects/111/secrets/db-password');
    expect(secret.map((e) => [e.src, e.privilege, JSON.parse(e.props).public ?? false])).toEqual([
      ['gcp:public:allAuthenticatedUsers', 1, true],
      ['gcp:sa:deployer@acme-prod.iam.gserviceaccount.com', 1, false],
    ]);
    expect(
      t.db.prepare(`SELECT subkind FROM node WHERE key = ?`).pluck().get('//secretmanager.googleapis.com/projects/111/secrets/db-password'),
    ).toBe('secret_store');
    t.close();
  });
});

describe('gcp-iam-policy (search results and snake_case assets)', () => {
  it('reads search-all-iam-policies `resource`/`policy` and snake_case `iam_policy`; allUsers is public', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'search-all-iam-policies.json')] });
    expect(sources[0]).toMatchObject({ format: 'gcp-iam-policy', rows: 2, loaded: 2, rejected: 0 });
    expect(edges(t, 'access').map((e) => [e.src, e.dst, e.privilege])).toEqual([
      ['gcp:projectOwner:acme-prod', '//storage.googleapis.com/acme-public-assets', 3],
      ['gcp:public:allUsers', '//storage.googleapis.com/acme-public-assets', 1],
      ['gcp:sa:etl@acme-prod.iam.gserviceaccount.com', '//bigquery.googleapis.com/projects/acme-prod/datasets/sales', 2],
    ]);
    expect(t.db.prepare(`SELECT subkind FROM node WHERE key = '//bigquery.googleapis.com/projects/acme-prod/datasets/sales'`).pluck().get()).toBe(
      'database',
    );
    t.close();
  });
});

describe('gcp-audit', () => {
  it('records delegation as observed can_assume, keys as credentials, and denied impersonation as a failure', async () => {
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [path.join(DIR, 'audit-entries.json')] });
    expect(sources[0]).toMatchObject({ format: 'gcp-audit', rows: 2, loaded: 2, rejected: 0 });
    expect(edges(t, 'can_assume').map((e) => [e.src, e.dst])).toEqual([
      ['gcp:user:alice@example.com', 'gcp:sa:deployer@acme-prod.iam.gserviceaccount.com'],
    ]);
    expect(edges(t, 'authenticates').map((e) => [e.src, e.dst])).toEqual([
      ['gcp:sakey:0a1b2c3d4e5f', 'gcp:sa:deployer@acme-prod.iam.gserviceaccount.com'],
    ]);
    const ev = t.db
      .prepare(
        `SELECT e.ts, i.key AS identity, c.key AS credential, tg.key AS target, COALESCE(address_text(e.ip), ip.value) AS ip, e.outcome FROM auth_event e
      LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential LEFT JOIN node tg ON tg.id = e.target
      LEFT JOIN term ip ON ip.id = e.ip ORDER BY e.ts`,
      )
      .all() as Record<string, any>[];
    expect(new Date(ev[0].ts).toISOString()).toBe('2024-06-01T12:00:00.123Z');
    expect(ev[0]).toMatchObject({
      identity: 'gcp:sa:deployer@acme-prod.iam.gserviceaccount.com',
      credential: 'gcp:sakey:0a1b2c3d4e5f',
      ip: '198.51.100.23',
      outcome: 1,
    });
    expect(ev[1]).toMatchObject({
      identity: 'gcp:user:mallory@example.com',
      target: 'gcp:sa:deployer@acme-prod.iam.gserviceaccount.com',
      ip: null,
      outcome: 0,
    });
    t.close();
  });
});
