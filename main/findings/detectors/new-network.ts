// new-network: a non-human identity uses a source network (analyst CIDR, ASN, or /24 when no ASN is
// known) that it never used in its baseline window. Counting networks, not IPs, keeps pod pools and CI
// fleets that rotate addresses inside one network quiet. Two streaming passes: the baseline window gives
// each identity's habit (networks and classes it succeeded from), the detection window what departs from it.
import { fact, isoTime, nodeEvidence } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { ANONYMISING, eventNhi } from '../event-subjects.ts';
import type { EventRow, NodeRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

/** An identity's successful use in its baseline window. */
interface Habit {
  successes: number;
  /** In order of first use; an event without a usable address counts as network null. */
  networks: Set<string | null>;
  classes: Set<string>;
}

/** Successful use of one network the identity never used in its baseline. */
interface FreshNetwork {
  first: EventRow;
  hits: EventSample;
}

const NO_HABIT: Habit = { successes: 0, networks: new Set(), classes: new Set() };

export const newNetwork: Detector = {
  rule: 'new-network',
  defaults: { minBaselineEvents: 5, maxEvents: 10 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, window }, t) {
    const habits = new Map<string, Habit>();
    for (const e of data.eachEvent(window.baselineFrom, window.baselineTo - 1, { outcome: 1 })) {
      const identity = eventNhi(data, e);
      if (!identity) continue;
      let habit = habits.get(identity.key);
      if (!habit) habits.set(identity.key, (habit = { successes: 0, networks: new Set(), classes: new Set() }));
      habit.successes++;
      habit.networks.add(e.net.network);
      habit.classes.add(e.net.class ?? 'unknown');
    }

    const fresh = new Map<string, { identity: NodeRow; habit: Habit; networks: Map<string, FreshNetwork> }>();
    for (const e of data.eachEvent(window.from, window.to, { outcome: 1 })) {
      const identity = eventNhi(data, e);
      if (!identity) continue;
      const habit = habits.get(identity.key) ?? NO_HABIT;
      if (habit.successes < t.minBaselineEvents) continue; // no habit to compare against
      const network = e.net.network;
      if (!network || habit.networks.has(network)) continue;
      let mine = fresh.get(identity.key);
      if (!mine) fresh.set(identity.key, (mine = { identity, habit, networks: new Map() }));
      let hit = mine.networks.get(network);
      if (!hit) mine.networks.set(network, (hit = { first: e, hits: new EventSample(t.maxEvents) }));
      hit.hits.add(e);
    }

    const win = { from: isoTime(window.from), to: isoTime(window.to), baselineFrom: isoTime(window.baselineFrom), baselineTo: isoTime(window.baselineTo) };
    const out: FindingDraft[] = [];
    for (const [key, { identity, habit, networks }] of fresh) {
      for (const [network, { first, hits }] of networks) {
        const cls = first.net.class ?? 'unknown';
        const newClass = !habit.classes.has(cls);
        const severity: Severity = newClass && ANONYMISING.has(cls) ? 'high' : newClass ? 'medium' : 'low';
        out.push({
          subject: key, key: network, severity, window: win,
          severityBecause: newClass ? `both the network and its class (${cls}) are new for this identity` : `the network is new but its class (${cls}) is usual for this identity`,
          title: `${identity.subkind} ${key} used from new network ${network} (${cls}${first.net.org ? `, ${first.net.org}` : ''}) ${hits.count}× since ${isoTime(first.ts).slice(0, 10)}`,
          evidence: [
            nodeEvidence(identity),
            ...hits.evidence(),
            fact('baseline_networks', [...habit.networks], `${habit.successes} successful events between ${win.baselineFrom.slice(0, 10)} and ${win.baselineTo.slice(0, 10)}`),
            fact('baseline_classes', [...habit.classes]),
          ],
        });
      }
    }
    return out;
  },
};
