// One ordered pass over the auth events feeds every behavioural rule of a run. Each rule used to read the
// whole case itself (five sorted scans of a million-row table, each re-deciding every address's network);
// now SQLite sorts once, each event's network verdict is worked out once, and each rule sees the events
// of its own window and outcome.
import type { CaseData } from './case-data.ts';
import type { EventWatch, FindingDraft } from './types.ts';

/** Feeds the watches from one pass, then returns each one's drafts (in the order given) and the pass's time. */
export function runWatches(data: CaseData, watches: readonly EventWatch[]): { drafts: FindingDraft[][]; passMs: number; finishMs: number[] } {
  const started = performance.now();
  feed(data, watches);
  const passMs = performance.now() - started;
  const finishMs: number[] = [];
  const drafts = watches.map((w) => {
    const t = performance.now();
    const out = w.finish();
    finishMs.push(performance.now() - t);
    return out;
  });
  return { drafts, passMs, finishMs };
}

/** A rule run on its own (a test, or `--rule`): the same watch over its own pass. */
export function runAlone(data: CaseData, watch: EventWatch): FindingDraft[] {
  return runWatches(data, [watch]).drafts[0]!;
}

function feed(data: CaseData, watches: readonly EventWatch[]): void {
  const live = watches.filter((w) => w.from <= w.to);
  if (!live.length) return;
  const from = Math.min(...live.map((w) => w.from));
  const to = Math.max(...live.map((w) => w.to));
  const outcomes = new Set(live.map((w) => w.outcome ?? null));
  const outcome = outcomes.size === 1 ? ([...outcomes][0] ?? undefined) : undefined;
  const props = live.some((w) => w.props);
  const inAnyOrder = live.every((w) => w.inAnyOrder);
  if (live.length === 1) {
    const [w] = live;
    for (const e of data.eachEvent(from, to, { outcome, props, inAnyOrder })) w!.see(e);
    return;
  }
  // Each watch's window and outcome in columns: the loop below runs once per event per watch (tens of millions of
  // times on a large case), and reading them from watch objects of as many shapes cost more than the checks.
  const n = live.length;
  const froms = Float64Array.from(live, (w) => w.from);
  const tos = Float64Array.from(live, (w) => w.to);
  const wants = Int8Array.from(live, (w) => w.outcome ?? -1);
  const sees = live.map((w) => w.see.bind(w));
  for (const e of data.eachEvent(from, to, { outcome, props, inAnyOrder })) {
    const { ts, outcome: o } = e;
    for (let i = 0; i < n; i++) {
      if (ts < froms[i] || ts > tos[i] || (wants[i] !== -1 && wants[i] !== o)) continue;
      sees[i]!(e);
    }
  }
}
