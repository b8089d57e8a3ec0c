// RCPs on role assumption. sts:AssumeRole (and its SAML and web-identity variants) is a request to the role, a
// resource of the role's account, so the RCPs governing that account apply to it like to a bucket: a firm Deny takes
// the can_assume edge away, an undecided one makes it conditional with the RCP's condition. The trust edges are
// made when the export is imported; this runs after every re-derivation (resource-policy-refresh.ts), so an RCP
// imported before or after the export gives the same graph. Takeover edges (CreateAccessKey…) are not requests to
// STS and are left alone.
import type { KeyLookup } from '../../aws-policy/conditions.ts';
import { orgOf, rcpDecision, rcpsFor, type Organization } from '../../aws-policy/resource-control.ts';
import { externalLookup } from '../../aws-policy/trust.ts';
import { assumeRoleEdges, deleteEdge, setEdgeCondition } from '../../store/aws-resource-controls.ts';
import type { CaseWriter } from '../writer.ts';

const ROLE = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;
const ACCOUNT_OF = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

export function applyRcpsToTrusts(w: CaseWriter, org: Organization | undefined, caseAccounts: Set<string>): void {
  if (!org?.rcps.length) return;
  const asOf = Date.now();
  for (const e of assumeRoleEdges(w.db)) {
    const roleAccount = ROLE.exec(e.dst)?.[1] ?? null;
    const rcps = rcpsFor(org, roleAccount);
    // Service-linked roles are not governed by RCPs, as callers.
    if (!roleAccount || !rcps.length || e.src.includes('/aws-service-role/')) continue;
    const props = parse(e.props);
    const technique = typeof props.technique === 'string' ? props.technique : 'sts:AssumeRole';
    const caller = ACCOUNT_OF.exec(e.src)?.[1] ?? null;
    const keys: Record<string, string[] | undefined> = {
      'aws:principalorgid': orgOf(org, caller, caseAccounts) ? [org.id!] : undefined,
      'aws:principalisawsservice': ['false'],
      'aws:principalarn': e.src.startsWith('arn:') && !e.src.endsWith(':root') ? [e.src] : undefined,
      'aws:resourceaccount': [roleAccount],
      'aws:resourceorgid': orgOf(org, roleAccount, caseAccounts) ? [org.id!] : undefined,
    };
    const outside = externalLookup(caller, asOf);
    const lookup: KeyLookup = Object.assign((k: string) => (k.toLowerCase() in keys ? keys[k.toLowerCase()] : outside(k)), {
      window: outside.window,
      chosen: outside.chosen,
    });
    const d = rcpDecision(rcps, technique, e.dst, lookup);
    if (d.deny === 'yes') {
      deleteEdge(w.db, e.id);
      continue;
    }
    // What the trust alone said is kept beside the RCP's verdict, so a later run (more RCPs, more known members)
    // starts again from it: the result depends on what the case holds, not on the order it came in.
    const base = isObject(props.rcpBase) ? props.rcpBase : { conditional: e.conditional === 1, conditions: props.conditions ?? null };
    const baseConditions = Array.isArray(base.conditions) ? base.conditions.filter((c): c is string => typeof c === 'string') : [];
    const { rcpBase: _drop, conditions: _old, ...rest } = props;
    if (d.deny === 'no') {
      if (isObject(props.rcpBase))
        setEdgeCondition(
          w.db,
          e.id,
          base.conditional === true,
          JSON.stringify({ ...rest, ...(baseConditions.length ? { conditions: baseConditions } : {}) }),
        );
      continue;
    }
    const next = JSON.stringify({ ...rest, conditions: [...new Set([...baseConditions, ...d.conditions])], rcpBase: base });
    if (next !== e.props || !e.conditional) setEdgeCondition(w.db, e.id, true, next);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parse(text: string | null): Record<string, unknown> {
  try {
    const v = text ? (JSON.parse(text) as unknown) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
