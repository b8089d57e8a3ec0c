// "A workload's token", defined once: a Kubernetes service-account token that an audit log names as the credential
// of a request (a TokenRequest token by its JTI, bound to a pod; or a legacy secret-based token by its Secret). The
// log names the service account as the actor, but the token is what acted: a token copied out of its pod acts from
// wherever the thief is. So the behavioural rules judge the token as a subject of its own, with its service
// account's habits as the rest of its baseline (findings/workload-tokens.ts). The k8s audit importer marks these
// credential nodes (ingest/k8s/audit.ts); nothing else does.

/** The node prop that marks a credential as a service-account token. */
export const WORKLOAD_TOKEN_PROP = 'service_account_token';

/** The fields of a credential node this decision reads. */
export interface WorkloadTokenFacts {
  kind: string;
  subkind: string | null;
  props: Record<string, unknown>;
}

/** Whether a credential node is a workload's service-account token. */
export function isWorkloadToken(c: WorkloadTokenFacts): boolean {
  return c.kind === 'credential' && c.subkind === 'token' && c.props[WORKLOAD_TOKEN_PROP] === true;
}
