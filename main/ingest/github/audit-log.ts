// GitHub audit log (REST API JSON arrays, streaming/NDJSON exports, Sentinel samples): every entry is an
// event on its actor; personal access / OAuth tokens, deploy keys and OAuth authorisations become credentials of
// the actor (github-credentials.ts), repositories and organisations become systems, and membership (org, repo,
// team), team repository access, repo creation, app installations and token grants become edges.
// Times are epoch milliseconds (or ISO strings in some exports); `org`/`org_id` may be a value or a list.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { firstRecord, forEachJsonRecord, locatorNumber, rec, RecordError, requireMillis, str, type Rec } from '../entra/json-log.ts';
import { firstOf, GitHubGraph } from './github-graph.ts';

export const githubAuditImporter: Importer = {
  name: 'github-audit',
  description: 'GitHub audit log (JSON or NDJSON, epoch ms): tokens, logins, app installations, membership, repositories',
  detect,
  run,
};

const GITHUB_KEYS = [
  '_document_id',
  'actor_id',
  'operation_type',
  'org',
  'org_id',
  'business',
  'user_agent',
  'actor_ip',
  'hashed_token',
  'repo',
  'actor_location',
];

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  if (!r || 'eventName' in r || 'eventType' in r) return null;
  const action = str(r.action);
  if (!action || !/^[a-z0-9_]+\.[a-z0-9_.]+$/.test(action) || !('actor' in r || 'user' in r || 'hashed_token' in r)) return null;
  if (!('@timestamp' in r) && !('created_at' in r)) return null;
  const hits = GITHUB_KEYS.filter((k) => k in r);
  if (hits.length < 1) return null;
  return {
    confidence: 0.85 + 0.02 * Math.min(hits.length, 5),
    reason: `GitHub audit log entries (action "${action}", ${hits.slice(0, 4).join(', ')})`,
  };
}

async function run(ctx: ImportContext): Promise<void> {
  const graph = new GitHubGraph(ctx.writer);
  await forEachJsonRecord(ctx, (r, locator, index) => loadEntry(ctx, graph, r, locator, index));
  graph.credentials.finish();
}

function loadEntry(ctx: ImportContext, graph: GitHubGraph, r: Rec, locator: string, index: number): void {
  const ts = requireMillis(r['@timestamp'] ?? r.created_at ?? r.timestamp, '@timestamp / created_at');
  const action = str(r.action);
  if (!action) throw new RecordError('missing action');
  // Unauthenticated entries (user.forgot_password) have no actor: they are about the account named in `user`.
  const login = str(r.actor) ?? str(r.user);
  const tokenKey = str(r.token_id) ?? str(r.hashed_token);
  if (!login && !tokenKey) throw new RecordError('no actor, user or token in the entry');
  const actor = login ? graph.actor(login, str(r.actor_id), r.actor_is_bot === true, locator) : null;
  const credential = tokenKey ? graph.credentials.token(actor, r, action, locator) : null;
  const target = graph.target(r, locator);
  const facts = actor !== null ? graph.apply(action, actor, r, target, credential, ts, locator) : null;
  const location = rec(r.actor_location);
  const country = str(location?.country_code);
  ctx.writer.event({
    ts,
    identity: actor,
    credential: credential?.id ?? null,
    ip: normaliseIp(str(r.actor_ip)),
    userAgent: str(r.user_agent),
    action: `github:${action}`,
    target: target?.id ?? null,
    targetText: target?.key ?? null,
    outcome: /failed|failure/.test(action) ? 0 : 1,
    country: country && /^[A-Z]{2}$/i.test(country) ? country.toUpperCase() : null,
    locator: locatorNumber(locator, index),
    props: {
      operationType: str(r.operation_type),
      org: firstOf(r.org),
      orgId: r.org_id ?? undefined,
      business: str(r.business),
      user: str(r.user),
      tokenType: str(r.programmatic_access_type),
      tokenName: str(r.user_programmatic_access_name),
      tokenScopes: str(r.token_scopes),
      repositorySelection: str(r.repository_selection),
      permission: str(r.permission),
      visibility: str(r.visibility),
      requestId: str(r.request_id),
      actorMissing: str(r.actor) ? undefined : true,
      documentId: str(r._document_id),
      ...facts,
    },
  });
}
