// KMS grants (`aws kms list-grants`) read as what they are: Allows attached to the key, each naming one grantee
// and the operations it may perform. A grant cannot deny; an explicit Deny in the key policy, the caller's own
// policies or an RCP still wins. A grant's encryption-context constraint limits it to requests carrying that
// context: the case cannot tell which requests will, so such a grant is conditional and says so. A grant to an AWS
// service principal makes no edge (as service principals in key policies). The retiring principal may only retire
// the grant: no access.
// The grants become a policy document evaluated beside the key policy (resource-policy.ts). Pure.
import type { ConditionClause, PolicyDoc, Statement } from './model.ts';

export interface KmsGrant {
  grantId: string;
  name: string | null;
  grantee: string;
  operations: string[];
  /** EncryptionContextEquals / EncryptionContextSubset pairs, when the grant has them. */
  contextEquals: Record<string, string> | null;
  contextSubset: Record<string, string> | null;
}

/** The grants of one key as a policy document of the key. */
export function grantsDocument(keyName: string, grants: KmsGrant[]): PolicyDoc {
  const statements: Statement[] = [];
  for (const g of grants) {
    if (!g.operations.length) continue;
    const service = !g.grantee.startsWith('arn:') && g.grantee.endsWith('.amazonaws.com');
    const conditions: ConditionClause[] = [];
    const texts: string[] = [];
    for (const [kind, pairs] of [
      ['equals', g.contextEquals],
      ['includes', g.contextSubset],
    ] as const) {
      if (!pairs || !Object.keys(pairs).length) continue;
      // No request of the case carries an encryption context: these clauses stay undecided.
      for (const [k, v] of Object.entries(pairs)) conditions.push({ operator: 'StringEquals', key: `kms:EncryptionContext:${k}`, values: [v] });
      texts.push(`the request's encryption context ${kind} ${JSON.stringify(pairs)}`);
    }
    statements.push({
      sid: `grant ${g.name || g.grantId.slice(0, 16)}`,
      effect: 'Allow',
      actions: g.operations.map((o) => `kms:${o}`.toLowerCase()),
      notActions: null,
      resources: null,
      notResources: null,
      principals: { aws: service ? [] : [g.grantee], service: service ? [g.grantee] : [], federated: [], everyone: false },
      notPrincipals: null,
      conditions,
      conditionText: texts.length ? `${texts.join(' and ')} (grant constraint)` : null,
    });
  }
  return { label: `the grants of KMS key ${keyName}`, name: 'kms-grants', statements };
}
