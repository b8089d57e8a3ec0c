// The token an event was made with, when that token is a person's programmatic credential (store/person-tokens.ts):
// the behavioural rules judge it as a subject of its own, because the log names its creator as the actor while the
// token itself is what acted. Cheap on the shared pass: only events that carry a credential do any work here, and
// the answer is kept per credential (a case has far fewer credentials than events).
import { isPersonToken } from '../store/person-tokens.ts';
import type { CaseData, EventRow, NodeRow } from './case-data.ts';

/** A person's token and the person who created or holds it. */
export interface PersonToken {
  token: NodeRow;
  holder: NodeRow;
}

interface Known {
  byCredential: Map<number, PersonToken | null>;
  holders: Set<number> | null;
}

const known = new WeakMap<CaseData, Known>();

function of(data: CaseData): Known {
  let k = known.get(data);
  if (!k) known.set(data, (k = { byCredential: new Map(), holders: null }));
  return k;
}

/** The person's token this event was made with, or undefined (no credential, or not a person's token). */
export function eventPersonToken(data: CaseData, e: EventRow): PersonToken | undefined {
  return e.credentialId === null ? undefined : personToken(data, e.credentialId) ?? undefined;
}

/** The credential as a person's token, or null. */
export function personToken(data: CaseData, credentialId: number): PersonToken | null {
  const k = of(data);
  let answer = k.byCredential.get(credentialId);
  if (answer === undefined) {
    const token = data.node(credentialId);
    const holder = token ? data.holderOf(credentialId) : undefined;
    answer = token && holder && isPersonToken(token, holder.subkind) ? { token, holder } : null;
    k.byCredential.set(credentialId, answer);
  }
  return answer;
}

/**
 * The people who hold a token of their own (node ids): their own use (not through the token) is the rest of the
 * token's baseline. Read once per run from the has_credential edges.
 */
export function personTokenHolders(data: CaseData): Set<number> {
  const k = of(data);
  if (!k.holders) {
    k.holders = new Set();
    for (const e of data.edges()) {
      if (e.kind !== 'has_credential') continue;
      const pt = personToken(data, e.dst);
      if (pt) k.holders.add(pt.holder.id);
    }
  }
  return k.holders;
}
