// The credential that acted is an actor, for Kubernetes (issue 25, item 3): an audit event made with a
// service-account token names the token in user.extra (`authentication.kubernetes.io/credential-id: JTI=<id>`, with
// the pod and node it was issued for), and the behavioural rules judge that token as they judge an Okta API token.
// Events are the Elastic fixture's native audit.k8s.io/v1 record (../shared/fixtures/k8s, read in place) with the
// extra fields filled in as the Kubernetes documentation shows them (`kubectl auth whoami` inside a pod; the
// fixture's own records come from a cluster that logged `"extra":{}`). Addresses: 10.42.1.0/24 is a node's pod
// range; 3.5.140.1 is AWS (AS16509); 159.89.0.1 DigitalOcean (hosting).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

const FIXTURE = path.join(SHARED_FIXTURES, 'k8s', 'elastic-k8s-audit.ndjson');
/** The fixture's service-account event (kube-system:elastic-agent getting its lease), the template for every event here. */
const TEMPLATE = fs
  .readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, any>)
  .find((r) => r.apiVersion === 'audit.k8s.io/v1' && r.user?.username === 'system:serviceaccount:kube-system:elastic-agent')!;

const AS_OF = '2025-08-01T00:00:00Z';
let t: TestCase | undefined;
afterEach(() => t?.close());

interface Pod {
  name: string;
  uid: string;
  node: string;
  nodeUid: string;
  ip: string;
}
const POD_A: Pod = {
  name: 'elastic-agent-7d9f8c6b5-xk2lp',
  uid: '4f6a1c1e-2b1d-4e7a-9c0e-5b8d2f3a9e11',
  node: 'worker-1',
  nodeUid: '8e0f3b7a-61c4-4a9e-b2d5-0c7e9f1a2b33',
  ip: '10.42.1.17',
};
const POD_B: Pod = {
  name: 'elastic-agent-7d9f8c6b5-q8wzn',
  uid: '0b9e2d4c-7a1f-4c3e-8d6b-2e5f9a0c7d44',
  node: 'worker-1',
  nodeUid: '8e0f3b7a-61c4-4a9e-b2d5-0c7e9f1a2b33',
  ip: '10.42.1.23',
};

let serial = 0;
/** A native audit event as the API server writes it, from the fixture's record. */
function audit(
  ts: string,
  o: {
    jti?: string;
    pod?: Pod;
    ip?: string;
    extra?: Record<string, string[]>;
    verb?: string;
    objectRef?: object;
    responseObject?: object;
    user?: string;
    annotations?: object;
  } = {},
) {
  const e = structuredClone(TEMPLATE);
  const n = ++serial;
  e.auditID = `5e0b7c1a-${n.toString(16).padStart(4, '0')}-4d2e-9f1a-7c3b2e1d0a9f`;
  e.requestReceivedTimestamp = ts;
  e.stageTimestamp = new Date(Date.parse(ts) + 38).toISOString();
  e.sourceIPs = [o.ip ?? o.pod?.ip ?? POD_A.ip];
  if (o.user) e.user.username = o.user;
  if (o.verb) e.verb = o.verb;
  if (o.objectRef) e.objectRef = o.objectRef;
  if (o.responseObject) {
    e.level = 'RequestResponse';
    e.responseObject = o.responseObject;
  }
  if (o.annotations) e.annotations = { ...e.annotations, ...o.annotations };
  e.user.extra =
    o.extra ??
    (o.jti
      ? {
          'authentication.kubernetes.io/credential-id': [`JTI=${o.jti}`],
          'authentication.kubernetes.io/node-name': [(o.pod ?? POD_A).node],
          'authentication.kubernetes.io/node-uid': [(o.pod ?? POD_A).nodeUid],
          'authentication.kubernetes.io/pod-name': [(o.pod ?? POD_A).name],
          'authentication.kubernetes.io/pod-uid': [(o.pod ?? POD_A).uid],
        }
      : {});
  return e;
}

/** The token a pod holds on a given day: the kubelet rotates it, so each pod and day has its own JTI. */
const jti = (pod: Pod, day: number) => `${pod.uid.slice(0, 8)}-0000-4000-8000-${String(day).padStart(12, '0')}`;
const SA = 'k8s:sa:kube-system:elastic-agent';

/** Thirty days of the agent renewing its lease every four hours from both pods, each with the day's token. */
function baseline(): object[] {
  const out: object[] = [];
  const t0 = Date.parse('2025-07-01T00:10:00Z');
  for (let day = 0; day < 30; day++) {
    for (let h = 0; h < 24; h += 4) {
      for (const pod of [POD_A, POD_B])
        out.push(audit(new Date(t0 + day * 86_400_000 + h * 3_600_000 + (pod === POD_B ? 60_000 : 0)).toISOString(), { jti: jti(pod, day), pod }));
    }
  }
  return out;
}

async function k8sCase(events: object[]): Promise<TestCase> {
  const c = await TestCase.create();
  const s = await c.importText('kube-audit.log', events.map((e) => JSON.stringify(e)).join('\n'));
  expect(s).toMatchObject({ format: 'k8s-audit', rejected: 0 });
  return c;
}

async function run(c: TestCase): Promise<Finding[]> {
  return (await c.call('findings.run', { persist: false, asOf: AS_OF })).findings!;
}

function eventCredentials(c: TestCase) {
  return c.db
    .prepare(
      `SELECT i.key AS identity, cr.key AS credential, e.props FROM auth_event e LEFT JOIN node i ON i.id = e.identity
    LEFT JOIN node cr ON cr.id = e.credential ORDER BY e.ts`,
    )
    .all() as { identity: string | null; credential: string | null; props: string }[];
}
function node(c: TestCase, key: string) {
  const n = c.db.prepare('SELECT key, kind, subkind, name, created_at, props FROM node WHERE key = ?').get(key) as Record<string, any> | undefined;
  return n && ({ ...n, props: JSON.parse(n.props ?? '{}') as Record<string, any> } as Record<string, any>);
}
function edgesOf(c: TestCase, kind: string) {
  return c.db
    .prepare(`SELECT s.key AS src, d.key AS dst FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst WHERE e.kind = ? ORDER BY 1, 2`)
    .all(kind);
}

describe('k8s audit: the credential a request was made with', () => {
  it('attaches an event made with a service-account token to that token, held by the service account, with its pod and node', async () => {
    const token = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';
    t = await k8sCase([audit('2025-07-16T10:12:56.525137Z', { jti: token })]);
    expect(eventCredentials(t).map((e) => [e.identity, e.credential])).toEqual([[SA, `k8s:token:${token}`]]);
    expect(JSON.parse(eventCredentials(t)[0].props)).toMatchObject({ pod: POD_A.name, node: 'worker-1' });
    expect(node(t, `k8s:token:${token}`)).toMatchObject({
      kind: 'credential',
      subkind: 'token',
      name: `pod ${POD_A.name} (JTI a3f1c2d4)`,
      props: {
        service_account_token: true,
        temporary: true,
        jti: token,
        bound: 'Pod',
        pod: POD_A.name,
        podUid: POD_A.uid,
        node: 'worker-1',
        nodeUid: POD_A.nodeUid,
        namespace: 'kube-system',
      },
    });
    expect(edgesOf(t, 'has_credential')).toEqual([{ src: SA, dst: `k8s:token:${token}` }]);
    expect(edgesOf(t, 'authenticates')).toEqual([{ src: `k8s:token:${token}`, dst: SA }]);
  });

  it('leaves events that name no credential on the identity alone (the fixture as logged, "extra":{})', async () => {
    t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [FIXTURE] });
    expect(sources[0]).toMatchObject({ format: 'k8s-audit', rejected: 0 });
    const events = eventCredentials(t);
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.identity === SA)).toHaveLength(2);
    expect(events.every((e) => e.credential === null)).toBe(true);
    expect(t.db.prepare("SELECT count(*) FROM node WHERE kind = 'credential'").pluck().get()).toBe(0);
  });

  it('reads a legacy secret-based token from its audit annotation, and a client certificate from its fingerprint', async () => {
    const sha = 'ce89c45675549e8c37bed92fd2fe3134a843dee38d5f1c31b7ffd1e4fb4648e0';
    t = await k8sCase([
      audit('2025-07-16T10:00:00Z', { annotations: { 'authentication.k8s.io/legacy-token-autogenerated-secret': 'elastic-agent-token-x7k2p' } }),
      audit('2025-07-16T10:01:00Z', { user: 'kubernetes-admin', extra: { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${sha}`] } }),
    ]);
    expect(eventCredentials(t).map((e) => [e.identity, e.credential])).toEqual([
      [SA, 'k8s:secret:kube-system:elastic-agent-token-x7k2p'],
      ['k8s:user:kubernetes-admin', `k8s:cert:${sha}`],
    ]);
    const legacy = node(t, 'k8s:secret:kube-system:elastic-agent-token-x7k2p')!;
    expect(legacy.kind).toBe('credential');
    expect(legacy.props).toMatchObject({ service_account_token: true, legacy: true, secret: 'elastic-agent-token-x7k2p' });
    expect(legacy.props.temporary).toBeUndefined(); // long-lived: what a dormant or stolen legacy token is about
    expect(node(t, `k8s:cert:${sha}`)).toMatchObject({ subkind: 'certificate', props: { fingerprint_sha256: sha } });
  });

  it('meets the Secret that kubectl lists: a legacy token used in the audit log is the inventoried credential', async () => {
    t = await TestCase.create();
    const secrets = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'kubernetes.io/service-account-token',
          metadata: {
            name: 'elastic-agent-token-x7k2p',
            namespace: 'kube-system',
            annotations: { 'kubernetes.io/service-account.name': 'elastic-agent', 'kubernetes.io/service-account.uid': '12345678' },
          },
          data: {},
        },
      ],
    };
    expect(await t.importText('secrets.json', JSON.stringify(secrets))).toMatchObject({ format: 'k8s-objects', rejected: 0 });
    expect(
      await t.importText(
        'kube-audit.log',
        JSON.stringify(
          audit('2025-07-16T10:00:00Z', { annotations: { 'authentication.k8s.io/legacy-token-manual-secret': 'elastic-agent-token-x7k2p' } }),
        ),
      ),
    ).toMatchObject({ format: 'k8s-audit', rejected: 0 });
    expect(eventCredentials(t).map((e) => e.credential)).toEqual(['k8s:secret:kube-system:elastic-agent-token-x7k2p']);
    expect(t.db.prepare("SELECT count(*) FROM node WHERE kind = 'credential'").pluck().get()).toBe(1);
    expect(edgesOf(t, 'stores')).toEqual([{ src: 'k8s:secrets:kube-system', dst: 'k8s:secret:kube-system:elastic-agent-token-x7k2p' }]);
    expect(node(t, 'k8s:secret:kube-system:elastic-agent-token-x7k2p')!.props).toMatchObject({
      type: 'kubernetes.io/service-account-token',
      service_account_token: true,
      legacy: true,
    });
  });

  it('names the token a logged TokenRequest issued, with its issue and expiry times (the token itself is not kept)', async () => {
    const issued = 'b7e2a9c0-1d3f-4e5a-9b8c-7d6e5f4a3b21';
    const claims = {
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: 1752664376,
      iat: 1752660776,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: issued,
      'kubernetes.io': {
        namespace: 'kube-system',
        node: { name: 'worker-1', uid: POD_A.nodeUid },
        pod: { name: POD_A.name, uid: POD_A.uid },
        serviceaccount: { name: 'elastic-agent', uid: '12345678' },
      },
      nbf: 1752660776,
      sub: 'system:serviceaccount:kube-system:elastic-agent',
    };
    const jwt = `eyJhbGciOiJSUzI1NiIsImtpZCI6Ik5vdEFSZWFsS2V5In0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
    t = await k8sCase([
      audit('2025-07-16T10:12:56Z', {
        user: 'system:node:worker-1',
        verb: 'create',
        extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=4b08d4e3ad74b21f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b'] },
        objectRef: { resource: 'serviceaccounts', namespace: 'kube-system', name: 'elastic-agent', apiVersion: 'v1', subresource: 'token' },
        responseObject: {
          kind: 'TokenRequest',
          apiVersion: 'authentication.k8s.io/v1',
          metadata: { name: 'elastic-agent', namespace: 'kube-system' },
          spec: {
            audiences: ['https://kubernetes.default.svc.cluster.local'],
            expirationSeconds: 3607,
            boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: POD_A.name, uid: POD_A.uid },
          },
          status: { token: jwt, expirationTimestamp: '2025-07-16T11:12:56Z' },
        },
      }),
    ]);
    const tok = node(t, `k8s:token:${issued}`)!;
    expect(tok).toMatchObject({
      kind: 'credential',
      subkind: 'token',
      created_at: '2025-07-16T10:12:56.000Z',
      props: { expires_at: '2025-07-16T11:12:56.000Z', pod: POD_A.name, bound: 'Pod', service_account_token: true },
    });
    expect(JSON.stringify(t.db.prepare('SELECT * FROM node').all())).not.toContain(jwt.split('.')[1]);
    expect(JSON.stringify(t.db.prepare('SELECT props FROM auth_event').all())).not.toContain(jwt.split('.')[1]);
    expect(edgesOf(t, 'has_credential')).toContainEqual({ src: SA, dst: `k8s:token:${issued}` });
    const [e] = eventCredentials(t);
    expect(e.identity).toBe('k8s:user:system:node:worker-1');
    expect(JSON.parse(e.props)).toMatchObject({
      issuedToken: `k8s:token:${issued}`,
      tokenExpiresAt: '2025-07-16T11:12:56.000Z',
      boundObject: `Pod ${POD_A.name}`,
    });
  });
});

describe('k8s audit: a service-account token is judged as its own subject', () => {
  it('stays quiet for a fresh token of a new pod used from the pod network', async () => {
    // The deployment rolls on 31 July: a new pod, a new token, an address of the same node's pod range.
    const POD_C: Pod = { ...POD_B, name: 'elastic-agent-6c5b4a3d2-mn7vb', uid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c55', ip: '10.42.1.200' };
    t = await k8sCase([
      ...baseline(),
      ...[0, 4, 8, 12].map((h) => audit(`2025-07-31T${String(h).padStart(2, '0')}:30:00Z`, { jti: jti(POD_C, 30), pod: POD_C })),
    ]);
    const f = await run(t);
    expect(
      f.filter((x) =>
        ['new-network', 'anonymous-network', 'credential-reuse', 'token-used-after-owner-left', 'dormant-identity', 'long-lived-secret'].includes(
          x.rule,
        ),
      ),
    ).toEqual([]);
  });

  it('raises new-network and anonymous-network on the token (naming its pod and service account) when it is used from outside', async () => {
    // Today's token of pod A, copied out of the pod: used from an AWS address, then from a DigitalOcean droplet.
    const stolen = jti(POD_A, 29);
    t = await k8sCase([
      ...baseline(),
      audit('2025-07-30T22:40:00Z', { jti: stolen, ip: '3.5.140.1' }),
      audit('2025-07-30T23:05:00Z', {
        jti: stolen,
        ip: '159.89.0.1',
        verb: 'list',
        objectRef: { resource: 'secrets', namespace: 'kube-system', apiVersion: 'v1' },
      }),
    ]);
    const f = await run(t);
    const fresh = f.filter((x) => x.rule === 'new-network').sort((a, b) => a.title.localeCompare(b.title));
    expect(fresh.map((x) => x.subject)).toEqual([`k8s:token:${stolen}`, `k8s:token:${stolen}`]);
    expect(fresh.map((x) => x.title)).toEqual([
      `token pod ${POD_A.name} (JTI 4f6a1c1e) of kube-system:elastic-agent used from new network AS14061 (hosting, DigitalOcean, LLC) 1× since 2025-07-30`,
      `token pod ${POD_A.name} (JTI 4f6a1c1e) of kube-system:elastic-agent used from new network AS16509 (cloud, Amazon.com, Inc.) 1× since 2025-07-30`,
    ]);
    expect(fresh[0].evidence).toContainEqual({
      type: 'fact',
      name: 'token_holder',
      value: SA,
      detail: expect.stringMatching(/^the service account this token was issued to/),
    });
    const tokenNode = fresh[0].evidence.find((e) => e.type === 'node' && e.key === `k8s:token:${stolen}`);
    expect(tokenNode).toBeDefined();
    // The baseline of the first use from outside is the account's pod range, through all of its rotated tokens.
    expect(fresh[1].evidence.find((e) => e.type === 'fact' && e.name === 'baseline_networks')).toMatchObject({ value: ['10.42.1.0/24'] });
    const anon = f.filter((x) => x.rule === 'anonymous-network');
    expect(anon.map((x) => x.subject)).toEqual([`k8s:token:${stolen}`]);
    expect(anon[0].title).toMatch(
      /^token pod elastic-agent-7d9f8c6b5-xk2lp \(JTI 4f6a1c1e\) of kube-system:elastic-agent authenticated 1× from hosting/,
    );
    // Nothing about the service account itself: the token is the subject.
    expect(f.filter((x) => x.subject === SA && ['new-network', 'anonymous-network'].includes(x.rule))).toEqual([]);
  });
});
