// Credentials with the age and rotation spread real estates show: most rotated recently, a long tail
// never rotated in years; secrets stored in vaults, on hosts, in pipelines and now and then in a repository.
import type { CredentialType } from '../../shared/model.ts';
import type { Org } from './org.ts';
import type { Rng } from './random.ts';
import type { CredentialRow } from './rows.ts';
import { isoDay, isoSecond } from './rows.ts';
import { DAY_MS } from './sizes.ts';

export interface CredentialSpec {
  id: string;
  identity: string;
  type: CredentialType;
  /** When the identity was created (the credential cannot be older). */
  identityCreated: number;
  storedIn: string[];
  /** Days a secret of this type is valid for (client secrets, tokens); undefined = no expiry. */
  validDays?: number;
  /** The identity is active in the logs: last use is recent. */
  inUse: boolean;
}

/** Days since the last rotation: 45% within a quarter, 30% within a year or so, 25% never rotated. */
function rotationAge(rng: Rng): number {
  const r = rng.next();
  if (r < 0.45) return rng.between(1, 90);
  if (r < 0.75) return rng.between(91, 420);
  return rng.between(421, 1600);
}

export function credentialRow(org: Org, spec: CredentialSpec, rng: Rng): CredentialRow {
  const rotatedAt = Math.max(org.daysAgo(rotationAge(rng)), spec.identityCreated);
  // Keys and tokens are re-issued on rotation; passwords and client secrets keep their object.
  const reissued = spec.type === 'access_key' || spec.type === 'token' || spec.type === 'ssh_key';
  const createdAt = reissued ? rotatedAt : spec.identityCreated;
  const lastUsed = spec.inUse ? org.asOf - rng.int(DAY_MS) : Math.max(rotatedAt, org.daysAgo(rng.between(95, 900)));
  return {
    id: spec.id,
    identity: spec.identity,
    type: spec.type,
    created_at: isoDay(createdAt),
    last_rotated_at: isoDay(rotatedAt),
    expires_at: spec.validDays ? isoDay(rotatedAt + spec.validDays * DAY_MS) : '',
    last_used_at: spec.inUse ? isoSecond(lastUsed) : isoDay(lastUsed),
    status: 'active',
    stored_in: spec.storedIn.join(';'),
  };
}

/** AWS long-lived access key id: AKIA + 16 base32 characters. */
export function accessKeyId(rng: Rng): string {
  return `AKIA${rng.keyChars(16)}`;
}
