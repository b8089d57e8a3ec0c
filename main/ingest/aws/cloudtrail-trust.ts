// Role trust set by CloudTrail calls (CreateRole's assumeRolePolicyDocument, UpdateAssumeRolePolicy's
// policyDocument) as can_assume edges, read the way main/aws-policy reads the trust policies of an
// authorization-details export (same parser, same principal classification): each trusted principal → the role;
// other accounts, `*` and identity providers as external nodes; service principals kept as role props.
// The latest document per role (by event time) is the role's trust. Earlier documents in the same file make no
// edges; trust edges the case already held that the new document no longer names become conditional, with
// props.superseded saying why (their grant may be newer than the change, e.g. an export taken later, so they are
// flagged rather than deleted). Observed AssumeRole edges record use and are left alone.
import { parsePolicyDocument, PolicyError } from '../../aws-policy/document.ts';
import { actionApplies } from '../../aws-policy/evaluate.ts';
import type { PolicyDoc } from '../../aws-policy/model.ts';
import { trustedPrincipals, type TrustedPrincipal } from '../../aws-policy/trust.ts';
import type { CaseWriter } from '../writer.ts';
import { parseIamArn, type AwsIdentities } from './identity.ts';
import { canAssumeEdgesInto, canAssumeProps, edgeConditionalPatcher } from '../../store/ingest-edges.ts';
import { nodeKeyAndProps, patchNodeProps } from '../../store/ingest-nodes.ts';

export interface TrustChange {
  role: number;
  roleName: string;
  account: string;
  partition: string;
  ts: number;
  /** The call that set it: CreateRole or UpdateAssumeRolePolicy. */
  setBy: string;
  document: string;
  /** The event's locator: the evidence for every edge this document makes. */
  where: string;
}

/** Roles whose trust is held until the end of the file; past this, what is held is written early (flat memory). */
const MAX_PENDING = 50_000;

export class TrailTrust {
  private readonly writer: CaseWriter;
  private readonly ids: AwsIdentities;
  private readonly latest = new Map<number, TrustChange>();

  constructor(writer: CaseWriter, ids: AwsIdentities) {
    this.writer = writer;
    this.ids = ids;
  }

  /** A trust document a successful call set; the latest per role wins (a later record in the file on a tie). */
  set(change: TrustChange): void {
    const held = this.latest.get(change.role);
    if (held && held.ts > change.ts) return;
    this.latest.set(change.role, change);
    if (this.latest.size >= MAX_PENDING) this.finish();
  }

  /** Writes the trust of every role that changed; call once when the file is done. */
  finish(): void {
    for (const c of this.latest.values()) this.apply(c);
    this.latest.clear();
  }

  private apply(c: TrustChange): void {
    const w = this.writer;
    const row = nodeKeyAndProps(w.db, c.role);
    if (!row) return;
    const held = row.props ? (JSON.parse(row.props) as Record<string, unknown>) : {};
    const heldAt = Date.parse(String((held.trust_policy as Record<string, unknown> | undefined)?.set_at ?? ''));
    if (heldAt > c.ts) return; // an earlier import (of a later log) already gave the role a newer trust
    const at = new Date(c.ts).toISOString();
    // The document as text (a string, so a later json_patch replaces it whole instead of merging two policies).
    const record = { set_by: c.setBy, set_at: at, locator: c.where, document: decoded(c.document) };
    let doc: PolicyDoc;
    try {
      doc = parsePolicyDocument(c.document, `${row.key} trust`, 'trust');
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      this.patchNode(c.role, { trust_policy: { ...record, error: e.message } });
      return;
    }
    const named = new Set<number>();
    const services = new Set<string>();
    const listed = new Set<string>();
    for (const s of doc.statements) {
      if (s.effect !== 'Allow' || !s.principals) continue;
      for (const svc of s.principals.service) services.add(svc);
      for (const p of [...s.principals.aws, ...s.principals.federated]) listed.add(p);
      for (const t of trustedPrincipals(s.principals)) {
        if (!actionApplies(s, t.action)) continue;
        const deny = denial(doc, t, c.roleName);
        if (deny === true) continue;
        const conditions = [...(s.conditions.length ? [`the trust policy of ${c.roleName} (${s.sid}) requires ${s.conditionText}`] : []), ...deny];
        const src = this.principal(t, c);
        named.add(src);
        const before = canAssumeProps(w.db, src, c.role);
        // The same principal named again: what an earlier supersession wrote no longer holds.
        const cleared = before?.includes('"superseded"') ? { superseded: null, conditions: conditions.length ? conditions : null } : {};
        w.edge(
          {
            src,
            dst: c.role,
            kind: 'can_assume',
            conditional: conditions.length > 0,
            grantedAt: at,
            props: {
              reason: `the trust policy of ${c.roleName} (set by ${c.setBy} at ${at}) allows ${t.who}`,
              technique: t.action,
              trust_set_by: c.setBy,
              trust_set_at: at,
              ...(conditions.length ? { conditions } : {}),
              ...cleared,
            },
          },
          c.where,
        );
      }
    }
    // null clears an error an earlier, unreadable document left (json_patch drops null members).
    this.patchNode(c.role, {
      trust_policy: { ...record, error: null },
      trusted_services: [...services].slice(0, 100),
      trusted_principals: [...listed].slice(0, 100),
    });
    this.supersede(c, named, at);
  }

  /** Trust edges into the role from before this change that it no longer names: conditional, with the reason. */
  private supersede(c: TrustChange, named: Set<number>, at: string): void {
    const w = this.writer;
    const edges = canAssumeEdgesInto(w.db, c.role);
    const update = edgeConditionalPatcher(w.db);
    for (const e of edges) {
      if (named.has(e.src)) continue;
      const props = e.props ? (JSON.parse(e.props) as Record<string, unknown>) : {};
      const technique = typeof props.technique === 'string' ? props.technique : '';
      // Only trust grants: from an export's trust policy ("<arn> trust (<sid>)") or an earlier logged trust change.
      const fromTrust = typeof props.trust_set_at === 'string' || (/ trust \(/.test(e.locator ?? '') && /^sts:AssumeRole/.test(technique));
      if (!fromTrust || (typeof props.trust_set_at === 'string' && Date.parse(props.trust_set_at) > Date.parse(at))) continue;
      const why = `the trust policy of ${c.roleName} was replaced by ${c.setBy} at ${at} (${c.where}) and no longer names this principal`;
      const conditions = Array.isArray(props.conditions) ? [...props.conditions, why] : [why];
      update(e.id, JSON.stringify({ superseded: { by: c.setBy, at, locator: c.where }, conditions }));
    }
  }

  /** The node of a trusted principal: principals of the role's own account as IAM nodes, everything else external. */
  private principal(t: TrustedPrincipal, c: TrustChange): number {
    if (t.scope === 'account' && t.account === c.account) return this.ids.root(c.account, c.partition, c.where);
    if (t.scope === 'principal' && t.account === c.account) {
      const arn = parseIamArn(t.key);
      if (arn && (arn.type === 'user' || arn.type === 'role')) {
        return this.ids.principal({ type: arn.type, partition: arn.partition, account: arn.account, name: arn.name, path: arn.path }, c.where);
      }
    }
    return (
      this.writer.find(t.key) ??
      this.writer.upsertNode(
        {
          key: t.key,
          kind: t.kind,
          subkind: t.subkind,
          name: t.name,
          provider: 'aws',
          props: { provider: 'aws', external: true },
        },
        c.where,
      )
    );
  }

  /** Props on a node without taking over its provenance (the role's row stays the one that made it). */
  private patchNode(id: number, props: Record<string, unknown>): void {
    patchNodeProps(this.writer.db, id, JSON.stringify(props));
  }
}

/** The logged document as JSON text: CloudTrail writes it URL-encoded or plain. */
function decoded(document: string): string {
  const t = document.trim();
  if (t.startsWith('{')) return t;
  try {
    return decodeURIComponent(t);
  } catch {
    return t; // kept as logged; parsePolicyDocument reports why it is unreadable
  }
}

/**
 * Whether the document's Deny statements stop this principal: true when one names it unconditionally, else the
 * conditions under which one would (an empty list: none applies).
 */
function denial(doc: PolicyDoc, t: TrustedPrincipal, roleName: string): true | string[] {
  const conditions: string[] = [];
  for (const d of doc.statements) {
    if (d.effect !== 'Deny' || !d.principals || !actionApplies(d, t.action)) continue;
    const names =
      d.principals.everyone ||
      trustedPrincipals(d.principals).some((x) => x.key === t.key || (x.scope === 'account' && x.account !== null && x.account === t.account));
    if (!names) continue;
    if (!d.conditions.length) return true;
    conditions.push(`unless the trust policy of ${roleName} (${d.sid}) denies when ${d.conditionText}`);
  }
  return conditions;
}
