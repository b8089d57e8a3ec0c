// The identity-kind classifier runs after an import only when the import could change a kind (it added an
// identity, an event or an edge, or completed an existing node). These files arrive one import at a time, as an
// analyst adds them, and each verdict must follow the facts the case holds after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';

let t: TestCase;
let dir: string;

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const kindOf = (key: string) => t.db.prepare('SELECT subkind FROM node WHERE key = ?').pluck().get(key) as string | null;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinds-order-'));
  t = await TestCase.create();
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kinds after each import', () => {
  it('follows a grant, an inventory row and not a systems list', async () => {
    // Only failed sign-ins name svc-sql: a sprayed name, maybe no account at all, so no machine verdict yet.
    const failures = Array.from({ length: 6 }, (_, i) => `2024-05-0${i + 1}T10:00:00Z,svc-sql,,203.0.113.9,python-requests/2.31,Login,db,failure`);
    await t.call('import.files', {
      paths: [write('auth_events.csv', `timestamp,identity,credential,source_ip,user_agent,action,target,outcome\n${failures.join('\n')}\n`)],
    });
    expect(kindOf('svc-sql')).not.toBe('service_account');

    // A systems list touches no identity: nothing to decide again, nothing changes.
    await t.call('import.files', { paths: [write('systems.csv', 'id,name,kind,environment,criticality\nreports-db,Reports,database,prod,high\n')] });
    expect(kindOf('svc-sql')).not.toBe('service_account');

    // A grant anchors the account: now the machine-account name decides.
    await t.call('import.files', { paths: [write('entitlements.csv', 'principal,relation,target,privilege\nsvc-sql,access,reports-db,read\n')] });
    expect(kindOf('svc-sql')).toBe('service_account');

    // The analyst's inventory says what it is; a row that only completes the existing node is enough.
    await t.call('import.files', { paths: [write('identities.csv', 'id,name,kind\nsvc-sql,SQL agent,workload\n')] });
    expect(kindOf('svc-sql')).toBe('workload');
  });
});
