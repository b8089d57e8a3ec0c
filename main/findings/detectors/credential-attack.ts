// credential-attack: bursts of failed authentications against one identity, or one source spraying
// failures across many identities. A success from the same source right after means the guess worked.
import { fact, isoTime, sampleEvents } from '../evidence.ts';
import { eventIdentity } from '../event-subjects.ts';
import type { EventRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const MINUTE = 60_000;

export const credentialAttack: Detector = {
  rule: 'credential-attack',
  defaults: { burstFailures: 10, burstMinutes: 10, sprayIdentities: 5, sprayMinutes: 60, successWithinMinutes: 60, maxEvents: 20 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, window }, t) {
    const events = data.events(window.from, window.to);
    const subjectOf = (e: EventRow) => eventIdentity(data, e)?.key ?? e.identity ?? e.credential;
    const win = { from: isoTime(window.from), to: isoTime(window.to) };
    const out: FindingDraft[] = [];

    // Bursts: failures against one subject, counted in a sliding window.
    const failuresBySubject = group(events.filter((e) => e.outcome === 0), subjectOf);
    for (const [subject, fails] of failuresBySubject) {
      const burst = densest(fails, t.burstMinutes * MINUTE);
      if (burst.length < t.burstFailures) continue;
      out.push(draft(subject, 'burst', burst, events, subjectOf, t, win,
        `${burst.length} failed sign-ins within ${t.burstMinutes} minutes`));
    }

    // Spraying: one source failing against many subjects within the window.
    const failuresBySource = group(events.filter((e) => e.outcome === 0 && e.ip), (e) => e.ip);
    for (const [source, fails] of failuresBySource) {
      const burst = densestBy(fails, t.sprayMinutes * MINUTE, subjectOf);
      const targets = new Set(burst.map(subjectOf));
      if (targets.size < t.sprayIdentities) continue;
      for (const subject of targets) {
        if (!subject) continue;
        const own = burst.filter((e) => subjectOf(e) === subject);
        out.push(draft(subject, `spray:${source}`, own, events, subjectOf, t, win,
          `${source} sprayed failed sign-ins at ${targets.size} identities within ${t.sprayMinutes} minutes`, true));
      }
    }
    return out;
  },
};

function draft(subject: string, key: string, fails: EventRow[], all: EventRow[], subjectOf: (e: EventRow) => string | null,
  t: Record<string, number>, win: { from: string; to: string }, what: string, spray = false): FindingDraft {
  const last = fails[fails.length - 1].ts;
  const sources = new Set(fails.map((e) => e.ip));
  const success = all.find((e) => e.outcome === 1 && subjectOf(e) === subject && sources.has(e.ip) && e.ts >= fails[0].ts && e.ts <= last + t.successWithinMinutes * MINUTE);
  const severity: Severity = success ? 'critical' : fails.length >= 5 * t.burstFailures ? 'high' : 'medium';
  return {
    subject, key, severity, window: win, scoreAdjust: Math.min(9, Math.floor(fails.length / t.burstFailures)),
    severityBecause: success ? `a success from the same source followed at ${isoTime(success.ts)}: the attack likely worked` : spray ? 'spraying without a success so far' : 'failures only so far',
    title: `${spray ? 'password spraying' : 'failure burst'} against ${subject}: ${what}${success ? ', then a success' : ''}`,
    evidence: [
      fact('technique', spray ? 'T1110.003 Password Spraying' : 'T1110 Brute Force'),
      fact('failures', fails.length, `${isoTime(fails[0].ts)} to ${isoTime(last)} from ${[...sources].slice(0, 5).join(', ')}`),
      ...sampleEvents(success ? [...fails, success] : fails, t.maxEvents),
    ],
  };
}

function group(events: EventRow[], key: (e: EventRow) => string | null): Map<string, EventRow[]> {
  const m = new Map<string, EventRow[]>();
  for (const e of events) {
    const k = key(e);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  }
  return m;
}

/** The largest run of events (time-ordered) that fits in `spanMs`. */
function densest(events: EventRow[], spanMs: number): EventRow[] {
  let best: [number, number] = [0, 0];
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    while (events[hi].ts - events[lo].ts > spanMs) lo++;
    if (hi - lo + 1 > best[1] - best[0]) best = [lo, hi + 1];
  }
  return events.slice(best[0], best[1]);
}

/** The run within `spanMs` that touches the most distinct subjects. */
function densestBy(events: EventRow[], spanMs: number, key: (e: EventRow) => string | null): EventRow[] {
  let best: EventRow[] = [];
  let bestCount = 0;
  const counts = new Map<string | null, number>();
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    const k = key(events[hi]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    while (events[hi].ts - events[lo].ts > spanMs) {
      const kl = key(events[lo]);
      const c = (counts.get(kl) ?? 1) - 1;
      if (c) counts.set(kl, c);
      else counts.delete(kl);
      lo++;
    }
    if (counts.size > bestCount) {
      bestCount = counts.size;
      best = events.slice(lo, hi + 1);
    }
  }
  return best;
}
