// End-to-end harness: the real server (`blastmap serve` in-process, engine in its worker) on a real case,
// and Debian's Chromium driven by playwright-core. Screenshots go to test-results/screens/<name>.png.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildRenderer } from '../../scripts/build.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../main/server/server.ts';
import { ROOT } from '../helpers.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENS = path.join(ROOT, 'test-results', 'screens');
const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Workbench {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Console errors and failed requests seen by the page: a healthy UI has none. */
  problems: string[];
  close(): Promise<void>;
}

let built: Promise<void> | null = null;

/** Builds the renderer once per test file so the suite never tests a stale bundle. */
export function ensureBuilt(): Promise<void> {
  built ??= buildRenderer();
  return built;
}

export async function openWorkbench(options: ServerOptions, colorScheme: 'light' | 'dark' = 'light'): Promise<Workbench> {
  await ensureBuilt();
  const server = await startServer(options);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  // Fail on the locator that did not appear, well before the test's own timeout.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(server.url);
  return {
    server,
    browser,
    page,
    problems,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The screen scrolls inside <main>, so the viewport is stretched to the content for a whole-screen picture. */
export async function screenshot(page: Page, name: string, options: { quick?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENS, { recursive: true });
  // quick: the viewport as it is, for screens that change by the second (a running import).
  if (options.quick) {
    await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
    return;
  }
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    const top = document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0;
    return Math.ceil((main?.scrollHeight ?? 0) + top);
  });
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 4000) });
  try {
    await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}

/** A screen link in the sidebar (other links on the page may carry the same words). */
export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true });
}

/** expect.poll with a timeout fit for a loaded CI machine (the default second is too short for the engine). */
export function eventually<T>(read: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}
