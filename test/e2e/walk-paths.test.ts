// End to end on the real engine: a compromised deploy identity walks to the production database; the
// analyst steps through the hops, sees the evidence, removes a grant in what-if and sees the paths go.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;

beforeAll(async () => {
  const t = await TestCase.create();
  await t.call('import.files', { paths: [path.join(FIXTURES, 'csv')] });
  await t.call('graph.mark', { id: 'svc-deploy', mark: 'compromised', reason: 'access key used from a Tor exit' });
  t.close();
  wb = await openWorkbench({ casePath: t.path });
}, 120_000);

afterAll(async () => {
  await wb?.close();
});

describe('attack-path walker', () => {
  it('finds the path from the compromised identity, walks it, and what-if removal cuts it', async () => {
    const { page } = wb;
    await nav(page, 'Attack paths').click();
    await expect(page.getByRole('heading', { name: 'Attack paths' })).toBeDefined();
    const first = page.locator('.path-choice').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('Deploy bot → Production customer DB');
    const sentence = page.getByTestId('step-sentence');
    expect(await sentence.textContent()).toMatch(/^Deploy bot (is a member of|can assume|signs in as|has access to)/);
    await screenshot(page, 'walk-step-1');
    // The path is drawn above the step: at step 1 only its first edge is lit, the rest dimmed.
    const litEdges = () =>
      page.locator('.walk .reach-graph').evaluate((el) => {
        const cy = (el as HTMLElement & { _cyreg: { cy: { edges(): { map<T>(f: (e: { hasClass(c: string): boolean }) => T): T[] } } } })._cyreg.cy;
        return cy.edges().map((e) => (e.hasClass('on-path') ? 'lit' : e.hasClass('dim') ? 'dim' : 'plain'));
      });
    await eventually(litEdges).toEqual(['lit', 'dim', 'dim']);
    // Walk to the last hop with the keyboard: it lands on the crown jewel.
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    expect(await sentence.textContent()).toContain('Production customer DB');
    await eventually(litEdges).toEqual(['lit', 'lit', 'lit']);
    // What-if: remove the first hop of the selected path; entry→crown paths must drop.
    const before = Number((await page.getByTestId('after-paths').textContent())!.replace(/[^0-9]/g, ''));
    expect(before).toBeGreaterThan(0);
    await page.locator('.toggles input[type=checkbox]').last().check();
    await page.waitForFunction((b) => {
      const cell = document.querySelector('[data-testid="after-paths"]');
      return cell && Number(cell.textContent!.replace(/[^0-9]/g, '')) < b;
    }, before);
    await page.locator('[data-testid="min-cut"] li').first().waitFor();
    await screenshot(page, 'walk-whatif');
    expect(wb.problems).toEqual([]);
  }, 120_000);

  it('keeps the query, the path and the step in the route across screens and Back', async () => {
    const { page } = wb;
    const sentence = page.getByTestId('step-sentence');
    await page.getByRole('button', { name: 'Previous' }).click();
    const walked = await sentence.textContent();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#\/walk\?/);
    expect(new URLSearchParams(hash.split('?')[1]).get('step')).not.toBeNull();
    // Away through the sidebar and back through it: the same step is on screen, not step 1.
    await nav(page, 'Findings').click();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await nav(page, 'Attack paths').click();
    await eventually(() => sentence.textContent()).toBe(walked);
    // A new query is a history entry: Back returns to the walked one.
    await page.getByLabel('Entry points').fill('svc-deploy');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await eventually(() => page.evaluate(() => location.hash)).toContain('from=svc-deploy');
    await page.goBack();
    await eventually(() => page.getByLabel('Entry points').inputValue()).toBe('@entry');
    await eventually(() => sentence.textContent()).toBe(walked);
    expect(wb.problems).toEqual([]);
  }, 60_000);
});
