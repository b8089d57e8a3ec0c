// The events browser on the demo case, in Chromium against the real server: all auth events of the case, filtered
// and paged by the engine, each with its file and line; reached from an identity and from a walker hop. The leaked
// CI key story's events (ground truth recorded by the generator: file, line, source IP) must be found exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from '../../main/demo/index.ts';
import { demoCaseCopy, demoTruth, readCase } from './demo-fixture.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let casePath: string;
let story: GroundTruth['stories'][number];

beforeAll(async () => {
  casePath = await demoCaseCopy();
  story = (await demoTruth()).stories.find((s) => s.id === 'leaked-ci-token')!;
  wb = await openWorkbench({ casePath });
}, 180_000);
afterAll(async () => {
  await wb?.close();
});

const count = (sql: string, ...params: unknown[]) => readCase<number>(casePath, sql, ...params);
const total = (page: Workbench['page']) => page.getByTestId('events-total').textContent();
const fmt = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'event' : 'events'}`;

describe('events browser', () => {
  it('lists every auth event of the case, drawing only the visible rows', async () => {
    const { page } = wb;
    await nav(page, 'Events').click();
    await eventually(() => total(page), 30_000).toBe(fmt(count('SELECT count(*) FROM auth_event')));
    expect(await page.locator('.events-row').count()).toBeLessThan(80);
  }, 60_000);

  it("finds exactly the attacker address's events, each with its file and line, marked as anonymous", async () => {
    const { page } = wb;
    const ip = story.sourceIps[0];
    await page.getByLabel('Source IP').fill(ip);
    await page.getByRole('button', { name: 'Show events' }).click();
    const expected = count(
      `SELECT count(*) FROM auth_event ev LEFT JOIN term t ON t.id = ev.ip WHERE COALESCE(address_text(ev.ip), t.value) = ?`,
      ip,
    );
    expect(expected).toBeGreaterThanOrEqual(story.events.filter((e) => e.sourceIp === ip).length);
    await eventually(() => total(page)).toBe(fmt(expected));
    const lines = await page.locator('.events-row [role="gridcell"]:last-child').allTextContents();
    for (const e of story.events.filter((x) => x.sourceIp === ip)) expect(lines).toContain(`${e.file} : ${e.line}`);
    // The VPS is a hosting network: every row from it is marked.
    expect(await page.locator('.events-row.anonymous').count()).toBe(await page.locator('.events-row').count());
    // The query is in the route: reload and the same list comes back.
    expect(await page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#/events/ip=${ip}`);
    await screenshot(page, 'events-attacker-ip');
  }, 60_000);

  it("opens an identity's events from its page", async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/identity/${encodeURIComponent(id)}`;
    }, story.entry);
    const expected = count('SELECT count(*) FROM auth_event WHERE identity = (SELECT id FROM node WHERE key = ?)', story.entry);
    const button = page.getByRole('link', { name: `All ${expected.toLocaleString('en-US')} events` });
    await button.click({ timeout: 20_000 });
    await eventually(() => total(page)).toBe(fmt(expected));
    expect(await page.locator('.events-described').textContent()).toContain('ci-customer-portal-deploy');
  }, 60_000);

  it('opens all events of a walker hop, the ones its count promised', async () => {
    const { page } = wb;
    await nav(page, 'Attack paths').click();
    await page.getByLabel('Entry points').fill(story.entry);
    await page.getByLabel('Targets').fill(story.crownJewel!);
    await page.getByRole('button', { name: 'Find paths' }).click();
    const sentence = page.getByTestId('step-sentence');
    await eventually(() => sentence.textContent(), 30_000).toMatch(/^ci-customer-portal-deploy can assume/);
    const link = page.getByRole('link', { name: /^All [\d,]+ events of this hop$/ });
    const promised = Number((await link.textContent())!.replace(/[^0-9]/g, ''));
    expect(promised).toBeGreaterThan(0);
    await screenshot(page, 'events-walker-hop');
    await link.click();
    await eventually(() => total(page)).toBe(fmt(promised));
    const lines = await page.locator('.events-row [role="gridcell"]:last-child').allTextContents();
    const assume = story.events.find((e) => e.action === 'AssumeRole')!;
    expect(lines).toContain(`${assume.file} : ${assume.line}`);
    await screenshot(page, 'events-hop');
  }, 90_000);

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
