// The graph screens' filters, search and path light on the demo case, in Chromium against the real server and
// engine (nothing mocked). The expectations come from the engine's own answers (graph.blastRadius through a second
// session on a copy of the case), never from the screen: which rows reach a node through an edge kind, at a
// privilege, or only through exercised hops. What is on screen is read from cytoscape's instance on its container.
// Screenshots: test-results/screens/graph-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlastRadiusResult, ReachRow } from '../../shared/api/graph.ts';
import { TestCase } from '../helpers.ts';
import { demoCaseCopy } from './demo-fixture.ts';
import { eventually, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let engine: TestCase;
/** The identity with the largest blast radius (the Overview's first), and its blast radius from the engine. */
let top: string;
let br: BlastRadiusResult;
/** What the blast-radius screen draws: the nearest 250 rows. */
let drawnRows: ReachRow[];

beforeAll(async () => {
  const casePath = await demoCaseCopy();
  engine = new TestCase();
  await engine.call('case.open', { path: await demoCaseCopy() });
  // Among the widest blast radii, the one whose drawn rows mix hops the logs show exercised with granted-only
  // ones most evenly, so the exercised filter has something to keep and something to hide.
  let best = -1;
  for (const candidate of (await engine.call('inventory.topBlast', {})).slice(0, 12)) {
    const answer = await engine.call('graph.blastRadius', { ids: [candidate.id], limit: 5000 });
    const rows = answer.reach.slice(0, 250);
    const used = rows.filter((r) => r.exercised!.every(Boolean)).length;
    // Rows drawn on their own: fewer than 8 of their kind under their parent (the screen folds more into a set).
    const siblings = new Map<string, number>();
    const key = (r: ReachRow) => `${r.path.at(-2)}\u0000${r.kind}`;
    for (const r of rows) siblings.set(key(r), (siblings.get(key(r)) ?? 0) + 1);
    const own = rows.filter((r) => siblings.get(key(r))! < 8);
    const ownUsed = own.filter((r) => r.exercised!.every(Boolean)).length;
    const score = (own.filter((r) => r.hops >= 2).length >= 5 ? Math.min(ownUsed, own.length - ownUsed) : -1) + used / 1000;
    if (score > best) [best, top, br, drawnRows] = [score, candidate.id, answer, rows];
  }
  wb = await openWorkbench({ casePath });
}, 240_000);
afterAll(async () => {
  engine?.close();
  await wb?.close();
});

type Box = { x1: number; y1: number; x2: number; y2: number };
interface El {
  id(): string;
  visible(): boolean;
  hasClass(c: string): boolean;
  data(k: string): unknown;
  source(): El;
  target(): El;
  renderedPosition(): { x: number; y: number };
  renderedBoundingBox(o: object): Box;
  nonempty(): boolean;
}
interface Cy {
  nodes(): { map<T>(f: (n: El) => T): T[] };
  edges(): { map<T>(f: (e: El) => T): T[] };
  getElementById(id: string): El;
}
type CyBox = HTMLElement & { _cyreg: { cy: Cy } };

/** Every node on screen (visible under the filter), by id. */
async function shown(selector: string): Promise<Set<string>> {
  const ids = await wb.page.locator(selector).evaluate((el) =>
    (el as CyBox)._cyreg.cy
      .nodes()
      .map((n) => (n.visible() ? n.id() : ''))
      .filter(Boolean),
  );
  return new Set(ids);
}

/** Rows drawn as their own node, with every node of their path drawn as its own node too (not folded into a set). */
async function ownRows(): Promise<ReachRow[]> {
  const drawn = new Set(await wb.page.locator('.reach-graph').evaluate((el) => (el as CyBox)._cyreg.cy.nodes().map((n) => n.id())));
  return drawnRows.filter((r) => r.path.every((p) => drawn.has(p)));
}

/**
 * Set nodes ("12 session keys") whose members all expect the same under a filter: their expected visibility, from
 * the engine's rows (members = drawn rows with the set's parent and kind; ids are `set:<parent>\0<kind>`).
 */
async function setExpectations(expect1: (r: ReachRow) => boolean): Promise<[string, boolean][]> {
  const sets = await wb.page.locator('.reach-graph').evaluate((el) =>
    (el as CyBox)._cyreg.cy
      .nodes()
      .map((n) => (n.data('set') ? n.id() : ''))
      .filter(Boolean),
  );
  const out: [string, boolean][] = [];
  for (const id of sets) {
    const [parent, kind] = id.slice(4).split('\u0000');
    const members = drawnRows.filter((r) => (r.path.at(-2) ?? '') === parent && r.kind === kind);
    const verdicts = new Set(members.map(expect1));
    if (members.length && verdicts.size === 1) out.push([id, [...verdicts][0]]);
  }
  return out;
}

/** A card and the hovered node's box with its label, both in page coordinates, must not overlap. */
async function cardClearOfNode(graphSelector: string, cardSelector: string, id: string): Promise<void> {
  const { page } = wb;
  const graph = page.locator(graphSelector);
  const g = (await graph.boundingBox())!;
  const p = await graph.evaluate((el, nodeId) => (el as CyBox)._cyreg.cy.getElementById(nodeId).renderedPosition(), id);
  await page.mouse.move(g.x + p.x, g.y + p.y);
  const card = page.locator(cardSelector);
  await card.waitFor();
  await page.waitForTimeout(150);
  const c = (await card.boundingBox())!;
  const b = await graph.evaluate(
    (el, nodeId) => (el as CyBox)._cyreg.cy.getElementById(nodeId).renderedBoundingBox({ includeLabels: true, includeOverlays: false }),
    id,
  );
  const node = { x1: g.x + b.x1, y1: g.y + b.y1, x2: g.x + b.x2, y2: g.y + b.y2 };
  const overlap = c.x < node.x2 && c.x + c.width > node.x1 && c.y < node.y2 && c.y + c.height > node.y1;
  expect(overlap, `card ${JSON.stringify(c)} over node ${JSON.stringify(node)}`).toBe(false);
}

const hash = () => wb.page.evaluate(() => location.hash);
const filterBar = () => wb.page.getByRole('group', { name: 'Filter the graph' });

describe('blast-radius graph: filters, search and the lit path', () => {
  it('hides an edge kind, a privilege, or what was only granted, exactly as the engine answers, and keeps it in the route', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/graph/${encodeURIComponent(id)}`;
    }, top);
    await page.locator('.reach-graph canvas').first().waitFor({ timeout: 30_000 });
    await eventually(async () => (await shown('.reach-graph')).size).toBeGreaterThan(20);
    const rows = await ownRows();
    const everyone = await shown('.reach-graph');

    // The edge kind most rows pass through (after the first hop), switched off.
    const counts = new Map<string, number>();
    for (const r of rows) for (const k of new Set(r.edges!.slice(1))) counts.set(k, (counts.get(k) ?? 0) + 1);
    const kind = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? rows[0].edges![0];
    await filterBar()
      .getByRole('checkbox', { name: new RegExp(`^${kind.replace(/_/g, ' ')}`) })
      .uncheck();
    await eventually(hash).toContain(`hide=${kind}`);
    let now = await shown('.reach-graph');
    const throughKind = rows.filter((r) => r.edges!.includes(kind));
    expect(throughKind.length).toBeGreaterThan(0);
    for (const r of rows) expect(now.has(r.id), `${r.id} via ${r.edges!.join(' → ')}`).toBe(!r.edges!.includes(kind));
    const setsByKind = await setExpectations((r) => !r.edges!.includes(kind));
    for (const [id, visible] of setsByKind) expect(now.has(id), id).toBe(visible);
    expect(await page.getByTestId('filter-summary').textContent()).toMatch(/hiding [\d,]+ nodes/);
    await page.mouse.move(0, 0);
    await screenshot(page, 'graph-blast-filter-kind', { quick: true });
    // In the route: a reload draws the same filtered picture.
    await page.reload();
    await page.locator('.reach-graph canvas').first().waitFor({ timeout: 30_000 });
    await eventually(async () => (await shown('.reach-graph')).size).toBe(now.size);
    expect(
      await filterBar()
        .getByRole('checkbox', { name: new RegExp(`^${kind.replace(/_/g, ' ')}`) })
        .isChecked(),
    ).toBe(false);
    await page.getByTestId('filter-summary').getByRole('button', { name: 'show all' }).click();
    await eventually(async () => (await shown('.reach-graph')).size).toBe(everyone.size);

    // Only what the logs show exercised, hop by hop.
    await filterBar().getByLabel('Exercised or granted').selectOption('exercised');
    await eventually(hash).toContain('seen=exercised');
    now = await shown('.reach-graph');
    const used = rows.filter((r) => r.exercised!.every(Boolean));
    console.log(
      `blast radius of ${top}: ${rows.length} rows drawn on their own, ${used.length} reached only through exercised hops, ${throughKind.length} through ${kind}`,
    );
    for (const r of rows) expect(now.has(r.id), `${r.id} exercised ${r.exercised!.join(',')}`).toBe(r.exercised!.every(Boolean));
    const setsUsed = await setExpectations((r) => r.exercised!.every(Boolean));
    for (const [id, visible] of setsUsed) expect(now.has(id), id).toBe(visible);
    console.log(`…and ${setsByKind.length} / ${setsUsed.length} sets checked under the kind / exercised filters`);
    expect(now.size).toBeLessThan(everyone.size);
    await screenshot(page, 'graph-blast-filter-exercised', { quick: true });
    await filterBar().getByLabel('Exercised or granted').selectOption('all');

    // A privilege switched off: the systems reached at it (and what lies beyond them) go.
    const privilegeOf = new Map(br.reach.map((r) => [r.id, r.privilege]));
    const level = ['admin', 'write', 'read'].find((p) => rows.some((r) => r.privilege === p))!;
    await filterBar().getByRole('checkbox', { name: level, exact: true }).uncheck();
    await eventually(hash).toContain('priv=');
    now = await shown('.reach-graph');
    for (const r of rows) expect(now.has(r.id), r.id).toBe(!r.path.slice(1).some((p) => privilegeOf.get(p) === level));
    await filterBar().getByRole('checkbox', { name: level, exact: true }).check();
    await eventually(async () => (await shown('.reach-graph')).size).toBe(everyone.size);
    expect(wb.problems).toEqual([]);
  }, 120_000);

  it('finds a node from the keyboard, lights its path and dims the rest; Escape puts the light out', async () => {
    const { page } = wb;
    const rows = await ownRows();
    const target = rows.filter((r) => r.kind === 'system').sort((a, b) => b.hops - a.hops)[0];
    const name = br.names[target.id] ?? target.id;
    await page.locator('.reach-frame').focus();
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Find in the case' });
    await eventually(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(target.id);
    const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    await eventually(() => options.allTextContents()).toContainEqual(expect.stringContaining(name));
    const texts = await options.allTextContents();
    const index = texts.findIndex((t) => t.includes(name));
    expect(texts[index]).toContain('in the picture');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(async () => new URLSearchParams((await hash()).split('?')[1]).get('selected')).toBe(target.id);

    const lit = await page.locator('.reach-graph').evaluate((el) => {
      const cy = (el as CyBox)._cyreg.cy;
      return {
        onPath: cy
          .nodes()
          .map((n) => (n.hasClass('on-path') ? n.id() : ''))
          .filter(Boolean),
        dimmed: cy
          .nodes()
          .map((n) => (n.hasClass('dim') ? n.id() : ''))
          .filter(Boolean).length,
        litEdges: cy
          .edges()
          .map((e) => (e.hasClass('on-path') ? `${e.source().id()}>${e.target().id()}` : ''))
          .filter(Boolean),
      };
    });
    expect(lit.onPath.sort()).toEqual([...target.path].sort());
    expect(lit.litEdges).toEqual(target.path.slice(1).map((p, i) => `${target.path[i]}>${p}`));
    expect(lit.dimmed).toBe((await shown('.reach-graph')).size - target.path.length);
    await page.mouse.move(0, 0);
    await screenshot(page, 'graph-blast-search-lit', { quick: true });

    // Escape on the graph: nothing lit, nothing dimmed, nothing selected in the route.
    await page.locator('.reach-frame').focus();
    await page.keyboard.press('Escape');
    await eventually(async () => new URLSearchParams((await hash()).split('?')[1]).get('selected')).toBeNull();
    expect(
      await page.locator('.reach-graph').evaluate(
        (el) =>
          (el as CyBox)._cyreg.cy
            .nodes()
            .map((n) => n.hasClass('dim'))
            .filter(Boolean).length,
      ),
    ).toBe(0);

    // Arrows from the source select a neighbour and light its path.
    await page.keyboard.press('ArrowRight');
    await eventually(async () => new URLSearchParams((await hash()).split('?')[1]).get('selected')).not.toBeNull();

    // Something the identity does not reach: said so, nothing selected.
    const outside = (await engine.call('inventory.search', { query: 'svc', limit: 50 })).find(
      (h) => !br.reach.some((r) => r.id === h.id) && h.id !== top,
    )!;
    await box.fill(outside.id);
    await eventually(() => options.allTextContents()).toContainEqual(expect.stringContaining(outside.displayName));
    const i2 = (await options.allTextContents()).findIndex((t) => t.includes(outside.displayName));
    for (let i = 0; i < i2; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('reach-search-missing').textContent()).toContain('is not in this graph');
    expect(wb.problems).toEqual([]);
  }, 90_000);

  it('puts the hover card beside a node, never over the node or its label', async () => {
    const rows = await ownRows();
    // A few nodes across the picture: the source, a middle hop and the farthest system.
    const ids = [top, rows[Math.floor(rows.length / 2)].id, rows.filter((r) => r.kind === 'system').at(-1)!.id];
    await wb.page.getByRole('button', { name: 'Fit' }).click();
    for (const id of ids) await cardClearOfNode('.reach-graph', '.reach-hover', id);
    await screenshot(wb.page, 'graph-blast-hover-beside', { quick: true });
  }, 60_000);
});

describe('graph explorer: filters, search and the lit path', () => {
  it('documents its keys on the empty canvas', async () => {
    const { page } = wb;
    await page.evaluate(() => {
      location.hash = '#/explore';
    });
    const keys = page.getByRole('table', { name: 'Keys on the canvas' });
    await keys.waitFor();
    const text = await keys.textContent();
    for (const k of ['/', 'Esc', 'E', 'Delete', 'Shift', 'F10', 'Alt', 'Tab']) expect(text).toContain(k);
    expect(text).toMatch(/path from the start lights up/);
    expect(text).toMatch(/privilege read\/write\/admin, exercised or granted-only/);
    await screenshot(page, 'graph-explorer-help');
  }, 30_000);

  it('filters the drawn blast radius, finds the crown jewel, lights its path and dims the rest', async () => {
    const { page } = wb;
    await page.evaluate((id) => {
      location.hash = `#/explore/${encodeURIComponent(id)}`;
    }, top);
    const frame = page.locator('.explorer-frame');
    await eventually(() => page.getByTestId('explorer-count').textContent(), 30_000).toContain('1 nodes · 0 edges');
    await frame.focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu').getByRole('menuitem', { name: 'Blast radius from here' }).click();
    await page.getByRole('heading', { name: /^Blast radius of/ }).waitFor({ timeout: 30_000 });
    await eventually(() => page.getByTestId('explorer-layout').count(), 30_000).toBe(0);
    const canvas = '.explorer-canvas';
    // Edge kinds have arrived from graph.neighbours (no 'reach' placeholder left on the first hops).
    await eventually(
      async () =>
        (await page.locator(canvas).evaluate((el) => (el as CyBox)._cyreg.cy.edges().map((e) => String(e.data('kind'))))).filter((k) => k !== 'reach')
          .length,
      30_000,
    ).toBeGreaterThan(5);
    const edges = () =>
      page.locator(canvas).evaluate((el) =>
        (el as CyBox)._cyreg.cy.edges().map((e) => ({
          from: e.source().id(),
          kind: String(e.data('kind')),
          privilege: e.data('privilege') as string | null,
          exercised: e.data('exercised') === 1,
          visible: e.visible(),
        })),
      );
    const all = await edges();
    const everyone = (await shown(canvas)).size;

    // An edge kind off (one that does not leave the start, so something stays): none of its edges is drawn.
    const first = new Set(all.filter((e) => e.from === top).map((e) => e.kind));
    const kind = [...new Set(all.map((e) => e.kind))].filter((k) => k !== 'reach' && !first.has(k)).sort()[0];
    expect(kind).toBeDefined();
    await filterBar()
      .getByRole('checkbox', { name: new RegExp(`^${kind.replace(/_/g, ' ')}`) })
      .uncheck();
    await eventually(hash).toContain(`hide=${kind}`);
    let now = await edges();
    expect(now.filter((e) => e.kind === kind && e.visible)).toEqual([]);
    expect(now.filter((e) => e.visible).length).toBeGreaterThan(0);
    await filterBar()
      .getByRole('checkbox', { name: new RegExp(`^${kind.replace(/_/g, ' ')}`) })
      .check();

    // Exercised only: every edge left is one the logs show used, and every node left still joins the start.
    await filterBar().getByLabel('Exercised or granted').selectOption('exercised');
    now = await edges();
    expect(now.filter((e) => e.visible && !e.exercised)).toEqual([]);
    expect(all.some((e) => e.exercised)).toBe(true);
    expect((await shown(canvas)).size).toBeLessThan(everyone);
    await page.mouse.move(0, 0);
    await screenshot(page, 'graph-explorer-filter-exercised', { quick: true });
    await filterBar().getByLabel('Exercised or granted').selectOption('all');

    // Admin off: no admin grant drawn.
    if (all.some((e) => e.privilege === 'admin')) {
      await filterBar().getByRole('checkbox', { name: 'admin', exact: true }).uncheck();
      expect((await edges()).filter((e) => e.visible && e.privilege === 'admin')).toEqual([]);
      await filterBar().getByRole('checkbox', { name: 'admin', exact: true }).check();
    }
    await eventually(async () => (await shown(canvas)).size).toBe(everyone);

    // '/' from the canvas, the farthest drawn crown jewel (else system) by id, Enter: selected, its path from the
    // start lit, the rest dimmed.
    const drawnIds = await shown(canvas);
    const systems = br.reach.filter((r) => r.kind === 'system' && drawnIds.has(r.id)).sort((a, b) => b.hops - a.hops);
    const crown = (systems.find((r) => br.summary.crownJewels.includes(r.id)) ?? systems[0]).id;
    await frame.focus();
    await page.keyboard.press('/');
    await page.keyboard.type(crown);
    const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    const name = br.names[crown];
    await eventually(() => options.allTextContents()).toContainEqual(expect.stringContaining(name));
    const index = (await options.allTextContents()).findIndex((t) => t.includes(name));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('explorer-selected').textContent()).toContain(crown);
    const lit = await page.locator(canvas).evaluate((el) => {
      const cy = (el as CyBox)._cyreg.cy;
      return {
        nodes: cy
          .nodes()
          .map((n) => (n.hasClass('on-path') ? n.id() : ''))
          .filter(Boolean),
        edges: cy
          .edges()
          .map((e) => (e.hasClass('on-path') ? [e.source().id(), e.target().id()] : null))
          .filter(Boolean) as string[][],
        undimmed: cy
          .nodes()
          .map((n) => (!n.hasClass('dim') && !n.hasClass('on-path') ? n.id() : ''))
          .filter(Boolean),
      };
    });
    // A chain of edges from the start to the crown jewel, as many as the engine's shortest path has hops.
    const row = br.reach.find((r) => r.id === crown)!;
    expect(lit.edges.length).toBe(row.hops);
    let at = top;
    for (let i = 0; i < lit.edges.length; i++) {
      const next = lit.edges.find((e) => e[0] === at)!;
      expect(next, `an edge out of ${at}`).toBeDefined();
      at = next[1];
    }
    expect(at).toBe(crown);
    expect(new Set(lit.nodes)).toEqual(new Set([top, ...lit.edges.map((e) => e[1])]));
    expect(lit.undimmed).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, 'graph-explorer-search-lit', { quick: true });
    await page.keyboard.press('Escape');
    await eventually(() =>
      page.locator(canvas).evaluate(
        (el) =>
          (el as CyBox)._cyreg.cy
            .nodes()
            .map((n) => n.hasClass('dim'))
            .filter(Boolean).length,
      ),
    ).toBe(0);

    // The hover card sits beside the node and its label.
    await page.getByRole('button', { name: 'Fit' }).click();
    await cardClearOfNode(canvas, '.explorer-hover', crown);
    await cardClearOfNode(canvas, '.explorer-hover', top);
    await screenshot(page, 'graph-explorer-hover-beside', { quick: true });
    expect(wb.problems).toEqual([]);
  }, 120_000);
});
