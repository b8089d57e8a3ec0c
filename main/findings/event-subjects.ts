// Which identity an auth event speaks for, for the behavioural rules: the event's identity, else the
// holder of its credential. Only non-human identities have the stable habits these rules rely on.
import type { CaseData, EventRow, NodeRow } from './case-data.ts';
import { isNhi } from './lifecycle.ts';

export function eventIdentity(data: CaseData, e: EventRow): NodeRow | undefined {
  return data.node(e.identityId) ?? (e.credentialId !== null ? data.holderOf(e.credentialId) : undefined);
}

/** Events of non-human identities, grouped by identity key (insertion order = time order). */
export function nhiEventsByIdentity(data: CaseData, events: EventRow[]): Map<string, { identity: NodeRow; events: EventRow[] }> {
  const out = new Map<string, { identity: NodeRow; events: EventRow[] }>();
  for (const e of events) {
    const identity = eventIdentity(data, e);
    if (!identity || !isNhi(identity)) continue;
    const group = out.get(identity.key);
    if (group) group.events.push(e);
    else out.set(identity.key, { identity, events: [e] });
  }
  return out;
}

/** Network classes that hide who is behind a connection. */
export const ANONYMISING = new Set(['tor', 'vpn', 'hosting']);
