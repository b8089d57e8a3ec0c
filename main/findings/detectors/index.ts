// Every detector, in the order findings are reported. Adding a rule: a file here, its id and frameworks
// in shared/catalogs/rules.ts, and a test with a positive and a near-miss negative.
import type { Detector } from '../types.ts';
import { anonymousNetwork } from './anonymous-network.ts';
import { credentialAttack } from './credential-attack.ts';
import { credentialReuse } from './credential-reuse.ts';
import { crownJewelReach } from './crown-jewel-reach.ts';
import { dormantIdentity } from './dormant-identity.ts';
import { environmentCrossing } from './environment-crossing.ts';
import { excessivePrivilege } from './excessive-privilege.ts';
import { humanUseOfNhi } from './human-use-of-nhi.ts';
import { longLivedSecret } from './long-lived-secret.ts';
import { newNetwork } from './new-network.ts';
import { orphanedIdentity } from './orphaned-identity.ts';
import { thirdPartyBroadAccess } from './third-party-broad-access.ts';
import { unusedEntitlement } from './unused-entitlement.ts';
import { auditLoggingWeakened } from './audit-logging-weakened.ts';
import { credentialCreatedForAnother } from './credential-created-for-another.ts';
import { mfaRemoved } from './mfa-removed.ts';
import { trustOpenedOutward } from './trust-opened-outward.ts';
import { publicResource } from './public-resource.ts';
import { tokenUsedAfterOwnerLeft } from './token-used-after-owner-left.ts';

export const DETECTORS: readonly Detector[] = [
  anonymousNetwork,
  newNetwork,
  longLivedSecret,
  dormantIdentity,
  orphanedIdentity,
  excessivePrivilege,
  unusedEntitlement,
  credentialReuse,
  humanUseOfNhi,
  environmentCrossing,
  thirdPartyBroadAccess,
  credentialAttack,
  crownJewelReach,
  credentialCreatedForAnother,
  trustOpenedOutward,
  auditLoggingWeakened,
  mfaRemoved,
  publicResource,
  tokenUsedAfterOwnerLeft,
];
