// The OpenGraph importer on a real community-collector file: DataHound's BloodHound CE collection
// (../shared/fixtures/opengraph, never copied into the repo). Expected counts were derived by reading the file:
// - 41 node rows: 5 BHUser, 5 BHRole, 21 BHPermission (ids "Read" ×3 and "Write" ×2 repeat, so 18 distinct),
//   7 BHAuthority, 1 BHClients, 1 BHTenant, 1 BHSSOProvider → 38 nodes: 5 human identities, 23 roles (5 roles and
//   18 permissions), 10 systems (tenant = account, SSO provider = saas, 7 authorities + clients kept generic).
// - 66 edge rows: 5 AssignedTo user → role (has_role), 5 BelongsTo user → tenant (membership of a tenant grants
//   nothing by itself: related), 1 ProviderFor SSO provider → user (runs_as: who controls the IdP signs in as its
//   users), 55 permission verbs role → authority/clients on 28 distinct pairs (one access edge per pair, the highest
//   privilege of its verbs) → 39 edges.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

const FILE = path.join(SHARED_FIXTURES, 'opengraph', 'datahound-sample-bhce-output.json');
const present = fs.existsSync(FILE);
if (!present) console.warn(`[conformance] ${FILE} is absent: the OpenGraph conformance tests are skipped`);

const ADMIN_USER = 'og:0f916532-08f7-47f4-bf1b-37b2317cce1b';

describe.skipIf(!present)('OpenGraph: DataHound BloodHound CE sample (shared fixtures)', () => {
  let t: TestCase;
  beforeAll(async () => {
    t = await TestCase.create();
  });
  afterAll(() => t.close());

  it('loads every row: 107 rows, 0 rejects, nodes and edges per kind', async () => {
    const { sources } = await t.call('import.files', { paths: [FILE] });
    expect(sources[0]).toMatchObject({ format: 'opengraph', rows: 107, loaded: 107, rejected: 0 });
    const info = await t.call('case.info', {});
    expect(info.nodes).toEqual({ identity: 5, role: 23, system: 10 });
    expect(info.identities).toEqual({ human: 5 });
    expect(info.edges).toEqual({ access: 28, has_role: 5, related: 5, runs_as: 1 });
    expect(info.unresolved).toBe(0);
    const subkinds = t.db.prepare(`SELECT kind || ':' || coalesce(subkind, '-') AS k, count(*) AS n FROM node GROUP BY k ORDER BY k`).all();
    expect(subkinds).toEqual([
      { k: 'identity:human', n: 5 },
      { k: 'role:-', n: 5 },
      { k: 'role:permission', n: 18 },
      { k: 'system:-', n: 8 },
      { k: 'system:account', n: 1 },
      { k: 'system:saas', n: 1 },
    ]);
  });

  it('keeps the original kinds and names; unknown kinds are generic systems that say so', () => {
    const node = (key: string) =>
      t.db.prepare('SELECT kind, subkind, name, props FROM node WHERE key = ?').get(key) as {
        kind: string;
        subkind: string | null;
        name: string;
        props: string;
      };
    const auth = node('og:auth');
    expect(auth).toMatchObject({ kind: 'system', subkind: null, name: 'auth' });
    expect(JSON.parse(auth.props)).toMatchObject({ sourceKind: 'BHAuthority', kinds: ['BHAuthority', 'BHCE'], generic: true });
    const admin = node(ADMIN_USER);
    expect(admin).toMatchObject({ kind: 'identity', subkind: 'human', name: 'admin' });
    expect(JSON.parse(admin.props)).toMatchObject({ sourceKind: 'BHUser', email: 'spam@example.com' });
    expect(node('og:1')).toMatchObject({ kind: 'system', subkind: 'saas', name: 'example-idp' });
  });

  it('maps custom verbs to access with the highest privilege, naming every verb', () => {
    const edge = t.db
      .prepare(
        `SELECT e.kind, e.privilege, e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE s.key = 'og:Administrator' AND d.key = 'og:auth'`,
      )
      .get() as { kind: string; privilege: number; props: string };
    expect(edge).toMatchObject({ kind: 'access', privilege: 3 });
    expect(JSON.parse(edge.props).sourceKinds.sort()).toEqual([
      'CreateToken',
      'ManageAppConfig',
      'ManageProviders',
      'ManageSelf',
      'ManageUsers',
      'ReadUsers',
    ]);
    const readOnly = t.db
      .prepare(
        `SELECT e.privilege FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
      WHERE s.key = 'og:Read-Only' AND d.key = 'og:graphdb'`,
      )
      .pluck()
      .get();
    expect(readOnly).toBe(1);
  });

  it('blast radius of the admin user goes through the custom AssignedTo edge to every area of the app', async () => {
    const r = await t.call('graph.blastRadius', { ids: [ADMIN_USER] });
    const byId = Object.fromEntries(r.reach.map((x) => [x.id, x]));
    expect(byId['og:auth']).toMatchObject({ privilege: 'admin', hops: 2, path: [ADMIN_USER, 'og:Administrator', 'og:auth'] });
    expect(byId['og:graphdb'].privilege).toBe('write');
    expect(r.summary.systems).toEqual({ read: 0, write: 4, admin: 4 });
    expect(byId['og:http://127.0.0.1:8080']).toBeUndefined(); // BelongsTo is kept, not traversed
  });
});
