// The token an event was made with, when that token is a workload's service-account token (store/workload-tokens.ts):
// new-network and anonymous-network judge it as a subject of its own, with its service account as its holder. The
// service account's habits are the rest of the token's baseline, and every use of any of its tokens feeds them: a
// pod's token rotates (a new JTI every few hours, at every restart), while the pods' networks stay the same.
// Found once per run from the token nodes and their holders; an event then costs one map lookup of its credential.
import { isWorkloadToken } from '../store/workload-tokens.ts';
import type { CaseData, EventRow, NodeRow } from './case-data.ts';

/** A service-account token and the service account it was issued to. */
export interface WorkloadToken {
  token: NodeRow;
  holder: NodeRow;
}

const known = new WeakMap<CaseData, Map<number, WorkloadToken>>();

function of(data: CaseData): Map<number, WorkloadToken> {
  let tokens = known.get(data);
  if (!tokens) {
    tokens = new Map();
    for (const token of data.nodes()) {
      if (!isWorkloadToken(token)) continue;
      const holder = data.holderOf(token.id);
      if (holder && holder.kind === 'identity') tokens.set(token.id, { token, holder });
    }
    known.set(data, tokens);
  }
  return tokens;
}

/** The service-account token this event was made with, or undefined. */
export function eventWorkloadToken(data: CaseData, e: EventRow): WorkloadToken | undefined {
  return e.credentialId === null ? undefined : of(data).get(e.credentialId);
}

/** The credential as a service-account token, or undefined. */
export function workloadToken(data: CaseData, credentialId: number): WorkloadToken | undefined {
  return of(data).get(credentialId);
}

/** Who a token's holder is, for the evidence: the person who made it, or the service account it was issued to. */
export function holderDetail(token: NodeRow): string {
  return isWorkloadToken(token) ? 'the service account this token was issued to' : 'the person who created or holds this token';
}
