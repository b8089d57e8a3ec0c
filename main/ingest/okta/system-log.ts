// Okta System Log (JSON array from /api/v1/logs, NDJSON from exports and SIEM pipelines): every event is an
// auth event on its actor; group membership, app assignment and API token lifecycle also become graph facts.
// Duplicates: Okta never reuses an event uuid, so a real uuid seen again with the same published time and
// eventType is the same event exported twice and is rejected as a duplicate. Placeholder uuids ("uuid",
// "null", anything not shaped like a UUID) are never used to dedupe. The window is the last million events.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import {
  field,
  firstRecord,
  forEachJsonRecord,
  list,
  locatorNumber,
  rec,
  RecordError,
  requireMillis,
  SeenOnce,
  str,
  type Rec,
} from '../entra/json-log.ts';
import { OktaGraph } from './okta-graph.ts';

export const oktaSystemLogImporter: Importer = {
  name: 'okta-system-log',
  description: 'Okta System Log events (JSON array or NDJSON): sessions, authentications, API tokens, app and group grants',
  detect,
  run,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUCCESS = new Set(['SUCCESS', 'ALLOW']);

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  if (!r || !str(r.eventType) || !str(r.published) || !rec(r.actor)) return null;
  const extra = ['uuid', 'legacyEventType', 'displayMessage', 'outcome', 'client'].filter((k) => k in r);
  if (extra.length < 2) return null;
  return { confidence: 0.95, reason: `Okta System Log events (eventType, published, actor, ${extra.join(', ')})` };
}

async function run(ctx: ImportContext): Promise<void> {
  const graph = new OktaGraph(ctx.writer);
  const seen = new Map<string, string>();
  const once = new SeenOnce();
  await forEachJsonRecord(ctx, (r, locator, index) => {
    const ts = requireMillis(r.published, 'published');
    const eventType = str(r.eventType);
    if (!eventType) throw new RecordError('missing eventType');
    const uuid = str(r.uuid);
    if (uuid && UUID.test(uuid)) {
      const key = `${uuid.toLowerCase()}|${ts}|${eventType}`;
      const first = seen.get(key);
      if (first) throw new RecordError(`duplicate event: uuid ${uuid} (${eventType} at ${new Date(ts).toISOString()}) already loaded from ${first}`);
      // Re-exported pages overlap with recent events: a window of a million keys keeps memory flat on huge logs.
      if (seen.size >= 1_000_000) seen.clear();
      seen.set(key, locator);
    }
    loadEvent(ctx, graph, r, ts, eventType, uuid, locator, index, once);
  });
}

function loadEvent(
  ctx: ImportContext,
  graph: OktaGraph,
  r: Rec,
  ts: number,
  eventType: string,
  uuid: string | null,
  locator: string,
  index: number,
  once: SeenOnce,
): void {
  const actor = rec(r.actor);
  const identity = actor ? graph.principal(actor, locator) : null;
  const targets = list(r.target)
    .map(rec)
    .filter((t): t is Rec => !!t);
  const outcome = rec(r.outcome);
  const result = str(outcome?.result)?.toUpperCase() ?? null;
  const ok = result === null || SUCCESS.has(result);
  const facts = ok && identity !== null ? graph.apply(eventType, identity, targets, ts, locator) : {};
  const primary = graph.primaryTarget(targets, locator);
  const client = rec(r.client);
  const geo = rec(client?.geographicalContext);
  const ipChain = list(rec(r.request)?.ipChain).map(rec);
  const auth = rec(r.authenticationContext);
  const debug = rec(rec(r.debugContext)?.debugData);
  const reused = uuid && UUID.test(uuid) && !once.first(uuid.toLowerCase());
  const tokenId = str(rec(rec(r.transaction)?.detail)?.requestApiTokenId);
  const acting = tokenId ? graph.actingToken(tokenId, identity, locator) : null;
  ctx.writer.event({
    ts,
    identity,
    credential: facts.credential ?? acting,
    ip: normaliseIp(str(client?.ipAddress) ?? str(ipChain[0]?.ip)),
    userAgent: str(rec(client?.userAgent)?.rawUserAgent),
    action: `okta:${eventType}`,
    target: primary.id,
    targetText: primary.text,
    outcome: ok ? 1 : 0,
    locator: locatorNumber(locator, index),
    props: {
      uuid,
      displayMessage: str(r.displayMessage),
      result,
      reason: str(outcome?.reason),
      severity: str(r.severity),
      sessionId: str(auth?.externalSessionId),
      credentialType: str(auth?.credentialType),
      credentialProvider: str(auth?.credentialProvider),
      authenticationStep: auth?.authenticationStep ?? undefined,
      country: str(geo?.country),
      city: str(geo?.city),
      device: str(client?.device),
      threatSuspected: str(field(debug, 'threatSuspected')),
      requestUri: str(field(debug, 'requestUri')),
      uuidReused: reused || undefined,
      ...facts.props,
    },
  });
}
