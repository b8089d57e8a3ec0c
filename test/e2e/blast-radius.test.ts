// The blast-radius graph on the demo case, in Chromium against the real server: laid out left → right by hop and
// wide rather than a sliver, fit and zoom controls, a hover card (name, kind, privilege), and a click that selects
// a node and shows it beside the graph without leaving the screen. Node positions are read from cytoscape's own
// instance on the container (cytoscape keeps it there), never from hooks added for tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from '../../main/demo/index.ts';
import { demoCaseCopy, demoTruth } from './demo-fixture.ts';
import { eventually, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let story: GroundTruth['stories'][number];

beforeAll(async () => {
  const casePath = await demoCaseCopy();
  story = (await demoTruth()).stories.find((s) => s.id === 'leaked-ci-token')!;
  wb = await openWorkbench({ casePath });
}, 180_000);
afterAll(async () => {
  await wb?.close();
});

interface CyLike {
  zoom(): number;
  nodes(): { length: number; map<T>(f: (n: { id(): string; position(): { x: number; y: number }; data(k: string): unknown }) => T): T[] };
  getElementById(id: string): { renderedPosition(): { x: number; y: number }; selected(): boolean };
  elements(): { boundingBox(): { w: number; h: number } };
  extent(): { x1: number; x2: number; y1: number; y2: number };
}
type CyBox = HTMLElement & { _cyreg: { cy: CyLike } };

describe('blast-radius graph', () => {
  it('lays a 250-node blast radius out by hop, left to right, wider than tall', async () => {
    const { page } = wb;
    await page.getByTestId('top-blast').locator('tbody tr').first().getByRole('link').nth(1).click({ timeout: 30_000 });
    await page.locator('.reach-graph canvas').first().waitFor({ timeout: 30_000 });
    const shape = await page.locator('.reach-graph').evaluate((el) => {
      const cy = (el as CyBox)._cyreg.cy;
      const bb = cy.elements().boundingBox();
      const xs = cy.nodes().map((n) => n.position().x);
      // A set node stands for its members ("12 session keys").
      const represented = cy
        .nodes()
        .map((n) => Number(n.data('size') ?? 1))
        .reduce((a, b) => a + b, 0);
      const sets = cy
        .nodes()
        .map((n) => (n.data('set') ? String(n.data('label')) : null))
        .filter(Boolean);
      return { represented, drawn: cy.nodes().length, sets, w: bb.w, h: bb.h, spreadX: Math.max(...xs) - Math.min(...xs) };
    });
    expect(shape.represented).toBeGreaterThan(200);
    // The old dagre column was ~0.3 wide per tall; a readable map is at least as wide as it is tall.
    expect(shape.w).toBeGreaterThan(shape.h);
    await screenshot(page, 'blast-radius-large');
  }, 90_000);

  it('hovers, selects and zooms without leaving the screen', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/graph/${encodeURIComponent(id)}`;
    }, story.entry);
    await eventually(() => page.locator('.reach-title').textContent(), 30_000).toContain('ci-customer-portal-deploy');
    const graph = page.locator('.reach-graph');
    await graph.locator('canvas').first().waitFor();
    const crown = story.crownJewel!;
    await eventually(() =>
      graph.evaluate(
        (el, id) =>
          (el as CyBox)._cyreg?.cy
            .nodes()
            .map((n) => n.id())
            .includes(id) ?? false,
        crown,
      ),
    ).toBe(true);
    // Left to right by hop: the source is the leftmost node, the crown jewel (2 hops) right of the role (1 hop).
    const xs = await graph.evaluate((el) => Object.fromEntries((el as CyBox)._cyreg.cy.nodes().map((n) => [n.id(), n.position().x])));
    expect(Math.min(...Object.values(xs))).toBe(xs[story.entry]);
    expect(xs[crown]).toBeGreaterThan(xs[story.expectedPath[1]]);

    const at = async (id: string) => {
      const box = (await graph.boundingBox())!;
      const p = await graph.evaluate((el, nodeId) => (el as CyBox)._cyreg.cy.getElementById(nodeId).renderedPosition(), id);
      return { x: box.x + p.x, y: box.y + p.y };
    };
    let p = await at(crown);
    await page.mouse.move(p.x, p.y);
    const card = page.locator('.reach-hover');
    await card.waitFor();
    const cardText = await card.textContent();
    expect(cardText).toContain('Customer database (prod)');
    expect(cardText).toContain('system');
    expect(cardText).toContain('admin');

    const hashBefore = await page.evaluate(() => location.hash);
    await page.mouse.click(p.x, p.y);
    const details = page.getByTestId('reach-details');
    await eventually(() => details.textContent()).toContain('Customer database (prod)');
    expect(await details.textContent()).toContain('customer-portal-deploy-prod');
    // Still the same screen; the selection is kept in its route.
    const hashAfter = await page.evaluate(() => location.hash);
    expect(hashAfter.split('?')[0]).toBe(hashBefore.split('?')[0]);
    expect(new URLSearchParams(hashAfter.split('?')[1]).get('selected')).toBe(crown);
    expect(await graph.evaluate((el, id) => (el as CyBox)._cyreg.cy.getElementById(id).selected(), crown)).toBe(true);
    await screenshot(page, 'blast-radius-selected');

    const zoomOf = () => graph.evaluate((el) => (el as CyBox)._cyreg.cy.zoom());
    const before = await zoomOf();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await zoomOf()).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(await zoomOf()).toBeLessThan(before);
    await page.getByRole('button', { name: 'Fit' }).click();
    const fits = await graph.evaluate((el) => {
      const cy = (el as CyBox)._cyreg.cy;
      const e = cy.extent();
      return cy
        .nodes()
        .map((n) => n.position())
        .every((q) => q.x >= e.x1 && q.x <= e.x2 && q.y >= e.y1 && q.y <= e.y2);
    });
    expect(fits).toBe(true);
    p = await at(crown);
    expect(p.x).toBeGreaterThan(0);
  }, 90_000);

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
