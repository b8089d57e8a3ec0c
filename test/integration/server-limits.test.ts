// The local server under clients that misbehave: silent or slow connections are closed, requests nested
// thousands deep get a clean answer (they used to get none and crash the engine worker), the token is taken
// from the URL only on a page load, and file-system errors read as such. Each case was an audit finding.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiError } from '../../main/api/dispatch.ts';
import { EngineClient } from '../../main/api/engine-client.ts';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { TestCase, tmpDir } from '../helpers.ts';
import { apiCall, bearer, importedCase, request } from './server-helpers.ts';

let server: RunningServer;
const TIMEOUTS = { headersMs: 600, requestMs: 1_500, idleMs: 800 };

beforeAll(async () => {
  server = await startServer({ casePath: await importedCase(), rendererDir: tmpDir(), timeouts: TIMEOUTS });
});
afterAll(() => server?.close());

/** Opens a raw connection, lets `drive` write to it, and resolves with how long the server kept it and what it said. */
function connection(drive: (socket: net.Socket) => void, giveUpMs = 6_000): Promise<{ closedAfterMs: number | null; said: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let said = '';
    const socket = net.connect(server.port, '127.0.0.1', () => drive(socket));
    socket.on('data', (d) => {
      said += d.toString('latin1');
    });
    socket.on('error', () => {});
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ closedAfterMs: null, said });
    }, giveUpMs);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, said });
    });
  });
}

describe('local server: connection limits', () => {
  it('closes a connection on which nothing is ever sent', async () => {
    const r = await connection(() => {});
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.idleMs + 1_500);
  });

  it('closes a connection whose headers trickle in (slowloris)', async () => {
    let timer: NodeJS.Timeout | undefined;
    const r = await connection((socket) => {
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write('X-a: b\r\n');
      }, 100);
    });
    clearInterval(timer);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.headersMs + 2_000);
  });

  it('closes a request whose body trickles in', async () => {
    let timer: NodeJS.Timeout | undefined;
    const r = await connection((socket) => {
      socket.write(
        `POST /api/call HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"id":"slow",`,
      );
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(' ');
      }, 100);
    });
    clearInterval(timer);
    expect(r.closedAfterMs).not.toBeNull();
    expect(r.closedAfterMs!).toBeLessThan(TIMEOUTS.requestMs + 2_000);
  });

  it('does not cut a call the engine works on for longer than the idle limit', async () => {
    const rows = ['timestamp,identity,credential,source_ip,user_agent,action,target,outcome'];
    for (let i = 0; i < 80_000; i++) rows.push(`2024-05-01T00:00:00Z,svc-long-${i},,10.0.0.1,cli/1,GetObject,prod-db,success`);
    const up = await request(server.port, {
      method: 'POST',
      path: '/api/upload?name=long.csv',
      body: `${rows.join('\n')}\n`,
      headers: bearer(server.token),
    });
    const started = Date.now();
    const lines = await apiCall(server.port, server.token, 'long-1', 'import.files', { paths: [JSON.parse(up.body).path] });
    expect(lines.at(-1)).toMatchObject({ ok: true, result: { sources: [{ loaded: 80_000 }] } });
    // Meaningful only if the call outlived the idle limit; on a very fast machine it may not.
    console.log(`long call took ${Date.now() - started} ms (idle limit ${TIMEOUTS.idleMs} ms)`);
  });
});

describe('local server: hostile request bodies', () => {
  it('answers a request nested 20,000 deep with a clean 400, and the engine keeps answering', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/call',
      headers: { ...bearer(server.token), 'content-type': 'application/json' },
      body: `{"id":"deep","method":"case.info","params":{"x":${deep}}}`,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatch(/nested deeper than 32 levels/);
    expect((await apiCall(server.port, server.token, 'after-deep', 'case.info'))[0].ok).toBe(true);
  });

  it('refuses an oversized body with 413 and a reason', async () => {
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/call',
      headers: { ...bearer(server.token), 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'big', method: 'case.info', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatch(/too large/);
  });

  it('answers deep parameters that reach the engine client directly (Electron IPC) with bad-request, and the engine lives', async () => {
    const engine = new EngineClient();
    try {
      let deep: unknown = 'leaf';
      for (let i = 0; i < 100_000; i++) deep = [deep];
      await expect(engine.request('case.info', { x: deep })).rejects.toMatchObject({
        code: 'bad-request',
        message: expect.stringMatching(/nested deeper/),
      });
      await expect(engine.request('case.info', {})).rejects.toMatchObject({ code: 'no-case' });
    } finally {
      await engine.close();
    }
  });
});

describe('local server: the token in the URL is for the first page load only', () => {
  it('refuses ?token= on API calls, uploads and cancels; accepts it on the page, which sets the cookie', async () => {
    for (const p of ['/api/call', '/api/upload?name=x.csv', '/api/cancel']) {
      const sep = p.includes('?') ? '&' : '?';
      const r = await request(server.port, {
        method: 'POST',
        path: `${p}${sep}token=${server.token}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'q', method: 'case.info', params: {} }),
      });
      expect(r.status, p).toBe(401);
    }
    const page = await request(server.port, { path: `/?token=${server.token}` });
    expect(page.status).not.toBe(401);
    expect(page.headers['set-cookie']?.[0]).toMatch(/^blastmap_token=[^;]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const cookie = page.headers['set-cookie']![0].split(';')[0];
    const call = await request(server.port, {
      method: 'POST',
      path: '/api/call',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'ck', method: 'case.info', params: {} }),
    });
    expect(call.status).toBe(200);
  });
});

describe('file-system errors', () => {
  it('are bad-input with a plain message, not internal with a raw ENOENT', async () => {
    const e = toApiError(Object.assign(new Error("ENOENT: no such file or directory, open '/x'"), { code: 'ENOENT', path: '/x' }));
    expect(e).toMatchObject({ code: 'bad-input', message: '/x: no such file or folder' });
    const t = await TestCase.create();
    try {
      await expect(t.call('import.detect', { path: '/nonexistent/evidence.csv' })).rejects.toMatchObject({ code: 'bad-input' });
    } finally {
      t.close();
    }
  });
});
