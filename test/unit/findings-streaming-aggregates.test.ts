// The aggregates the event rules keep while streaming, checked against the obvious list-based answers on
// random input: the cited events (first ones plus the last), and the densest / widest run of failures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../main/findings/case-data.ts';
import { DensestRun, WidestRun } from '../../main/findings/densest-run.ts';
import { within } from '../../main/findings/stream-position.ts';
import { EventSample } from '../../main/findings/event-sample.ts';
import { eventEvidence } from '../../main/findings/evidence.ts';

function event(id: number, ts: number, identity: string | null = null): EventRow {
  return {
    id,
    ts,
    identityId: null,
    credentialId: null,
    identity,
    credential: null,
    ip: null,
    userAgent: null,
    action: null,
    target: null,
    outcome: 0,
    asn: null,
    country: null,
    props: {},
    source: null,
    locator: null,
    net: { ip: '', valid: false, network: null, class: null, classSource: null, asn: null, org: null, lists: [], label: null },
  };
}

/** Events in stream order: times ascending, ids ascending among equal times. */
const stream = (maxLength: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('a', 'b', 'c', 'd', null)), { maxLength }).map((xs) =>
    xs
      .map(([ts]) => ts)
      .sort((x, y) => x - y)
      .map((ts, i) => event(i + 1, ts, xs[i][1])),
  );

describe('EventSample', () => {
  it('cites all events when they fit, else the first max − 1 and the last (also with a success appended)', () => {
    fc.assert(
      fc.property(stream(30), fc.integer({ min: 1, max: 8 }), fc.boolean(), (events, max, withThen) => {
        const sample = new EventSample(max);
        for (const e of events) sample.add(e);
        const then = withThen ? event(999, 50) : undefined;
        const all = then ? [...events, then] : events;
        const expected = all.length <= max ? all : [...all.slice(0, max - 1), all[all.length - 1]];
        expect(sample.count).toBe(events.length);
        expect(sample.evidence(then)).toEqual(expected.map(eventEvidence));
      }),
    );
  });

  it('cites no events when maxEvents is 0', () => {
    const sample = new EventSample(0);
    sample.add(event(1, 1));
    expect(sample.evidence()).toEqual([]);
    expect(sample.count).toBe(1);
  });
});

/** The first, largest run of events within `span` (list version). */
function densest(events: EventRow[], span: number): EventRow[] {
  let best: [number, number] = [0, 0];
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    while (events[hi].ts - events[lo].ts > span) lo++;
    if (hi - lo + 1 > best[1] - best[0]) best = [lo, hi + 1];
  }
  return events.slice(best[0], best[1]);
}

/** The first run within `span` touching the most distinct subjects (list version). */
function widest(events: EventRow[], span: number): EventRow[] {
  let best: EventRow[] = [];
  for (let hi = 0; hi < events.length; hi++) {
    let lo = 0;
    while (events[hi].ts - events[lo].ts > span) lo++;
    const run = events.slice(lo, hi + 1);
    if (new Set(run.map((e) => e.identity)).size > new Set(best.map((e) => e.identity)).size) best = run;
  }
  return best;
}

describe('densest and widest runs while streaming', () => {
  it('find the same run as the list algorithms, and pick exactly its events out of the stream again', () => {
    fc.assert(
      fc.property(stream(60), fc.integer({ min: 0, max: 12 }), (events, span) => {
        const dense = new DensestRun(span);
        const wide = new WidestRun(span);
        for (const e of events) {
          dense.add(e.ts, e.id);
          wide.add(e.ts, e.id, e.identity);
        }
        const expectedDense = densest(events, span);
        expect(dense.size).toBe(expectedDense.length);
        expect(events.filter((e) => dense.size && within(e, dense.first, dense.last))).toEqual(expectedDense);
        const expectedWide = widest(events, span);
        expect(wide.subjects).toBe(new Set(expectedWide.map((e) => e.identity)).size);
        expect(events.filter((e) => wide.subjects && within(e, wide.first, wide.last))).toEqual(expectedWide);
      }),
    );
  });

  it('holds only the current span, not every failure seen', () => {
    const run = new DensestRun(10);
    for (let i = 0; i < 100_000; i++) run.add(i * 100, i);
    expect(run.size).toBe(1);
    const held = (run as unknown as { window: { times: number[] } }).window.times.length;
    expect(held).toBeLessThan(200);
  });
});
