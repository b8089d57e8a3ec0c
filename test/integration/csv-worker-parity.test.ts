// A big auth_events file is read by the byte-level parse worker, a small one by the papaparse stream.
// The same hostile content must land identically either way: here the big file goes through the worker
// and its gzip (small on disk, so streamed) through papaparse, and every event and reject is compared.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seeded, TestCase } from '../helpers.ts';

const HEADER = 'Timestamp,Identity,Credential,Source_IP,User_Agent,Action,Target,Outcome,ASN,Country';

/** One row of a kind chosen at random; most are ordinary, as in real logs. */
function row(i: number, random: () => number): string {
  const ts = `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:07Z`;
  const who = `svc-${i % 211}`;
  const kind = Math.floor(random() * 40);
  switch (kind) {
    case 0:
      return `${ts},"${who}","key-${i % 7}",10.0.0.${i % 9},"Mozilla/5.0 (X11; Linux, x86_64)",Read,db-1,success,AS64500,DE`;
    case 1:
      return `${ts},"svc ""quoted"" ${i % 5}",,10.0.0.1,ua,Read,,failure,,`;
    case 2:
      return `${ts},${who},,10.0.0.2,"agent with a\nnewline ${i % 3}",Write,db-2,success,,`;
    case 3:
      return `${ts},  ${who}  , key-1 ,  10.0.0.3 ,ua,Read,db-3, ok ,,`;
    case 4:
      return `${ts},"${who}"  ,"key-2"\t,10.0.0.4,ua,Read,db-4,denied,,`;
    case 5:
      return `${ts},ünïcode-${i % 4},,2001:db8::${i % 5},ua-ü,Read,,success,64501,FR`;
    case 6:
      return `${ts},\u00a0${who}\u00a0,,10.0.0.5:443,ua,Read,,success,,`;
    case 7:
      return `${ts},,key-${i % 11},[2001:db8::1],ua,Read,db-1,success,,`;
    case 8:
      return `31/12/2024,${who},,10.0.0.6,ua,Read,,success,,`;
    case 9:
      return `${ts},${who},,10.0.0.7,ua,Read,,maybe,,`;
    case 10:
      return `${ts},,,10.0.0.8,ua,Read,,success,,`;
    case 11:
      return random() < 0.5 ? '' : ' , ,';
    case 12:
      return `${ts},${who},,not-an-ip,ua,Read,,success,,`;
    case 13:
      return `${ts},${who}`;
    case 14:
      return `${ts},${who},key-3,10.0.0.9,ua,Read,db-5,success,AS4200000001,US,extra,cells`;
    case 15:
      return `${ts},a"b-${i % 3},,10.0.0.10,ua,Read,,success,,`;
    case 16:
      return `${ts},"${who}"x,,10.0.0.11,ua,Read,,success,,`;
    case 17:
      return `2024-03-01 10:00:00+02:00,${who},,10.0.0.12,ua,Read,,success,,`;
    // The same bytes inside and outside quotes are different values (x""y and x"y).
    case 18:
      return `${ts},x""y,,10.0.0.13,ua,Read,,success,,`;
    case 19:
      return `${ts},"x""y",,10.0.0.13,ua,Read,,success,,`;
    default:
      return `${ts},${who},key-${i % 17},10.1.${i % 256}.${i % 7},agent/${i % 13},${i % 3 ? 'Read' : 'Write'},db-${i % 29},${i % 9 ? 'success' : 'failure'},,`;
  }
}

function events(t: TestCase) {
  return t.db
    .prepare(
      `SELECT e.ts, i.key AS identity, c.key AS credential, COALESCE(address_text(e.ip), ip.value) AS ip, ua.value AS ua, a.value AS action,
      tt.value AS target, e.outcome, e.asn, e.country, e.locator, e.props
    FROM auth_event e LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential
    LEFT JOIN term ip ON ip.id = e.ip LEFT JOIN term ua ON ua.id = e.user_agent LEFT JOIN term a ON a.id = e.action
    LEFT JOIN term tt ON tt.id = e.target_term ORDER BY e.locator, e.id`,
    )
    .all();
}

/** What the events rolled up: usage per node pair, references still waiting for a node, and the nodes themselves. */
function rollUp(t: TestCase) {
  return {
    usage: t.db
      .prepare(
        `SELECT s.key AS src, d.key AS dst, u.first_seen, u.last_seen, u.count FROM usage u
      JOIN node s ON s.id = u.src JOIN node d ON d.id = u.dst ORDER BY s.key, d.key`,
      )
      .all(),
    pending: t.db
      .prepare(
        `SELECT p.kind, coalesce(t.value, n.key) AS ref, p.first_event, p.last_event FROM pending_ref p
      LEFT JOIN term t ON p.kind = 'target' AND t.id = p.ref LEFT JOIN node n ON p.kind = 'owner' AND n.id = p.ref
      ORDER BY p.kind, ref`,
      )
      .all(),
    nodes: t.db.prepare('SELECT key, kind, unresolved FROM node ORDER BY key').all(),
  };
}

function rejects(t: TestCase) {
  return t.db.prepare('SELECT locator, reason, excerpt FROM reject ORDER BY id').all();
}

/** The hostile file: a BOM, CRLF newlines and, at the end, a quote the file never closes (it swallows the rest: papaparse's rule). */
function hostileText(): string {
  const random = seeded(7);
  const rows = [HEADER];
  for (let i = 0; i < 125_000; i++) rows.push(row(i, random));
  return `\uFEFF${rows.join('\r\n')}\r\n2024-03-02T00:00:00Z,svc-last,,10.0.0.1,"open quote\r\n2024-03-02T00:00:01Z,x`;
}

/** Imports `big` (over 8 MB: the worker) and `small` (its gzip: the papaparse stream) into two cases and compares all they hold. */
async function expectSameLoad(big: Buffer, small: Buffer): Promise<void> {
  expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
  expect(small.length).toBeLessThan(8 * 1024 * 1024);
  const worker = await TestCase.create();
  const stream = await TestCase.create();
  // Some targets and key owners are known before the events arrive, the rest are not.
  for (const t of [worker, stream]) {
    await t.importText('systems.csv', 'id,kind\ndb-1,database\ndb-2,database\n');
    await t.importText('credentials.csv', 'id,identity,type\nkey-1,svc-owner,access_key\nkey-3,svc-7,access_key\n');
  }
  const viaWorker = await worker.importText('big.csv', big);
  const viaStream = await stream.importText('big.csv.gz', small);
  expect(viaWorker.format).toBe('auth-events-csv');
  expect({ ...viaWorker, file: '' }).toEqual({ ...viaStream, file: '' });
  expect(viaWorker.rejected).toBeGreaterThan(1000);

  const a = events(worker),
    b = events(stream);
  expect(a.length).toBe(viaWorker.loaded);
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) expect(a[i]).toEqual(b[i]);
  expect(rejects(worker)).toEqual(rejects(stream));
  const rolled = rollUp(worker);
  expect(rolled.usage.length).toBeGreaterThan(100);
  expect(rolled.pending.length).toBeGreaterThan(10);
  expect(rolled).toEqual(rollUp(stream));
  worker.close();
  stream.close();
}

describe('the byte-level parse worker and the papaparse stream', () => {
  it('load the same hostile auth_events content identically, rows, rejects and row numbers included', async () => {
    const text = Buffer.from(hostileText(), 'utf8');
    await expectSameLoad(text, zlib.gzipSync(text));
  }, 120_000);

  it('load the same content from a UTF-16 file (transcoded for the worker) identically', async () => {
    const text = Buffer.from(hostileText(), 'utf16le'); // starts with the BOM FF FE
    expect([text[0], text[1]]).toEqual([0xff, 0xfe]);
    await expectSameLoad(text, zlib.gzipSync(text));
  }, 120_000);

  it('load a semicolon-separated file with CR-only newlines identically (delimiter and newline sniffed as papaparse does)', async () => {
    const lines = ['timestamp;identity;credential;source_ip;user_agent;outcome'];
    for (let i = 0; i < 150_000; i++) {
      const agent = i % 10 === 0 ? `"agent; with ""quotes"" ${i % 7}"` : `agent-${i % 7}`;
      lines.push(
        `2024-03-01T00:00:${String(i % 60).padStart(2, '0')}Z;svc-${i % 97};key-${i % 31};10.0.${i & 255}.1;${agent};${i % 11 ? 'success' : 'failure'}`,
      );
    }
    lines.push('not-a-time;svc-1;;10.0.0.1;x;success');
    const text = Buffer.from(lines.join('\r'));
    const gzip = zlib.gzipSync(text);
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    expect(gzip.length).toBeLessThan(8 * 1024 * 1024);
    const a = await TestCase.create(),
      b = await TestCase.create();
    const viaWorker = await a.importText('semi.csv', text);
    expect(viaWorker).toMatchObject({ format: 'auth-events-csv', loaded: 150_000, rejected: 1 });
    expect({ ...viaWorker, file: '' }).toEqual({ ...(await b.importText('semi.csv.gz', gzip)), file: '' });
    expect(events(a)).toEqual(events(b));
    expect(rejects(a)).toEqual(rejects(b));
    expect(a.db.prepare(`SELECT count(*) FROM term WHERE value = 'agent; with "quotes" 3'`).pluck().get()).toBe(1);
    a.close();
    b.close();
  }, 120_000);

  it('read a big gzip file in the worker as they read it plain', async () => {
    // Random ids keep the gzip itself over 8 MB, so both files take the worker path.
    const random = seeded(11);
    const hex = () =>
      Math.floor(random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    const lines = ['timestamp,identity,credential,source_ip,user_agent,outcome'];
    for (let i = 0; i < 220_000; i++)
      lines.push(
        `2024-03-01T00:00:${String(i % 60).padStart(2, '0')}Z,svc-${hex()},key-${hex()}${hex()},10.0.${i & 255}.1,agent-${hex()}${hex()}${hex()}${hex()},${i % 7 ? 'success' : 'failure'}`,
      );
    const plain = Buffer.from(lines.join('\n'));
    const gzip = zlib.gzipSync(plain);
    expect(gzip.length).toBeGreaterThan(8 * 1024 * 1024);
    const a = await TestCase.create(),
      b = await TestCase.create();
    expect(await a.importText('e.csv', plain)).toMatchObject({ loaded: 220_000 });
    expect(await b.importText('e.csv.gz', gzip)).toMatchObject({ loaded: 220_000 });
    expect(events(b)).toEqual(events(a));
    a.close();
    b.close();
  }, 120_000);

  it('refuse a big file where a quote never closes, naming the row, and leave the case as it was', async () => {
    const t = await TestCase.create();
    const rows = [HEADER];
    for (let i = 0; i < 300_000; i++) rows.push(`2024-03-01T00:00:00Z,svc-${i % 50},,10.0.0.1,agent-${i},Read,db-1,success,,`);
    rows[1000] = '2024-03-01T00:00:00Z,svc-1,,10.0.0.1,"an agent whose quote never closes,Read,db-1,success,,';
    const text = rows.join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(16 * 1024 * 1024);
    await expect(t.importText('broken.csv', text)).rejects.toThrow(/row 1001: a record runs on for more than 16 MB \(a quote never closed\?\)/);
    expect(await t.call('case.info')).toMatchObject({ sources: 0, authEvents: 0 });
    t.close();
  }, 60_000);

  it('keep every value right when the worker dictionary starts over and usage is handed over in parts', async () => {
    // 600k rows, each with a new identity and key: 1.2M distinct values (the dictionary starts over past 1M)
    // and 600k distinct usage spans (handed over past 500k).
    const rows = 600_000;
    const lines = ['timestamp,identity,credential,source_ip,outcome'];
    for (let i = 0; i < rows; i++) lines.push(`2024-03-01T00:00:00Z,user-${i},key-${i},10.0.${i & 255}.1,success`);
    const t = await TestCase.create();
    expect(await t.importText('distinct.csv', lines.join('\n'))).toMatchObject({ rows, loaded: rows, rejected: 0 });
    const wrong = t.db
      .prepare(
        `SELECT count(*) FROM auth_event e JOIN node i ON i.id = e.identity JOIN node c ON c.id = e.credential
      WHERE i.key <> 'user-' || (e.locator - 2) OR c.key <> 'key-' || (e.locator - 2)`,
      )
      .pluck()
      .get();
    expect(wrong).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM auth_event WHERE identity IS NOT NULL AND credential IS NOT NULL').pluck().get()).toBe(rows);
    const usage = t.db
      .prepare(
        `SELECT count(*) AS pairs, sum(u.count) AS events, sum(s.key = 'key-' || substr(d.key, 6)) AS matching
      FROM usage u JOIN node s ON s.id = u.src JOIN node d ON d.id = u.dst`,
      )
      .get();
    expect(usage).toEqual({ pairs: rows, events: rows, matching: rows });
    t.close();
  }, 120_000);
});
