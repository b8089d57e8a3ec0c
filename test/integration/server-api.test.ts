// The HTTP wire of shared/api/transport.ts against the real engine in its worker: calls, NDJSON progress
// during an import of an uploaded file, cancellation, and evidence (read-only) mode.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { tmpDir } from '../helpers.ts';
import { apiCall, bearer, importedCase, ndjson, request } from './server-helpers.ts';

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
    lines.push(`${new Date(start + i * 1000).toISOString()},svc-${salt}-${distinct ? i : i % 50},,10.0.${(i >> 8) & 255}.${i & 255},cli/1,GetObject,prod-db,success`);
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
      const req = http.request({
        host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/call', agent: false,
        headers: { ...bearer(server.token), host: `127.0.0.1:${server.port}` },
      }, (res) => {
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
              const r = await request(server.port, { method: 'POST', path: '/api/cancel', body: JSON.stringify({ id: 'imp-2' }), headers: bearer(server.token) });
              cancelAnswer = JSON.parse(r.body);
            }
          }
        });
        res.on('end', () => resolve());
        res.on('error', reject);
      });
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
      const req = http.request({
        host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/call', agent: false,
        headers: { ...bearer(server.token), host: `127.0.0.1:${server.port}` },
      }, (res) => {
        // The first progress line proves the import runs; then the "browser" goes away.
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
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
    const r = await request(server.port, { method: 'POST', path: '/api/cancel', body: JSON.stringify({ id: 'nope' }), headers: bearer(server.token) });
    expect(JSON.parse(r.body)).toEqual({ cancelled: false });
  });
});

describe('local server: evidence mode', () => {
  it('with readOnly, the case cannot be changed and case.open over HTTP cannot make it writable', async () => {
    const ro = await startServer({ casePath: await importedCase(), readOnly: true, rendererDir: tmpDir() });
    try {
      const info = (await apiCall(ro.port, ro.token, 'a', 'case.info'))[0].result;
      expect(info.readOnly).toBe(true);
      const reopened = (await apiCall(ro.port, ro.token, 'b', 'case.open', { path: info.path, readOnly: false }))[0];
      expect(reopened.result.readOnly).toBe(true);
      const file = tmpDir();
      const imported = (await apiCall(ro.port, ro.token, 'c', 'import.files', { paths: [file] })).at(-1);
      expect(imported.ok).toBe(false);
      expect(imported.error.code).toBe('read-only');
    } finally {
      await ro.close();
    }
  });
});
