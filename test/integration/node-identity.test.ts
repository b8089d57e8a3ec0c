// What a node is (its kind) never changes once a row has said it: a later row of another inventory file
// with the same id is a reject naming both sides, and the node keeps its credentials and attack paths.
// A placeholder (a reference whose kind was guessed) may still be refined by the inventory row that defines it.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, TestCase, writeFile } from '../helpers.ts';

const CSV = path.join(FIXTURES, 'csv');
const BASE = ['identities', 'systems', 'credentials', 'entitlements'].map((f) => path.join(CSV, `${f}.csv`));

/** One existing node of each inventory kind in the fixtures, and where it was defined. */
const VICTIMS = {
  identities: { key: 'svc-deploy', kind: 'identity', subkind: 'service_account', from: 'identities.csv row 4' },
  systems: { key: 'prod-db', kind: 'system', subkind: 'database', from: 'systems.csv row 2' },
  credentials: { key: 'AKIAEXAMPLE1', kind: 'credential', subkind: 'access_key', from: 'credentials.csv row 2' },
} as const;
type Inventory = keyof typeof VICTIMS;

/** A file of the given inventory with one good row and one row whose id is `id` (row 3). */
function conflictingFile(file: Inventory, id: string): string {
  switch (file) {
    case 'identities':
      return `id,name,kind,owner\nfresh-one,Fresh,service_account,alice\n${id},Impostor,service_account,alice\n`;
    case 'systems':
      return `id,name,kind,criticality\nfresh-one,Fresh,host,low\n${id},Impostor,database,low\n`;
    case 'credentials':
      return `id,identity,type\nfresh-one,alice,token\n${id},alice,token\n`;
  }
}

const NODE_KIND: Record<Inventory, string> = { identities: 'identity', systems: 'system', credentials: 'credential' };

const an = (kind: string) => `${kind === 'identity' ? 'an' : 'a'} ${kind}`;

function node(t: TestCase, key: string) {
  return t.db.prepare('SELECT kind, subkind, name, unresolved FROM node WHERE key = ?').get(key) as
    { kind: string; subkind: string | null; name: string; unresolved: number } | undefined;
}

function edgeCount(t: TestCase, src: string, kind: string, dst: string): number {
  return t.db
    .prepare(
      `SELECT count(*) FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND e.kind = ? AND d.key = ?`,
    )
    .pluck()
    .get(src, kind, dst) as number;
}

describe('node identity is stable across inventory files', () => {
  const pairs = (Object.keys(VICTIMS) as Inventory[]).flatMap((victim) =>
    (Object.keys(VICTIMS) as Inventory[]).filter((file) => file !== victim).map((file) => [victim, file] as const),
  );

  it.each(pairs)('an existing %s node is not changed by a %s row with its id', async (victimFile, file) => {
    const victim = VICTIMS[victimFile];
    const t = await TestCase.create();
    await t.call('import.files', { paths: BASE });
    const before = node(t, victim.key);
    const src = writeFile(t.dir, `${file}-later.csv`, conflictingFile(file, victim.key));
    const {
      sources: [r],
    } = await t.call('import.files', { paths: [src], format: `${file}-csv` });
    expect(r).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
    const [reject] = await t.call('case.rejects', { sourceId: (await t.call('case.sources')).at(-1)!.id });
    expect(reject.locator).toBe('row 3');
    expect(reject.reason).toBe(
      `id "${victim.key}" is already ${an(victim.kind)} (${victim.subkind}), from ${victim.from};` +
        ` ${an(NODE_KIND[file])} row cannot change what a node is (rename one of them)`,
    );
    expect(node(t, victim.key)).toEqual(before);
    expect(node(t, 'fresh-one')?.kind).toBe(NODE_KIND[file]);
    // The identity keeps its credential, and the path through it (credential → identity → group → role → prod-db).
    expect(edgeCount(t, 'svc-deploy', 'has_credential', 'AKIAEXAMPLE1')).toBe(1);
    expect(edgeCount(t, 'AKIAEXAMPLE1', 'authenticates', 'svc-deploy')).toBe(1);
    expect(edgeCount(t, 'vault', 'stores', 'AKIAEXAMPLE1')).toBe(1);
    const [path0] = await t.call('graph.paths', { from: ['AKIAEXAMPLE1'], to: ['prod-db'] });
    expect(path0.nodes).toEqual(['AKIAEXAMPLE1', 'svc-deploy', 'etl-operators', 'etl-admin', 'prod-db']);
    const radius = await t.call('graph.blastRadius', { ids: ['svc-deploy'] });
    expect(radius.reach.find((r) => r.id === 'prod-db')?.privilege).toBe('admin');
    t.close();
  });

  it('a conflicting credential row leaves no placeholder for its owner behind', async () => {
    const t = await TestCase.create();
    await t.call('import.files', { paths: BASE });
    const src = writeFile(t.dir, 'creds.csv', 'id,identity,type\nfresh-one,alice,token\nsvc-deploy,nobody-yet,token\n');
    await t.call('import.files', { paths: [src] });
    expect(node(t, 'nobody-yet')).toBeUndefined();
    t.close();
  });

  it('a file whose only row would change a node kind fails whole, the case unchanged', async () => {
    const t = await TestCase.create();
    await t.call('import.files', { paths: BASE });
    const src = writeFile(t.dir, 'systems-only.csv', 'id,name,kind\nsvc-deploy,Backup box,host\n');
    await expect(t.call('import.files', { paths: [src], format: 'systems-csv' })).rejects.toThrow(/is already an identity/);
    expect(node(t, 'svc-deploy')?.kind).toBe('identity');
    t.close();
  });

  it('the same id in the same file twice with different kinds keeps the first', async () => {
    const t = await TestCase.create();
    const r = await t.importText('dup.csv', 'id,name,kind\nbox,Box,host\nbox,Box again,database\n', 'systems-csv');
    // Same node kind (system): the second row completes the first (subkind corrected), as before.
    expect(r).toMatchObject({ loaded: 2, rejected: 0 });
    expect(node(t, 'box')).toMatchObject({ kind: 'system', subkind: 'database' });
    t.close();
  });

  it('an inventory row refines a placeholder whose kind was only guessed', async () => {
    const t = await TestCase.create();
    // `owns` guesses its target is an identity; `has_role` that its target is a role.
    await t.importText('ents.csv', 'principal,relation,target\nalice,owns,payments-app\nalice,has_role,ops\n');
    expect(node(t, 'payments-app')).toMatchObject({ kind: 'identity', unresolved: 1 });
    await t.importText('systems.csv', 'id,name,kind\npayments-app,Payments,saas\n', 'systems-csv');
    await t.importText('groups.csv', 'id,name,kind\nops,Ops,group\n', 'identities-csv');
    expect(node(t, 'payments-app')).toMatchObject({ kind: 'system', subkind: 'saas', unresolved: 0 });
    expect(node(t, 'ops')).toMatchObject({ kind: 'group', unresolved: 0 });
    // Once defined, it is no longer a placeholder: a later row of another kind is refused.
    const r = await t.importText('ids.csv', 'id,name,kind\nfresh,Fresh,human\npayments-app,Pay,service_account\n', 'identities-csv');
    expect(r).toMatchObject({ loaded: 1, rejected: 1 });
    expect(node(t, 'payments-app')?.kind).toBe('system');
    t.close();
  });

  it('an alias counts as the node: a row named like an ARN alias cannot change the node it names', async () => {
    const t = await TestCase.create();
    await t.call('import.files', { paths: [path.join(FIXTURES, 'aws-logs', 'credential-report.csv')] });
    const user = t.db.prepare(`SELECT a.alias, n.key FROM alias a JOIN node n ON n.id = a.node_id WHERE n.kind = 'identity' LIMIT 1`).get() as
      { alias: string; key: string } | undefined;
    expect(user).toBeDefined();
    const r = await t.importText('sys.csv', `id,name,kind\nfresh,Fresh,host\n"${user!.alias}",Box,host\n`, 'systems-csv');
    expect(r).toMatchObject({ loaded: 1, rejected: 1 });
    expect(node(t, user!.key)?.kind).toBe('identity');
    t.close();
  });
});
