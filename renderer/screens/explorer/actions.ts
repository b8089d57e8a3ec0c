// What the explorer asks the engine for (server state): neighbours by kind, blast radius, exposure, marks.
// Each action turns an answer into a new drawing and pushes it onto the explorer's history.
import type { EdgeKind, Mark } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import {
  addNeighbours,
  elementCount,
  expandGroup,
  fromBlastRadius,
  fromExposure,
  withRealEdges,
  ELEMENT_CAP,
  type Drawing,
  type NodeInfo,
} from './drawing.ts';
import { currentDrawing, useExplorer } from './explorer-store.ts';

/** Edges loaded per kind and direction; beyond this the group says how many were not loaded. */
const NEIGHBOUR_LIMIT = 5000;
/** Blast radius rows asked for (nearest first); leaves are grouped and the drawing kept within the cap. */
const REACH_ROWS = 5000;
/** Exposure views draw at most this many identities (nearest first). */
const LAYER_ROWS = 600;
/** Past this many path sources, the remaining edges stay 'reach' (kind unknown) rather than stall the view. */
const ENRICH_SOURCES = 200;

export async function expand(id: string, direction: 'out' | 'in', kind: string): Promise<void> {
  await guard(async () => {
    const r = await request('graph.neighbours', { id, direction, kinds: [kind as EdgeKind], limit: NEIGHBOUR_LIMIT });
    const d = currentDrawing();
    if (d) useExplorer.getState().push(addNeighbours(d, id, direction, kind, r));
  });
}

/** Opens a group: straight away within the cap, otherwise the analyst is asked how many to draw. */
export function openGroup(id: string, askAbove = ELEMENT_CAP): void {
  const d = currentDrawing();
  const g = d?.nodes.get(id)?.group;
  if (!d || !g) return;
  if (elementCount(d) + g.members.length * 2 > askAbove) useExplorer.getState().open({ type: 'cap', id, members: g.members.length });
  else useExplorer.getState().push(expandGroup(d, id, g.members.length));
}

/** Draws up to `max` members of a group (the answer to the cap question). */
export function drawMembers(id: string, max: number): void {
  const d = currentDrawing();
  if (d) useExplorer.getState().push(expandGroup(d, id, max));
}

/** How many members fit before the drawing reaches the cap (each member adds a node and an edge). */
export function membersWithinCap(): number {
  const d = currentDrawing();
  return d ? Math.max(0, Math.floor((ELEMENT_CAP - elementCount(d)) / 2)) : 0;
}

export async function showBlastRadius(id: string): Promise<void> {
  await guard(async () => {
    const [node, br] = await Promise.all([nodeInfo(id), request('graph.blastRadius', { ids: [id], limit: REACH_ROWS })]);
    useExplorer.getState().push(await realEdges(fromBlastRadius(br, node)));
  });
}

export async function showExposure(id: string): Promise<void> {
  await guard(async () => {
    const [node, ex] = await Promise.all([nodeInfo(id), request('graph.exposure', { id, limit: LAYER_ROWS })]);
    useExplorer.getState().push(await realEdges(fromExposure(ex, node)));
  });
}

/** Edge kinds and exercised flags for a layered view: one neighbours call per node that starts a drawn edge. */
async function realEdges(d: Drawing): Promise<Drawing> {
  const sources = [...new Set([...d.edges.values()].map((e) => e.from))].slice(0, ENRICH_SOURCES);
  const answers = [];
  // A few at a time: the engine is one worker shared with every other screen.
  for (let i = 0; i < sources.length; i += 8) {
    answers.push(...(await Promise.all(sources.slice(i, i + 8).map((id) => request('graph.neighbours', { id, direction: 'out', limit: 2000 })))));
  }
  return withRealEdges(d, answers);
}

export async function setMark(id: string, mark: Mark, on: boolean): Promise<boolean> {
  let ok = false;
  await guard(async () => {
    if (on) await request('graph.mark', { id, mark, reason: 'marked in the graph explorer' });
    else await request('graph.unmark', { id, mark });
    ok = true;
  });
  return ok;
}

export async function nodeInfo(id: string): Promise<NodeInfo> {
  const n = await request('graph.node', { id });
  return { id: n.id, kind: n.kind, subkind: n.subkind, criticality: n.criticality, name: n.displayName };
}

async function guard(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    useExplorer.getState().fail((err as Error).message);
  }
}
