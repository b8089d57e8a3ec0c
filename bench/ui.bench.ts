// The workbench in the browser on the S case (issue 17): the real server and engine, the built renderer and
// Debian's Chromium (playwright-core), as test/e2e/harness.ts serves them. Measures, on the warm case, the time
// from asking for each screen (setting its route) to its first content, and the frame times (requestAnimationFrame
// deltas in the page) while the mouse wheel zooms and drags pan a ~2,000-element graph in the explorer: the
// biggest neighbourhood of the case (a system with a thousand grants into it), opened as the analyst would
// (Enter, "← access", open the group). The case is built once with the demo generator at the given size into
// bench/out (gitignored) and copied for each run. Not part of `npm test`: `npm run bench -- --only ui`.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildDemoCase, isSizeName } from '../main/demo/index.ts';
import { DEMO_SEED } from '../main/demo/build-demo-case.ts';
import { startServer } from '../main/server/server.ts';
import { buildRenderer } from '../scripts/build.ts';
import { median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const CHROMIUM = process.env.BLASTMAP_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Issue 17: no screen over 1 s to first content once the case is warm. */
const SCREEN_TARGET_MS = 1000;
/** Issue 17: pan and zoom "without freezing": no frame as long as this while the graph moves. */
const FREEZE_MS = 500;

interface Target {
  name: string;
  hash: string;
  selector: string;
}

const mod: BenchModule = {
  title: 'Workbench in the browser (screens to first content, pan/zoom of a 2,000-element graph)',
  async run({ size, repetitions }) {
    const name = isSizeName(size) ? size : 'S';
    const figures: BenchFigure[] = [];
    if (!fs.existsSync(CHROMIUM)) {
      return [{ name: 'Chromium', value: Number.NaN, unit: '', note: `${CHROMIUM} is missing (BLASTMAP_BENCH_CHROMIUM names another)` }];
    }
    const cached = await caseFor(name, figures);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-ui-bench-'));
    const casePath = path.join(work, 'bench.blastmap');
    fs.copyFileSync(cached, casePath);
    const picks = pickTargets(casePath);
    await buildRenderer();
    const server = await startServer({ casePath });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      page.setDefaultTimeout(600_000);
      // Counted from the first page load on: the app opens on the Overview, whose calls start before any route is set.
      const calls = engineCalls(page);
      await page.goto(server.url);
      const label = `${name} (${picks.identities.toLocaleString('en-US')} identities)`;
      await screens(page, calls, label, picks, Math.max(1, repetitions), figures);
      await graph(page, label, picks.hub, figures);
    } finally {
      await browser.close();
      await server.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
    return figures;
  },
};
export default mod;

/** The case of this size, built once (generate, import, detectors) like `npm start` builds the demo case. */
async function caseFor(size: string, figures: BenchFigure[]): Promise<string> {
  const file = path.resolve(import.meta.dirname, 'out', `ui-${size}-${DEMO_SEED}.blastmap`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const building = `${file}.building-${process.pid}`;
  const t0 = performance.now();
  await buildDemoCase(building, { size: size as 'S' });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
  fs.renameSync(building, file);
  figures.push({
    name: `${size}: build the case once (generate, import, detectors)`,
    value: (performance.now() - t0) / 1000,
    unit: 's',
    note: `kept in ${path.relative(process.cwd(), file)}`,
  });
  return file;
}

interface Picks {
  identities: number;
  top: string;
  system: string;
  hub: { id: string; kind: string; edges: number };
}

/** What to open, read from the case itself: the widest blast radius, a critical system, the biggest neighbourhood. */
function pickTargets(casePath: string): Picks {
  const db = new Database(casePath, { readonly: true, fileMustExist: true });
  try {
    const one = <T>(sql: string) => db.prepare(sql).get() as T;
    const identities = one<{ n: number }>(`SELECT count(*) AS n FROM node WHERE kind = 'identity'`).n;
    // An identity with many grants: its pages (identity, blast radius, paths, explorer) have the most to show.
    const top = one<{ key: string }>(
      `SELECT n.key FROM edge e JOIN node n ON n.id = e.src WHERE n.kind = 'identity' GROUP BY e.src ORDER BY count(*) DESC LIMIT 1`,
    ).key;
    const system = one<{ key: string }>(`SELECT key FROM node WHERE kind = 'system' ORDER BY criticality = 'critical' DESC, id LIMIT 1`).key;
    const hub = one<{ key: string; kind: string; c: number }>(
      `SELECT n.key, e.kind, count(*) AS c FROM edge e JOIN node n ON n.id = e.dst GROUP BY e.dst, e.kind ORDER BY c DESC LIMIT 1`,
    );
    return { identities, top, system, hub: { id: hub.key, kind: hub.kind, edges: hub.c } };
  } finally {
    db.close();
  }
}

async function screens(page: Page, calls: EngineCalls, label: string, picks: Picks, reps: number, figures: BenchFigure[]): Promise<void> {
  const e = encodeURIComponent;
  const targets: Target[] = [
    { name: 'Overview', hash: '#/overview', selector: '[data-testid="investigate-first"] tbody tr' },
    { name: 'Inventory (identities)', hash: '#/inventory/identities', selector: '.grid-body [role="row"], [role="row"][aria-rowindex]' },
    { name: 'Identity', hash: `#/identity/${e(picks.top)}`, selector: '[data-testid="identity-kind"]' },
    { name: 'System', hash: `#/system/${e(picks.system)}`, selector: '[data-testid="exposure"] tbody tr' },
    { name: 'Findings', hash: '#/findings', selector: '.finding-row-main' },
    { name: 'Blast radius', hash: `#/graph/${e(picks.top)}`, selector: '.reach-graph canvas' },
    { name: 'Attack paths', hash: `#/walk?from=${e(picks.top)}&to=%40crown`, selector: '.path-choice, .walker .muted' },
    { name: 'Graph explorer', hash: `#/explore/${e(picks.top)}`, selector: '.explorer-canvas canvas' },
    { name: 'Events', hash: '#/events', selector: '.events-row' },
  ];
  // Warm: each screen once, untimed, left only when every call it made has been answered (the engine builds its
  // graph and derives and caches each screen's answers, the slow secondary ones included; the page loads its code).
  // Leaving at first content instead would leave a cold secondary answer running into the next screen's time.
  for (const t of targets) {
    await firstContent(page, t, 600_000);
    await calls.settled();
  }
  for (const t of targets) {
    const runs: number[] = [];
    for (let r = 0; r < reps; r++) runs.push(await firstContent(page, t));
    const ms = median(runs);
    process.stderr.write(`bench: ${t.name}: ${runs.map((x) => Math.round(x)).join(', ')} ms\n`);
    figures.push({
      name: `${label}: ${t.name}, route → first content (warm)`,
      value: ms,
      unit: 'ms',
      target: `≤ ${SCREEN_TARGET_MS} ms`,
      met: ms <= SCREEN_TARGET_MS,
      note: `median of ${runs.length}: ${runs.map((x) => Math.round(x)).join(', ')} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
    });
  }
}

/** The page's calls to the engine in flight: settled() waits until none has been for a moment. */
interface EngineCalls {
  settled(): Promise<void>;
}

function engineCalls(page: Page): EngineCalls {
  let open = 0;
  let lastChange = performance.now();
  const isCall = (url: string) => new URL(url).pathname === '/api/call';
  const change = (d: number) => (url: string) => {
    if (!isCall(url)) return;
    open += d;
    lastChange = performance.now();
  };
  const up = change(1);
  const down = change(-1);
  page.on('request', (r) => up(r.url()));
  page.on('requestfinished', (r) => down(r.url()));
  page.on('requestfailed', (r) => down(r.url()));
  return {
    async settled() {
      while (open > 0 || performance.now() - lastChange < 500) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

/** From leaving a neutral screen for the target's route to its selector being in the page, measured in the page. */
async function firstContent(page: Page, t: Target, timeoutMs = 120_000): Promise<number> {
  await page.evaluate(() => {
    location.hash = '#/home';
  });
  await page.waitForTimeout(200);
  return page.evaluate(
    ({ hash, selector, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const give = setTimeout(() => reject(new Error(`${hash}: ${selector} did not appear in ${timeoutMs / 1000} s`)), timeoutMs);
        const look = () => {
          if (document.querySelector(selector)) {
            clearTimeout(give);
            resolve(performance.now() - t0);
          } else requestAnimationFrame(look);
        };
        location.hash = hash;
        requestAnimationFrame(look);
      }),
    { ...t, timeoutMs },
  );
}

async function graph(page: Page, label: string, hub: Picks['hub'], figures: BenchFigure[]): Promise<void> {
  await page.evaluate((id) => {
    location.hash = `#/explore/${encodeURIComponent(id)}`;
  }, hub.id);
  const count = page.getByTestId('explorer-count');
  await page.waitForFunction(() => /1 nodes · 0 edges/.test(document.querySelector('[data-testid="explorer-count"]')?.textContent ?? ''));
  const frame = page.locator('.explorer-frame');
  await frame.focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('menu')
    .getByRole('menuitem', { name: new RegExp(`^← ${hub.kind.replace(/_/g, ' ')}`) })
    .click();
  await page.waitForFunction(() => /2 nodes · 1 edges/.test(document.querySelector('[data-testid="explorer-count"]')?.textContent ?? ''));
  // The group of a thousand: select it with an arrow key, open it (past the cap, the analyst is asked: draw all).
  await frame.focus();
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
    if (/group of/.test((await page.getByTestId('explorer-selected').textContent()) ?? '')) break;
    await page.keyboard.press(key);
  }
  const opened = performance.now();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button', { name: /^Draw all/ }).click();
  await page.waitForFunction(() => {
    const m = /([\d,]+) \/ /.exec(document.querySelector('[data-testid="explorer-count"]')?.textContent ?? '');
    return m !== null && Number(m[1].replace(/,/g, '')) > 1000;
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="explorer-layout"]') === null);
  const drawnMs = performance.now() - opened;
  const elements = Number(/([\d,]+) \//.exec((await count.textContent()) ?? '')![1].replace(/,/g, ''));
  figures.push({
    name: `${label}: explorer, open a group of ${hub.edges.toLocaleString('en-US')} (${elements.toLocaleString('en-US')} elements drawn)`,
    value: drawnMs,
    unit: 'ms',
    note: 'keypress to the picture drawn, seen from the bench process',
  });

  const box = (await frame.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await frame.focus();
  await page.keyboard.press('f');
  await page.mouse.move(centre.x, centre.y);
  const zoom = await framesWhile(page, async () => {
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
  });
  // A drag pans only from the background: the emptiest point of the fitted canvas (farthest from any node).
  await frame.focus();
  await page.keyboard.press('f');
  const empty = await page.locator('.explorer-canvas').evaluate((el) => {
    const cy = (
      el as HTMLElement & {
        _cyreg: {
          cy: { width(): number; height(): number; nodes(): { map<T>(f: (n: { renderedPosition(): { x: number; y: number } }) => T): T[] } };
        };
      }
    )._cyreg.cy;
    const at = cy.nodes().map((n) => n.renderedPosition());
    let best = { x: 20, y: cy.height() - 20, d: -1 };
    for (let x = 20; x < cy.width() - 20; x += 25) {
      for (let y = 60; y < cy.height() - 20; y += 25) {
        let d = Infinity;
        for (const p of at) d = Math.min(d, Math.hypot(p.x - x, p.y - y));
        if (d > best.d) best = { x, y, d };
      }
    }
    return best;
  });
  const from = { x: box.x + empty.x, y: box.y + empty.y };
  const pan = await framesWhile(page, async () => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(from.x + 150 * Math.sin(i / 6), from.y + 90 * (Math.cos(i / 6) - 1));
    await page.mouse.up();
  });
  const conditions = `software-rendered Chromium, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`;
  for (const [what, frames] of [
    ['zoom (mouse wheel)', zoom],
    ['pan (drag on the background)', pan],
  ] as const) {
    const worst = Math.max(...frames.all);
    const n = `${label}: ${elements.toLocaleString('en-US')} elements, ${what}`;
    figures.push({
      name: `${n}: frame p50`,
      value: percentile(frames.all, 0.5),
      unit: 'ms',
      note: `${frames.all.length} frames while the input ran, ${frames.renders} redraws; ${frames.moved}`,
    });
    figures.push({
      name: `${n}: frame p95`,
      value: percentile(frames.all, 0.95),
      unit: 'ms',
      target: `no freeze (every frame < ${FREEZE_MS} ms)`,
      met: worst < FREEZE_MS,
      note: `worst ${Math.round(worst)} ms; ${conditions}`,
    });
  }
  // The input above leaves frames with nothing to draw between events; here every frame moves the picture (zoom,
  // then pan, a step per frame), so each delta is what one redraw of the whole picture costs.
  const every = await redrawEveryFrame(page);
  for (const [what, frames] of [
    ['zoom', every.zoom],
    ['pan', every.pan],
  ] as const) {
    const n = `${label}: ${elements.toLocaleString('en-US')} elements, ${what} redrawn every frame`;
    figures.push({ name: `${n}: frame p50`, value: percentile(frames, 0.5), unit: 'ms', note: `${frames.length} frames` });
    figures.push({
      name: `${n}: frame p95`,
      value: percentile(frames, 0.95),
      unit: 'ms',
      note: `worst ${Math.round(Math.max(...frames))} ms; ${conditions}`,
    });
  }
}

async function redrawEveryFrame(page: Page): Promise<{ zoom: number[]; pan: number[] }> {
  return page.locator('.explorer-canvas').evaluate(
    (el) =>
      new Promise((resolve) => {
        const cy = (
          el as HTMLElement & {
            _cyreg: { cy: { zoom(o?: unknown): number; panBy(p: { x: number; y: number }): void; width(): number; height(): number } };
          }
        )._cyreg.cy;
        const centre = { x: cy.width() / 2, y: cy.height() / 2 };
        const z0 = cy.zoom();
        const out = { zoom: [] as number[], pan: [] as number[] };
        let last = performance.now();
        let i = 0;
        const step = (now: number) => {
          if (i > 0) (i <= 60 ? out.zoom : out.pan).push(now - last);
          last = now;
          i++;
          if (i <= 60) cy.zoom({ level: z0 * (1 + 0.3 * Math.sin(i / 8)), renderedPosition: centre });
          else if (i <= 120) cy.panBy({ x: 4 * Math.cos(i / 8), y: 3 * Math.sin(i / 8) });
          if (i <= 121) requestAnimationFrame(step);
          else resolve(out);
        };
        requestAnimationFrame(step);
      }),
  );
}

interface Frames {
  /** Every requestAnimationFrame delta while the input ran. */
  all: number[];
  /** How many times the canvas redrew meanwhile (cytoscape's 'render' event). */
  renders: number;
  /** The viewport before and after: proof that the input moved the picture (a drag on a node would not pan). */
  moved: string;
}

/** requestAnimationFrame deltas in the page while `drive` runs (the first one, from before it, left out). */
async function framesWhile(page: Page, drive: () => Promise<void>): Promise<Frames> {
  await page.locator('.explorer-canvas').evaluate((el) => {
    const cy = (
      el as HTMLElement & {
        _cyreg: { cy: { on(e: string, f: () => void): void; off(e: string): void; pan(): { x: number; y: number }; zoom(): number } };
      }
    )._cyreg.cy;
    const w = window as unknown as { __frames: { all: number[]; renders: number }; __recording: boolean; __view: string };
    w.__frames = { all: [], renders: 0 };
    w.__recording = true;
    w.__view = `zoom ${cy.zoom().toFixed(3)}, pan ${Math.round(cy.pan().x)},${Math.round(cy.pan().y)}`;
    cy.off('render');
    cy.on('render', () => {
      w.__frames.renders++;
    });
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.all.push(now - last);
      last = now;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await drive();
  // The frame that draws the last input.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.locator('.explorer-canvas').evaluate((el) => {
    const cy = (el as HTMLElement & { _cyreg: { cy: { off(e: string): void; pan(): { x: number; y: number }; zoom(): number } } })._cyreg.cy;
    const w = window as unknown as { __frames: { all: number[]; renders: number }; __recording: boolean; __view: string };
    w.__recording = false;
    cy.off('render');
    const now = `zoom ${cy.zoom().toFixed(3)}, pan ${Math.round(cy.pan().x)},${Math.round(cy.pan().y)}`;
    return { all: w.__frames.all.slice(1), renders: w.__frames.renders, moved: `${w.__view} → ${now}` };
  });
}

function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
