// Column mapping for unrecognised CSVs: presets persist in the case, and an applied mapping imports like a canonical file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCase, writeFile } from '../helpers.ts';

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
    await expect(t.call('mapping.save', { name: 'x', target: 'identities-csv', mapping: { ...mapping, shoe_size: 'S' } })).rejects.toThrow(/shoe_size/);
    await expect(t.call('mapping.save', { name: 'x', target: 'nope-csv', mapping })).rejects.toThrow(/unknown mapping target/);
  });
});

describe('mapping.apply', () => {
  it('rewrites only the header and the result imports with the target format', async () => {
    const file = writeFile(t.dir, 'hr.csv', '\ufeffLogin,Full Name,Account Class,Responsible,Shoe\r\n'
      + 'jdoe,"Doe, Jane",human,,42\r\nbuild-bot,Build bot,service_account,jdoe,\r\n');
    const { path: mapped, columns } = await t.call('mapping.apply', { path: file, target: 'identities-csv', mapping });
    expect(columns).toEqual(['id', 'name', 'kind', 'owner', 'unmapped_5']);
    const { sources } = await t.call('import.files', { paths: [mapped], format: 'identities-csv' });
    expect(sources[0]).toMatchObject({ loaded: 2, rejected: 0 });
    const page = await t.call('inventory.list', { table: 'identities' });
    expect(page.rows.find((r) => r.id === 'jdoe')).toMatchObject({ name: 'Doe, Jane', kind: 'human' });
    expect(page.rows.find((r) => r.id === 'build-bot')).toMatchObject({ owner: 'jdoe' });
  });

  it('keeps every data row with LF line endings and quoted newlines in the header', async () => {
    const file = writeFile(t.dir, 'lf.csv', '"Log\nin",Account Class\nu1,human\nu2,human\nu3,human\n');
    const { path: mapped } = await t.call('mapping.apply', { path: file, target: 'identities-csv', mapping: { id: 'Log\nin', kind: 'Account Class' } });
    const { sources } = await t.call('import.files', { paths: [mapped], format: 'identities-csv' });
    expect(sources[0]).toMatchObject({ rows: 3, loaded: 3 });
  });

  it('refuses a header the file does not have', async () => {
    const file = writeFile(t.dir, 'other.csv', 'a,b\n1,2\n');
    await expect(t.call('mapping.apply', { path: file, target: 'identities-csv', mapping })).rejects.toThrow(/no column/);
  });
});
