// anonymous-network: a non-human identity (or its credential) authenticates from Tor, a consumer VPN or
// anonymous hosting. Higher when the network is new for the identity and when its blast radius is large.
// Every event of the case is judged (no baseline is needed for this to be an incident); "new" is judged
// against the identity's own trailing baseline before its first anonymising use of the network.
// A person's programmatic token (an Okta API token, a GitHub personal access token) is judged as its own subject:
// a token used through Tor is a finding on the token, and "new" counts the networks of the token and its holder.
// So is a workload's service-account token (Kubernetes): its holder is its service account, whose use through any
// of its tokens counts as seen before.
import { fact, isoTime, nodeEvidence } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { eventSubject, isAnonymous } from '../event-subjects.ts';
import { personToken } from '../person-tokens.ts';
import { holderDetail, workloadToken } from '../workload-tokens.ts';
import { isLargeBlast } from '../blast.ts';
import type { CaseData, EventRow, NodeRow } from '../case-data.ts';
import type { BlastLookup } from '../blast.ts';
import { behaviouralRule } from '../behavioural-rule.ts';
import type { DetectionWindow } from '../windows.ts';
import { DAY_MS } from '../types.ts';
import { raise } from '../severity.ts';
import type { Detector, FindingDraft, Thresholds } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const BASE: Record<string, Severity> = { tor: 'high', vpn: 'high', hosting: 'medium' };

/** One identity's use of one anonymising class in the detection window. */
interface ClassUse {
  hits: EventSample;
  successes: number;
  /** In order of first use. */
  networks: Set<string | null>;
  sources: Set<string | null>;
}

interface IdentityUse {
  identity: NodeRow;
  /** Set when the subject is a person's token: the person who created or holds it. */
  holder: NodeRow | null;
  byClass: Map<string, ClassUse>;
  /** Of the networks in byClass, those the identity also used in the baseline before their first anonymising use. */
  seenBefore: Set<string | null>;
  /** When each network was first used anonymously. */
  firstUse: Map<string | null, number>;
}

export const anonymousNetwork: Detector = behaviouralRule({
  rule: 'anonymous-network',
  defaults: { largeBlastScore: 20, maxEvents: 20 },
  watch({ data, window, blast }, t) {
    const used = new Map<string, IdentityUse>();
    // Every anonymising use in the case, in order. Most events are not anonymising and cost one cached verdict.
    const see = (e: EventRow) => {
      const cls = e.net.class;
      if (!cls || !isAnonymous(e.net)) return;
      const identity = eventSubject(data, e);
      if (!identity) return;
      let mine = used.get(identity.key);
      if (!mine) {
        const holder = identity.kind === 'credential' ? ((workloadToken(data, identity.id) ?? personToken(data, identity.id))?.holder ?? null) : null;
        used.set(identity.key, (mine = { identity, holder, byClass: new Map(), seenBefore: new Set(), firstUse: new Map() }));
      }
      let use = mine.byClass.get(cls);
      if (!use) mine.byClass.set(cls, (use = { hits: new EventSample(t.maxEvents), successes: 0, networks: new Set(), sources: new Set() }));
      if (!mine.firstUse.has(e.net.network)) mine.firstUse.set(e.net.network, e.ts);
      use.hits.add(e);
      if (e.outcome === 1) use.successes++;
      use.networks.add(e.net.network);
      use.sources.add(e.net.classSource);
    };
    return { from: window.from, to: window.to, see, finish: () => drafts(data, window, blast, t, used) };
  },
});

function drafts(data: CaseData, window: DetectionWindow, blast: BlastLookup | null, t: Thresholds, used: Map<string, IdentityUse>): FindingDraft[] {
  if (used.size) {
    // Was each network new for the identity? Only these subjects' own events in the baseline before its first
    // anonymising use are read (the subject's trailing baseline at that moment); a token's baseline also holds its
    // holder's own use.
    const subjects = [...used.values()];
    const identities = subjects.filter((u) => u.identity.kind !== 'credential').map((u) => u.identity.id);
    const credentials = [
      ...identities.flatMap((id) => data.credentialsOf(id).map((c) => c.id)),
      ...subjects.filter((u) => u.holder).map((u) => u.identity.id),
    ];
    const tokensOf = new Map<number, IdentityUse[]>();
    for (const u of subjects) {
      if (!u.holder) continue;
      const list = tokensOf.get(u.holder.id);
      if (list) list.push(u);
      else tokensOf.set(u.holder.id, [u]);
    }
    const earliest = Math.min(...subjects.flatMap((u) => [...u.firstUse.values()]));
    const baselineMs = window.baselineDays * DAY_MS;
    const seen = (mine: IdentityUse, e: EventRow) => {
      const first = mine.firstUse.get(e.net.network);
      if (first !== undefined && e.ts < first && first - e.ts <= baselineMs) mine.seenBefore.add(e.net.network);
    };
    for (const e of data.eachEvent(earliest - baselineMs, window.to, {
      inAnyOrder: true,
      subjects: { identities: [...identities, ...tokensOf.keys()], credentials },
    })) {
      const identity = eventSubject(data, e);
      const mine = identity && used.get(identity.key);
      if (mine) seen(mine, e);
      // A holder's own use counts for each of their tokens judged here: a person's use not through a token; a
      // service account's use through any of its tokens, or none.
      const heldBy = !identity ? e.identityId : identity.kind === 'credential' ? (workloadToken(data, identity.id)?.holder.id ?? null) : identity.id;
      if (heldBy !== null) for (const token of tokensOf.get(heldBy) ?? []) if (token !== mine) seen(token, e);
    }
  }

  const win = { from: isoTime(window.from), to: isoTime(window.to) };
  const out: FindingDraft[] = [];
  for (const [key, { identity, holder, byClass, seenBefore }] of used) {
    for (const [cls, use] of byClass) {
      const { hits, successes } = use;
      const networks = [...use.networks];
      const firstSeen = networks.some((n) => !seenBefore.has(n));
      const summary = blast?.summary(key) ?? null;
      const large = isLargeBlast(summary, t.largeBlastScore);
      let severity = BASE[cls];
      const why: string[] = [`${cls === 'hosting' ? 'anonymous hosting' : cls === 'tor' ? 'Tor' : 'a consumer VPN'}`];
      if (firstSeen) {
        severity = raise(severity);
        why.push(`not used by this ${holder ? 'token or its holder' : 'identity'} in the ${window.baselineDays} days before`);
      }
      if (large) {
        severity = raise(severity);
        why.push('a large blast radius');
      }
      if (!successes) {
        severity = raise(severity, -1);
        why.push('but every attempt failed');
      }
      out.push({
        subject: key,
        key: cls,
        severity,
        window: win,
        severityBecause: why.join(', '),
        scoreAdjust: Math.min(9, Math.round((summary?.score ?? 0) / 10)),
        title: `${identity.subkind} ${key}${holder ? ` of ${holder.name ?? holder.key}` : ''} authenticated ${hits.count}× from ${cls} (${networks.slice(0, 3).join(', ')}${networks.length > 3 ? ', …' : ''})${successes ? '' : ', all failed'}`,
        evidence: [
          nodeEvidence(identity),
          ...(holder
            ? [
                nodeEvidence(holder),
                fact(
                  'token_holder',
                  holder.key,
                  `${holderDetail(identity)}; the log names ${holder.subkind === 'human' ? 'them' : 'it'} as the actor`,
                ),
              ]
            : []),
          ...hits.evidence(),
          fact(
            'classified_by',
            [...use.sources],
            'analyst = networks.csv; list:<name> = imported list; asn:curated / asn:org-name = ASN table or heuristic',
          ),
          fact('first_seen_in_window', firstSeen),
          ...(summary
            ? [
                fact('blast_radius', {
                  reached: summary.reached,
                  maxPrivilege: summary.maxPrivilege,
                  crownJewels: summary.crownJewels,
                  score: summary.score,
                }),
              ]
            : []),
        ],
      });
    }
  }
  return out;
}
