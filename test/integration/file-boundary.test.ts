// The engine's file boundary (main/api/file-boundary.ts) through the real transports: a token holder or a
// compromised renderer can name only paths the shell granted (uploads, `serve --allow`, the cases folder,
// Electron's dialogs and drops). Each refusal here was an audit finding: the old engine read, created and wrote
// wherever a request said.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../main/api/engine-client.ts';
import { FileBoundary } from '../../main/api/file-boundary.ts';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { tmpDir, writeFile } from '../helpers.ts';
import { apiCall, bearer, CSV_DIR, importedCase, request } from './server-helpers.ts';

const SECRET = 'root:$6$not-for-the-browser$:19000:0:99999:7:::';
let server: RunningServer;
let casesDir: string;
let outside: string;
let secretFile: string;

beforeAll(async () => {
  const casePath = await importedCase();
  casesDir = path.dirname(casePath);
  outside = tmpDir('blastmap-outside-');
  secretFile = writeFile(outside, 'shadow', `${SECRET}\nalice:x:1000\n`);
  server = await startServer({ casePath, rendererDir: tmpDir(), allowRead: [CSV_DIR] });
});
afterAll(() => server?.close());

async function answer(method: string, params: unknown): Promise<any> {
  return (await apiCall(server.port, server.token, `c${Math.random()}`, method, params)).at(-1);
}

describe('file boundary: a browser reads and writes only what the analyst chose', () => {
  it('import.detect does not return the first lines of a file nobody granted (/etc/shadow, /proc/self/environ)', async () => {
    for (const p of [secretFile, '/proc/self/environ', '/etc/passwd', `${CSV_DIR}/../../../../etc/passwd`]) {
      const a = await answer('import.detect', { path: p });
      expect(a.ok, p).toBe(false);
      expect(a.error.code).toBe('forbidden');
      expect(JSON.stringify(a)).not.toContain('root:');
    }
    // The same refusal for a file that does not exist: existence does not leak.
    expect((await answer('import.detect', { path: path.join(outside, 'nothing-here') })).error.code).toBe('forbidden');
  });

  it('a symlink inside a granted folder cannot point outside it', async () => {
    const allowed = tmpDir('blastmap-allowed-');
    writeFile(allowed, 'real.csv', 'id,name,kind\nsvc-a,A,service_account\n');
    fs.symlinkSync(secretFile, path.join(allowed, 'innocent.csv'));
    const s = await startServer({ rendererDir: tmpDir(), allowRead: [allowed] });
    try {
      const ok = (await apiCall(s.port, s.token, 'a', 'import.detect', { path: path.join(allowed, 'real.csv') })).at(-1);
      expect(ok.result.format).toBe('identities-csv');
      const linked = (await apiCall(s.port, s.token, 'b', 'import.detect', { path: path.join(allowed, 'innocent.csv') })).at(-1);
      expect(linked.error.code).toBe('forbidden');
      expect(JSON.stringify(linked)).not.toContain('root:');
    } finally {
      await s.close();
      fs.rmSync(allowed, { recursive: true, force: true });
    }
  });

  it('import.files and intel.import refuse ungranted paths; granted folders and uploads import', async () => {
    expect((await answer('import.files', { paths: [secretFile] })).error.code).toBe('forbidden');
    expect((await answer('import.files', { paths: [outside] })).error.code).toBe('forbidden');
    expect((await answer('intel.import', { path: secretFile })).error.code).toBe('forbidden');
    const r = await request(server.port, {
      method: 'POST',
      path: '/api/upload?name=people.csv',
      body: 'id,name,kind\nsvc-up,Up,service_account\n',
      headers: bearer(server.token),
    });
    const uploaded = JSON.parse(r.body).path as string;
    expect((await answer('import.detect', { path: uploaded })).result.format).toBe('identities-csv');
    expect((await answer('import.files', { paths: [uploaded] })).result.sources[0]).toMatchObject({ loaded: 1 });
    // Allowed with `serve --allow`: already imported, so skipped, but read.
    expect((await answer('import.files', { paths: [CSV_DIR] })).ok).toBe(true);
  });

  it('case.open {create: true} creates nothing outside the cases folder, nor through a symlink in it', async () => {
    const planted = path.join(outside, 'planted.blastmap');
    const a = await answer('case.open', { path: planted, create: true });
    expect(a.error.code).toBe('forbidden');
    expect(fs.existsSync(planted)).toBe(false);
    expect((await answer('case.open', { path: path.join(outside, '..', path.basename(outside), 'x.blastmap'), create: true })).error.code).toBe(
      'forbidden',
    );
    // Only case files: not other files in the folder.
    expect((await answer('case.open', { path: path.join(casesDir, 'notes.txt'), create: true })).error.code).toBe('forbidden');
    expect(fs.existsSync(path.join(casesDir, 'notes.txt'))).toBe(false);
    // A link planted in the cases folder does not lead a new case (or an open one) elsewhere.
    const victim = path.join(outside, 'victim.blastmap');
    fs.symlinkSync(victim, path.join(casesDir, 'linked.blastmap'));
    expect((await answer('case.open', { path: path.join(casesDir, 'linked.blastmap'), create: true })).error.code).toBe('forbidden');
    expect(fs.existsSync(victim)).toBe(false);
    // Inside the cases folder, a new case can be created and the start case reopened.
    const info = (await answer('case.info', {})).result;
    const fresh = path.join(casesDir, 'second.blastmap');
    expect((await answer('case.open', { path: fresh, create: true })).result.path).toBe(fresh);
    expect((await answer('case.open', { path: info.path })).result.path).toBe(info.path);
  });

  it('the shell grants over its own channel: an Electron drop or dialog makes a file readable, a request cannot', async () => {
    const engine = new EngineClient({ grants: [] });
    try {
      await expect(engine.request('import.detect', { path: secretFile })).rejects.toMatchObject({ code: 'forbidden' });
      // A request cannot smuggle a grant: the contract has no such method and strict params refuse extras.
      await expect(engine.request('import.detect', { path: secretFile, grant: true } as never)).rejects.toMatchObject({ code: 'bad-request' });
      engine.grant([{ kind: 'read', path: outside }]);
      const detected = await engine.request('import.detect', { path: secretFile });
      expect(detected.file).toBe(secretFile);
      await expect(engine.request('case.open', { path: path.join(outside, 'c.blastmap'), create: true })).rejects.toMatchObject({
        code: 'forbidden',
      });
      engine.grant([{ kind: 'case', path: path.join(outside, 'c.blastmap') }]);
      expect((await engine.request('case.open', { path: path.join(outside, 'c.blastmap'), create: true })).readOnly).toBe(false);
    } finally {
      await engine.close();
    }
  });
});

describe('FileBoundary', () => {
  it('judges paths after resolving .. and symlinks, and ignores relative or malformed grants', () => {
    const root = tmpDir('blastmap-root-');
    writeFile(root, 'a/b.csv', 'x');
    const b = new FileBoundary([
      { kind: 'read', path: path.join(root, 'a') },
      { kind: 'read', path: 'relative/dir' },
    ]);
    expect(() => b.checkRead(path.join(root, 'a', 'b.csv'), 'reading')).not.toThrow();
    expect(() => b.checkRead(path.join(root, 'a', '..', 'a', 'b.csv'), 'reading')).not.toThrow();
    expect(() => b.checkRead(path.join(root, 'a', '..', 'other.csv'), 'reading')).toThrow(/not chosen/);
    expect(() => b.checkRead(`${path.join(root, 'a')}-sibling/x.csv`, 'reading')).toThrow(/not chosen/);
    expect(() => b.checkRead('relative/dir/x', 'reading')).toThrow(/not chosen/);
    expect(() => b.checkCase(path.join(root, 'a', 'c.blastmap'), true)).toThrow(/not chosen/);
  });
});
