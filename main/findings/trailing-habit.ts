// Each identity's habit as of any moment: when it was first seen, and when it last used each network and
// network class. Fed events oldest first, so "new" is judged per event against that identity's own trailing
// baseline (the `baselineDays` before the event) wherever the event falls in the case, not against a fixed
// window before as-of: a new network in week 2 of a 7-week log is as new as one in week 7.
import { DAY_MS } from './types.ts';

export interface Habit {
  firstSeen: number;
  /** Successful events seen so far (all of them, not only the trailing window). */
  successes: number;
  networks: Map<string | null, number>;
  classes: Map<string, number>;
}

export class TrailingHabits {
  private readonly habits = new Map<string, Habit>();
  private readonly baselineMs: number;
  private readonly historyMs: number;

  constructor(baselineDays: number, minHistoryDays: number) {
    this.baselineMs = baselineDays * DAY_MS;
    this.historyMs = minHistoryDays * DAY_MS;
  }

  of(key: string): Habit | undefined {
    return this.habits.get(key);
  }

  /** Enough history before `ts` for "new" to mean anything. */
  established(key: string, ts: number, minSuccesses = 0): boolean {
    const h = this.habits.get(key);
    return !!h && ts - h.firstSeen >= this.historyMs && h.successes >= minSuccesses;
  }

  /** Was this network used by the identity in the baseline before `ts`? */
  usedNetwork(key: string, network: string | null, ts: number): boolean {
    const last = this.habits.get(key)?.networks.get(network);
    return last !== undefined && ts - last <= this.baselineMs;
  }

  usedClass(key: string, cls: string, ts: number): boolean {
    const last = this.habits.get(key)?.classes.get(cls);
    return last !== undefined && ts - last <= this.baselineMs;
  }

  /** The networks and classes used in the baseline before `ts` (for evidence). */
  baseline(key: string, ts: number): { networks: (string | null)[]; classes: string[] } {
    const h = this.habits.get(key);
    if (!h) return { networks: [], classes: [] };
    const recent = <K>(m: Map<K, number>) => [...m].filter(([, t]) => ts - t <= this.baselineMs).map(([k]) => k);
    return { networks: recent(h.networks), classes: recent(h.classes) };
  }

  /** Records an event (call after judging it). */
  see(key: string, ts: number, network: string | null, cls: string | null, success: boolean): void {
    let h = this.habits.get(key);
    if (!h) this.habits.set(key, (h = { firstSeen: ts, successes: 0, networks: new Map(), classes: new Map() }));
    if (success) h.successes++;
    h.networks.set(network, ts);
    h.classes.set(cls ?? 'unknown', ts);
  }
}
