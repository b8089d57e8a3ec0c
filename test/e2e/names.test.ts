// Display names on the demo case, in Chromium against the real server: every screen an analyst reads shows the
// name a person understands, the id on hover and behind a copy button, long ids elided in the middle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseCopy } from './demo-fixture.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;

beforeAll(async () => {
  wb = await openWorkbench({ casePath: await demoCaseCopy() });
  await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb.server.url });
}, 180_000);
afterAll(async () => {
  await wb?.close();
});

const ORDERS_WORKER = 'arn:aws:iam::145272481798:user/svc-orders-worker-1937';

describe('names, not ids', () => {
  it('ranks identities by name on the overview, the id on hover', async () => {
    const { page } = wb;
    const top = page.getByTestId('top-blast');
    await top.waitFor({ timeout: 30_000 });
    const links = top.locator('tbody tr .node-name-text');
    expect(await links.count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      const link = links.nth(i);
      const [text, title] = [await link.textContent(), await link.getAttribute('title')];
      expect(title).toBeTruthy();
      // A name, never the raw ARN or GUID key it stands for.
      expect(text).not.toBe(title);
      expect(text).not.toMatch(/^arn:|^entra:/);
    }
    await screenshot(page, 'names-overview');
  }, 60_000);

  it('shows an AWS user by its user name, copies its ARN, and elides the ARN in the middle', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/identity/${encodeURIComponent(id)}`;
    }, ORDERS_WORKER);
    await expect.poll(() => page.locator('.identity-title').textContent(), { timeout: 20_000 }).toContain('svc-orders-worker-1937');
    expect(await page.locator('.identity-title').textContent()).not.toContain('arn:aws');
    await page.locator('.identity-title .copy-id').click();
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe(ORDERS_WORKER);
    // Narrow the id's box: the head gives way with an ellipsis, the distinctive tail stays whole.
    const id = page.locator('.identity-id');
    await id.evaluate((el) => {
      (el as HTMLElement).style.maxWidth = '220px';
    });
    const widths = await id.evaluate((el) => {
      const head = el.querySelector('.mid-head') as HTMLElement;
      const tail = el.querySelector('.mid-tail') as HTMLElement;
      return { headClipped: head.scrollWidth > head.clientWidth, tail: tail.textContent, tailWhole: tail.scrollWidth <= tail.clientWidth };
    });
    expect(widths).toEqual({ headClipped: true, tail: '/svc-orders-worker-1937', tailWhole: true });
    expect(await id.getAttribute('title')).toBe(ORDERS_WORKER);
    await screenshot(page, 'names-identity');
  }, 60_000);

  it('names the blast radius header and the systems it reaches', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/graph/${encodeURIComponent(id)}`;
    }, ORDERS_WORKER);
    await expect.poll(() => page.locator('.reach-title').textContent(), { timeout: 30_000 }).toContain('svc-orders-worker-1937');
    const systems = page.getByRole('region', { name: 'Reached systems' }).locator('tbody tr .node-name-text');
    await systems.first().waitFor();
    const names = await systems.allTextContents();
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => n.startsWith('arn:'))).toEqual([]);
    await screenshot(page, 'names-blast-radius');
  }, 60_000);

  it('reads inventory ids as names and finds identities by name in Ctrl+K', async () => {
    const { page } = wb;
    await nav(page, 'Inventory').click();
    const grid = page.getByRole('grid', { name: 'identities' });
    await grid.getByLabel('Filter id').fill('svc-orders-worker-1937');
    const cell = grid.locator('.grid-row [data-id] .node-name-text').first();
    await eventually(() => cell.textContent()).toBe('svc-orders-worker-1937');
    expect(await cell.getAttribute('title')).toBe(ORDERS_WORKER);
    await screenshot(page, 'names-inventory');
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Search the case' }).getByRole('searchbox').fill('orders-worker-1937');
    const hit = page.locator('#search-results .hit-name').first();
    await eventually(() => hit.textContent()).toBe('svc-orders-worker-1937');
    await screenshot(page, 'names-search', { quick: true });
    await page.keyboard.press('Escape');
  }, 60_000);

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
