// `npm start` on a fresh machine: builds (or finds) the demo case and, without an Electron binary,
// starts browser mode, says why, and prints the URL — within the 30-second budget.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/start.ts';
import { ROOT, tmpDir } from '../helpers.ts';
import { apiCall, request } from './server-helpers.ts';

describe('npm start', () => {
  it('reaches a case in browser mode in well under 30 s from an empty home', async () => {
    const home = tmpDir();
    const withElectron = electronBinary() !== null;
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.ts'), ...(withElectron ? ['--browser'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BLASTMAP_HOME: path.join(home, 'blastmap'), BLASTMAP_CONFIG_DIR: path.join(home, 'config') },
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (c) => {
          stdout += c;
          if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
        });
        child.once('exit', (code) => reject(new Error(`start exited (${code}): ${stderr}`)));
      });
      expect(Date.now() - started).toBeLessThan(30_000);
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(url);
      expect(m, url).not.toBeNull();
      if (!withElectron) expect(stderr).toMatch(/Electron's binary is not installed.*browser/);
      const port = Number(m![1]);
      expect((await request(port, { path: `/?token=${m![2]}` })).status).not.toBe(401);
      const info = (await apiCall(port, m![2], 'i', 'case.info'))[0].result;
      expect(info.path.startsWith(path.join(home, 'blastmap'))).toBe(true);
      expect(info.sources).toBeGreaterThan(0);
      expect(Object.values(info.nodes as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
