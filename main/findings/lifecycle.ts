// Lifecycle facts detectors and metrics share: is a node active, is a credential live, how old is a
// secret, when was an identity last used (as of the analysis time; later uses do not count).
import { isNonHuman } from '../../shared/model.ts';
import type { CaseData, NodeRow } from './case-data.ts';
import { DAY_MS } from './types.ts';
import { isTemporaryCredential } from '../../shared/predicates.ts';

export function isActive(n: NodeRow): boolean {
  return n.status === null || n.status === 'active';
}

export function isNhi(n: NodeRow): boolean {
  return n.kind === 'identity' && isNonHuman(n.subkind);
}

export function ms(iso: unknown): number | null {
  if (typeof iso !== 'string' || !iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export interface CredentialTimes {
  created: number | null;
  /** Last rotation, else creation: when the current secret came to be. */
  issued: number | null;
  expires: number | null;
  lastUsed: number | null;
}

export function credentialTimes(c: NodeRow): CredentialTimes {
  const created = ms(c.createdAt);
  return { created, issued: ms(c.props.last_rotated_at) ?? created, expires: ms(c.props.expires_at), lastUsed: ms(c.lastUsedAt) };
}

/** A session credential (e.g. AWS STS `ASIA…`): short-lived by construction, not an inventory secret. */
export function isTemporary(c: NodeRow): boolean {
  return isTemporaryCredential(c.key, c.props);
}

/** Active, already issued, and not expired at `asOf`. */
export function isLiveCredential(c: NodeRow, asOf: number): boolean {
  if (!isActive(c) || c.unresolved) return false;
  const t = credentialTimes(c);
  if (t.created !== null && t.created > asOf) return false;
  return t.expires === null || t.expires > asOf;
}

export function ageDays(from: number | null, asOf: number): number | null {
  return from === null ? null : Math.floor((asOf - from) / DAY_MS);
}

/**
 * Latest evidence of use up to `asOf`: inventory last_used_at, credential use, successful auth events (`lastEvent`,
 * the identity's latest success up to `asOf`, CaseData.lastEventOf or the shared pass's LastSuccess).
 */
export function lastUse(data: CaseData, identity: NodeRow, asOf: number, lastEvent: number | null): { at: number | null; basis: string | null } {
  let at: number | null = null;
  let basis: string | null = null;
  const see = (t: number | null, why: string) => {
    if (t !== null && t <= asOf && (at === null || t > at)) {
      at = t;
      basis = why;
    }
  };
  see(ms(identity.lastUsedAt), 'inventory last_used_at');
  for (const c of data.credentialsOf(identity.id)) see(ms(c.lastUsedAt), `credential ${c.key} last_used_at`);
  see(lastEvent, 'auth events');
  return { at, basis };
}
