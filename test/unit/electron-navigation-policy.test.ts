// Where Electron windows may go and what the app:// protocol serves.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_START_URL, appRequestPath, isAppUrl, mayNavigate, mayOpenWindow, mayRequest } from '../../main/electron/navigation-policy.ts';
import { appResponse } from '../../main/electron/protocol.ts';
import { ROOT, tmpDir, writeFile } from '../helpers.ts';

describe('Electron navigation policy', () => {
  it('recognises only our own app:// origin', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://blastmap/app.js')).toBe(true);
    for (const url of [
      'https://blastmap/',
      'http://127.0.0.1/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://user:pw@blastmap/',
      'javascript:alert(1)',
      'data:text/html,x',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('refuses every navigation away from the start page, and every new window', () => {
    expect(mayNavigate(APP_START_URL)).toBe(true);
    expect(mayNavigate(`${APP_START_URL}#/identities`)).toBe(true);
    for (const url of [
      'https://example.com/',
      'file:///tmp/evil.html',
      'app://blastmap/other.html',
      'app://blastmap/app.js',
      'about:blank',
      'chrome://settings',
    ]) {
      expect(mayNavigate(url), url).toBe(false);
    }
    expect(mayOpenWindow(APP_START_URL)).toBe(false);
    expect(mayOpenWindow('https://example.com')).toBe(false);
  });

  it('main.ts applies the policy to main-frame, subframe and redirected navigations (audit: no will-frame-navigate handler)', () => {
    const source = fs.readFileSync(path.join(ROOT, 'main', 'electron', 'main.ts'), 'utf8');
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(source, event).toMatch(
        new RegExp(
          `contents\\.on\\('${event}', \\((?:event|details)[^)]*\\) => \\{\\s*if \\(!mayNavigate\\((?:url|details\\.url)\\)\\) (?:event|details)\\.preventDefault\\(\\);`,
        ),
      );
    }
  });

  it('lets the renderer request nothing but app:// (no remote content)', () => {
    expect(mayRequest('app://blastmap/app.css')).toBe(true);
    expect(mayRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(mayRequest('blob:app://blastmap/6f1c0f5e-1a2b-4c3d-8e9f-000000000000')).toBe(true);
    for (const url of [
      'https://cdn.example/x.js',
      'http://127.0.0.1:8080/',
      'ws://localhost/',
      'file:///etc/hosts',
      'blob:https://evil.example/x',
      'ftp://x/',
    ]) {
      expect(mayRequest(url), url).toBe(false);
    }
  });

  it('serves dist/renderer files with the CSP, and nothing outside it', () => {
    const dist = tmpDir();
    const renderer = path.join(dist, 'renderer');
    writeFile(renderer, 'index.html', '<!doctype html>');
    writeFile(renderer, 'app.js', 'x()');
    writeFile(dist, 'secret.txt', 'secret');
    const page = appResponse(APP_START_URL, 'GET', renderer);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toMatch(/^text\/html/);
    expect(page.headers['Content-Security-Policy']).toContain("default-src 'self'");
    expect(appResponse('app://blastmap/app.js', 'GET', renderer).body?.toString()).toBe('x()');
    for (const url of [
      'app://blastmap/../secret.txt',
      'app://blastmap/%2e%2e/secret.txt',
      'app://blastmap/..%2fsecret.txt',
      'app://other/app.js',
      'https://blastmap/app.js',
    ]) {
      const r = appResponse(url, 'GET', renderer);
      expect(r.status, url).toBe(404);
      expect(r.body?.toString()).not.toContain('secret');
    }
    expect(appResponse('app://blastmap/app.js', 'POST', renderer).status).toBe(405);
    expect(appRequestPath('app://blastmap/')).toBe('/');
  });
});
