// credential-attack: bursts of failed authentications against one identity, or one source spraying
// failures across many identities. A success from the same source right after means the guess worked.
// Three reads, each keeping little: the densest run of failures per subject and per source (from their times
// alone, in the shared pass); then the failures of the runs past the thresholds (counts, sources, the events
// cited); then the first success that followed each run, from the attacked subjects' own events.
import { fact, isoTime } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { eventIdentity } from '../event-subjects.ts';
import { DensestRun, WidestRun } from '../densest-run.ts';
import { within } from '../stream-position.ts';
import type { CaseData, EventRow } from '../case-data.ts';
import type { Detector, FindingDraft, Thresholds } from '../types.ts';
import { behaviouralRule } from '../behavioural-rule.ts';
import type { DetectionWindow } from '../windows.ts';
import type { Severity } from '../../../shared/model.ts';

const MINUTE = 60_000;

/** Failures kept from the shared pass for the second look (~250 bytes each); past this many they are read again. */
const KEPT_FAILURES = 250_000;

/** The failures of one run against one subject, and the success that followed, if any. */
interface Attack {
  subject: string;
  key: string;
  /** Set for spraying: the source and how many identities it hit. */
  spray: { source: string; identities: number } | null;
  fails: EventSample;
  firstTs: number;
  lastTs: number;
  sources: Set<string | null>;
  success: EventRow | null;
}

export const credentialAttack: Detector = behaviouralRule({
  rule: 'credential-attack',
  defaults: { burstFailures: 10, burstMinutes: 10, sprayIdentities: 5, sprayMinutes: 60, successWithinMinutes: 60, maxEvents: 20 },
  watch({ data, window }, t) {
    const subjectOf = (e: EventRow) => eventIdentity(data, e)?.key ?? e.identity ?? e.credential;
    // Pass 1 (the shared pass). Bursts: failures against one subject, counted in a sliding window. Spraying:
    // one source failing against many subjects within the window.
    const bursts = new Map<string, DensestRun>();
    const sprays = new Map<string, WidestRun>();
    // The failures themselves, kept for pass 2 while they are few (failures are ~1 % of events): pass 2 then picks
    // the runs' events from these instead of reading every event of the window again to find them.
    let failures: EventRow[] | null = [];
    const see = (e: EventRow) => {
      // A day's group from a roll-up cannot be placed in minutes, and its address is a whole network: bursts and
      // sprays are judged on whole events only (the rare-event extract keeps every failure burst whole).
      if (e.dayGroup) return;
      if (failures) {
        if (failures.length < KEPT_FAILURES) failures.push(e);
        else failures = null;
      }
      const subject = subjectOf(e);
      if (subject !== null) {
        let run = bursts.get(subject);
        if (!run) bursts.set(subject, (run = new DensestRun(t.burstMinutes * MINUTE)));
        run.add(e.ts, e.id);
      }
      if (e.ip) {
        let run = sprays.get(e.ip);
        if (!run) sprays.set(e.ip, (run = new WidestRun(t.sprayMinutes * MINUTE)));
        run.add(e.ts, e.id, subject);
      }
    };
    return { from: window.from, to: window.to, outcome: 0, see, finish: () => attacksOf(data, window, t, subjectOf, bursts, sprays, failures) };
  },
});

function attacksOf(
  data: CaseData,
  window: DetectionWindow,
  t: Thresholds,
  subjectOf: (e: EventRow) => string | null,
  bursts: Map<string, DensestRun>,
  sprays: Map<string, WidestRun>,
  kept: EventRow[] | null,
): FindingDraft[] {
  const burstRuns = [...bursts].filter(([, run]) => run.size >= t.burstFailures);
  const sprayRuns = [...sprays].filter(([, run]) => run.subjects >= t.sprayIdentities);
  bursts.clear();
  sprays.clear();
  if (!burstRuns.length && !sprayRuns.length) return [];

  // Pass 2: the failures inside those runs.
  const attack = (subject: string, key: string, spray: Attack['spray']): Attack => ({
    subject,
    key,
    spray,
    fails: new EventSample(t.maxEvents),
    firstTs: 0,
    lastTs: 0,
    sources: new Set(),
    success: null,
  });
  const burstOf = new Map(burstRuns.map(([subject, run]) => [subject, { run, attack: attack(subject, 'burst', null) }]));
  const sprayOf = new Map(sprayRuns.map(([source, run]) => [source, { run, bySubject: new Map<string, Attack>() }]));
  let from = Infinity;
  let to = -Infinity;
  for (const [, run] of [...burstRuns, ...sprayRuns]) {
    from = Math.min(from, run.first.ts);
    to = Math.max(to, run.last.ts);
  }
  // The window's failures in stream order: those kept by pass 1 when they all fitted, else read again.
  const failures = kept ?? data.eachEvent(from, to, { outcome: 0 });
  for (const e of failures) {
    if (e.dayGroup || e.ts < from || e.ts > to) continue;
    const subject = subjectOf(e);
    const burst = subject !== null ? burstOf.get(subject) : undefined;
    if (burst && within(e, burst.run.first, burst.run.last)) record(burst.attack, e);
    const spray = e.ip ? sprayOf.get(e.ip) : undefined;
    if (spray && subject && within(e, spray.run.first, spray.run.last)) {
      let own = spray.bySubject.get(subject);
      if (!own) spray.bySubject.set(subject, (own = attack(subject, `spray:${e.ip}`, { source: e.ip!, identities: spray.run.subjects })));
      record(own, e);
    }
  }
  const attacks = [...[...burstOf.values()].map((b) => b.attack), ...[...sprayOf.values()].flatMap((s) => [...s.bySubject.values()])];
  if (!attacks.length) return []; // a spray only at failures naming nobody

  // Pass 3: the first success against the same subject from one of the run's sources, from the run's
  // first failure until successWithinMinutes after its last.
  findSuccesses(data, attacks, subjectOf, t, window.to);

  const win = { from: isoTime(window.from), to: isoTime(window.to) };
  return attacks.map((a) => draft(a, t, win));
}

function record(a: Attack, e: EventRow): void {
  if (!a.fails.count) a.firstTs = e.ts;
  a.lastTs = e.ts;
  a.fails.add(e);
  a.sources.add(e.ip);
}

function findSuccesses(data: CaseData, attacks: Attack[], subjectOf: (e: EventRow) => string | null, t: Thresholds, windowTo: number): void {
  const after = t.successWithinMinutes * MINUTE;
  const bySubject = new Map<string, Attack[]>();
  let from = Infinity;
  let to = -Infinity;
  for (const a of attacks) {
    const list = bySubject.get(a.subject);
    if (list) list.push(a);
    else bySubject.set(a.subject, [a]);
    from = Math.min(from, a.firstTs);
    to = Math.max(to, a.lastTs + after);
  }
  let open = attacks.length;
  // Only the attacked subjects' events are read (through the identity and credential indexes): the
  // identities themselves and every credential they hold.
  const identities = [...bySubject.keys()].map((key) => data.nodeByKeyOf(key)).filter((n) => n !== undefined);
  const subjects = {
    identities: identities.filter((n) => n.kind !== 'credential').map((n) => n.id),
    credentials: identities.flatMap((n) => (n.kind === 'credential' ? [n.id] : data.credentialsOf(n.id).map((c) => c.id))),
  };
  for (const e of data.eachEvent(from, Math.min(windowTo, to), { outcome: 1, subjects })) {
    if (e.dayGroup) continue;
    const subject = subjectOf(e);
    const mine = subject !== null ? bySubject.get(subject) : undefined;
    if (!mine) continue;
    for (const a of mine) {
      if (a.success || !a.sources.has(e.ip) || e.ts < a.firstTs || e.ts > a.lastTs + after) continue;
      a.success = e;
      open--;
    }
    if (!open) break;
  }
}

function draft(a: Attack, t: Thresholds, win: { from: string; to: string }): FindingDraft {
  const { subject, key, spray, fails, firstTs, lastTs, sources, success } = a;
  const what = spray
    ? `${spray.source} sprayed failed sign-ins at ${spray.identities} identities within ${t.sprayMinutes} minutes`
    : `${fails.count} failed sign-ins within ${t.burstMinutes} minutes`;
  const severity: Severity = success ? 'critical' : fails.count >= 5 * t.burstFailures ? 'high' : 'medium';
  return {
    subject,
    key,
    severity,
    window: win,
    scoreAdjust: Math.min(9, Math.floor(fails.count / t.burstFailures)),
    severityBecause: success
      ? `a success from the same source followed at ${isoTime(success.ts)}: the attack likely worked`
      : spray
        ? 'spraying without a success so far'
        : 'failures only so far',
    title: `${spray ? 'password spraying' : 'failure burst'} against ${subject}: ${what}${success ? ', then a success' : ''}`,
    evidence: [
      fact('technique', spray ? 'T1110.003 Password Spraying' : 'T1110 Brute Force'),
      fact('failures', fails.count, `${isoTime(firstTs)} to ${isoTime(lastTs)} from ${[...sources].slice(0, 5).join(', ')}`),
      ...fails.evidence(success ?? undefined),
    ],
  };
}
