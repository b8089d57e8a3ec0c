// Evidence builders: the inventory rows, edges and auth events a finding rests on, each with its
// source file and locator, so an analyst can go back to the exact imported row.
import type { Evidence } from '../../shared/api/findings.ts';
import { privilegeName } from '../../shared/model.ts';
import type { CaseData, EdgeRow, EventRow, NodeRow } from './case-data.ts';

const NODE_FIELDS = ['name', 'provider', 'environment', 'status', 'owner', 'criticality', 'createdAt', 'lastUsedAt'] as const;

export function nodeEvidence(n: NodeRow, extra: Record<string, unknown> = {}): Evidence {
  const fields: Record<string, unknown> = {};
  for (const f of NODE_FIELDS) if (n[f] != null) fields[f] = n[f];
  for (const [k, v] of Object.entries(n.props)) if (v != null) fields[k] = v;
  return { type: 'node', key: n.key, kind: n.kind, subkind: n.subkind, fields: { ...fields, ...extra }, source: n.source, locator: n.locator };
}

export function edgeEvidence(data: CaseData, e: EdgeRow, extra: Record<string, unknown> = {}): Evidence {
  const fields: Record<string, unknown> = { ...extra };
  if (e.grantedAt) fields.grantedAt = e.grantedAt;
  if (e.lastUsedAt) fields.lastUsedAt = e.lastUsedAt;
  return {
    type: 'edge',
    from: data.node(e.src)?.key ?? String(e.src),
    to: data.node(e.dst)?.key ?? String(e.dst),
    relation: e.kind,
    privilege: e.kind === 'access' ? privilegeName(e.privilege) : null,
    fields,
    source: e.source,
    locator: e.locator,
  };
}

export function eventEvidence(e: EventRow): Evidence {
  return {
    type: 'event',
    id: e.id,
    at: new Date(e.ts).toISOString(),
    identity: e.identity,
    credential: e.credential,
    ip: e.ip,
    network: e.net.network,
    networkClass: e.net.class,
    asn: e.net.asn,
    org: e.net.org,
    userAgent: e.userAgent,
    action: e.action,
    target: e.target,
    outcome: e.outcome ? 'success' : 'failure',
    source: e.source,
    locator: e.locator,
  };
}

export function fact(name: string, value: unknown, detail?: string): Evidence {
  return detail === undefined ? { type: 'fact', name, value } : { type: 'fact', name, value, detail };
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
