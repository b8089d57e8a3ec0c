// OpenGraph files as community collectors write them (GitHound, OktaHound, AIHound), hand-written here in their
// style: kinds mapped by meaning, unknown kinds kept, custom edges traversed only when they grant something, and
// blast radius through them; plus the catalog itself and hostile input. Blastmap's own round trip is in
// report-exports.test.ts; the real DataHound sample in test/conformance/opengraph-fixtures.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelText, mapEdge, nodeKindOf, edgeMeaningOf } from '../../main/ingest/opengraph/kind-map.ts';
import { TestCase } from '../helpers.ts';

type Json = Record<string, unknown>;
const node = (id: string, kinds: string[], properties: Json = {}) => ({ id, kinds, properties: { name: id, ...properties } });
const edge = (start: string, kind: string, end: string, properties: Json = {}) => ({
  start: { value: start },
  end: { value: end },
  kind,
  properties,
});
const doc = (sourceKind: string, nodes: unknown[], edges: unknown[]) =>
  JSON.stringify({ metadata: { source_kind: sourceKind }, graph: { nodes, edges } }, null, 2);

const GITHOUND = doc(
  'GitHub',
  [
    node('U_alice', ['GH_User', 'GH_Base'], { login: 'alice', name: 'Alice Liddell' }),
    node('U_dependabot', ['GH_User', 'GH_Base'], { login: 'dependabot', type: 'Bot' }),
    node('T_platform', ['GH_Team', 'GH_Base']),
    node('RR_deploy_admin', ['GH_RepoRole', 'GH_Base']),
    node('R_deploy', ['GH_Repository', 'GH_Base']),
    node('O_acme', ['GH_Organization', 'GH_Base']),
    node('PAT_ci', ['GH_PersonalAccessToken', 'GH_Base']),
    node('S_npm', ['GH_OrgSecret', 'GH_Base']),
    node('A_renovate', ['GH_App', 'GH_Base']),
    node('SSA_1', ['GH_SecretScanningAlert', 'GH_Base']),
    node('B_main', ['GH_Branch', 'GH_Base']),
  ],
  [
    edge('U_alice', 'GH_MemberOf', 'T_platform'),
    edge('T_platform', 'GH_HasRole', 'RR_deploy_admin', { traversable: true }),
    edge('RR_deploy_admin', 'GH_AdminTo', 'R_deploy', { traversable: false }), // ends a path: still admin access
    edge('U_alice', 'GH_HasPersonalAccessToken', 'PAT_ci', { traversable: false }),
    edge('PAT_ci', 'GH_CanAccess', 'R_deploy', { traversable: false }),
    edge('O_acme', 'GH_Contains', 'U_alice'), // GitHound's schema: not traversable
    edge('O_acme', 'GH_Owns', 'R_deploy', { traversable: true }), // system → system: Blastmap cannot follow it
    edge('O_acme', 'GH_HasSecret', 'S_npm'),
    edge('R_deploy', 'GH_HasBranch', 'B_main'),
    edge('R_deploy', 'GH_HasSecretScanningAlert', 'SSA_1'),
  ],
);

const OKTAHOUND = doc(
  'OktaHound',
  [
    node('00u_alice', ['Okta_User'], { login: 'alice@acme.example', status: 'ACTIVE' }),
    node('00u_bob', ['Okta_User'], { login: 'bob@acme.example', status: 'SUSPENDED' }),
    node('00g_admins', ['Okta_Group'], { name: 'Admins' }),
    node('acme.okta.com', ['Okta_Organization']),
    node('0oa_app', ['Okta_Application']),
    node('0oa_svc', ['Okta_ApiServiceIntegration']),
    node('tok_1', ['Okta_ApiToken']),
    node('sec_1', ['Okta_ClientSecret']),
    node('rol_helpdesk', ['Okta_Role']),
    node('iam_rs', ['Okta_ResourceSet']),
    node('dev_1', ['Okta_Device']),
  ],
  [
    edge('00u_alice', 'Okta_MemberOf', '00g_admins'),
    edge('00g_admins', 'Okta_SuperAdmin', 'acme.okta.com', { traversable: true }),
    edge('acme.okta.com', 'Okta_Contains', '00u_bob', { traversable: true }),
    edge('tok_1', 'Okta_ApiTokenFor', '00u_bob'),
    edge('sec_1', 'Okta_SecretOf', '0oa_svc'),
    edge('00u_alice', 'Okta_HasRole', 'rol_helpdesk'),
    edge('00u_alice', 'Okta_ManagerOf', '00u_bob'),
    edge('00u_alice', 'Okta_Frobnicates', 'iam_rs'),
    edge('00u_alice', 'Okta_MemberOf', '00g_missing'),
    { start: { value: 'Admins', match_by: 'name', kind: 'Okta_Group' }, end: { value: '0oa_app' }, kind: 'Okta_AppAdmin', properties: {} },
    { start: { value: 'Nobody', match_by: 'name' }, end: { value: '0oa_app' }, kind: 'Okta_AppAdmin', properties: {} },
    { end: { value: '0oa_app' }, kind: 'Okta_AppAdmin', properties: {} },
    { start: { value: '00u_alice' }, end: { value: '0oa_app' }, properties: {} },
  ],
);

const AIHOUND = doc(
  'AIHound',
  [
    node('tool:claude-code', ['AIHound_AITool']),
    node('file:~/.claude.json', ['AIHound_ConfigFile']),
    node('cred:anthropic', ['AIHound_AICredential']),
    node('svc:anthropic', ['AIHound_AIService']),
    node('agent:support-bot', ['AIAgent']),
  ],
  [
    edge('tool:claude-code', 'AIHound_ReadsFrom', 'file:~/.claude.json', { traversable: true }),
    edge('file:~/.claude.json', 'AIHound_ContainsCredential', 'cred:anthropic', { traversable: true }),
    edge('cred:anthropic', 'AIHound_Authenticates', 'svc:anthropic', { traversable: true }),
    edge('agent:support-bot', 'AIHound_UsesMCPServer', 'svc:anthropic'),
  ],
);

let t: TestCase;
beforeAll(async () => {
  t = await TestCase.create();
});
afterAll(() => t.close());

function nodeRow(key: string) {
  return t.db.prepare('SELECT kind, subkind, name, provider, status, unresolved, props FROM node WHERE key = ?').get(key) as {
    kind: string;
    subkind: string | null;
    name: string;
    provider: string | null;
    status: string | null;
    unresolved: number;
    props: string | null;
  };
}
function edgeRows(from: string, to: string) {
  return t.db
    .prepare(
      `SELECT e.kind, e.privilege, e.props FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE s.key = ? AND d.key = ? ORDER BY e.kind`,
    )
    .all(from, to) as { kind: string; privilege: number; props: string }[];
}
async function reach(id: string) {
  const r = await t.call('graph.blastRadius', { ids: [id] });
  return Object.fromEntries(r.reach.map((x) => [x.id, x]));
}

describe('OpenGraph from GitHound', () => {
  it('maps GitHub kinds by meaning and keeps every node and edge', async () => {
    const r = await t.importText('githound.json', GITHOUND);
    expect(r).toMatchObject({ format: 'opengraph', rows: 21, loaded: 21, rejected: 0 });
    expect(nodeRow('og:U_alice')).toMatchObject({ kind: 'identity', subkind: 'human', name: 'Alice Liddell', provider: 'github' });
    expect(JSON.parse(nodeRow('og:U_alice').props!)).toMatchObject({ sourceKind: 'GH_User', kinds: ['GH_User', 'GH_Base'], login: 'alice' });
    expect(nodeRow('og:U_dependabot')).toMatchObject({ kind: 'identity', subkind: 'service_account' });
    expect(nodeRow('og:T_platform')).toMatchObject({ kind: 'group' });
    expect(nodeRow('og:RR_deploy_admin')).toMatchObject({ kind: 'role' });
    expect(nodeRow('og:R_deploy')).toMatchObject({ kind: 'system', subkind: 'repository' });
    expect(nodeRow('og:O_acme')).toMatchObject({ kind: 'system', subkind: 'account' });
    expect(nodeRow('og:PAT_ci')).toMatchObject({ kind: 'credential', subkind: 'token' });
    expect(nodeRow('og:S_npm')).toMatchObject({ kind: 'credential', subkind: 'client_secret' });
    expect(nodeRow('og:A_renovate')).toMatchObject({ kind: 'identity', subkind: 'oauth_app' });
    for (const generic of ['og:SSA_1', 'og:B_main']) {
      expect(nodeRow(generic)).toMatchObject({ kind: 'system', subkind: null });
      expect(JSON.parse(nodeRow(generic).props!).generic).toBe(true);
    }
    expect(edgeRows('og:U_alice', 'og:T_platform')).toMatchObject([{ kind: 'member_of' }]);
    expect(edgeRows('og:RR_deploy_admin', 'og:R_deploy')).toMatchObject([{ kind: 'access', privilege: 3 }]);
    expect(edgeRows('og:U_alice', 'og:PAT_ci')).toMatchObject([{ kind: 'has_credential' }]);
    expect(edgeRows('og:PAT_ci', 'og:R_deploy')).toMatchObject([{ kind: 'access', privilege: 1 }]);
    expect(edgeRows('og:O_acme', 'og:S_npm')).toMatchObject([{ kind: 'stores' }]);
    expect(edgeRows('og:O_acme', 'og:U_alice')).toMatchObject([{ kind: 'related' }]);
    const owns = edgeRows('og:O_acme', 'og:R_deploy');
    expect(owns).toMatchObject([{ kind: 'related' }]);
    expect(JSON.parse(owns[0].props)).toEqual({ sourceKind: 'GH_Owns', traversable: true });
    expect(edgeRows('og:R_deploy', 'og:B_main')).toMatchObject([{ kind: 'related' }]);
    expect(edgeRows('og:R_deploy', 'og:SSA_1')).toMatchObject([{ kind: 'related' }]);
  });

  it('blast radius of a user goes through the custom team membership and role to admin on the repository', async () => {
    const r = await reach('og:U_alice');
    expect(r['og:R_deploy']).toMatchObject({ privilege: 'admin', path: ['og:U_alice', 'og:T_platform', 'og:RR_deploy_admin', 'og:R_deploy'] });
    expect(r['og:PAT_ci']).toBeUndefined(); // an identity's own token is not traversed forward (§3)
    expect(r['og:O_acme']).toBeUndefined();
  });

  it('a third-party import survives a Blastmap export and re-import, relations included', async () => {
    const file = await t.call('export.graph', { format: 'opengraph' });
    const copy = await TestCase.create();
    try {
      const r = await copy.importText('again.json', file.content);
      expect(r.rejected).toBe(0);
      const edges = (c: TestCase) =>
        c.db
          .prepare(
            `SELECT s.key || ' ' || e.kind || ' ' || d.key || ' ' || e.privilege AS x FROM edge e
        JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst ORDER BY x`,
          )
          .pluck()
          .all();
      expect(edges(copy)).toEqual(edges(t));
      expect(JSON.parse(copy.db.prepare(`SELECT props FROM node WHERE key = 'og:U_alice'`).pluck().get() as string)).toMatchObject({
        sourceKind: 'GH_User',
        login: 'alice',
      });
    } finally {
      copy.close();
    }
  });
});

describe('OpenGraph from OktaHound', () => {
  it('maps Okta kinds, keeps unknown kinds and edges, resolves ends by name, and explains what it rejects', async () => {
    const r = await t.importText('oktahound.json', OKTAHOUND);
    expect(r).toMatchObject({ format: 'opengraph', rows: 24, loaded: 21, rejected: 3 });
    expect(nodeRow('og:00u_alice')).toMatchObject({ kind: 'identity', subkind: 'human', status: 'active', provider: 'okta' });
    expect(nodeRow('og:00u_bob')).toMatchObject({ status: 'disabled' });
    expect(nodeRow('og:0oa_app')).toMatchObject({ kind: 'identity', subkind: 'oauth_app' });
    expect(nodeRow('og:0oa_svc')).toMatchObject({ kind: 'identity', subkind: 'oauth_app' });
    expect(nodeRow('og:tok_1')).toMatchObject({ kind: 'credential', subkind: 'token' });
    expect(nodeRow('og:sec_1')).toMatchObject({ kind: 'credential', subkind: 'client_secret' });
    expect(nodeRow('og:rol_helpdesk')).toMatchObject({ kind: 'role' });
    expect(nodeRow('og:acme.okta.com')).toMatchObject({ kind: 'system', subkind: 'account' });
    expect(nodeRow('og:dev_1')).toMatchObject({ kind: 'system', subkind: 'host' });
    expect(nodeRow('og:iam_rs')).toMatchObject({ kind: 'system', subkind: null });
    expect(JSON.parse(nodeRow('og:iam_rs').props!)).toMatchObject({ sourceKind: 'Okta_ResourceSet', generic: true });
    expect(edgeRows('og:tok_1', 'og:00u_bob')).toMatchObject([{ kind: 'authenticates' }]);
    expect(edgeRows('og:sec_1', 'og:0oa_svc')).toMatchObject([{ kind: 'authenticates' }]);
    expect(edgeRows('og:acme.okta.com', 'og:00u_bob')).toMatchObject([{ kind: 'runs_as' }]);
    expect(edgeRows('og:00u_alice', 'og:rol_helpdesk')).toMatchObject([{ kind: 'related' }]); // OktaHound: HasRole is not traversable
    expect(edgeRows('og:00u_alice', 'og:00u_bob')).toMatchObject([{ kind: 'related' }]); // ManagerOf grants nothing
    const unknown = edgeRows('og:00u_alice', 'og:iam_rs');
    expect(unknown).toMatchObject([{ kind: 'related', privilege: 0 }]);
    expect(JSON.parse(unknown[0].props)).toEqual({ sourceKind: 'Okta_Frobnicates' });
    expect(edgeRows('og:00g_admins', 'og:0oa_app')).toMatchObject([{ kind: 'owns' }]); // start matched by name and kind
    expect(nodeRow('og:00g_missing')).toMatchObject({ kind: 'group', unresolved: 1 }); // a placeholder, like other formats
    expect(edgeRows('og:00u_alice', 'og:00g_missing')).toMatchObject([{ kind: 'member_of' }]);
    const reasons = t.db
      .prepare(
        `SELECT r.locator || ' ' || r.reason FROM reject r JOIN source s ON s.id = r.source_id
      WHERE s.file_name = 'oktahound.json' ORDER BY r.id`,
      )
      .pluck()
      .all();
    expect(reasons).toEqual([
      '/graph/edges/10 start matched by name "Nobody": no node of this file has that name',
      '/graph/edges/11 edge without a start value',
      '/graph/edges/12 edge without a kind',
    ]);
  });

  it('blast radius follows the custom membership and SuperAdmin to the org, and the org to the users it contains', async () => {
    const r = await reach('og:00u_alice');
    expect(r['og:acme.okta.com']).toMatchObject({ privilege: 'admin', hops: 2 });
    // Through the org (Okta_Contains, traversable), not through ManagerOf: that would be one hop.
    expect(r['og:00u_bob']).toMatchObject({ hops: 3, path: ['og:00u_alice', 'og:00g_admins', 'og:acme.okta.com', 'og:00u_bob'] });
    expect(r['og:rol_helpdesk']).toBeUndefined();
    expect(r['og:iam_rs']).toBeUndefined();
    expect(r['og:tok_1']).toBeUndefined();
  });
});

describe('OpenGraph from AIHound', () => {
  it('an AI tool is an AI agent whose blast radius runs through the config file and its key to the service', async () => {
    const r = await t.importText('aihound.json', AIHOUND);
    expect(r).toMatchObject({ rows: 9, loaded: 9, rejected: 0 });
    expect(nodeRow('og:tool:claude-code')).toMatchObject({ kind: 'identity', subkind: 'ai_agent', provider: 'aihound' });
    expect(nodeRow('og:agent:support-bot')).toMatchObject({ kind: 'identity', subkind: 'ai_agent' });
    expect(nodeRow('og:file:~/.claude.json')).toMatchObject({ kind: 'system', subkind: 'secret_store' });
    expect(nodeRow('og:cred:anthropic')).toMatchObject({ kind: 'credential', subkind: 'token' });
    expect(nodeRow('og:svc:anthropic')).toMatchObject({ kind: 'system', subkind: 'saas' });
    const tool = await reach('og:tool:claude-code');
    expect(tool['og:svc:anthropic']).toMatchObject({
      privilege: 'read',
      path: ['og:tool:claude-code', 'og:file:~/.claude.json', 'og:cred:anthropic', 'og:svc:anthropic'],
    });
    expect((await reach('og:agent:support-bot'))['og:svc:anthropic']).toMatchObject({ privilege: 'read', hops: 1 });
  });
});

describe('OpenGraph hostile input', () => {
  it('bounds ids, kinds and properties and never lets a property name a prototype', async () => {
    const huge = 'x'.repeat(5000);
    const text = doc(
      'Evil',
      [
        { id: huge, kinds: ['GH_User'] },
        {
          id: 'ok',
          kinds: [huge, 42, 'Okta_User'],
          properties: JSON.parse(`{"__proto__": {"polluted": 1}, "${'k'.repeat(100)}": 1, "note": "${huge}"}`),
        },
        { kinds: ['GH_User'] },
      ],
      [edge('ok', huge, 'ok')],
    );
    const r = await t.importText('evil.json', text);
    expect(r).toMatchObject({ rows: 4, loaded: 2, rejected: 2 });
    const ok = nodeRow('og:ok');
    expect(ok).toMatchObject({ kind: 'identity', subkind: 'human' }); // the cut first label means nothing; the next one decides
    const props = JSON.parse(ok.props!);
    expect(props.sourceKind).toHaveLength(200);
    expect(props.note).toHaveLength(2000);
    expect(Object.keys(props)).not.toContain('k'.repeat(100));
    expect(({} as Json).polluted).toBeUndefined();
    expect(edgeRows('og:ok', 'og:ok')[0].kind).toBe('related');
    expect(JSON.parse(edgeRows('og:ok', 'og:ok')[0].props).sourceKind).toHaveLength(200);
  });
});

describe('the kind catalog', () => {
  it('reads collector prefixes and words', () => {
    expect(labelText('BHSSOProvider')).toEqual({ text: 'bh: sso provider', provider: 'bloodhound' });
    expect(labelText('GH_PersonalAccessToken').text).toBe('gh: personal access token');
    expect(labelText('Okta_ApiServiceIntegration').text).toBe('okta: api service integration');
    expect(labelText('Ghost').text).toBe(': ghost');
  });

  it('maps node kinds of several collectors', () => {
    const k = (...labels: string[]) => {
      const m = nodeKindOf(labels);
      return `${m.kind}:${m.subkind ?? '-'}`;
    };
    expect(k('GHUser', 'GH_Base')).toBe('identity:human');
    expect(k('GH_Base', 'GH_RepoRole')).toBe('role:-'); // a collector tag is skipped
    expect(k('GH_PersonalAccessTokenRequest')).toBe('system:-');
    expect(k('SNOW_ApplicationRole')).toBe('role:-');
    expect(k('SNOW_Warehouse')).toBe('system:database');
    expect(k('OPVault')).toBe('system:secret_store');
    expect(k('OPSshKey')).toBe('credential:ssh_key');
    expect(k('Okta_JWK')).toBe('credential:certificate');
    expect(k('AZServicePrincipal')).toBe('identity:service_account');
    expect(k('AZManagedIdentity')).toBe('identity:service_account');
    expect(k('AZKeyVault')).toBe('system:secret_store');
    expect(k('GH_SamlIdentityProvider')).toBe('system:saas');
    expect(k('jamf_Account')).toBe('identity:human');
    expect(k('Computer')).toBe('system:host');
    expect(k('Frobnicator')).toBe('system:-');
    expect(nodeKindOf(['Frobnicator']).known).toBe(false);
  });

  it('maps edge meanings by the kinds of their ends', () => {
    const e = (kind: string, s: Parameters<typeof mapEdge>[1], d: Parameters<typeof mapEdge>[2], traversable?: boolean) => {
      const m = mapEdge(edgeMeaningOf(kind).meaning, s, d, traversable ?? edgeMeaningOf(kind).traversable);
      return m ? `${m.kind}${m.privilege ? `:${m.privilege}` : ''}${m.reversed ? ' reversed' : ''}` : 'related';
    };
    expect(e('SNOW_Usage', 'role', 'role')).toBe('has_role');
    expect(e('SNOW_Usage', 'role', 'system')).toBe('access:1');
    expect(e('SNOW_Ownership', 'role', 'system')).toBe('access:3');
    expect(e('OPViewItems', 'group', 'system')).toBe('access:1');
    expect(e('OPHasItem', 'system', 'credential')).toBe('stores');
    expect(e('AIHound_StoredIn', 'credential', 'system')).toBe('stores reversed');
    expect(e('GH_HasMember', 'group', 'identity', true)).toBe('member_of reversed');
    expect(e('GenericAll', 'identity', 'identity')).toBe('owns');
    expect(e('GenericWrite', 'group', 'identity')).toBe('owns');
    expect(e('ReadGMSAPassword', 'identity', 'identity')).toBe('can_assume');
    expect(e('HasSession', 'system', 'identity')).toBe('runs_as');
    expect(e('AdminTo', 'group', 'system')).toBe('access:3');
    expect(e('CanAssume', 'identity', 'role')).toBe('can_assume');
    expect(e('WriteOwner', 'identity', 'group')).toBe('owns');
    expect(e('HasPermission', 'role', 'system')).toBe('access:1'); // no privilege said: the least
    expect(e('HasPermission', 'role', 'identity')).toBe('owns');
    expect(e('HasPermission', 'role', 'system', false)).toBe('access:1'); // ends a path anyway
    expect(e('MemberOf', 'identity', 'group', false)).toBe('related'); // the collector says it is not followed
    expect(e('Frobnicates', 'identity', 'identity')).toBe('related');
    expect(e('Frobnicates', 'identity', 'identity', true)).toBe('owns'); // unknown, but the collector says it is followed
    expect(e('Okta_ManagerOf', 'identity', 'identity')).toBe('related');
    expect(e('Okta_UserPush', 'identity', 'identity')).toBe('related');
    expect(e('Okta_ReadPasswordUpdates', 'identity', 'identity')).toBe('can_assume');
  });
});
