// Findings at any size on the demo case, in Chromium against the real server: counts over every finding (no cap),
// keyboard triage (j/k, x, t) with one note, "select all matching" bulk triage by filter, and the HTML report
// carrying every finding. Expected numbers are read from the case file itself, never from the screen.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../shared/catalogs/rules.ts';
import { demoCaseCopy, demoTruth, readCase } from './demo-fixture.ts';
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
    await eventually(() => page.getByTestId('findings-total').textContent()).toBe(
      `${high.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} match`,
    );
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
    await eventually(() => page.getByRole('form', { name: 'Bulk triage' }).getByRole('status').textContent()).toContain(
      '2 findings marked false-positive',
    );
    for (const id of [second, third]) {
      expect(query<string>("SELECT status || '|' || note FROM triage WHERE finding_id = ?", id)).toBe(
        'false-positive|CI scanner noise, checked with the platform team',
      );
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
    await eventually(() =>
      query<number>(`SELECT count(*) FROM triage t JOIN finding f ON f.id = t.finding_id
      WHERE f.rule = 'credential-attack' AND t.status = 'accepted-risk'`),
    ).toBe(matching);
    await page.getByLabel('Triage status', { exact: true }).selectOption('open');
    await eventually(() => page.getByTestId('findings-total').textContent()).toMatch(/^0 of /);
    await screenshot(page, 'findings-bulk-filter');
  }, 60_000);

  it('shows posture findings as tens of groups led by the planted stories, and triages a whole group with one note', async () => {
    const { page } = wb;
    await page.evaluate(() => {
      location.hash = '#/findings';
    }); // no filter left from the tests above
    // Incidents first: one click lists only the incidents, counted by the engine.
    const incidentRules = RULE_IDS.filter((r) => RULES[r].kind === 'incident');
    const incidents = query<number>(`SELECT count(*) FROM finding WHERE rule IN (${incidentRules.map(() => '?').join(', ')})`, ...incidentRules);
    const everything = query<number>('SELECT count(*) FROM finding');
    await page.getByRole('button', { name: /^Incidents/ }).click();
    await eventually(() => page.getByTestId('findings-total').textContent()).toBe(
      `${incidents.toLocaleString('en-US')} of ${everything.toLocaleString('en-US')} match`,
    );
    await page.getByRole('button', { name: 'Posture groups' }).click();
    await eventually(() => page.evaluate(() => location.hash)).toContain('view=groups');
    const postureRules = RULE_IDS.filter((r) => RULES[r].kind === 'posture');
    const posture = query<number>(`SELECT count(*) FROM finding WHERE rule IN (${postureRules.map(() => '?').join(', ')})`, ...postureRules);
    const total = page.getByTestId('groups-total');
    await eventually(() => total.textContent()).toContain(`${posture.toLocaleString('en-US')} posture findings`);
    const groups = n((await total.textContent())!.split(' posture groups')[0]);
    expect(groups).toBeGreaterThan(5);
    expect(groups).toBeLessThanOrEqual(100);
    // The demo's two planted posture stories lead their groups (ground truth from the generator, the group from the case).
    const truth = await demoTruth();
    const storyGroups: string[] = [];
    for (const [story, rule] of [
      ['orphaned-oauth-app', 'orphaned-identity'],
      ['overprivileged-ai-agent', 'excessive-privilege'],
    ] as const) {
      const entry = truth.stories.find((s) => s.id === story)!.entry;
      const pattern = query<string>(
        `SELECT trim(CASE kind WHEN 'identity' THEN '' ELSE kind || ' ' END || coalesce(subkind, kind)) FROM node WHERE key = ?`,
        entry,
      );
      storyGroups.push(`${rule}|${pattern}`);
      const group = page.locator(`li[data-group="${rule}|${pattern}"]`);
      await group.getByRole('button', { expanded: false }).first().click();
      await expect.poll(() => group.locator('.group-member .node-name').first().getAttribute('data-id')).toBe(entry);
    }
    // A member opens its finding beside the groups; the view stays in the route.
    const agent = page.locator(`li[data-group="${storyGroups[1]}"] .group-member`).first();
    await agent.click();
    await eventually(() => page.evaluate(() => decodeURIComponent(location.hash))).toMatch(/^#\/findings\/[^?]+\?.*view=groups/);
    await page.locator('.finding-detail').first().waitFor();
    // One note for the whole orphaned-identity group, every member included (not only the ones listed).
    const orphaned = page.locator(`li[data-group="${storyGroups[0]}"]`);
    const size = n((await orphaned.locator('.group-head .muted').textContent())!.split('·')[0]);
    expect(size).toBeGreaterThan(0);
    await orphaned.getByLabel('Group triage status').selectOption('accepted-risk');
    await orphaned.getByLabel('Group triage note').fill('Owners re-assigned by IAM team, ticket IAM-4411');
    await orphaned.getByRole('button', { name: 'Apply' }).click();
    await eventually(() => orphaned.getByRole('status').textContent()).toContain(`${size} findings marked accepted-risk`);
    expect(query<number>(`SELECT count(*) FROM triage WHERE note = 'Owners re-assigned by IAM team, ticket IAM-4411'`)).toBe(size);
    // The group's head follows the decision.
    await eventually(() => orphaned.locator('.group-head .muted').textContent()).toBe(`${size} · 0 open`);
    await screenshot(page, 'findings-posture-groups');
  }, 90_000);

  it('exports a report that carries every finding', async () => {
    const { page } = wb;
    await nav(page, 'Overview').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Case report (HTML)' }).click(),
    ]);
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
