// new-network: a non-human identity uses a source network (analyst CIDR, ASN, or /24 when no ASN is
// known) that it had not used in the baseline before the event (its own trailing baseline, anywhere in the case). Counting networks, not IPs, keeps pod pools and CI
// fleets that rotate addresses inside one network quiet; moving between ranges the analyst declared as the
// organisation's own (corporate, CI runners) is not news either.
// A person's programmatic token (an Okta API token, a GitHub personal access token) is judged too, as its own
// subject: against its own trailing baseline plus the networks its holder used themselves (a token used from its
// creator's office or home is not news; one used from a network neither ever used is).
// A workload's service-account token (Kubernetes, named by its JTI or Secret) is judged the same way, with its
// service account as the holder: the account's networks (through any of its tokens) are the rest of the token's
// baseline, so a pod's fresh token used from the pod network is not news, and a token used from anywhere else is a
// finding on the token, naming its pod.
import { fact, isoTime, nodeEvidence } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { eventNhi, isAnonymous, isOwnNetwork } from '../event-subjects.ts';
import { eventPersonToken, personTokenHolders } from '../person-tokens.ts';
import { eventWorkloadToken, holderDetail } from '../workload-tokens.ts';
import { isWorkloadToken } from '../../store/workload-tokens.ts';
import type { EventRow, NodeRow } from '../case-data.ts';
import { TrailingHabits } from '../trailing-habit.ts';
import { behaviouralRule } from '../behavioural-rule.ts';
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

/** One subject's fresh networks: a non-human identity, or a person's token with the person who holds it. */
interface Subject {
  identity: NodeRow;
  holder: NodeRow | null;
  networks: Map<string, FreshNetwork>;
}

export const newNetwork: Detector = behaviouralRule({
  rule: 'new-network',
  defaults: { minBaselineEvents: 5, maxEvents: 10 },
  watch({ data, window }, t) {
    const habits = new TrailingHabits(window.baselineDays, window.minHistoryDays);
    const fresh = new Map<string, Subject>();
    // People holding a token of their own: only their events feed a second habit (theirs), the rest cost nothing.
    // Read on the first event that is neither a non-human identity's nor a token's.
    let holderIds: ReadonlySet<number> | null = null;
    const holders = () => (holderIds ??= personTokenHolders(data));
    // One ordered pass from one baseline before the detection window: each success is judged against the
    // subject's own trailing baseline at that moment (a token's: its own and its holder's), then becomes part of it.
    const judge = (e: EventRow, identity: NodeRow, holder: NodeRow | null, holderUsesToo = false) => {
      const network = e.net.network;
      const cls = e.net.class ?? 'unknown';
      const key = identity.key;
      const other = holder?.key;
      const established =
        habits.established(key, e.ts, t.minBaselineEvents) || (other !== undefined && habits.established(other, e.ts, t.minBaselineEvents));
      const judged = e.ts >= window.from && network !== null && established;
      const known = fresh.get(key)?.networks.get(network ?? '');
      if (known) known.hits.add(e);
      else if (judged && !habits.usedNetwork(key, network, e.ts) && !(other !== undefined && habits.usedNetwork(other, network, e.ts))) {
        // Moving between ranges the organisation declared as its own, of a class the subject already uses, is not news.
        const ownMove = isOwnNetwork(e.net) && (habits.usedClass(key, cls, e.ts) || (other !== undefined && habits.usedClass(other, cls, e.ts)));
        if (!ownMove) {
          let mine = fresh.get(key);
          if (!mine) fresh.set(key, (mine = { identity, holder, networks: new Map() }));
          const hit: FreshNetwork = {
            first: e,
            hits: new EventSample(t.maxEvents),
            baseline: baselineOf(habits, key, other, e.ts),
            successesBefore: habits.of(key)?.successes ?? 0,
          };
          hit.hits.add(e);
          mine.networks.set(network!, hit);
        }
      }
      habits.see(key, e.ts, network, e.net.class, true);
      // A service account acts only through its tokens: each use is the account's habit too.
      if (holderUsesToo && other !== undefined) habits.see(other, e.ts, network, e.net.class, true);
    };
    const see = (e: EventRow) => {
      const workload = eventWorkloadToken(data, e);
      if (workload) return judge(e, workload.token, workload.holder, true);
      const identity = eventNhi(data, e);
      if (identity) return judge(e, identity, null);
      const token = eventPersonToken(data, e);
      if (token) return judge(e, token.token, token.holder);
      // The holder's own use, not through a token: the networks a token of theirs may come from without news.
      if (e.identityId !== null && holders().has(e.identityId)) habits.see(data.node(e.identityId)!.key, e.ts, e.net.network, e.net.class, true);
    };
    return { from: window.baselineFrom, to: window.to, outcome: 1, see, finish: () => drafts(window, fresh) };
  },
});

/** The baseline of a subject at `ts`: its own networks and classes, and its holder's when it is a person's token. */
function baselineOf(habits: TrailingHabits, key: string, holder: string | undefined, ts: number): { networks: (string | null)[]; classes: string[] } {
  const own = habits.baseline(key, ts);
  if (holder === undefined) return own;
  const theirs = habits.baseline(holder, ts);
  return { networks: [...new Set([...own.networks, ...theirs.networks])], classes: [...new Set([...own.classes, ...theirs.classes])] };
}

function drafts(window: DetectionWindow, fresh: Map<string, Subject>): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const [key, { identity, holder, networks }] of fresh) {
    for (const [network, { first, hits, baseline, successesBefore }] of networks) {
      const cls = first.net.class ?? 'unknown';
      const newClass = !baseline.classes.includes(cls);
      const severity: Severity = newClass && isAnonymous(first.net) ? 'high' : newClass ? 'medium' : 'low';
      const baselineFrom = first.ts - window.baselineDays * DAY_MS;
      const win = { from: isoTime(window.from), to: isoTime(window.to), baselineFrom: isoTime(baselineFrom), baselineTo: isoTime(first.ts) };
      out.push({
        subject: key,
        key: network,
        severity,
        window: win,
        severityBecause: newClass
          ? `both the network and its class (${cls}) are new for this ${holder ? 'token and its holder' : 'identity'}`
          : `the network is new but its class (${cls}) is usual for this ${holder ? 'token or its holder' : 'identity'}`,
        title: `${identity.subkind} ${key}${holder ? ` of ${holder.name ?? holder.key}` : ''} used from new network ${network} (${cls}${first.net.org ? `, ${first.net.org}` : ''}) ${hits.count}× since ${isoTime(first.ts).slice(0, 10)}`,
        evidence: [
          nodeEvidence(identity),
          ...(holder
            ? [
                nodeEvidence(holder),
                fact(
                  'token_holder',
                  holder.key,
                  `${holderDetail(identity)}; the baseline is the token's own networks and ${isWorkloadToken(identity) ? "the account's" : 'theirs'}`,
                ),
              ]
            : []),
          ...hits.evidence(),
          fact(
            'baseline_networks',
            baseline.networks,
            `networks used in the ${window.baselineDays} days before ${isoTime(first.ts).slice(0, 10)} (${successesBefore} successful events before it${holder ? ' with the token' : ''})`,
          ),
          fact('baseline_classes', baseline.classes),
        ],
      });
    }
  }
  return out;
}
