import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openCase } from '../../main/store/case-file.ts';
import { SCHEMA_VERSION } from '../../main/store/migrations/index.ts';
import { TestCase, tmpDir, writeFile } from '../helpers.ts';

describe('case file', () => {
  it('creates a case with the current schema, the application id and an audit entry', () => {
    const dir = tmpDir();
    const kase = openCase(path.join(dir, 'a.blastmap'), { create: true });
    expect(kase.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(kase.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const audit = kase.db.prepare('SELECT action FROM audit').pluck().all();
    expect(audit).toEqual(['case.create']);
    kase.close();
  });

  it('refuses to open a missing case unless asked to create it', () => {
    expect(() => openCase(path.join(tmpDir(), 'none.blastmap'))).toThrow(/no case file/);
  });

  it('refuses a file that is not SQLite, and leaves it byte-for-byte unchanged', () => {
    const dir = tmpDir();
    const file = writeFile(dir, 'notes.blastmap', 'id,name\n1,not a database\n');
    const before = fs.readFileSync(file);
    expect(() => openCase(file)).toThrow(/not a Blastmap case file \(not an SQLite database\)/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses an SQLite database of another application without touching it', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openCase(file)).toThrow(/another application/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('refuses an empty file', () => {
    const file = writeFile(tmpDir(), 'empty.blastmap', '');
    expect(() => openCase(file)).toThrow(/not a Blastmap case file/);
  });

  it('refuses a case written by a newer schema with a clear message', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'future.blastmap');
    openCase(file, { create: true }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(() => openCase(file)).toThrow(
      new RegExp(`newer Blastmap \\(case schema v${SCHEMA_VERSION + 3}; this version reads up to v${SCHEMA_VERSION}\\)`),
    );
  });

  it('keeps the audit trail append-only even against direct SQL', async () => {
    const t = await TestCase.create();
    expect(() => t.db.prepare('UPDATE audit SET actor = ?').run('mallory')).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    t.close();
  });

  it('opens read-only so that SQLite itself refuses writes', async () => {
    const t = await TestCase.create();
    t.close();
    const kase = openCase(t.path, { readOnly: true });
    expect(() => kase.db.prepare(`INSERT INTO meta (key, value) VALUES ('x', 'y')`).run()).toThrow(/readonly/i);
    kase.close();
  });
});

describe('evidence verification', () => {
  it('reports each source as match, changed or missing', async () => {
    const t = await TestCase.create();
    const a = writeFile(t.dir, 'a.csv', 'id,kind,criticality\ndb,database,high\n');
    const b = writeFile(t.dir, 'b.csv', 'cidr,class\n10.0.0.0/8,corporate\n');
    const c = writeFile(t.dir, 'c.csv', 'principal,relation,target\nx,member_of,g\n');
    await t.call('import.files', { paths: [a, b, c] });
    fs.appendFileSync(b, '192.168.0.0/16,corporate\n');
    fs.rmSync(c);
    const result = await t.call('case.verifySources');
    expect(result.map((r) => [path.basename(r.path), r.status])).toEqual([
      ['a.csv', 'match'],
      ['b.csv', 'changed'],
      ['c.csv', 'missing'],
    ]);
    const audit = await t.call('case.audit', {});
    expect(audit[0]).toMatchObject({ action: 'sources.verify', detail: { match: 1 } });
    t.close();
  });
});
