// Entra ID audit logs (diagnostic-settings NDJSON, Graph directoryAudits, Log Analytics AuditLogs exports): every
// record is an event on its initiator; credentials added to apps, consent grants and group/role membership also
// become nodes and edges, so a backdoored app or an over-consented client shows up in the graph.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { normaliseIp } from '../normalise.ts';
import { addedKeys, membership, ownership, readGrant, readTargets, scopePrivilege, userAttributes, type Target } from './audit-changes.ts';
import { EntraNodes } from './entra-nodes.ts';
import { field, firstRecord, forEachJsonRecord, jsonValue, list, locatorNumber, rec, requireMillis, str, type Rec } from './json-log.ts';

export const entraAuditImporter: Importer = {
  name: 'entra-audit',
  description: 'Microsoft Entra ID audit logs (diagnostic settings NDJSON, Graph directoryAudits, Log Analytics AuditLogs)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const r = firstRecord(sample.head);
  if (!r) return null;
  const props = rec(r.properties);
  if (str(field(r, 'Type')) === 'AuditLogs' || (str(r.category) === 'AuditLogs' && props)) {
    return { confidence: 0.95, reason: 'Entra audit log records (category/Type AuditLogs)' };
  }
  const body = props ?? r;
  if (field(body, 'activityDisplayName') !== undefined && field(body, 'initiatedBy') !== undefined && field(body, 'targetResources') !== undefined) {
    return { confidence: 0.9, reason: 'Graph directoryAudit records (activityDisplayName, initiatedBy, targetResources)' };
  }
  return null;
}

async function run(ctx: ImportContext): Promise<void> {
  const nodes = new EntraNodes(ctx.writer);
  await forEachJsonRecord(ctx, (r, locator, index) => loadAudit(ctx, nodes, r, locator, index));
}

function loadAudit(ctx: ImportContext, nodes: EntraNodes, r: Rec, locator: string, index: number): void {
  const props = rec(jsonValue(field(r, 'properties')));
  const get = (...names: string[]): unknown => (props && field(props, ...names) != null ? field(props, ...names) : field(r, ...names));
  const ts = requireMillis(get('activityDateTime', 'TimeGenerated', 'time'), 'activityDateTime');
  const activity = (str(get('activityDisplayName', 'OperationName', 'operationName')) ?? 'unknown activity').replace(/\s+/g, ' ').trim();
  const initiatedBy = rec(jsonValue(get('initiatedBy')));
  const user = rec(initiatedBy?.user);
  const app = rec(initiatedBy?.app);
  let actor: number | null = null;
  let ip: string | null = null;
  if (user && (str(user.id) || str(user.userPrincipalName))) {
    actor = nodes.user(str(user.id), str(user.userPrincipalName), str(user.displayName), locator);
    ip = str(user.ipAddress);
  } else if (app && (str(app.servicePrincipalId) || str(app.appId))) {
    actor = nodes.servicePrincipal(
      str(app.servicePrincipalId),
      str(app.appId),
      str(app.displayName) ?? str(app.servicePrincipalName),
      'oauth_app',
      locator,
    );
  }
  const targets = readTargets(get('targetResources'));
  const primary = targets[0] ? targetNode(nodes, targets[0], locator) : null;
  const effects = applyChanges(ctx, nodes, activity, targets, actor, primary, ts, locator);
  const result = str(get('result', 'Result'));
  ctx.writer.event({
    ts,
    identity: actor,
    credential: null,
    ip: normaliseIp(ip ?? str(field(r, 'callerIpAddress'))),
    userAgent: str(get('UserAgent')) ?? userAgentFrom(get('additionalDetails')),
    action: `entra:${activity}`,
    target: primary,
    targetText: targets[0]?.id ? `${targets[0].type ?? 'object'}:${targets[0].id}` : null,
    outcome: !result || /^success$/i.test(result) ? 1 : 0,
    locator: locatorNumber(locator, index),
    props: {
      category: str(get('category', 'Category')),
      loggedByService: str(get('loggedByService')),
      operationType: str(get('operationType', 'AADOperationType')),
      correlationId: str(get('correlationId')),
      result,
      targets: targets.slice(0, 5).map((t) => ({ id: t.id, type: t.type, name: t.name })),
      ...effects,
    },
  });
}

/** Writes the graph facts a change establishes; returns what it did, for the event's props. */
function applyChanges(
  ctx: ImportContext,
  nodes: EntraNodes,
  activity: string,
  targets: Target[],
  actor: number | null,
  primary: number | null,
  ts: number,
  locator: string,
): Record<string, unknown> {
  const when = new Date(ts).toISOString();
  const out: Record<string, unknown> = {};
  const t0 = targets[0];
  const keys = t0 && primary !== null ? addedKeys(t0) : [];
  for (const k of keys) {
    nodes.credential(primary!, k.keyId, k.type, { displayName: k.name, addedAt: when, addedVia: activity }, locator);
  }
  if (keys.length) {
    out.credentialsAdded = keys.map((k) => k.keyId);
    // Whoever added a secret to an app can manage its credentials: observed control (docs/graph.md, `owns`).
    if (actor !== null && actor !== primary)
      ctx.writer.edge({ src: actor, dst: primary!, kind: 'owns', props: { observed: activity }, grantedAt: when }, locator);
  }
  const grant = readGrant(targets);
  if (grant) {
    const client = nodes.servicePrincipal(grant.clientSp, null, null, 'oauth_app', locator);
    const api = nodes.resource(grant.resource, grant.resourceName, locator);
    ctx.writer.edge(
      {
        src: client,
        dst: api,
        kind: 'access',
        privilege: scopePrivilege(grant.scopes),
        grantedAt: when,
        props: { scopes: grant.scopes, grant: grant.kind, consentType: grant.consentType },
      },
      locator,
    );
    out.grant = { client: grant.clientSp, resource: grant.resource, scopes: grant.scopes, consentType: grant.consentType };
  }
  const attributes = t0?.type === 'User' && primary !== null && /^(add|update) user\b/i.test(activity) ? userAttributes(t0) : null;
  if (attributes) {
    const enabled = attributes.accountEnabled;
    ctx.writer.upsertNode(
      {
        key: `entra:user:${t0.id!.toLowerCase()}`,
        kind: 'identity',
        provider: 'entra',
        props: { directory: attributes },
        status: enabled === false || enabled === 'false' ? 'disabled' : enabled === true || enabled === 'true' ? 'active' : null,
      },
      locator,
    );
    out.userAttributes = attributes;
  }
  const owner = /^add owner to (application|service principal)/i.test(activity) ? ownership(targets) : null;
  if (owner) {
    const src = targetNode(nodes, owner.owner, locator);
    const dst = targetNode(nodes, owner.owned, locator);
    // An owner can add credentials to the app and so act as it (docs/graph.md, `owns`).
    if (src !== null && dst !== null) ctx.writer.edge({ src, dst, kind: 'owns', grantedAt: when, props: { via: activity } }, locator);
    out.owner = { owner: owner.owner.id, owned: owner.owned.id };
  }
  const m = /^add member to (group|role)/i.test(activity) ? membership(targets) : null;
  if (m?.member.id) {
    const member = targetNode(nodes, m.member, locator);
    const key = m.container === 'group' ? `entra:group:${m.containerId.toLowerCase()}` : `entra:role:${m.containerId.toLowerCase()}`;
    const container = ctx.writer.ref(key, m.container, null, locator);
    if (member !== null)
      ctx.writer.edge({ src: member, dst: container, kind: m.container === 'group' ? 'member_of' : 'has_role', grantedAt: when }, locator);
    out.membership = { [m.container]: m.containerId, name: m.containerName };
  }
  return out;
}

function targetNode(nodes: EntraNodes, t: Target, locator: string): number | null {
  if (!t.id) return null;
  switch (t.type) {
    case 'User':
      return nodes.user(t.id, t.upn, t.name, locator);
    case 'ServicePrincipal':
      return nodes.servicePrincipal(t.id, null, t.name, 'oauth_app', locator);
    case 'Application':
      return nodes.application(t.id, t.name, locator);
    default:
      return null;
  }
}

function userAgentFrom(details: unknown): string | null {
  for (const d of list(jsonValue(details))) {
    const kv = rec(d);
    if (kv && /^user-?agent$/i.test(str(kv.key) ?? '')) return str(kv.value);
  }
  return null;
}
