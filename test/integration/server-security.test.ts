// The local server lets nothing in without its token, from another Host, or from another site;
// each refusal is tested on its own, for every kind of route.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { tmpDir, writeFile } from '../helpers.ts';
import { bearer, importedCase, request } from './server-helpers.ts';

let server: RunningServer;
let rendererDir: string;

beforeAll(async () => {
  // A stand-in build of the renderer (the real one may not exist yet) plus a secret next to it.
  const dist = tmpDir();
  rendererDir = path.join(dist, 'renderer');
  writeFile(rendererDir, 'index.html', '<!doctype html><title>Blastmap</title><script type="module" src="app.js"></script>');
  writeFile(rendererDir, 'app.js', 'console.log("app")');
  writeFile(dist, 'secret.txt', 'not for the browser');
  server = await startServer({ casePath: await importedCase(), rendererDir, maxUploadBytes: 1024 });
});

afterAll(() => server?.close());

const ROUTES: { name: string; method: string; path: string; body?: string }[] = [
  { name: 'page', method: 'GET', path: '/' },
  { name: 'asset', method: 'GET', path: '/app.js' },
  { name: 'api call', method: 'POST', path: '/api/call', body: JSON.stringify({ id: 'x', method: 'case.info', params: {} }) },
  { name: 'cancel', method: 'POST', path: '/api/cancel', body: JSON.stringify({ id: 'x' }) },
  { name: 'upload', method: 'POST', path: '/api/upload?name=a.csv', body: 'id,name\n' },
];

describe('local server: authentication', () => {
  it('binds to loopback only: reachable on 127.0.0.1, refused on every other address of this machine', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(await connects('127.0.0.1', server.port)).toBe(true);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const address of ['::1', ...others]) expect(await connects(address, server.port), address).toBe(false);
  });

  for (const route of ROUTES) {
    it(`refuses the ${route.name} without a token (401)`, async () => {
      const r = await request(server.port, { method: route.method, path: route.path, body: route.body });
      expect(r.status).toBe(401);
      expect(r.body).not.toContain('console.log');
    });

    it(`refuses the ${route.name} with a wrong token, in every place a token can be (401)`, async () => {
      const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
      for (const headers of [bearer(wrong), { cookie: `blastmap_token=${wrong}` }]) {
        const r = await request(server.port, { method: route.method, path: route.path, body: route.body, headers });
        expect(r.status).toBe(401);
      }
      const sep = route.path.includes('?') ? '&' : '?';
      const viaQuery = await request(server.port, { method: route.method, path: `${route.path}${sep}token=${wrong}`, body: route.body });
      expect(viaQuery.status).toBe(401);
    });

    it(`refuses the ${route.name} with the right token but another Host (403, DNS rebinding)`, async () => {
      for (const host of ['evil.example:' + server.port, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `localhost.evil.example:${server.port}`]) {
        const r = await request(server.port, {
          method: route.method,
          path: route.path,
          body: route.body,
          headers: { ...bearer(server.token), host },
        });
        expect(r.status, host).toBe(403);
      }
    });
  }

  it('accepts the right token as Bearer, as cookie and (for the first page load) in the query', async () => {
    expect((await request(server.port, { path: '/app.js', headers: bearer(server.token) })).status).toBe(200);
    expect((await request(server.port, { path: '/app.js', headers: { cookie: `other=1; blastmap_token=${server.token}` } })).status).toBe(200);
    const page = await request(server.port, { path: `/?token=${server.token}`, headers: { host: `localhost:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Blastmap</title>');
    expect(page.headers['set-cookie']?.[0]).toBe(`blastmap_token=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('refuses POSTs from another site even with a valid token (403), and cross-site fetch metadata on any request', async () => {
    const body = JSON.stringify({ id: 'o', method: 'case.info', params: {} });
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`]) {
      const r = await request(server.port, { method: 'POST', path: '/api/call', body, headers: { ...bearer(server.token), origin } });
      expect(r.status, origin).toBe(403);
    }
    const sameOrigin = await request(server.port, {
      method: 'POST',
      path: '/api/call',
      body,
      headers: { ...bearer(server.token), origin: `http://127.0.0.1:${server.port}` },
    });
    expect(sameOrigin.status).toBe(200);
    for (const site of ['cross-site', 'same-site']) {
      const r = await request(server.port, { path: '/app.js', headers: { ...bearer(server.token), 'sec-fetch-site': site } });
      expect(r.status, site).toBe(403);
    }
  });
});

describe('local server: what it serves and how', () => {
  it('sends strict security headers and no CORS headers', async () => {
    const r = await request(server.port, { path: '/', headers: { ...bearer(server.token), origin: 'http://evil.example' } });
    const csp = String(r.headers['content-security-policy']);
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // The graph layout worker is a file from 'self' (dist/renderer/layout.worker.js): no blob: or data: workers.
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/blob:|worker-src[^;]*data:/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('never serves a file outside the renderer folder (path traversal)', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/app.js%00.html',
      '/.%2e/.%2e/etc/passwd',
      '//etc/passwd',
    ]) {
      const r = await request(server.port, { path: p, headers: bearer(server.token) });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('not for the browser');
    }
  });

  it('limits body sizes: a JSON call over 1 MB and an upload over the cap are refused with 413, leaving no file', async () => {
    const big = JSON.stringify({ id: 'b', method: 'case.info', params: { pad: 'x'.repeat(1_100_000) } });
    expect((await request(server.port, { method: 'POST', path: '/api/call', body: big, headers: bearer(server.token) })).status).toBe(413);
    const upload = await request(server.port, {
      method: 'POST',
      path: '/api/upload?name=big.csv',
      body: Buffer.alloc(2048, 65),
      headers: bearer(server.token),
    });
    expect(upload.status).toBe(413);
  });

  it('stores uploads under a sanitised name inside its private folder', async () => {
    const r = await request(server.port, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('../../etc/.bashrc\u0000;rm -rf.csv')}`,
      body: 'a,b\n',
      headers: bearer(server.token),
    });
    expect(r.status).toBe(200);
    const file = JSON.parse(r.body).path as string;
    expect(path.basename(file)).toBe('bashrc__rm -rf.csv');
    expect(fs.readFileSync(file, 'utf8')).toBe('a,b\n');
    const folder = path.dirname(path.dirname(file));
    expect(path.dirname(folder)).toBe(os.tmpdir());
    if (process.platform !== 'win32') expect(fs.statSync(folder).mode & 0o077).toBe(0);
  });

  it('rejects malformed API bodies and off-contract calls without running them', async () => {
    const bad = await request(server.port, { method: 'POST', path: '/api/call', body: '[1,2', headers: bearer(server.token) });
    expect(bad.status).toBe(400);
    const unknown = await request(server.port, {
      method: 'POST',
      path: '/api/call',
      body: JSON.stringify({ id: 'u', method: 'case.drop', params: {} }),
      headers: bearer(server.token),
    });
    expect(JSON.parse(unknown.body.trim())).toEqual({ ok: false, error: { code: 'bad-request', message: 'unknown method: case.drop' } });
    expect((await request(server.port, { path: '/api/call', headers: bearer(server.token) })).status).toBe(405);
  });
});

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
