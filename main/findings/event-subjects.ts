// Which identity an auth event speaks for, for the behavioural rules: the event's identity, else the
// holder of its credential. Only non-human identities have the stable habits these rules rely on, and so do a
// person's programmatic tokens (Okta API tokens, GitHub personal access tokens), which the rules judge on their own.
import type { CaseData, EventRow, NodeRow } from './case-data.ts';
import { isNhi } from './lifecycle.ts';
import { eventPersonToken } from './person-tokens.ts';
import { isAnonymisingClass } from '../../shared/predicates.ts';
import { eventWorkloadToken } from './workload-tokens.ts';

export function eventIdentity(data: CaseData, e: EventRow): NodeRow | undefined {
  // The shared pass hands each event to every behavioural rule in turn, and most ask this: the last answer is kept.
  if (e === last.event && data === last.data) return last.identity;
  const identity = data.node(e.identityId) ?? (e.credentialId !== null ? data.holderOf(e.credentialId) : undefined);
  last.event = e;
  last.data = data;
  last.identity = identity;
  return identity;
}

const last: { event: EventRow | null; data: CaseData | null; identity: NodeRow | undefined } = { event: null, data: null, identity: undefined };

/** The non-human identity an event speaks for, or undefined (a person, or nobody the case knows). */
export function eventNhi(data: CaseData, e: EventRow): NodeRow | undefined {
  const identity = eventIdentity(data, e);
  return identity && isNhi(identity) ? identity : undefined;
}

/**
 * What new-network and anonymous-network judge for an event: the service-account token it was made with (its
 * holder is `workloadToken(data, subject.id).holder`), else its non-human identity, else the person's token it was
 * made with (a credential node; its holder is `personToken(data, subject.id).holder`), else nothing.
 */
export function eventSubject(data: CaseData, e: EventRow): NodeRow | undefined {
  return eventWorkloadToken(data, e)?.token ?? eventNhi(data, e) ?? eventPersonToken(data, e)?.token;
}

/**
 * Whether a connection hides who is behind it. An analyst-declared range counts as the analyst declared it: a
 * range listed as Tor or rented hosting is anonymising, while a range declared "vpn" was already read as the
 * organisation's own VPN at import (corporate_vpn, see NETWORK_CLASSES), so a declared range of the organisation's
 * own is never anonymous; consumer VPNs come only from intel (lists and ASNs).
 */
export function isAnonymous(net: { class: string | null; classSource: string | null }): boolean {
  return isAnonymisingClass(net.class);
}

/** Ranges the analyst declared as the organisation's own infrastructure. */
const OWN_CLASSES = new Set(['corporate', 'ci_runner', 'corporate_vpn']);

/** An address in a range the analyst declared as the organisation's own (offices, CI runners, the corporate VPN). */
export function isOwnNetwork(net: { class: string | null; classSource: string | null }): boolean {
  return net.classSource === 'analyst' && !!net.class && OWN_CLASSES.has(net.class);
}
