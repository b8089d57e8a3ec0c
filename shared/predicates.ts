// Domain predicates with one definition each, for TypeScript and (where SQL needs it) SQL alike: the engine's rules, its SQL aggregates
// and the screens must agree on what counts as anonymous or temporary, or one screen counts what another leaves out.
import type { NetworkClass } from './model.ts';

/**
 * Network classes that hide who is behind a connection: Tor, consumer/anonymous VPNs, anonymous hosting. Never
 * `corporate_vpn` (the organisation's own VPN, see NETWORK_CLASSES): anonymity comes only from intel.
 */
export const ANONYMISING_CLASSES: readonly NetworkClass[] = ['tor', 'vpn', 'hosting'];
const anonymising = new Set<string>(ANONYMISING_CLASSES);

export function isAnonymisingClass(networkClass: string | null | undefined): boolean {
  return !!networkClass && anonymising.has(networkClass);
}

/** An AWS STS session key id (`ASIA` + at least 12 upper-case letters or digits). */
const SESSION_KEY_ID = /^ASIA[A-Z0-9]{12,}$/;

/**
 * A temporary session credential: short-lived by construction, not an inventory secret (so never "never rotated",
 * and counted apart from long-lived credentials). An importer may flag it (props.temporary) or the key says it.
 */
export function isTemporaryCredential(key: string, props: { temporary?: unknown } | null | undefined): boolean {
  return props?.temporary === true || SESSION_KEY_ID.test(key);
}

/** The same test in SQL, over a node's key and props columns (GLOB spells SESSION_KEY_ID: 12 characters, then only such). */
export function temporaryCredentialSql(keyColumn = 'key', propsColumn = 'props'): string {
  const twelve = '[A-Z0-9]'.repeat(12);
  return `(coalesce(json_extract(${propsColumn}, '$.temporary'), 0) = 1 OR (${keyColumn} GLOB 'ASIA${twelve}*' AND ${keyColumn} NOT GLOB 'ASIA*[^A-Z0-9]*'))`;
}
