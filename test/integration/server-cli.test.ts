// `blastmap serve` as the analyst runs it: exactly one URL line on stdout, a working page and API at that
// URL, and a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { apiCall, importedCase, request } from './server-helpers.ts';

describe('blastmap serve', () => {
  it('prints one URL line, serves the case behind its token, and stops on SIGTERM', async () => {
    const casePath = await importedCase();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'blastmap.js'), 'serve', casePath, '--read-only'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          stdout += c;
          if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
        });
        child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(line);
      expect(m, line).not.toBeNull();
      const port = Number(m![1]);
      const token = m![2];
      expect((await request(port, { path: `/?token=${token}` })).status).not.toBe(401);
      expect((await request(port, { path: '/' })).status).toBe(401);
      const info = (await apiCall(port, token, 'i', 'case.info'))[0].result;
      expect(info.readOnly).toBe(true);
      expect(info.sources).toBe(6);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toBe(`${line}\n`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits with code 2 and a clear message when the port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'blastmap.js'), 'serve', await importedCase(), '--port', String(port)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it('refuses a missing case with exit code 2 and prints no URL', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'blastmap.js'), 'serve', path.join(ROOT, 'no-such-dir', 'x.blastmap')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });
});
