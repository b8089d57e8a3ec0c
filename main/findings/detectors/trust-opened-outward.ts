// trust-opened-outward: a change that lets a principal outside the organisation act inside it — a role whose
// trust (CreateRole / UpdateAssumeRolePolicy) names another account or anyone, a new OIDC/SAML identity
// provider, a Roles Anywhere trust anchor, an Entra federated credential or domain federation.
// Not a finding: a trust to another account of the same organisation (one whose principals are in the case).
import { accountOf, awsActor, awsCall, ownAwsAccounts, rareEvents } from '../persistence-events.ts';
import { eventEvidence, edgeEvidence, fact, isoTime, nodeEvidence } from '../evidence.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const ROLE_TRUST = new Set(['CreateRole', 'UpdateAssumeRolePolicy']);
const PROVIDERS = new Set([
  'CreateOpenIDConnectProvider',
  'CreateSAMLProvider',
  'UpdateSAMLProvider',
  'AddClientIDToOpenIDConnectProvider',
  'UpdateOpenIDConnectProviderThumbprint',
]);
const ANCHORS = new Set(['CreateTrustAnchor', 'UpdateTrustAnchor']);
const ENTRA_FEDERATION = /^entra:.*(federated identity credential|federation settings|domain authentication)/i;

function accepts(action: string): boolean {
  const call = awsCall(action);
  return (
    (action.startsWith('iam.amazonaws.com:') && (ROLE_TRUST.has(call) || PROVIDERS.has(call))) ||
    (action.startsWith('rolesanywhere.amazonaws.com:') && ANCHORS.has(call)) ||
    ENTRA_FEDERATION.test(action)
  );
}

export const trustOpenedOutward: Detector = {
  rule: 'trust-opened-outward',
  defaults: {},
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, asOf }) {
    const own = ownAwsAccounts(data);
    const out: FindingDraft[] = [];
    for (const e of rareEvents(data, asOf, accepts)) {
      const call = awsCall(e.action);
      const actor = awsActor(e.identity);
      const when = isoTime(e.ts).slice(0, 16).replace('T', ' ');
      if (ROLE_TRUST.has(call)) {
        const roleName = typeof e.props.role === 'string' ? e.props.role : null;
        if (!roleName || !actor) continue;
        const role = data.resolve(`aws:role:${actor.account}:${roleName}`) ?? data.resolve(`arn:aws:iam::${actor.account}:role/${roleName}`);
        if (!role) continue;
        // The trust edges this change made (the CloudTrail importer records who set the trust and when).
        const trusts = data.edgesOfKind('can_assume').filter((x) => x.dst === role.id && !x.props.superseded);
        const outside = trusts.filter((x) => {
          const src = data.node(x.src);
          const acct = src ? accountOf(src.key) : null;
          return src && acct !== null && (acct === '*' || (acct !== actor.account && !own.has(acct)));
        });
        if (!outside.length) continue;
        const anyone = outside.some((x) => accountOf(data.node(x.src)!.key) === '*');
        const who = outside.map((x) => data.node(x.src)!.key);
        out.push({
          subject: role.key,
          key: `${e.id}`,
          severity: anyone ? 'critical' : 'high',
          severityBecause: anyone
            ? 'the role now trusts any AWS principal'
            : `the role now trusts ${who.length === 1 ? 'an account' : 'accounts'} outside the organisation's own`,
          title: `${call} made role ${roleName} assumable from ${who.slice(0, 3).join(', ')}${who.length > 3 ? ', …' : ''} (by ${e.identity ?? 'unknown'} at ${when})`,
          window: { from: isoTime(e.ts), to: isoTime(asOf) },
          evidence: [
            nodeEvidence(role),
            eventEvidence(e),
            ...outside.map((x) => edgeEvidence(data, x)),
            fact('own_accounts', [...own], 'accounts whose principals are in the case; a trust to them is not outward'),
          ],
        });
        continue;
      }
      const severity: Severity = ANCHORS.has(call) ? 'high' : 'medium';
      const what = ANCHORS.has(call)
        ? 'a Roles Anywhere trust anchor (certificates from an outside CA can now get AWS sessions)'
        : PROVIDERS.has(call)
          ? 'an identity provider (its users can now assume roles that trust it)'
          : 'federation (outside tokens are now accepted)';
      const subjectNode = data.resolve(e.identity);
      out.push({
        subject: subjectNode?.key ?? e.identity ?? 'unknown',
        key: `${e.id}`,
        severity,
        severityBecause: `${call} added ${what}`,
        title: `${call}: ${e.identity ?? 'unknown'} added ${what} at ${when}`,
        window: { from: isoTime(e.ts), to: isoTime(asOf) },
        evidence: [...(subjectNode ? [nodeEvidence(subjectNode)] : []), eventEvidence(e)],
      });
    }
    return out;
  },
};
