// The auth roll-up: one row per identity, credential, source network, user agent, action, target, outcome and
// UTC day, with the event count, first/last seen and distinct addresses. `blastmap pushdown` writes queries whose
// result has exactly these columns, in this order; the `auth-rollup` importer reads them (docs/formats.md).
// Shared so the query generator (main/pushdown) and the importer (main/ingest) cannot drift apart.
import type { HeaderSpec } from './csv-formats.ts';

/** The header the pushdown queries emit, in order. */
export const AUTH_ROLLUP_COLUMNS = [
  'identity',
  'credential',
  'network',
  'asn',
  'user_agent',
  'action',
  'target',
  'outcome',
  'day',
  'events',
  'first_seen',
  'last_seen',
  'addresses',
] as const;

export const AUTH_ROLLUP_FORMAT = 'auth-rollup';

/**
 * How a header row is matched (the same matching as the canonical CSVs: case, spaces, dashes and underscores do
 * not matter). The four count columns are what tell a roll-up apart from a list of single events.
 */
export const AUTH_ROLLUP_SPEC: HeaderSpec = {
  columns: [
    { name: 'identity', synonyms: ['principal', 'user', 'actor', 'identity_id'] },
    { name: 'credential', synonyms: ['credential_id', 'key_id', 'access_key_id', 'token_id'] },
    { name: 'network', synonyms: ['source_network', 'src_network', 'cidr', 'subnet'] },
    { name: 'asn', synonyms: ['as_number', 'autonomous_system'] },
    { name: 'user_agent', synonyms: ['useragent', 'ua'] },
    { name: 'action', synonyms: ['event_name', 'eventname', 'operation'] },
    { name: 'target', synonyms: ['resource', 'target_id'] },
    { name: 'outcome', synonyms: ['result'] },
    { name: 'day', required: true, synonyms: ['date', 'utc_day'] },
    { name: 'events', required: true, synonyms: ['count', 'event_count', 'n'] },
    { name: 'first_seen', required: true, synonyms: ['first', 'min_time', 'first_time'] },
    { name: 'last_seen', required: true, synonyms: ['last', 'max_time', 'last_time'] },
    { name: 'addresses', synonyms: ['distinct_addresses', 'ips', 'distinct_ips'] },
  ],
  distinctive: ['day', 'events', 'first_seen', 'last_seen', 'addresses', 'network'],
};
