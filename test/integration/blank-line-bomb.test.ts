// Blank lines cost almost nothing (issue 19, bounded work on hostile input): a .csv.gz or .log.gz of a header then
// 64 MB of newlines stays inside the inflation allowance (64 MB before the ratio applies), and papaparse or readline
// took 27–42 s (minutes on a busy machine) to read it. Now blank lines are dropped before the parser; what the
// importers report about real files (rows, rejects, row and line numbers) is unchanged. The time limit here only
// detects a hang; the speed itself is for benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TestCase, tmpDir } from '../helpers.ts';

const MB = 2 ** 20;
const HANG = 20_000;

/** `head` then 64 MB of `blank` (a 16 MB gzip member repeated: cheap to build, and every reader takes all members). */
function bomb(file: string, head: string, blank: string): string {
  const block = zlib.gzipSync(Buffer.from(blank.repeat((16 * MB) / blank.length)), { level: 9 });
  fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(head), block, block, block, block]));
  return file;
}

const dir = tmpDir();
let t: TestCase | undefined;
afterAll(() => t?.close());

describe('a file of blank lines', () => {
  it('imports a .csv.gz of a header, one row and 64 MB of newlines in seconds', async () => {
    t = await TestCase.create();
    const file = bomb(path.join(dir, 'identities.csv.gz'), 'id,name,kind\r\nsvc-a,A,service_account\r\n', '\r\n');
    const started = Date.now();
    const { sources } = await t.call('import.files', { paths: [file] });
    expect(Date.now() - started).toBeLessThan(HANG);
    expect(sources[0]).toMatchObject({ format: 'identities-csv', rows: 1, loaded: 1, rejected: 0 });
  }, 60_000);

  it('imports a .log.gz of one sshd line and 64 MB of newlines in seconds, numbering the last line right', async () => {
    t?.close();
    t = await TestCase.create();
    const line = 'Mar  3 10:00:01 web1 sshd[1234]: Accepted publickey for deploy from 203.0.113.5 port 51234 ssh2: RSA SHA256:Zm9v\n';
    const file = bomb(path.join(dir, 'auth.log.gz'), line, '\n');
    fs.appendFileSync(file, zlib.gzipSync('Mar  3 10:00:09 web1 sshd[1240]: Invalid user admin from 999.1.1.1 port 4242\n'));
    const started = Date.now();
    const { sources } = await t.call('import.files', { paths: [file], year: 2025 });
    expect(Date.now() - started).toBeLessThan(HANG);
    expect(sources[0]).toMatchObject({ format: 'linux-auth-log', rows: 2, loaded: 1, rejected: 1 });
    // The reject's line number counts every blank line before it.
    expect(t.db.prepare('SELECT locator FROM reject').pluck().all()).toEqual([`line ${2 + 64 * MB}`]);
  }, 60_000);
});

describe('blank lines in real files', () => {
  it('keeps CSV row numbers (counted among non-blank rows) and values with blank lines inside quotes', async () => {
    t?.close();
    t = await TestCase.create();
    const csv =
      'id,name,kind,owner,environment,status,created_at,last_used_at,provider,tags\n\n' +
      'svc-a,"Backup\n\nagent",service_account,,prod,active,,,,\n   \n,,,\n' +
      'svc-b,B,spaceship,,prod,active,,,,\n\n\n';
    const s = await t.importText('identities.csv', csv);
    expect(s).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
    expect(t.db.prepare('SELECT locator FROM reject').pluck().all()).toEqual(['row 3']);
    expect(t.db.prepare("SELECT name FROM node WHERE key = 'svc-a'").pluck().get()).toBe('Backup\n\nagent');
  });
});
