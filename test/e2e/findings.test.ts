// Findings at any size on the demo case, in Chromium against the real server: counts over every finding (no cap),
// keyboard triage (j/k, x, t) with one note, "select all matching" bulk triage by filter, and the HTML report
// carrying every finding. Expected numbers are read from the case file itself, never from the screen.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseCopy, readCase } from './demo-fixture.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let casePath: string;

beforeAll(async () => {
  casePath = await demoCaseCopy();
  wb = await openWorkbench({ casePath });
}, 180_000);
afterAll(async () => {
  await wb?.close();
});

const query = <T>(sql: string, ...params: unknown[]) => readCase<T>(casePath, sql, ...params);

const n = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

describe('findings at any size', () => {
  it('counts every finding and filters on the server', async () => {
    const { page } = wb;
    await nav(page, 'Findings').click();
    const all = query<number>('SELECT count(*) FROM finding');
    expect(all).toBeGreaterThan(1000);
    await eventually(() => page.getByTestId('findings-total').textContent()).toBe(`${all.toLocaleString('en-US')} findings`);
    // Severity badges add up to everything, not to a cut list.
    const badges = await page.getByLabel('Counts by severity').locator('.badge').allTextContents();
    expect(badges.reduce((sum, b) => sum + n(b.split(' ')[0]), 0)).toBe(all);
    const high = query<number>(`SELECT count(*) FROM finding WHERE severity = 'high'`);
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('high');
    await eventually(() => page.getByTestId('findings-total').textContent()).toBe(`${high.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} match`);
    // Only the visible rows are in the DOM, however many match.
    expect(await page.locator('.finding-row').count()).toBeLessThan(60);
    await screenshot(page, 'findings-filtered');
  }, 60_000);

  it('moves with j/k, selects with x and triages the selection with one note on t', async () => {
    const { page } = wb;
    const list = page.getByRole('listbox', { name: 'Findings' });
    await list.locator('.finding-row').first().waitFor();
    await list.focus();
    // The open finding is the route's argument; the filter follows in its query (#/findings/<id>?severity=high).
    const hashId = () => page.evaluate(() => decodeURIComponent(location.hash.split('?')[0].split('/')[2] ?? ''));
    await page.keyboard.press('j');
    await eventually(hashId).not.toBe('');
    const second = await hashId();
    await expect.poll(() => list.locator('.finding-row.active').getAttribute('data-index')).toBe('1');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await eventually(hashId).not.toBe(second);
    const third = await hashId();
    await page.keyboard.press('x');
    await eventually(() => page.getByTestId('bulk-count').textContent()).toBe('2 selected');
    await page.keyboard.press('t');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Bulk triage status');
    await page.getByLabel('Bulk triage status').selectOption('false-positive');
    await page.getByLabel('Bulk triage note').fill('CI scanner noise, checked with the platform team');
    await page.getByRole('button', { name: 'Apply to 2' }).click();
    await eventually(() => page.getByRole('form', { name: 'Bulk triage' }).getByRole('status').textContent()).toContain('2 findings marked false-positive');
    for (const id of [second, third]) {
      expect(query<string>('SELECT status || \'|\' || note FROM triage WHERE finding_id = ?', id)).toBe('false-positive|CI scanner noise, checked with the platform team');
    }
    expect(query<number>(`SELECT count(*) FROM audit WHERE action = 'finding.triage'`)).toBe(2);
    await list.locator('.finding-row .node-name').first().waitFor();
    await screenshot(page, 'findings-bulk-keyboard');
  }, 60_000);

  it('triages every finding a filter matches at once', async () => {
    const { page } = wb;
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('');
    await page.getByLabel('Rule').selectOption('credential-attack');
    const matching = query<number>(`SELECT count(*) FROM finding WHERE rule = 'credential-attack'`);
    await eventually(async () => n((await page.getByTestId('findings-total').textContent())?.split(' of ')[0] ?? null)).toBe(matching);
    await page.getByRole('button', { name: `Select all ${matching.toLocaleString('en-US')} matching` }).click();
    await page.getByLabel('Bulk triage status').selectOption('accepted-risk');
    await page.getByLabel('Bulk triage note').fill('Known spray against the honeypot tenant');
    await page.getByRole('button', { name: `Apply to ${matching}` }).click();
    await eventually(() => query<number>(`SELECT count(*) FROM triage t JOIN finding f ON f.id = t.finding_id
      WHERE f.rule = 'credential-attack' AND t.status = 'accepted-risk'`)).toBe(matching);
    await page.getByLabel('Triage status', { exact: true }).selectOption('open');
    await eventually(() => page.getByTestId('findings-total').textContent()).toMatch(/^0 of /);
    await screenshot(page, 'findings-bulk-filter');
  }, 60_000);

  it('exports a report that carries every finding', async () => {
    const { page } = wb;
    await nav(page, 'Overview').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Case report (HTML)' }).click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const all = query<number>('SELECT count(*) FROM finding');
    expect(text).toContain(`data-findings-listed="${all}"`);
    expect(text.match(/<tr><td><span class="sev /g)?.length).toBe(all);
    expect(text.includes('Known spray against the honeypot tenant')).toBe(true);
  }, 90_000);

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
