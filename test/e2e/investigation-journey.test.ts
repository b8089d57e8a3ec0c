// The analyst's jobs end to end on the demo case, in Chromium against the real server and engine (nothing
// mocked): find the top incident from the Overview, open its blast radius and read it, walk its path, open all
// events of a hop, read the crown jewel's system page, mark the identity compromised, what-if a grant, triage in
// bulk, export the report, and start the graph explorer from a search. One screenshot per step goes to
// test-results/screens/journey-*.png. The leaked CI key story's facts (identities, path, events) come from the
// generator's ground truth, never from the screens.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from '../../main/demo/index.ts';
import { tmpDir } from '../helpers.ts';
import { demoCaseCopy, demoTruth, readCase } from './demo-fixture.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let casePath: string;
let truth: GroundTruth;
let story: GroundTruth['stories'][number];

beforeAll(async () => {
  casePath = await demoCaseCopy();
  truth = await demoTruth();
  story = truth.stories.find((s) => s.id === 'leaked-ci-token')!;
  wb = await openWorkbench({ casePath });
}, 180_000);
afterAll(async () => {
  await wb?.close();
});

const query = <T>(sql: string, ...params: unknown[]) => readCase<T>(casePath, sql, ...params);
const n = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));
const roleName = (arn: string) => arn.split('/').pop()!;

describe('an investigation on the demo case', () => {
  it('finds the leaked CI key among the incidents to investigate first on the Overview', async () => {
    const { page } = wb;
    const queue = page.getByTestId('investigate-first');
    await queue.waitFor({ timeout: 30_000 });
    const rows = queue.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const ids = await rows.locator('.node-name').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).toContain(story.entry);
    // The counts say what they count, with the Inventory's row counts beside them.
    const explained = await page.getByTestId('counts-explained').textContent();
    const identities = query<number>(`SELECT count(*) FROM node WHERE kind IN ('identity', 'group', 'role')`);
    expect(explained).toContain(`${identities.toLocaleString('en-US')} rows`);
    expect(explained).toMatch(/temporary session keys/);
    await screenshot(page, 'journey-01-overview');
  }, 60_000);

  it('opens its blast radius: sets of like nodes, a hover card inside the window, the selected path lit', async () => {
    const { page } = wb;
    await page
      .getByTestId('investigate-first')
      .locator('tbody tr')
      .filter({ has: page.locator(`[data-id="${story.entry}"]`) })
      .getByRole('link', { name: 'Blast radius' })
      .click();
    await eventually(() => page.locator('.reach-title').textContent(), 30_000).toContain(roleName(story.entry));
    const graph = page.locator('.reach-graph');
    await graph.locator('canvas').first().waitFor();
    await eventually(() => page.getByRole('region', { name: 'Reached systems' }).textContent()).toContain('customer');
    // Hover the right-most node: its card must stay inside the window.
    const box = (await graph.boundingBox())!;
    const right = await graph.evaluate((el) => {
      const cy = (el as HTMLElement & { _cyreg: { cy: { nodes(): { map<T>(f: (n: { renderedPosition(): { x: number; y: number } }) => T): T[] } } } })
        ._cyreg.cy;
      return cy
        .nodes()
        .map((node) => node.renderedPosition())
        .sort((a, b) => b.x - a.x)[0];
    });
    await page.mouse.move(box.x + right.x, box.y + right.y);
    const card = page.locator('.reach-hover');
    await card.waitFor();
    await page.waitForTimeout(100);
    const c = (await card.boundingBox())!;
    const view = page.viewportSize()!;
    expect(c.x + c.width).toBeLessThanOrEqual(view.width);
    expect(c.y + c.height).toBeLessThanOrEqual(view.height);
    expect(c.x + c.width).toBeLessThanOrEqual(box.x + box.width + 1);
    await screenshot(page, 'journey-02-blast-radius-hover', { quick: true });
    // Selecting the crown jewel's row lights its path and shows it beside the graph.
    await page
      .getByRole('region', { name: 'Reached systems' })
      .locator('tr')
      .filter({ has: page.locator(`[data-id="${story.crownJewel}"]`) })
      .getByTitle('Show this path in the graph')
      .click();
    await eventually(() => page.getByTestId('reach-details').textContent()).toContain(roleName(story.expectedPath[1]));
    await page.mouse.move(0, 0);
    await screenshot(page, 'journey-03-blast-radius-path');
    // To the system's page and Back: the selection is in the route, so the path is still lit.
    await page.getByTestId('reach-details').getByRole('link', { name: 'Open system page' }).click();
    await page.getByTestId('exposure').waitFor({ timeout: 30_000 });
    await page.goBack();
    await eventually(() => page.getByTestId('reach-details').textContent(), 30_000).toContain(roleName(story.expectedPath[1]));
  }, 90_000);

  it('walks its path to the customer database, with the technique each hop follows', async () => {
    const { page } = wb;
    await page.getByRole('link', { name: 'Paths to crown jewels' }).click();
    await page.getByRole('heading', { name: 'Attack paths' }).waitFor();
    const choices = page.locator('.path-choice');
    await choices.first().waitFor({ timeout: 30_000 });
    const index = (await choices.allTextContents()).findIndex((t) => t.includes('Customer database'));
    expect(index).toBeGreaterThanOrEqual(0);
    await choices.nth(index).click();
    const sentence = page.getByTestId('step-sentence');
    // To the last hop: the access to the database.
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await eventually(() => sentence.textContent()).toMatch(/has access to .*Customer database/);
    // The path is drawn above the step, the walked part lit.
    await page
      .getByRole('img', { name: /^The path, 2 hops from ci-customer-portal-deploy; step 2 is lit$/ })
      .locator('canvas')
      .first()
      .waitFor();
    const technique = await page.getByTestId('step-technique').textContent();
    // A database snapshot is not "Data from Cloud Storage".
    expect(technique).not.toContain('T1530');
    expect(technique).toMatch(/T1578\.001|T1213/);
    // The deploy role's temporary session keys are one line under it, not a list of raw ASIA… ids.
    await eventually(() => page.getByTestId('ways-out-set').first().textContent()).toMatch(/^has credential\s*[\d,]+ session keys/);
    expect(await page.locator('.alternatives').textContent()).not.toMatch(/ASIA[A-Z0-9]{12,}/);
    await screenshot(page, 'journey-04-walk-last-hop');
  }, 60_000);

  it('opens all events of the hop, every action readable, the attacker address among them', async () => {
    const { page } = wb;
    const link = page.getByRole('link', { name: /^All [\d,]+ events of this hop$/ });
    const promised = n(await link.textContent());
    await link.click();
    await eventually(() => page.getByTestId('events-total').textContent(), 30_000).toBe(
      `${promised.toLocaleString('en-US')} ${promised === 1 ? 'event' : 'events'}`,
    );
    await page.locator('.events-row .events-action').first().waitFor();
    // No action is cut: each cell shows its whole text (it may wrap, never clip).
    const clipped = await page
      .locator('.events-row .events-action')
      .evaluateAll((cells) =>
        cells.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1).map((c) => c.textContent),
      );
    expect(clipped).toEqual([]);
    const snapshot = story.events.find((e) => e.action === 'CreateDBSnapshot')!;
    await page.getByLabel('Action').fill('CreateDBSnapshot');
    await page.getByRole('button', { name: 'Show events' }).click();
    await eventually(() => page.locator('.events-row').first().textContent()).toContain(`${snapshot.file} : ${snapshot.line}`);
    expect(await page.locator('.events-row').first().textContent()).toContain(snapshot.sourceIp);
    await screenshot(page, 'journey-05-hop-events');
    // Back twice returns to the walker at the step it was left on.
    await page.goBack();
    await page.goBack();
    await eventually(() => page.getByTestId('step-sentence').textContent()).toMatch(/has access to .*Customer database/);
  }, 60_000);

  it('shows the crown jewel page: who reaches it, with kind, privilege and a path', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/system/${encodeURIComponent(id)}`;
    }, story.crownJewel!);
    const table = page.getByTestId('exposure');
    await table.waitFor({ timeout: 30_000 });
    const row = table.locator('tr').filter({ has: page.locator(`[data-id="${story.expectedPath[1]}"]`) });
    expect(await row.textContent()).toContain('admin');
    expect(await row.textContent()).toContain('role');
    await row.getByRole('link', { name: 'path' }).waitFor();
    await screenshot(page, 'journey-06-system-page');
  }, 60_000);

  it('marks the identity compromised', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/identity/${encodeURIComponent(id)}`;
    }, story.entry);
    await page.getByRole('button', { name: 'Mark compromised' }).click();
    await page.getByRole('button', { name: '✓ compromised' }).waitFor();
    expect(query<number>(`SELECT count(*) FROM mark WHERE node_key = ? AND mark = 'compromised'`, story.entry)).toBe(1);
    await screenshot(page, 'journey-07-marked');
  }, 60_000);

  it('asks what if the identity were granted admin on the exports bucket', async () => {
    const { page } = wb;
    const other = truth.stories.find((s) => s.id === 'tor-unrotated-key')!.crownJewel!;
    await page.getByRole('link', { name: 'Paths to crown jewels' }).click();
    await page.locator('.path-choice').first().waitFor({ timeout: 30_000 });
    const before = n(await page.getByTestId('after-blastRadius').textContent());
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(story.entry);
    await page.getByRole('combobox', { name: 'Relation' }).selectOption('access');
    await page.getByRole('combobox', { name: 'Privilege' }).selectOption('admin');
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(other);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(async () => n(await page.getByTestId('after-blastRadius').textContent())).toBeGreaterThan(before);
    await screenshot(page, 'journey-08-what-if');
  }, 60_000);

  it("triages the story's findings in bulk, the filter kept in the route across screens", async () => {
    const { page } = wb;
    await nav(page, 'Findings').click();
    await page.getByLabel('Filter findings by subject or title').fill(roleName(story.entry));
    // The engine's filter also matches names and titles; at least every finding about the identity itself matches.
    const aboutIt = query<number>(`SELECT count(*) FROM finding WHERE subject = ?`, story.entry);
    expect(aboutIt).toBeGreaterThan(0);
    const all = query<number>('SELECT count(*) FROM finding');
    const shown = async () => {
      const text = (await page.getByTestId('findings-total').textContent()) ?? '';
      return text.includes(' of ') ? n(text.split(' of ')[0]) : Infinity;
    };
    // The new filter's answer, not the previous count kept on screen while it loads.
    await eventually(shown, 30_000).toBeLessThan(all);
    const matching = await shown();
    expect(matching).toBeGreaterThanOrEqual(aboutIt);
    // Away and back through the sidebar: the filter is still there.
    await nav(page, 'Overview').click();
    await page.getByTestId('lifecycle').waitFor();
    await nav(page, 'Findings').click();
    await eventually(() => page.getByLabel('Filter findings by subject or title').inputValue(), 30_000).toBe(roleName(story.entry));
    // Slow machines (two cores shared with other suites) may take a while to answer the reloaded list.
    // A finding opens beside the list, one click from its subject's events.
    await page.locator('.finding-row .node-name').first().click({ timeout: 30_000 });
    const detail = page.getByRole('article', { name: /^Finding / });
    await detail.getByRole('link', { name: /^Its events/ }).click();
    await eventually(async () => n(await page.getByTestId('events-total').textContent()), 30_000).toBeGreaterThan(0);
    expect(await page.locator('.events-described').textContent()).toContain(roleName(story.entry));
    await page.goBack();
    await page.getByRole('button', { name: `Select all ${matching.toLocaleString('en-US')} matching` }).click({ timeout: 30_000 });
    await page.getByLabel('Bulk triage status').selectOption('accepted-risk');
    await page.getByLabel('Bulk triage note').fill('Contained: key revoked, snapshot share removed (IR-2026-117)');
    await page.getByRole('button', { name: `Apply to ${matching}` }).click();
    await eventually(() => query<number>(`SELECT count(*) FROM triage WHERE status = 'accepted-risk' AND note LIKE '%IR-2026-117%'`)).toBe(matching);
    expect(
      query<number>(
        `SELECT count(*) FROM triage t JOIN finding f ON f.id = t.finding_id WHERE f.subject = ? AND t.note LIKE '%IR-2026-117%'`,
        story.entry,
      ),
    ).toBe(aboutIt);
    // The list reloads with the decisions: every row of the filter now reads accepted-risk.
    await page.getByLabel('Triage status', { exact: true }).selectOption('accepted-risk');
    await eventually(() => page.getByTestId('findings-total').textContent()).toMatch(new RegExp(`^${matching} of `));
    await page.locator('.finding-row').first().waitFor();
    await screenshot(page, 'journey-09-bulk-triage');
  }, 60_000);

  it('exports the report with the triage note in it', async () => {
    const { page } = wb;
    await nav(page, 'Overview').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Case report (HTML)' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('IR-2026-117');
    // Opened as the analyst would: the saved .html file in the browser.
    const saved = path.join(tmpDir('blastmap-e2e-report-'), 'report.html');
    await download.saveAs(saved);
    await page.goto(`file://${saved}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'journey-10-report', { quick: true });
    await page.goBack();
  }, 90_000);

  it('starts the graph explorer from a search, and says how to grow the picture', async () => {
    const { page } = wb;
    await page.evaluate(() => {
      location.hash = '#/explore';
    });
    await page.getByLabel('Identity or system').fill('customer-portal-deploy-prod');
    const suggestion = page.getByRole('list', { name: 'Suggestions' }).getByRole('button').first();
    await eventually(() => suggestion.textContent()).toContain('customer-portal-deploy-prod');
    await screenshot(page, 'journey-11-explorer-start');
    await suggestion.click();
    await eventually(() => page.getByTestId('explorer-count').textContent(), 30_000).toContain('1 nodes · 0 edges');
    await page.getByTestId('explorer-hint').waitFor();
    await page.getByTestId('node-details').waitFor();
    await screenshot(page, 'journey-12-explorer-started');
  }, 60_000);

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
