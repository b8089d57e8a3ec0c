// One import request is one transaction: several files and folders load all or nothing, the first failure named;
// keepGoing (--keep-going) imports what can be imported and lists the files that failed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, TestCase, writeFile } from '../helpers.ts';

const CSV = path.join(FIXTURES, 'csv');

describe('multi-file imports', () => {
  it('are all or nothing by default: a later unrecognised file rolls back the earlier ones and is named', async () => {
    const t = await TestCase.create();
    const junk = writeFile(t.dir, 'notes.txt', 'just some words\nnothing to import here\n');
    const err = await t.call('import.files', { paths: [path.join(CSV, 'identities.csv'), path.join(CSV, 'systems.csv'), junk] }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(
      /^notes\.txt could not be imported, so none of the 3 files was and the case is unchanged \(--keep-going, or keepGoing in the API, imports the files that can be and lists the others\): /,
    );
    const info = await t.call('case.info');
    expect(info.sources).toBe(0);
    expect(info.nodes).toEqual({});
    t.close();
  });

  it('are all or nothing for a file whose every record is rejected, in a folder too', async () => {
    const t = await TestCase.create();
    const folder = path.join(t.dir, 'inv');
    writeFile(folder, 'a-identities.csv', 'id,name,kind\nsvc-a,A,service_account\n');
    writeFile(folder, 'b-systems.csv', 'id,name,kind,criticality\nbox,Box,database,ultra\n');
    await expect(t.call('import.files', { paths: [folder] })).rejects.toThrow(
      /^b-systems\.csv could not be imported, so none of the 2 files was.*all 1 of its records were rejected/,
    );
    expect((await t.call('case.info')).sources).toBe(0);
    t.close();
  });

  it('with keepGoing, import the good files and list the failed ones (failed: true, with the reason)', async () => {
    const t = await TestCase.create();
    const junk = writeFile(t.dir, 'notes.txt', 'just some words\nnothing to import here\n');
    const { sources } = await t.call('import.files', {
      paths: [path.join(CSV, 'identities.csv'), junk, path.join(CSV, 'systems.csv')],
      keepGoing: true,
    });
    expect(sources.map((s) => [path.basename(s.file), s.loaded, s.failed ?? false])).toEqual([
      ['identities.csv', 7, false],
      ['notes.txt', 0, true],
      ['systems.csv', 3, false],
    ]);
    expect(sources[1].message).toMatch(/notes\.txt/);
    expect((await t.call('case.info')).sources).toBe(2);
    t.close();
  });

  it('a single failing file keeps its own message (no batch wording)', async () => {
    const t = await TestCase.create();
    const junk = writeFile(t.dir, 'notes.txt', 'just some words\n');
    await expect(t.call('import.files', { paths: [junk] })).rejects.toThrow(/^(?!.*could not be imported, so none).*notes\.txt/);
    t.close();
  });
});
