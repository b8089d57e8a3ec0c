// Loads Kubernetes objects into the case: service accounts, roles and cluster roles (rules kept in props, access
// edges derived by rbac-rules.ts), validated bindings (has_role), pods (host systems that runs_as their service
// account), service-account token secrets (credentials) and namespaces. Whoever can create pods in a namespace can
// run them as any of its service accounts, so each namespace system also runs_as the service accounts seen in it.
import { WORKLOAD_TOKEN_PROP } from '../../store/workload-tokens.ts';
import { OWNER_KEY } from '../../store/orphans.ts';
import type { CaseWriter } from '../writer.ts';
import { list, rec, RecordError, SeenOnce, str, type Rec } from '../entra/json-log.ts';
import { BUILTIN_CLUSTER_ROLES, ruleGrants } from './rbac-rules.ts';
import { clusterRoleKey, groupPrincipal, nsKey, podKey, roleKey, secretsKey, serviceAccount, userPrincipal, type K8sPrincipal } from './k8s-names.ts';
import { roleKeysLike, storedRoleRules } from '../../store/ingest-nodes.ts';

export class K8sLoader {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  load(kind: string, o: Rec, locator: string): void {
    const meta = rec(o.metadata);
    const name = str(meta?.name);
    if (!name) throw new RecordError(`${kind} without metadata.name`);
    const ns = str(meta?.namespace);
    const created = str(meta?.creationTimestamp);
    switch (kind) {
      case 'ServiceAccount':
        return this.serviceAccount(need(ns, kind, name), name, o, created, locator);
      case 'Role':
        this.role(roleKey(need(ns, kind, name), name), `${ns}/${name}`, o.rules, ns, created, locator);
        return;
      case 'ClusterRole':
        return this.clusterRole(name, o.rules, o.aggregationRule, created, locator);
      case 'RoleBinding':
        return this.binding(o, name, need(ns, kind, name), created, locator);
      case 'ClusterRoleBinding':
        return this.binding(o, name, null, created, locator);
      case 'Pod':
        return this.pod(need(ns, kind, name), name, o, created, locator);
      case 'Secret':
        return this.secret(need(ns, kind, name), name, o, locator);
      case 'Namespace':
        this.system(nsKey(name), 'cluster', `namespace ${name}`, locator);
        return;
      default:
        throw new RecordError(
          `unsupported kind ${JSON.stringify(kind.slice(0, 60))} (reads ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding, Pod, Secret, Namespace)`,
        );
    }
  }

  private serviceAccount(ns: string, name: string, o: Rec, createdAt: string | null, locator: string): void {
    const p = serviceAccount(ns, name);
    const annotations = rec(rec(o.metadata)?.annotations);
    const id = this.writer.upsertNode(
      {
        key: p.key,
        kind: 'identity',
        subkind: 'service_account',
        name: p.name,
        provider: 'kubernetes',
        createdAt,
        props: {
          namespace: ns,
          automountServiceAccountToken: o.automountServiceAccountToken ?? undefined,
          // Labels and annotations that name an owner (team, owner, contact…): read by orphaned-identity.
          labels: ownerEntries(rec(rec(o.metadata)?.labels)),
          annotations: ownerEntries(annotations),
        },
      },
      locator,
    );
    this.writer.alias(p.alias!, id);
    this.runsIn(ns, id, locator);
    // Workload identity federation: the service account's tokens are exchanged for a cloud identity.
    const gcp = str(annotations?.['iam.gke.io/gcp-service-account']);
    if (gcp)
      this.writer.edge(
        {
          src: id,
          dst: this.writer.find(gcp.toLowerCase()) ?? this.writer.ref(`gcp:sa:${gcp.toLowerCase()}`, 'identity', 'service_account', locator),
          kind: 'can_assume',
          props: { via: 'GKE workload identity' },
        },
        locator,
      );
    const aws = str(annotations?.['eks.amazonaws.com/role-arn']);
    if (aws && /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(aws))
      this.writer.edge(
        { src: id, dst: this.writer.find(aws) ?? this.writer.ref(aws, 'role', null, locator), kind: 'can_assume', props: { via: 'EKS IRSA' } },
        locator,
      );
  }

  private role(key: string, displayName: string, rules: unknown, ns: string | null, createdAt: string | null, locator: string): number {
    const id = this.writer.upsertNode(
      {
        key,
        kind: 'role',
        subkind: 'role',
        name: displayName,
        provider: 'kubernetes',
        createdAt,
        props: { rules: list(rules).slice(0, 500), namespace: ns },
      },
      locator,
    );
    for (const g of ruleGrants(rules, ns)) {
      this.writer.edge({ src: id, dst: this.system(g.key, g.subkind, g.name, locator), kind: 'access', privilege: g.privilege }, locator);
    }
    return id;
  }

  private clusterRole(name: string, rules: unknown, aggregation: unknown, createdAt: string | null, locator: string): void {
    this.role(clusterRoleKey(name), name, rules, null, createdAt, locator);
    if (aggregation) this.writer.upsertNode({ key: clusterRoleKey(name), kind: 'role', props: { aggregationRule: aggregation } }, locator);
    // Namespaced uses of this ClusterRole imported before it: give them its rules now, scoped to their namespace.
    const uses = roleKeysLike(this.writer.db, `${clusterRoleKey(name).replace(/[\\%_]/g, '\\$&')}@%`);
    for (const key of uses) this.role(key, key.slice('k8s:clusterrole:'.length), rules, key.slice(key.lastIndexOf('@') + 1), null, locator);
  }

  /**
   * Bindings are validated as the API server would: a ClusterRoleBinding can only grant a ClusterRole. Also used
   * for bindings seen being created in an audit log, whose edges carry `evidence` (how they were observed).
   */
  binding(o: Rec, name: string, ns: string | null, createdAt: string | null, locator: string, evidence: Record<string, unknown> | null = null): void {
    const ref = rec(o.roleRef);
    const refKind = str(ref?.kind);
    const refName = str(ref?.name);
    if (!refKind || !refName) throw new RecordError(`${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${name}: roleRef without kind and name`);
    if (!ns && refKind !== 'ClusterRole') {
      throw new RecordError(
        `ClusterRoleBinding ${name} references ${refKind} ${refName}: a ClusterRoleBinding can only reference a ClusterRole (the API server rejects it), so it grants nothing`,
      );
    }
    if (refKind !== 'Role' && refKind !== 'ClusterRole')
      throw new RecordError(`binding ${name}: roleRef kind ${JSON.stringify(refKind)} is neither Role nor ClusterRole`);
    const subjects = list(o.subjects).map((s) => subject(rec(s), ns, name));
    let role: number;
    if (refKind === 'Role') role = this.writer.ref(roleKey(ns!, refName), 'role', 'role', locator);
    else if (!ns) role = this.knownClusterRole(refName, locator);
    else role = this.clusterRoleIn(refName, ns, locator);
    for (const p of subjects) {
      const src = this.principal(p, locator);
      this.writer.edge(
        { src, dst: role, kind: 'has_role', grantedAt: createdAt, props: { binding: ns ? `${ns}/${name}` : name, public: p.public, ...evidence } },
        locator,
      );
    }
  }

  /** A ClusterRole by name; built-in ones get their well-known rules if the export did not include them. */
  private knownClusterRole(name: string, locator: string): number {
    const key = clusterRoleKey(name);
    const known = this.writer.find(key);
    if (known !== undefined) return known;
    if (Object.hasOwn(BUILTIN_CLUSTER_ROLES, name)) return this.role(key, name, BUILTIN_CLUSTER_ROLES[name], null, null, locator);
    return this.writer.ref(key, 'role', 'role', locator);
  }

  /** A ClusterRole granted by a RoleBinding: its rules apply in that namespace only, so it gets its own node. */
  private clusterRoleIn(name: string, ns: string, locator: string): number {
    const key = clusterRoleKey(name, ns);
    const existing = this.writer.find(key);
    if (existing !== undefined) return existing;
    let rules: unknown = Object.hasOwn(BUILTIN_CLUSTER_ROLES, name) ? BUILTIN_CLUSTER_ROLES[name] : null;
    const stored = storedRoleRules(this.writer.db, clusterRoleKey(name));
    if (stored) rules = JSON.parse(stored);
    return this.role(key, `${name} (in ${ns})`, rules, ns, null, locator);
  }

  private pod(ns: string, name: string, o: Rec, createdAt: string | null, locator: string): void {
    const spec = rec(o.spec);
    const saName = str(spec?.serviceAccountName) ?? str(spec?.serviceAccount) ?? 'default';
    const containers = list(spec?.containers).map(rec);
    const privileged = containers.some((c) => rec(c?.securityContext)?.privileged === true);
    const pod = this.writer.upsertNode(
      {
        key: podKey(ns, name),
        kind: 'system',
        subkind: 'host',
        name: `${ns}/${name}`,
        provider: 'kubernetes',
        createdAt,
        props: {
          workload: 'pod',
          namespace: ns,
          node: str(spec?.nodeName),
          serviceAccount: saName,
          images: containers
            .map((c) => str(c?.image))
            .filter(Boolean)
            .slice(0, 20),
          hostNetwork: spec?.hostNetwork === true || undefined,
          privileged: privileged || undefined,
          phase: str(rec(o.status)?.phase),
        },
      },
      locator,
    );
    const p = serviceAccount(ns, saName);
    const sa = this.principal(p, locator);
    // Without a mounted token the pod cannot call the API as its service account: kept, but conditional.
    this.writer.edge({ src: pod, dst: sa, kind: 'runs_as', conditional: spec?.automountServiceAccountToken === false }, locator);
    this.runsIn(ns, sa, locator);
  }

  private secret(ns: string, name: string, o: Rec, locator: string): void {
    const type = str(o.type);
    const saName = str(rec(rec(o.metadata)?.annotations)?.['kubernetes.io/service-account.name']);
    if (type !== 'kubernetes.io/service-account-token' || !saName) {
      const other = this.writer.upsertNode(
        {
          key: `k8s:secret:${ns}:${name}`,
          kind: 'credential',
          subkind: secretSubkind(type),
          name: `${ns}/${name}`,
          provider: 'kubernetes',
          props: { type },
        },
        locator,
      );
      this.writer.edge({ src: this.system(secretsKey(ns), 'secret_store', `secrets in ${ns}`, locator), dst: other, kind: 'stores' }, locator);
      return;
    }
    // Never the token value itself: the case records that it exists and where it can be read.
    // A service-account token: judged as its own subject when a log names it (store/workload-tokens.ts).
    const cred = this.writer.upsertNode(
      {
        key: `k8s:secret:${ns}:${name}`,
        kind: 'credential',
        subkind: 'token',
        name: `${ns}/${name}`,
        provider: 'kubernetes',
        props: { type, [WORKLOAD_TOKEN_PROP]: true, legacy: true },
      },
      locator,
    );
    const sa = this.principal(serviceAccount(ns, saName), locator);
    this.writer.edge({ src: sa, dst: cred, kind: 'has_credential' }, locator);
    this.writer.edge({ src: cred, dst: sa, kind: 'authenticates' }, locator);
    this.writer.edge({ src: this.system(secretsKey(ns), 'secret_store', `secrets in ${ns}`, locator), dst: cred, kind: 'stores' }, locator);
  }

  private runsIn(ns: string, sa: number, locator: string): void {
    this.writer.edge(
      {
        src: this.system(nsKey(ns), 'cluster', `namespace ${ns}`, locator),
        dst: sa,
        kind: 'runs_as',
        props: { via: 'pod creation in the namespace' },
      },
      locator,
    );
  }

  private principal(p: K8sPrincipal, locator: string): number {
    const id = this.writer.ref(p.key, p.kind, p.subkind, locator);
    if (this.once.first(p.key)) {
      if (p.alias) this.writer.alias(p.alias, id);
      if (p.public) this.writer.upsertNode({ key: p.key, kind: p.kind, name: p.name, provider: 'kubernetes', props: { public: true } }, locator);
    }
    return id;
  }

  private system(key: string, subkind: string, name: string, locator: string): number {
    if (this.once.first(key)) return this.writer.upsertNode({ key, kind: 'system', subkind, name, provider: 'kubernetes' }, locator);
    return this.writer.ref(key, 'system', subkind, locator);
  }
}

/** Secret types as credential types; Opaque and unknown ones hold passwords as far as anyone can tell. */
function secretSubkind(type: string | null): string {
  switch (type) {
    case 'kubernetes.io/tls':
      return 'certificate';
    case 'kubernetes.io/ssh-auth':
      return 'ssh_key';
    case 'kubernetes.io/dockerconfigjson':
    case 'kubernetes.io/dockercfg':
    case 'bootstrap.kubernetes.io/token':
      return 'token';
    default:
      return 'password';
  }
}

function need(ns: string | null, kind: string, name: string): string {
  if (!ns) throw new RecordError(`${kind} ${name} without metadata.namespace`);
  return ns;
}

/** A binding subject, validated: a ServiceAccount needs a namespace (a RoleBinding's own is the default). */
function subject(s: Rec | null, bindingNs: string | null, binding: string): K8sPrincipal {
  const kind = str(s?.kind);
  const name = str(s?.name);
  if (!s || !kind || !name) throw new RecordError(`binding ${binding}: a subject without kind and name`);
  if (kind === 'ServiceAccount') {
    const ns = str(s.namespace) ?? bindingNs;
    if (!ns) throw new RecordError(`binding ${binding}: ServiceAccount subject ${name} without a namespace`);
    return serviceAccount(ns, name);
  }
  if (kind === 'User') return userPrincipal(name);
  if (kind === 'Group') return groupPrincipal(name);
  throw new RecordError(`binding ${binding}: unknown subject kind ${JSON.stringify(kind.slice(0, 40))}`);
}

/** The entries of a label or annotation map whose key names an owner, or undefined when there are none. */
function ownerEntries(map: Rec | null): Record<string, string> | undefined {
  if (!map) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map).slice(0, 200)) {
    if (OWNER_KEY.test(k) && typeof v === 'string' && v.trim()) out[k.slice(0, 100)] = v.trim().slice(0, 300);
  }
  return Object.keys(out).length ? out : undefined;
}
