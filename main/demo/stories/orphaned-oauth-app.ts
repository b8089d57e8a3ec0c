// Story: the owner of a reporting OAuth app left the company months ago; nobody took the app over, its
// client secret is still valid, and it keeps reading SharePoint and mail through Microsoft Graph every day.
import type { Actor } from '../actors.ts';
import { addressIn } from '../networks.ts';
import { COMPANY } from '../names.ts';
import type { Org } from '../org.ts';
import { rngFor } from '../random.ts';
import { isoDay, isoSecond } from '../rows.ts';
import { at, day, grant, type StoryPlan } from './plan.ts';

export function orphanedOauthApp(org: Org, plan: StoryPlan): void {
  const rng = rngFor(org.seed, 'story', 'orphaned-oauth-app');
  const ownerUpn = `rosalind.featherstonehaugh@${COMPANY.domain}`;
  const owner = `entra:user:${rng.guid()}`;
  const appId = rng.guid();
  const spId = rng.guid();
  const app = `entra:sp:${spId}`;
  const keyId = rng.guid();
  const secret = `entra:cred:${keyId}`;
  const name = 'Quarterly Board Reporting Connector';
  const graph = org.core['saas:microsoft-graph'];
  const sharepoint = org.core['saas:m365-sharepoint'];
  const leftDaysAgo = 143;

  plan.identities.push(
    {
      id: owner,
      name: 'Rosalind Featherstonehaugh',
      kind: 'human',
      owner: '',
      environment: 'prod',
      status: 'deleted',
      created_at: day(org, 2210),
      last_used_at: day(org, leftDaysAgo),
      provider: 'entra',
      tags: `finance;offboarded;upn:${ownerUpn}`,
    },
    {
      id: app,
      name,
      kind: 'oauth_app',
      owner,
      environment: 'prod',
      status: 'active',
      created_at: day(org, 702),
      last_used_at: isoSecond(at(org, 1, 6, 30)),
      provider: 'entra',
      tags: `finance;reporting;appId:${appId}`,
    },
  );
  plan.credentials.push({
    id: secret,
    identity: app,
    type: 'client_secret',
    created_at: day(org, 390),
    last_rotated_at: day(org, 390),
    expires_at: isoDay(org.asOf + 340 * 86_400_000),
    last_used_at: isoSecond(at(org, 1, 6, 30)),
    status: 'active',
    stored_in: '',
  });
  plan.entitlements.push(
    grant(owner, 'owns', app, '', day(org, 702)),
    grant(owner, 'member_of', 'grp-dept-finance', '', day(org, 2200)),
    grant(app, 'access', graph.key, 'read', day(org, 700), day(org, 1)),
    grant(app, 'access', sharepoint.key, 'write', day(org, 700), day(org, 1)),
  );

  const actor: Actor = {
    key: app,
    kind: 'oauth_app',
    log: 'entra',
    targets: [
      { ...graph, privilege: 1 },
      { ...sharepoint, privilege: 1 },
    ],
    networks: ['azure'],
    addresses: [addressIn('azure', 777)],
    entra: { category: 'ServicePrincipalSignInLogs', displayName: name, appId, servicePrincipalId: spId, credentialKeyId: keyId, clientApp: 'none' },
    userAgents: [''],
    schedule: 'cron',
    tz: 1,
    weight: 4,
    failRate: 0,
    story: 'orphaned-oauth-app',
    baselineIsEvidence: true,
  };
  plan.actors.push(actor);

  plan.stories.push({
    id: 'orphaned-oauth-app',
    title: 'Orphaned OAuth app of an offboarded owner still reads SharePoint and mail',
    narrative: `${name} (appId ${appId}) is owned only by ${ownerUpn}, offboarded ${day(org, leftDaysAgo)}. Its client secret stays valid until ${isoDay(org.asOf + 340 * 86_400_000)} and it signs in every day.`,
    entry: app,
    crownJewel: null,
    identities: [app, owner],
    credentials: [secret],
    systems: [graph.key, sharepoint.key],
    edges: [
      { src: owner, kind: 'owns', dst: app },
      { src: app, kind: 'access', dst: sharepoint.key, privilege: 'write' },
      { src: app, kind: 'access', dst: graph.key, privilege: 'read' },
    ],
    expectedPath: [app, sharepoint.key],
    sourceIps: [],
    expectedFindings: ['orphaned-identity'],
    events: [],
  });
}
