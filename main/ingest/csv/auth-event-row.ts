// One auth_events.csv record: normalise (pure, no case access, so it can run in the parse worker)
// and load (resolve identity/credential nodes and write the event).
import { clean, INVALID, normaliseIp, parseEnum, parseIsoMillis, type Parsed } from '../normalise.ts';
import type { CaseWriter } from '../writer.ts';
import { RowError, type Cell } from './row-error.ts';

export interface NormalisedEvent {
  ts: number;
  identity: string | null;
  credential: string | null;
  ip: string | null;
  ipUnparsed: boolean;
  userAgent: string | null;
  action: string | null;
  target: string | null;
  failure: boolean;
  asn: number | null;
  country: string | null;
}

const OUTCOME_SYNONYMS = {
  succeeded: 'success',
  successful: 'success',
  ok: 'success',
  allowed: 'success',
  allow: 'success',
  true: 'success',
  '1': 'success',
  pass: 'success',
  failed: 'failure',
  fail: 'failure',
  denied: 'failure',
  deny: 'failure',
  error: 'failure',
  false: 'failure',
  '0': 'failure',
  blocked: 'failure',
} as const;

/** Throws RowError with the reject reason when the record cannot be used. */
export function normaliseAuthEvent(get: Cell): NormalisedEvent {
  const raw = get('timestamp');
  const ts = parseIsoMillis(raw);
  if (ts === null) throw new RowError('missing timestamp');
  if (ts === INVALID) throw new RowError(`unparseable timestamp "${clean(raw)?.slice(0, 40)}" (expected ISO 8601)`);
  const identity = clean(get('identity'));
  const credential = clean(get('credential'));
  if (!identity && !credential) throw new RowError('missing identity and credential');
  const outcome = parseOutcome(get('outcome'));
  if (outcome === INVALID) throw new RowError(`unknown outcome "${clean(get('outcome'))?.slice(0, 40)}" (expected success|failure)`);
  const { ip, ipUnparsed } = parseSourceIp(get('source_ip'));
  return {
    ts,
    identity,
    credential,
    ip,
    ipUnparsed,
    userAgent: clean(get('user_agent')),
    action: clean(get('action')),
    target: clean(get('target')),
    failure: outcome === 'failure',
    asn: parseAsn(get('asn')),
    country: clean(get('country')),
  };
}

// One function per cell, so the bulk parse worker, which reads cells one at a time, means the same.

export function parseOutcome(cell: string | undefined): Parsed<'success' | 'failure'> {
  return parseEnum(cell, ['success', 'failure'] as const, OUTCOME_SYNONYMS);
}

/** An address that does not parse is kept as written and flagged. */
export function parseSourceIp(cell: string | undefined): { ip: string | null; ipUnparsed: boolean } {
  const text = clean(cell);
  const ip = normaliseIp(text);
  return { ip: ip ?? text, ipUnparsed: !!text && !ip };
}

export function parseAsn(cell: string | undefined): number | null {
  const text = clean(cell);
  const asn = text ? parseInt(text.replace(/^AS/i, ''), 10) : NaN;
  return Number.isFinite(asn) ? asn : null;
}

/** Resolves references (placeholders for unknown ones) and writes the event. */
export function loadNormalisedEvent(e: NormalisedEvent, rowNumber: number, writer: CaseWriter): void {
  const credential = e.credential ? writer.ref(e.credential, 'credential') : null;
  let identity = e.identity ? writer.ref(e.identity, 'identity') : null;
  // An event that names only a credential is the credential's identity acting.
  if (identity === null && credential !== null) identity = writer.ownerOfCredential(credential);
  writer.event({
    ts: e.ts,
    identity,
    credential,
    ip: e.ip,
    userAgent: e.userAgent,
    action: e.action,
    target: e.target ? (writer.find(e.target) ?? null) : null,
    targetText: e.target,
    outcome: e.failure ? 0 : 1,
    asn: e.asn,
    country: e.country,
    locator: rowNumber,
    props: e.ipUnparsed ? { unparsed_ip: true } : null,
  });
}
