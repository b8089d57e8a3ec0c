// new-network: a non-human identity uses a source network (analyst CIDR, ASN, or /24 when no ASN is
// known) that it had not used in the baseline before the event (its own trailing baseline, anywhere in the case). Counting networks, not IPs, keeps pod pools and CI
// fleets that rotate addresses inside one network quiet; moving between ranges the analyst declared as the
// organisation's own (corporate, CI runners) is not news either.
import { fact, isoTime, nodeEvidence } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { eventNhi, isAnonymous, isOwnNetwork } from '../event-subjects.ts';
import type { EventRow, NodeRow } from '../case-data.ts';
import { TrailingHabits } from '../trailing-habit.ts';
import { runAlone } from '../shared-pass.ts';
import type { DetectionWindow } from '../windows.ts';
import { DAY_MS } from '../types.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

/** Successful use of one network the identity had not used in the baseline before its first use. */
interface FreshNetwork {
  first: EventRow;
  hits: EventSample;
  baseline: { networks: (string | null)[]; classes: string[] };
  successesBefore: number;
}

export const newNetwork: Detector = {
  rule: 'new-network',
  defaults: { minBaselineEvents: 5, maxEvents: 10 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect(ctx, t) {
    return runAlone(ctx.data, this.watch!(ctx, t));
  },
  watch({ data, window }, t) {
    const habits = new TrailingHabits(window.baselineDays, window.minHistoryDays);
    const fresh = new Map<string, { identity: NodeRow; networks: Map<string, FreshNetwork> }>();
    // One ordered pass from one baseline before the detection window: each success is judged against the
    // identity's own trailing baseline at that moment, then becomes part of it.
    const see = (e: EventRow) => {
      const identity = eventNhi(data, e);
      if (!identity) return;
      const network = e.net.network;
      const cls = e.net.class ?? 'unknown';
      const key = identity.key;
      const judged = e.ts >= window.from && network !== null && habits.established(key, e.ts, t.minBaselineEvents);
      const known = fresh.get(key)?.networks.get(network ?? '');
      if (known) known.hits.add(e);
      else if (judged && !habits.usedNetwork(key, network, e.ts)) {
        // Moving between ranges the organisation declared as its own, of a class the identity already uses, is not news.
        const ownMove = isOwnNetwork(e.net) && habits.usedClass(key, cls, e.ts);
        if (!ownMove) {
          let mine = fresh.get(key);
          if (!mine) fresh.set(key, (mine = { identity, networks: new Map() }));
          const hit: FreshNetwork = { first: e, hits: new EventSample(t.maxEvents), baseline: habits.baseline(key, e.ts), successesBefore: habits.of(key)!.successes };
          hit.hits.add(e);
          mine.networks.set(network!, hit);
        }
      }
      habits.see(key, e.ts, network, e.net.class, true);
    };
    return { from: window.baselineFrom, to: window.to, outcome: 1, see, finish: () => drafts(window, fresh) };
  },
};

function drafts(window: DetectionWindow, fresh: Map<string, { identity: NodeRow; networks: Map<string, FreshNetwork> }>): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const [key, { identity, networks }] of fresh) {
    for (const [network, { first, hits, baseline, successesBefore }] of networks) {
      const cls = first.net.class ?? 'unknown';
      const newClass = !baseline.classes.includes(cls);
      const severity: Severity = newClass && isAnonymous(first.net) ? 'high' : newClass ? 'medium' : 'low';
      const baselineFrom = first.ts - window.baselineDays * DAY_MS;
      const win = { from: isoTime(window.from), to: isoTime(window.to), baselineFrom: isoTime(baselineFrom), baselineTo: isoTime(first.ts) };
      out.push({
        subject: key, key: network, severity, window: win,
        severityBecause: newClass ? `both the network and its class (${cls}) are new for this identity` : `the network is new but its class (${cls}) is usual for this identity`,
        title: `${identity.subkind} ${key} used from new network ${network} (${cls}${first.net.org ? `, ${first.net.org}` : ''}) ${hits.count}× since ${isoTime(first.ts).slice(0, 10)}`,
        evidence: [
          nodeEvidence(identity),
          ...hits.evidence(),
          fact('baseline_networks', baseline.networks, `networks used in the ${window.baselineDays} days before ${isoTime(first.ts).slice(0, 10)} (${successesBefore} successful events before it)`),
          fact('baseline_classes', baseline.classes),
        ],
      });
    }
  }
  return out;
}
