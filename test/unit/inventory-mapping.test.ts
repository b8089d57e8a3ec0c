// Column mapping for unrecognised CSVs: presets persist in the case, and a mapping is an option of the import
// (headers renamed in the stream, the original file's hash and the mapping recorded; nothing written beside it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, TestCase, tmpDir, writeFile } from '../helpers.ts';

let t: TestCase;
beforeAll(async () => {
  t = await TestCase.create();
});
afterAll(() => t.close());

const mapping = { id: 'Login', kind: 'Account Class', name: 'Full Name', owner: 'Responsible' };

describe('mapping presets', () => {
  it('saves, lists, replaces and deletes presets', async () => {
    await t.call('mapping.save', { name: 'hr export', target: 'identities-csv', mapping });
    await t.call('mapping.save', { name: 'hr export', target: 'identities-csv', mapping: { ...mapping, owner: 'Boss' } });
    const presets = await t.call('mapping.presets', {});
    expect(presets).toEqual([{ name: 'hr export', target: 'identities-csv', mapping: { ...mapping, owner: 'Boss' } }]);
    expect((await t.call('mapping.delete', { name: 'hr export' })).deleted).toBe(true);
    expect(await t.call('mapping.presets', {})).toEqual([]);
  });

  it('refuses a mapping that leaves a required column unmapped or names an unknown one', async () => {
    await expect(t.call('mapping.save', { name: 'x', target: 'identities-csv', mapping: { id: 'Login' } })).rejects.toThrow(/kind/);
    await expect(t.call('mapping.save', { name: 'x', target: 'identities-csv', mapping: { ...mapping, shoe_size: 'S' } })).rejects.toThrow(
      /shoe_size/,
    );
    await expect(t.call('mapping.save', { name: 'x', target: 'nope-csv', mapping })).rejects.toThrow(/unknown mapping target/);
  });
});

describe('column mapping as an import option', () => {
  it('renames only the header as the file streams in; the source records the original file and the mapping', async () => {
    const dir = `${t.dir}/evidence`;
    const original =
      '\ufeffLogin,Full Name,Account Class,Responsible,Shoe\r\n' + 'jdoe,"Doe, Jane",human,,42\r\nbuild-bot,Build bot,service_account,jdoe,\r\n';
    const file = writeFile(dir, 'hr.csv', original);
    // mapping.apply checks the mapping against the header and writes nothing (it used to write hr.csv.mapped.csv).
    const checked = await t.call('mapping.apply', { path: file, target: 'identities-csv', mapping });
    expect(checked).toEqual({ path: file, columns: ['id', 'name', 'kind', 'owner', 'unmapped_5'] });
    expect(fs.readdirSync(dir)).toEqual(['hr.csv']);

    const { sources } = await t.call('import.files', { paths: [file], format: 'identities-csv', mapping });
    expect(sources[0]).toMatchObject({ file, loaded: 2, rejected: 0 });
    expect(fs.readdirSync(dir)).toEqual(['hr.csv']);
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
    const page = await t.call('inventory.list', { table: 'identities' });
    expect(page.rows.find((r) => r.id === 'jdoe')).toMatchObject({ name: 'Doe, Jane', kind: 'human' });
    expect(page.rows.find((r) => r.id === 'build-bot')).toMatchObject({ owner: 'jdoe' });

    // Chain of custody: the recorded hash is the analyst's file's, and verify vouches for that file.
    const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const source = (await t.call('case.sources', {})).find((s) => s.file === 'hr.csv')!;
    expect(source).toMatchObject({ sha256: sha, mapping });
    const verified = (await t.call('case.verifySources', {})).find((v) => v.id === source.id)!;
    expect(verified).toMatchObject({ path: file, status: 'match', actual: sha });
    const audit = (await t.call('case.audit', {})).find((a) => a.action === 'import' && (a.detail as { file?: string }).file === file);
    expect(audit?.detail).toMatchObject({ mapping });
  });

  it('keeps every data row with LF line endings and quoted newlines in the header', async () => {
    const file = writeFile(t.dir, 'lf.csv', '"Log\nin",Account Class\nu1,human\nu2,human\nu3,human\n');
    const m = { id: 'Log\nin', kind: 'Account Class' };
    expect((await t.call('mapping.apply', { path: file, target: 'identities-csv', mapping: m })).columns).toEqual(['id', 'kind']);
    const { sources } = await t.call('import.files', { paths: [file], format: 'identities-csv', mapping: m });
    expect(sources[0]).toMatchObject({ rows: 3, loaded: 3 });
  });

  it('maps a large auth-events file on the parallel parse path too', async () => {
    const rows = Array.from(
      { length: 180_000 },
      (_, i) => `2024-05-01T00:00:${String(i % 60).padStart(2, '0')}Z,svc-map-${i % 7},GetObject,bucket-${i % 3},OK`,
    );
    const file = writeFile(t.dir, 'events.csv', `When,Who,What,On,Result\n${rows.join('\n')}\n`);
    const m = { timestamp: 'When', identity: 'Who', action: 'What', target: 'On' };
    expect(fs.statSync(file).size).toBeGreaterThan(8 * 1024 * 1024); // parsed in a worker (canonical-csv.ts)
    const { sources } = await t.call('import.files', { paths: [file], format: 'auth-events-csv', mapping: m });
    expect(sources[0]).toMatchObject({ rows: 180_000, loaded: 180_000 });
  });

  it('is an option of the CLI import (--map column=header with --format)', () => {
    const dir = tmpDir();
    const file = writeFile(dir, 'hr.csv', 'Login,Account Class\nu1,human\n');
    const kase = `${dir}/case.blastmap`;
    const r = runCli(['import', kase, file, '--format', 'identities-csv', '--map', 'id=Login', '--map', 'kind=Account Class', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ loaded: 1 });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))).toEqual(['hr.csv']);
    expect(runCli(['import', kase, file, '--map', 'id']).status).toBe(1);
  });

  it('refuses a header the file does not have, a mapping without its format, and an unknown target', async () => {
    const file = writeFile(t.dir, 'other.csv', 'a,b\n1,2\n');
    await expect(t.call('mapping.apply', { path: file, target: 'identities-csv', mapping })).rejects.toThrow(/no column/);
    await expect(t.call('import.files', { paths: [file], format: 'identities-csv', mapping })).rejects.toThrow(/no column "Login"/);
    await expect(t.call('import.files', { paths: [file], mapping })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(t.call('import.files', { paths: [file], format: 'okta-system-log', mapping })).rejects.toMatchObject({ code: 'bad-request' });
  });
});
