// End to end on the real engine: a compromised deploy identity walks to the production database; the
// analyst steps through the hops, sees the evidence, removes a grant in what-if and sees the paths go.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TestCase } from '../helpers.ts';
import { nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

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
    // Walk to the last hop with the keyboard: it lands on the crown jewel.
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    expect(await sentence.textContent()).toContain('Production customer DB');
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
});
