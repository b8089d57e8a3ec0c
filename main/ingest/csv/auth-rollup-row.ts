// One auth roll-up row (shared/auth-rollup.ts): normalise (pure: every cell checked, the file is hostile until
// proven otherwise) and load (one auth event standing for the whole group, with its counts in props, and the
// group's successes handed to the usage roll-up so "exercised" marks count every event it stands for).
import ipaddr from 'ipaddr.js';
import { clean, INVALID, parseIsoMillis } from '../normalise.ts';
import type { CaseWriter } from '../writer.ts';
import { parseAsn, parseOutcome } from './auth-event-row.ts';
import { RowError, type Cell } from './row-error.ts';

const DAY_MS = 86_400_000;
/** More events than this in one group of one day is not a log, it is an attack on the counters. */
const MAX_EVENTS = 1e12;

export interface RollupRow {
  identity: string | null;
  credential: string | null;
  /** The network as `<first address>/<prefix>`, or null when the source had no address. */
  network: string | null;
  /** The network's first address: what the event's address is (intel classifies it, findings read its network). */
  address: string | null;
  asn: number | null;
  userAgent: string | null;
  action: string | null;
  target: string | null;
  failure: boolean;
  day: string;
  events: number;
  first: number;
  last: number;
  addresses: number | null;
}

/** Throws RowError with the reject reason when the row cannot be used. */
export function normaliseRollupRow(get: Cell): RollupRow {
  const identity = clean(get('identity'));
  const credential = clean(get('credential'));
  if (!identity && !credential) throw new RowError('missing identity and credential');
  const day = clean(get('day'));
  if (!day) throw new RowError('missing day');
  const dayStart = /^\d{4}-\d{2}-\d{2}$/.test(day) ? parseIsoMillis(day) : INVALID;
  if (dayStart === null || dayStart === INVALID) throw new RowError(`unparseable day "${day.slice(0, 40)}" (expected YYYY-MM-DD)`);
  const events = wholeNumber(get('events'), 'events');
  if (events === null) throw new RowError('missing events');
  if (events < 1) throw new RowError('events must be at least 1');
  const first = instant(get, 'first_seen');
  const last = instant(get, 'last_seen');
  if (last < first) throw new RowError('last_seen is before first_seen');
  // A row is one UTC day: times outside it mean the file was cut another way (or edited), and the day is what
  // the findings' windows and the as-of time are read from.
  if (first < dayStart || last >= dayStart + DAY_MS) throw new RowError(`first_seen/last_seen outside the day ${day}`);
  const addresses = wholeNumber(get('addresses'), 'addresses');
  if (addresses !== null && addresses > events) throw new RowError('more distinct addresses than events');
  const outcome = parseOutcome(get('outcome'));
  if (outcome === INVALID) throw new RowError(`unknown outcome "${clean(get('outcome'))?.slice(0, 40)}" (expected success|failure)`);
  const { network, address } = parseNetwork(get('network'));
  return {
    identity,
    credential,
    network,
    address,
    asn: parseAsn(get('asn')),
    userAgent: clean(get('user_agent')),
    action: clean(get('action')),
    target: clean(get('target')),
    failure: outcome === 'failure',
    day,
    events,
    first,
    last,
    addresses,
  };
}

function instant(get: Cell, column: string): number {
  const raw = get(column);
  const ms = parseIsoMillis(raw);
  if (ms === null) throw new RowError(`missing ${column}`);
  if (ms === INVALID) throw new RowError(`unparseable ${column} "${clean(raw)?.slice(0, 40)}" (expected ISO 8601)`);
  return ms;
}

function wholeNumber(cell: string | undefined, column: string): number | null {
  const text = clean(cell);
  if (text === null) return null;
  // Engines write counts as `12`, some spreadsheets as `12.0`.
  const m = /^(\d{1,13})(?:\.0+)?$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_EVENTS) throw new RowError(`${column} is not a whole number: "${text.slice(0, 40)}"`);
  return n;
}

/** `198.51.100.0/24`, `2001:db8:1::/48`, or a single address (a roll-up cut per address): the range and its first address. */
function parseNetwork(cell: string | undefined): { network: string | null; address: string | null } {
  const text = clean(cell);
  if (text === null) return { network: null, address: null };
  // A roll-up repeats a few thousand networks over its rows: parse each once (bounded, for hostile files).
  let known = networks.get(text);
  if (!known) {
    if (networks.size >= MAX_NETWORKS) networks.clear();
    networks.set(text, (known = parseNetworkText(text)));
  }
  return known;
}

const networks = new Map<string, { network: string; address: string }>();
const MAX_NETWORKS = 100_000;

function parseNetworkText(text: string): { network: string; address: string } {
  try {
    const [addr, bits] = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), ipaddr.parse(text).kind() === 'ipv4' ? 32 : 128];
    const first =
      addr.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${bits}`);
    return { network: `${first.toString()}/${bits}`, address: first.toString() };
  } catch {
    throw new RowError(`invalid network "${text.slice(0, 60)}" (expected a CIDR such as 198.51.100.0/24)`);
  }
}

/**
 * Writes the group as one auth event at its first_seen, its counts in props.rollup. Usage gets every success
 * of the group (not 1), with the group's first and last seen, so exercised edges carry the real counts.
 */
export function loadRollupRow(r: RollupRow, rowNumber: number, writer: CaseWriter): void {
  const credential = r.credential ? writer.ref(r.credential, 'credential') : null;
  let identity = r.identity ? writer.ref(r.identity, 'identity') : null;
  // A group that names only a credential is the credential's identity acting, as for single events.
  if (identity === null && credential !== null) identity = writer.ownerOfCredential(credential);
  else if (identity !== null && credential !== null) linkCredential(writer, identity, credential, `row ${rowNumber}`);
  const target = r.target ? (writer.find(r.target) ?? null) : null;
  const targetTerm = writer.term(r.target);
  const eventId = writer.nextEventId;
  writer.usage.addSpan(eventId, eventId, r.first, r.last, r.failure ? 0 : r.events, identity, credential, target, targetTerm);
  const props = JSON.stringify({
    rollup: {
      granularity: 'day',
      day: r.day,
      events: r.events,
      first_seen: new Date(r.first).toISOString(),
      last_seen: new Date(r.last).toISOString(),
      addresses: r.addresses,
      network: r.network,
    },
  });
  writer.eventRolledUpElsewhere(
    r.first,
    identity,
    credential,
    writer.address(r.address),
    writer.term(r.userAgent),
    writer.term(r.action),
    target,
    targetTerm,
    r.failure ? 0 : 1,
    r.asn,
    null,
    rowNumber,
    props,
  );
  // The case's as-of time is its latest timestamp: the group's last event, not the one that stands for it.
  if (r.last > writer.maxTime) writer.maxTime = r.last;
}

/**
 * The log resolved the credential to the identity (AWS names the caller of a key, Entra the service principal
 * of a secret), so the credential is the identity's, as the CloudTrail and Entra importers record it: a
 * session's temporary key then authenticates as its role here too. Once per pair and import.
 */
function linkCredential(writer: CaseWriter, identity: number, credential: number, locator: string): void {
  const linked = writer.shared('auth-rollup:credential-links', () => new Set<string>());
  const pair = `${credential}>${identity}`;
  if (linked.has(pair)) return;
  if (linked.size > 1_000_000) linked.clear(); // flat memory; a repeated link is an idempotent upsert
  linked.add(pair);
  writer.edge({ src: identity, dst: credential, kind: 'has_credential' }, locator);
  writer.edge({ src: credential, dst: identity, kind: 'authenticates' }, locator);
}
