import { describe, expect, it } from 'vitest';
import { UsageSpans, type UsageSpanData } from '../../main/ingest/usage-spans.ts';

type Span = { firstEvent: number; lastEvent: number; firstSeen: number; lastSeen: number; successes: number };

function spansOf(d: UsageSpanData): Map<string, Span> {
  const out = new Map<string, Span>();
  for (let i = 0; i < d.n; i++) {
    out.set(`${d.codes[i * 3]}/${d.codes[i * 3 + 1]}/${d.codes[i * 3 + 2]}`, {
      firstEvent: d.firstEvent[i],
      lastEvent: d.lastEvent[i],
      firstSeen: d.firstSeen[i],
      lastSeen: d.lastSeen[i],
      successes: d.successes[i],
    });
  }
  return out;
}

describe('UsageSpans', () => {
  it('rolls events up per (identity, credential, target) exactly as a plain map does, through growth', () => {
    const spans = new UsageSpans();
    const truth = new Map<string, Span>();
    let seed = 9;
    const random = (n: number) => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
    for (let event = 0; event < 50_000; event++) {
      const [a, b, c] = [random(300) - 1, random(40) - 1, random(7) - 1];
      const ts = 1_700_000_000_000 + random(1_000_000) * 1000;
      const success = random(3) > 0;
      spans.add(a, b, c, event, ts, success);
      const key = `${a}/${b}/${c}`;
      const s = truth.get(key) ?? { firstEvent: event, lastEvent: event, firstSeen: Infinity, lastSeen: -Infinity, successes: 0 };
      s.lastEvent = event;
      if (success) {
        s.firstSeen = Math.min(s.firstSeen, ts);
        s.lastSeen = Math.max(s.lastSeen, ts);
        s.successes++;
      }
      truth.set(key, s);
    }
    expect(truth.size).toBeGreaterThan(10_000);
    expect(spans.size).toBe(truth.size);
    expect(spansOf(spans.take())).toEqual(truth);
    expect(spans.size).toBe(0);
    spans.add(1, 2, 3, 7, 100, false);
    expect(spansOf(spans.take())).toEqual(
      new Map([['1/2/3', { firstEvent: 7, lastEvent: 7, firstSeen: Infinity, lastSeen: -Infinity, successes: 0 }]]),
    );
  });
});
