// The HTTP wire of shared/api/transport.ts against the real engine in its worker: calls, NDJSON progress
// during an import of an uploaded file, cancellation, and evidence (read-only) mode.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { tmpDir } from '../helpers.ts';
import { apiCall, bearer, CSV_DIR, importedCase, ndjson, request } from './server-helpers.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ casePath: await importedCase(), rendererDir: tmpDir() });
});
afterAll(() => server?.close());

/** An auth-events CSV big enough to report progress (the importer reports every 16k rows). */
/** `distinct`: every row a new identity, which makes the import slow enough to cancel midway on any machine. */
function authEvents(rows: number, salt: string, distinct = false): string {
  const lines = ['timestamp,identity,credential,source_ip,user_agent,action,target,outcome'];
  const start = Date.parse('2024-05-01T00:00:00Z');
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${new Date(start + i * 1000).toISOString()},svc-${salt}-${distinct ? i : i % 50},,10.0.${(i >> 8) & 255}.${i & 255},cli/1,GetObject,prod-db,success`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function upload(name: string, body: string): Promise<string> {
  const r = await request(server.port, { method: 'POST', path: `/api/upload?name=${name}`, body, headers: bearer(server.token) });
  expect(r.status).toBe(200);
  return JSON.parse(r.body).path;
}

describe('local server: API over HTTP', () => {
  it('answers case.info for the case it was started on, with its counts', async () => {
    const lines = await apiCall(server.port, server.token, 'info-1', 'case.info');
    expect(lines).toHaveLength(1);
    const info = lines[0].result;
    expect(lines[0].ok).toBe(true);
    expect(info.nodes.system).toBe(3);
    expect(info.edges.access).toBe(3);
    expect(info.authEvents).toBe(3);
    expect(info.sources).toBe(6);
    expect(info.readOnly).toBe(false);
  });

  it('streams NDJSON progress lines, then one result line, while importing an uploaded file', async () => {
    const file = await upload('events.csv', authEvents(60_000, 'p'));
    const lines = await apiCall(server.port, server.token, 'imp-1', 'import.files', { paths: [file] });
    const progress = lines.slice(0, -1);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const p of progress) {
      expect(Object.keys(p)).toEqual(['progress']);
      expect(p.progress.task).toBe('import');
    }
    expect(progress.at(-1).progress.done).toBe(progress.at(-1).progress.total);
    const last = lines.at(-1);
    expect(last.ok).toBe(true);
    expect(last.result.sources[0]).toMatchObject({ format: 'auth-events-csv', rows: 60_000, loaded: 60_000, rejected: 0 });
    const info = (await apiCall(server.port, server.token, 'info-2', 'case.info'))[0].result;
    expect(info.authEvents).toBe(60_003);
  });

  it('cancels a running import through /api/cancel; the case is left as it was', async () => {
    const before = (await apiCall(server.port, server.token, 'info-3', 'case.info'))[0].result.authEvents;
    const file = await upload('many-events.csv', authEvents(400_000, 'c', true));
    const lines: any[] = [];
    let cancelAnswer: unknown;
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call',
          agent: false,
          headers: { ...bearer(server.token), host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', async (chunk: string) => {
            buffered += chunk;
            const complete = buffered.slice(0, buffered.lastIndexOf('\n') + 1);
            buffered = buffered.slice(complete.length);
            for (const line of ndjson(complete)) {
              lines.push(line);
              if (line.progress && cancelAnswer === undefined) {
                cancelAnswer = null;
                const r = await request(server.port, {
                  method: 'POST',
                  path: '/api/cancel',
                  body: JSON.stringify({ id: 'imp-2' }),
                  headers: bearer(server.token),
                });
                cancelAnswer = JSON.parse(r.body);
              }
            }
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ id: 'imp-2', method: 'import.files', params: { paths: [file] } }));
    });
    expect(cancelAnswer).toEqual({ cancelled: true });
    // Whether the cancel lands while rows load or during the finishing steps, the answer is the same kind.
    expect(lines.at(-1)).toMatchObject({ ok: false, error: { code: 'cancelled', message: expect.stringMatching(/cancelled/) } });
    const after = (await apiCall(server.port, server.token, 'info-4', 'case.info'))[0].result.authEvents;
    expect(after).toBe(before);
  });

  it('cancels the work of a browser that disconnects mid-call, and keeps serving', async () => {
    const before = (await apiCall(server.port, server.token, 'info-5', 'case.info'))[0].result.authEvents;
    const file = await upload('abandoned.csv', authEvents(400_000, 'd', true));
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call',
          agent: false,
          headers: { ...bearer(server.token), host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          // The first progress line proves the import runs; then the "browser" goes away.
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => {});
      req.on('close', () => resolve());
      req.end(JSON.stringify({ id: 'gone-1', method: 'import.files', params: { paths: [file] } }));
      setTimeout(() => reject(new Error('no progress within 60 s')), 60_000);
    });
    // The engine runs one call at a time, so this answers only after the abandoned import stopped.
    const info = (await apiCall(server.port, server.token, 'info-6', 'case.info'))[0].result;
    expect(info.authEvents).toBe(before);
    const sources = (await apiCall(server.port, server.token, 'src-1', 'case.sources'))[0].result as { file: string }[];
    expect(sources.some((s) => s.file === 'abandoned.csv')).toBe(false);
  });

  it('answers cancel for an unknown call id without effect', async () => {
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/cancel',
      body: JSON.stringify({ id: 'nope' }),
      headers: bearer(server.token),
    });
    expect(JSON.parse(r.body)).toEqual({ cancelled: false });
  });
});

describe('local server: evidence mode', () => {
  /** The error line of a call that must be refused. */
  async function refused(port: number, token: string, id: string, method: string, params: unknown = {}) {
    const last = (await apiCall(port, token, id, method, params)).at(-1);
    expect(last.ok, `${method} should be refused`).toBe(false);
    return last.error as { code: string; message: string };
  }

  it('with readOnly, the case cannot be changed and case.open over HTTP cannot make it writable', async () => {
    const ro = await startServer({ casePath: await importedCase(), readOnly: true, rendererDir: tmpDir() });
    try {
      const info = (await apiCall(ro.port, ro.token, 'a', 'case.info'))[0].result;
      expect(info.readOnly).toBe(true);
      expect(await refused(ro.port, ro.token, 'b', 'case.open', { path: info.path, readOnly: false })).toMatchObject({ code: 'read-only' });
      // The refusal left the case open, read-only.
      expect((await apiCall(ro.port, ro.token, 'b2', 'case.info'))[0].result).toMatchObject({ path: info.path, readOnly: true });
      const reopened = (await apiCall(ro.port, ro.token, 'b3', 'case.open', { path: info.path }))[0];
      expect(reopened.result.readOnly).toBe(true);
      const file = tmpDir();
      expect(await refused(ro.port, ro.token, 'c', 'import.files', { paths: [file] })).toMatchObject({ code: 'read-only' });
    } finally {
      await ro.close();
    }
  });

  it('is a property of the server: after close, failed opens and demo.open nothing can be created, opened writable or written', async () => {
    const home = tmpDir();
    const casePath = await importedCase();
    // A demo case already on disk: demo.open used to open it writable once no case was open.
    const demo = path.join(home, 'demo.blastmap');
    fs.copyFileSync(await importedCase(), demo);
    const demoBytes = fs.readFileSync(demo);
    const previousHome = process.env.BLASTMAP_HOME;
    process.env.BLASTMAP_HOME = home; // read by the engine worker, which copies the environment when it starts
    // Granted (casesDir, allowRead) so that what refuses below is evidence mode, not the file boundary.
    const ro = await startServer({ casePath, readOnly: true, rendererDir: tmpDir(), casesDir: home, allowRead: [CSV_DIR, home] });
    process.env.BLASTMAP_HOME = previousHome ?? '';
    if (previousHome === undefined) delete process.env.BLASTMAP_HOME;
    const caseBytes = fs.readFileSync(casePath);
    const { port, token } = ro;
    try {
      // A failed open (no such file) leaves the case that was open.
      expect(await refused(port, token, 'o1', 'case.open', { path: path.join(home, 'missing.blastmap') })).toMatchObject({ code: 'bad-case' });
      expect((await apiCall(port, token, 'o2', 'case.info'))[0].result).toMatchObject({ path: casePath, readOnly: true });

      expect((await apiCall(port, token, 'c1', 'case.close'))[0].result).toEqual({ closed: true });
      const created = path.join(home, 'new.blastmap');
      expect(await refused(port, token, 'c2', 'case.open', { path: created, create: true })).toMatchObject({ code: 'read-only' });
      expect(fs.existsSync(created)).toBe(false);
      expect(await refused(port, token, 'd1', 'demo.open')).toMatchObject({ code: 'read-only', message: expect.stringMatching(/evidence mode/) });
      expect((await apiCall(port, token, 'd2', 'case.info'))[0].error.code).toBe('no-case');

      expect((await apiCall(port, token, 'r1', 'case.open', { path: casePath }))[0].result.readOnly).toBe(true);
      expect(await refused(port, token, 'm1', 'graph.mark', { id: 'svc-deploy', mark: 'compromised' })).toMatchObject({ code: 'read-only' });
      expect(await refused(port, token, 'm2', 'findings.triage', { id: 'x', status: 'accepted-risk' })).toMatchObject({ code: 'read-only' });
      expect(await refused(port, token, 'i1', 'import.files', { paths: [path.join(CSV_DIR, 'identities.csv')] })).toMatchObject({
        code: 'read-only',
      });
      const source = path.join(home, 'people.csv');
      fs.writeFileSync(source, 'Who,Display,Type\nsvc-x,X,service_account\n');
      expect(
        await refused(port, token, 'p1', 'mapping.apply', {
          path: source,
          target: 'identities-csv',
          mapping: { id: 'Who', name: 'Display', kind: 'Type' },
        }),
      ).toMatchObject({ code: 'read-only' });
      expect(fs.readdirSync(home).sort()).toEqual(['demo.blastmap', 'people.csv']);
      const upload = await request(port, { method: 'POST', path: '/api/upload?name=x.csv', body: 'id,name\n', headers: bearer(token) });
      expect(upload.status).toBe(403);
    } finally {
      await ro.close();
    }
    expect(fs.readFileSync(demo).equals(demoBytes)).toBe(true);
    expect(fs.readFileSync(casePath).equals(caseBytes)).toBe(true);
  });

  it('outside evidence mode too, a failed case.open leaves the open case open', async () => {
    const before = (await apiCall(server.port, server.token, 'f1', 'case.info'))[0].result;
    const failed = (await apiCall(server.port, server.token, 'f2', 'case.open', { path: path.join(path.dirname(before.path), 'none.blastmap') })).at(
      -1,
    );
    expect(failed.error.code).toBe('bad-case');
    expect((await apiCall(server.port, server.token, 'f3', 'case.info'))[0].result).toMatchObject({ path: before.path, readOnly: false });
  });
});
