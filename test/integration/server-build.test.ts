// The renderer build served by the local server and the Electron app:// protocol: a CSP meta tag in
// index.html, no inline script, no remote content; pages that would need a weaker policy are refused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../main/server/csp.ts';
import { hardenedIndexHtml, RENDERER_ENTRY, RENDERER_OUT } from '../../scripts/build.ts';

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="app.css"></head><body><div id="root"></div><script type="module" src="app.js"></script></body></html>';

describe('renderer build', () => {
  it('puts the CSP meta tag first in <head>, replacing any other', () => {
    const html = hardenedIndexHtml(PAGE.replace('<head>', '<head><meta http-equiv="Content-Security-Policy" content="default-src *">'));
    expect(html).toContain(`<head>\n<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">`);
    expect(html).not.toContain('default-src *');
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors'); // ignored in meta tags
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it('refuses pages with inline scripts, inline handlers, javascript: URLs or remote content', () => {
    const bad = [
      PAGE.replace('<div id="root"></div>', '<script>alert(1)</script>'),
      PAGE.replace('<div id="root">', '<div id="root" onclick="x()">'),
      PAGE.replace('href="app.css"', 'href="https://cdn.example/app.css"'),
      PAGE.replace('src="app.js"', 'src="//cdn.example/app.js"'),
      PAGE.replace('<div id="root"></div>', '<a href="javascript:alert(1)">x</a>'),
    ];
    for (const html of bad) expect(() => hardenedIndexHtml(html), html).toThrow(/CSP forbids/);
  });

  it('the built dist/renderer (when the renderer exists) has the meta CSP, app.js, app.css and no inline script', () => {
    if (!fs.existsSync(RENDERER_ENTRY)) return; // nothing to build yet; the build says so and skips
    const index = fs.readFileSync(path.join(RENDERER_OUT, 'index.html'), 'utf8');
    expect(index).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    expect(() => hardenedIndexHtml(index)).not.toThrow();
    expect(fs.existsSync(path.join(RENDERER_OUT, 'app.js'))).toBe(true);
    expect(fs.existsSync(path.join(RENDERER_OUT, 'app.css'))).toBe(true);
    expect(fs.readFileSync(path.join(RENDERER_OUT, 'app.js'), 'utf8')).not.toMatch(/\bimport\s*\(\s*["']https?:/);
    // The explorer's layout worker is its own file beside app.js (worker-src 'self'), never a blob: URL.
    expect(fs.existsSync(path.join(RENDERER_OUT, 'layout.worker.js'))).toBe(true);
    expect(fs.readFileSync(path.join(RENDERER_OUT, 'app.js'), 'utf8')).not.toMatch(/createObjectURL\([^)]*\)[^;]{0,80}Worker/);
  });
});
