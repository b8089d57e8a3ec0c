// GCP identity conventions (docs/identity-resolution.md): `gcp:user:<email>` (human), `gcp:sa:<email>`
// (service_account), `gcp:group:<email>`, `gcp:domain:<domain>`, workload identity principals `gcp:principal:<uri>`,
// and `gcp:public:allUsers` / `gcp:public:allAuthenticatedUsers` as public-exposure nodes (props.public = true);
// federated principals seen in audit logs carry props.external = true.
// Every email is also recorded as an alias.
import type { NodeKind } from '../../../shared/model.ts';
import type { CaseWriter } from '../writer.ts';
import { SeenOnce } from '../entra/json-log.ts';

export interface Principal {
  key: string;
  kind: NodeKind;
  subkind: string | null;
  name: string;
  email: string | null;
  status?: string;
  public?: boolean;
  /** Outside Google Cloud (a workload or workforce identity federation subject): props.external. */
  external?: boolean;
}

/** An IAM policy member string ("user:a@b.com", "allUsers", "principal://…") as a case node description. */
export function memberPrincipal(member: string): Principal {
  const m = member.trim();
  if (m === 'allUsers')
    return { key: 'gcp:public:allUsers', kind: 'group', subkind: null, name: 'allUsers (anyone on the internet)', email: null, public: true };
  if (m === 'allAuthenticatedUsers') {
    return {
      key: 'gcp:public:allAuthenticatedUsers',
      kind: 'group',
      subkind: null,
      name: 'allAuthenticatedUsers (any Google account)',
      email: null,
      public: true,
    };
  }
  const colon = m.indexOf(':');
  const type = colon > 0 ? m.slice(0, colon) : '';
  const rest = colon > 0 ? m.slice(colon + 1) : m;
  switch (type) {
    case 'user':
      return emailPrincipal(rest);
    case 'serviceAccount':
      return { key: `gcp:sa:${rest.toLowerCase()}`, kind: 'identity', subkind: 'service_account', name: rest, email: rest.toLowerCase() };
    case 'group':
      return { key: `gcp:group:${rest.toLowerCase()}`, kind: 'group', subkind: null, name: rest, email: rest.toLowerCase() };
    case 'domain':
      return { key: `gcp:domain:${rest.toLowerCase()}`, kind: 'group', subkind: null, name: `everyone in ${rest}`, email: null };
    case 'deleted': {
      // deleted:user:alice@example.com?uid=123 — the grant outlived the account; kept so it shows up as stale.
      const inner = memberPrincipal(rest.replace(/\?uid=\d+$/, ''));
      return { ...inner, status: 'deleted' };
    }
    // Workload / workforce identity federation: identities of another identity provider, outside Google Cloud.
    case 'principal':
      return { key: `gcp:principal:${rest.replace(/^\/\//, '')}`, kind: 'identity', subkind: 'workload', name: m, email: null, external: true };
    case 'principalSet':
      return { key: `gcp:principalset:${rest.replace(/^\/\//, '')}`, kind: 'group', subkind: null, name: m, email: null, external: true };
    case 'projectOwner':
    case 'projectEditor':
    case 'projectViewer':
      return { key: `gcp:${type}:${rest}`, kind: 'group', subkind: null, name: `${type} of ${rest}`, email: null };
    default:
      return { key: `gcp:member:${m}`, kind: 'identity', subkind: null, name: m, email: null };
  }
}

/** An email seen as a caller: service accounts end in gserviceaccount.com; Kubernetes subjects stay k8s. */
export function emailPrincipal(email: string): Principal {
  const e = email.toLowerCase();
  if (/\.gserviceaccount\.com$/.test(e)) return { key: `gcp:sa:${e}`, kind: 'identity', subkind: 'service_account', name: email, email: e };
  return { key: `gcp:user:${e}`, kind: 'identity', subkind: 'human', name: email, email: e };
}

/** Writes principals once per import and records their email aliases. */
export class GcpNodes {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  principal(p: Principal, locator: string): number {
    if (!this.once.first(p.key)) return this.writer.ref(p.key, p.kind, p.subkind, locator);
    const id = this.writer.upsertNode(
      {
        key: p.key,
        kind: p.kind,
        subkind: p.subkind,
        name: p.name,
        provider: 'gcp',
        status: p.status ?? null,
        props: p.public || p.external ? { public: p.public || undefined, external: p.external || undefined } : null,
      },
      locator,
    );
    if (p.email) this.writer.alias(p.email, id);
    return id;
  }

  system(key: string, subkind: string, name: string, props: Record<string, unknown> | null, locator: string): number {
    if (!this.once.first(key)) return this.writer.ref(key, 'system', subkind, locator);
    return this.writer.upsertNode({ key, kind: 'system', subkind, name, provider: 'gcp', props }, locator);
  }
}
