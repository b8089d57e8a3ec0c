// token-used-after-owner-left: a person's programmatic token (an Okta API token, a GitHub personal access token;
// store/person-tokens.ts) still used after the person who created or holds it left (disabled, deleted, or removed
// from the organisation; store/departure.ts). Offboarding that leaves the token working is the textbook NHI1 gap, and
// use after the departure means someone else holds the token: an incident, not posture.
// When the departure time is known, only uses after it count. When a source says the person left but not when, the
// uses that count are those after the person's own last activity (their inventory last use, and their own events
// in the log that were not made with a token): a person still signing in was still there.
// Joins the shared pass: only events made with a person's token, and the own events of people who left at an
// unknown time, do any work.
import { departureOf, type Departure } from '../../store/departure.ts';
import { fact, isoTime, nodeEvidence } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { isAnonymous } from '../event-subjects.ts';
import { ms } from '../lifecycle.ts';
import { eventPersonToken, hasPersonTokens, personTokenHolders } from '../person-tokens.ts';
import { behaviouralRule } from '../behavioural-rule.ts';
import { raise } from '../severity.ts';
import type { EventRow, NodeRow } from '../case-data.ts';
import type { Detector, FindingDraft, Thresholds } from '../types.ts';
import type { DetectionWindow } from '../windows.ts';
import type { Severity } from '../../../shared/model.ts';

/** One token's uses after its holder left (since the holder's own last activity, when the time is unknown). */
interface Use {
  token: NodeRow;
  holder: NodeRow;
  left: Departure;
  hits: EventSample;
  successes: number;
  anonymous: boolean;
  /** The holder's own latest activity seen (events not made with a token), for departures without a time. */
  ownLastSeen: number | null;
}

export const tokenUsedAfterOwnerLeft: Detector = behaviouralRule({
  rule: 'token-used-after-owner-left',
  defaults: { maxEvents: 20 },
  watch({ data, window }, t) {
    const departures = new Map<number, Departure | null>();
    const departed = (holder: NodeRow) => {
      let d = departures.get(holder.id);
      if (d === undefined) departures.set(holder.id, (d = departureOf(holder.status, holder.props)));
      return d;
    };
    const uses = new Map<number, Use>();
    const byHolder = new Map<number, Use[]>();
    // People who left at an unknown time and hold a token: their own events move the bound. Read on first need.
    let unknownTime: Set<number> | null = null;
    const leftAtUnknownTime = () => {
      if (!unknownTime) {
        unknownTime = new Set();
        for (const id of personTokenHolders(data)) {
          const h = data.node(id);
          if (h && departed(h)?.at === null) unknownTime.add(id);
        }
      }
      return unknownTime;
    };
    // A case without a person's token (most cloud-only cases) costs one check per event.
    let any: boolean | null = null;
    const see = (e: EventRow) => {
      if (!(any ??= hasPersonTokens(data))) return;
      const pt = eventPersonToken(data, e);
      if (!pt) {
        // The person themselves, signed in and working: their tokens' uses up to now were theirs. (A failure proves
        // nothing: it may be someone else trying their account.)
        if (e.outcome === 1 && e.identityId !== null && leftAtUnknownTime().has(e.identityId)) {
          for (const u of byHolder.get(e.identityId) ?? []) reset(u, e.ts, t);
        }
        return;
      }
      const left = departed(pt.holder);
      if (!left) return;
      const at = left.at !== null ? Date.parse(left.at) : ms(pt.holder.lastUsedAt);
      if (at !== null && e.ts <= at) return;
      let u = uses.get(pt.token.id);
      if (!u) {
        uses.set(
          pt.token.id,
          (u = { token: pt.token, holder: pt.holder, left, hits: new EventSample(t.maxEvents), successes: 0, anonymous: false, ownLastSeen: null }),
        );
        const list = byHolder.get(pt.holder.id);
        if (list) list.push(u);
        else byHolder.set(pt.holder.id, [u]);
      }
      u.hits.add(e);
      if (e.outcome === 1) u.successes++;
      if (e.outcome === 1 && isAnonymous(e.net)) u.anonymous = true;
    };
    return { from: window.from, to: window.to, see, finish: () => drafts(window, [...uses.values()]) };
  },
});

function reset(u: Use, ts: number, t: Thresholds): void {
  u.hits = new EventSample(t.maxEvents);
  u.successes = 0;
  u.anonymous = false;
  u.ownLastSeen = ts;
}

function drafts(window: DetectionWindow, uses: Use[]): FindingDraft[] {
  const win = { from: isoTime(window.from), to: isoTime(window.to) };
  const out: FindingDraft[] = [];
  for (const { token, holder, left, hits, successes, anonymous, ownLastSeen } of uses) {
    if (!hits.count) continue;
    const lastUsed = ms(holder.lastUsedAt);
    const bound = left.at !== null ? null : Math.max(ownLastSeen ?? -Infinity, lastUsed ?? -Infinity);
    const unbounded = bound === -Infinity;
    let severity: Severity = !successes ? 'medium' : anonymous ? 'critical' : 'high';
    const why: string[] = [
      successes ? `${successes} successful use${successes > 1 ? 's' : ''} after the owner left` : 'only failed attempts after the owner left',
    ];
    if (successes && anonymous) why.push('some through an anonymising network');
    if (unbounded) {
      severity = raise(severity, -1);
      why.push('when the owner left is not in the case, and no activity of theirs bounds it');
    }
    const who = holder.name ?? holder.key;
    const when =
      left.at !== null ? ` on ${left.at.slice(0, 10)}` : bound !== null && !unbounded ? ` (last seen themselves ${isoTime(bound).slice(0, 10)})` : '';
    out.push({
      subject: token.key,
      severity,
      window: win,
      severityBecause: why.join(', '),
      scoreAdjust: Math.min(9, successes),
      title: `${token.subkind} ${token.key} of ${who} used ${hits.count}× after ${who} ${left.how === 'departed' ? 'left' : `was ${left.how}`}${when}`,
      evidence: [
        nodeEvidence(token),
        nodeEvidence(holder),
        fact(
          'owner_left',
          { owner: holder.key, how: left.how, at: left.at, basis: left.basis },
          left.at !== null ? 'uses after this time count' : "the time is not in the case: uses after the owner's own last activity count",
        ),
        ...(left.at === null
          ? [
              fact(
                'owner_last_seen',
                bound !== null && !unbounded ? isoTime(bound) : null,
                'their inventory last use or their own latest event not made with a token',
              ),
            ]
          : []),
        fact('uses_after_departure', { events: hits.count, successes }),
        ...hits.evidence(),
      ],
    });
  }
  return out;
}
