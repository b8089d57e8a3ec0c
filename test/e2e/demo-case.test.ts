// The demo enterprise in Chromium: built from the Case home through the real engine (generator + importers),
// then the screens at a realistic size: overview ranking, a virtualized inventory of thousands of rows, and
// an identity with a large blast radius. (Detectors on the demo are covered by test/integration/demo-case;
// the findings screen flow by import-and-investigate.)
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;

beforeAll(async () => {
  // The demo case lives in BLASTMAP_HOME; the engine worker inherits the environment.
  process.env.BLASTMAP_HOME = path.join(tmpDir('blastmap-e2e-demo-'), 'home');
  wb = await openWorkbench({});
}, 60_000);
afterAll(async () => {
  await wb?.close();
});

describe('demo case in Chromium', () => {
  it('builds and opens the demo case from the case home, with progress', async () => {
    const { page } = wb;
    await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Open demo case' }).click();
    await page.getByRole('progressbar', { name: 'Building the demo case' }).waitFor();
    // Long work shows its rate while it runs.
    await eventually(() => page.getByRole('region', { name: 'Demo case' }).textContent(), 60_000).toMatch(/[\d,]+ rows\/s/);
    // The build's speed is a benchmark (bench/start.bench.ts); here only that it finishes, on a loaded CI machine too.
    await page.getByTestId('lifecycle').waitFor({ timeout: 150_000 });
    await eventually(() => page.locator('.topbar').textContent()).toContain('demo.blastmap');
  }, 180_000);

  it('ranks identities by blast radius on the overview', async () => {
    const { page } = wb;
    const top = page.getByTestId('top-blast');
    await top.waitFor({ timeout: 20_000 });
    expect(await top.locator('tbody tr').count()).toBe(10);
    await screenshot(page, 'demo-overview');
  }, 30_000);

  it('scrolls thousands of identities while drawing only the visible rows', async () => {
    const { page } = wb;
    await nav(page, 'Inventory').click();
    const grid = page.getByRole('grid', { name: 'identities' });
    await grid.locator('.grid-row [role="gridcell"]').first().waitFor();
    const total = Number((await grid.getAttribute('aria-rowcount')) ?? 0);
    expect(total).toBeGreaterThan(1000);
    await grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await eventually(() =>
      grid
        .locator(`[aria-rowindex="${Math.floor(total / 2)}"] [role="gridcell"]`)
        .first()
        .textContent(),
    ).not.toBe('');
    expect(await grid.locator('.grid-row').count()).toBeLessThan(100);
    await screenshot(page, 'demo-inventory');
  });

  it('opens the identity with the largest blast radius', async () => {
    const { page } = wb;
    await nav(page, 'Overview').click();
    await page.getByTestId('top-blast').locator('tbody tr a').first().click();
    await page.getByTestId('blast-summary').waitFor({ timeout: 20_000 });
    await screenshot(page, 'demo-identity');
  }, 30_000);

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
