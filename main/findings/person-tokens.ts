// The token an event was made with, when that token is a person's programmatic credential (store/person-tokens.ts):
// the behavioural rules judge it as a subject of its own, because the log names its creator as the actor while the
// token itself is what acted. Cheap on the shared pass: the case's person tokens are found once per run from the
// token nodes and their holders (a few, against millions of events), then an event costs one map lookup of its credential.
import { isPersonToken } from '../store/person-tokens.ts';
import type { CaseData, EventRow, NodeRow } from './case-data.ts';

/** A person's token and the person who created or holds it. */
export interface PersonToken {
  token: NodeRow;
  holder: NodeRow;
}

interface Known {
  /** Person tokens by credential node id. */
  tokens: Map<number, PersonToken>;
  /** The people holding them, by node id. */
  holders: Set<number>;
}

const known = new WeakMap<CaseData, Known>();

function of(data: CaseData): Known {
  let k = known.get(data);
  if (!k) {
    k = { tokens: new Map(), holders: new Set() };
    // From the token nodes (tens of thousands at most) to their holders, never through every edge of the case.
    for (const token of data.nodes()) {
      if (token.kind !== 'credential' || token.subkind !== 'token') continue;
      const holder = data.holderOf(token.id);
      if (!holder || holder.kind !== 'identity' || !isPersonToken(token, holder.subkind)) continue;
      k.tokens.set(token.id, { token, holder });
      k.holders.add(holder.id);
    }
    known.set(data, k);
  }
  return k;
}

/** The person's token this event was made with, or undefined (no credential, or not a person's token). */
export function eventPersonToken(data: CaseData, e: EventRow): PersonToken | undefined {
  return e.credentialId === null ? undefined : of(data).tokens.get(e.credentialId);
}

/** The credential as a person's token, or undefined. */
export function personToken(data: CaseData, credentialId: number): PersonToken | undefined {
  return of(data).tokens.get(credentialId);
}

/** The people who hold a token of their own (node ids): their own use (not through the token) is the rest of the token's baseline. */
export function personTokenHolders(data: CaseData): ReadonlySet<number> {
  return of(data).holders;
}

/** Whether the case holds any person's token: the token rules do nothing on a case without one. */
export function hasPersonTokens(data: CaseData): boolean {
  return of(data).tokens.size > 0;
}
