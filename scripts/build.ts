// Builds what the engine does not run from source: the renderer bundle (dist/renderer: index.html with
// the CSP meta tag, app.js, app.css) and the Electron entry points (dist/electron/*.cjs). esbuild only,
// well under two seconds. Without renderer/main.tsx the renderer step is skipped with a message.
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { META_CONTENT_SECURITY_POLICY } from '../main/server/csp.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RENDERER_ENTRY = path.join(ROOT, 'renderer', 'main.tsx');
export const RENDERER_OUT = path.join(ROOT, 'dist', 'renderer');
const ELECTRON_OUT = path.join(ROOT, 'dist', 'electron');

export async function buildAll(): Promise<void> {
  const started = Date.now();
  await Promise.all([buildRenderer(), buildElectron()]);
  process.stdout.write(`build: done in ${Date.now() - started} ms\n`);
}

export async function buildRenderer(): Promise<void> {
  if (!fs.existsSync(RENDERER_ENTRY)) {
    process.stdout.write('build: renderer/main.tsx does not exist yet; skipping the renderer bundle\n');
    return;
  }
  const staging = `${RENDERER_OUT}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { app: RENDERER_ENTRY, ...rendererWorkers() },
    outdir: staging,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
    assetNames: 'assets/[name]-[hash]',
    logLevel: 'warning',
  });
  // index.html always links app.css; an app without CSS imports still gets the (empty) file.
  if (!fs.existsSync(path.join(staging, 'app.css'))) fs.writeFileSync(path.join(staging, 'app.css'), '');
  fs.writeFileSync(path.join(staging, 'index.html'), hardenedIndexHtml(readIndexHtml()));
  // Swap in one step so a server never serves half a build.
  fs.rmSync(RENDERER_OUT, { recursive: true, force: true });
  fs.renameSync(staging, RENDERER_OUT);
}

/**
 * Web Workers (e.g. graph layout) must be files from 'self' under the CSP (no blob: workers), so every
 * renderer file named *.worker.ts (any folder) becomes its own bundle: `new Worker('layout.worker.js', { type: 'module' })`.
 */
function rendererWorkers(): Record<string, string> {
  const dir = path.dirname(RENDERER_ENTRY);
  const entries: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.worker.ts')) entries[entry.name.slice(0, -3)] = path.join(entry.parentPath, entry.name);
  }
  return entries;
}

function readIndexHtml(): string {
  const own = path.join(ROOT, 'renderer', 'index.html');
  if (fs.existsSync(own)) return fs.readFileSync(own, 'utf8');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Blastmap</title>
<link rel="stylesheet" href="app.css"></head>
<body><div id="root"></div><script type="module" src="app.js"></script></body>
</html>
`;
}

/** Puts our CSP meta tag first in <head> and refuses pages that would need a weaker policy. */
export function hardenedIndexHtml(html: string): string {
  const problems: string[] = [];
  if (/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/i.test(html)) problems.push('an inline <script>');
  if (/\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler (on...=)');
  if (/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.test(html)) problems.push('remote content (src/href to another host)');
  if (/javascript:/i.test(html)) problems.push('a javascript: URL');
  if (problems.length) throw new Error(`renderer/index.html has ${problems.join(', ')}; the CSP forbids it`);
  const withoutOldCsp = html.replace(/<meta[^>]+http-equiv=["']?Content-Security-Policy["']?[^>]*>\s*/gi, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">`;
  if (!/<head[^>]*>/i.test(withoutOldCsp)) throw new Error('renderer/index.html has no <head>');
  return withoutOldCsp.replace(/<head([^>]*)>/i, `<head$1>\n${meta}`);
}

export async function buildElectron(): Promise<void> {
  const workers = findWorkerEntries(path.join(ROOT, 'main'));
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node22',
    external: ['electron', 'better-sqlite3'],
    logLevel: 'warning' as const,
    // import.meta does not exist in CommonJS; these stand-ins keep createRequire() and friends working.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname' },
    plugins: [workerPaths],
  };
  const entries: [string, string][] = [
    [path.join(ROOT, 'main', 'electron', 'main.ts'), 'main.cjs'],
    ...workers.map((w): [string, string] => [w, `${path.basename(w, '.ts')}.cjs`]),
  ];
  await Promise.all([
    ...entries.map(([entry, out]) => build({ ...common, entryPoints: [entry], outfile: path.join(ELECTRON_OUT, out) })),
    // A sandboxed preload may require only 'electron' (and a few polyfills): no banner, nothing else.
    build({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
      logLevel: 'warning',
      entryPoints: [path.join(ROOT, 'main', 'electron', 'preload.ts')],
      outfile: path.join(ELECTRON_OUT, 'preload.cjs'),
    }),
  ]);
}

const WORKER_URL = /new URL\((['"])\.\/([\w.-]+)\.ts\1,\s*import\.meta\.url\)/g;

/**
 * The engine starts worker threads from TypeScript files next to the caller (Node runs them directly).
 * In the Electron bundle each such worker is its own dist/electron/<name>.cjs; this finds them.
 */
function findWorkerEntries(dir: string): string[] {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(WORKER_URL)) found.add(path.join(path.dirname(file), `${m[2]}.ts`));
  }
  return [...found].filter((f) => fs.existsSync(f)).sort();
}

/** Rewrites `new URL('./x.ts', import.meta.url)` to the bundled worker's path next to the bundle. */
const workerPaths: Plugin = {
  name: 'worker-paths',
  setup(b) {
    b.onLoad({ filter: /[\\/]main[\\/].*\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!WORKER_URL.test(source)) return undefined;
      WORKER_URL.lastIndex = 0;
      return { contents: source.replace(WORKER_URL, (_m, _q, name: string) => `require('node:path').join(__dirname, '${name}.cjs')`), loader: 'ts' };
    });
  },
};

if (import.meta.main) {
  buildAll().catch((err: unknown) => {
    process.stderr.write(`build failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
