// Story: from one VPS, two rounds of a password spray against ~60 accounts (a few of them not even existing);
// the backup service account, exempt from MFA and on a four-year-old password, falls in round two and the
// attacker signs in to Exchange Online and SharePoint with it.
import type { Activity, Actor, EntraPrincipal } from '../actors.ts';
import { USER_AGENTS, addressIn } from '../networks.ts';
import { COMPANY } from '../names.ts';
import type { Org } from '../org.ts';
import { personOf } from '../people.ts';
import { rngFor } from '../random.ts';
import { isoSecond } from '../rows.ts';
import { activePerson, at, day, grant, type StoryPlan } from './plan.ts';

export function passwordSpray(org: Org, plan: StoryPlan): void {
  const rng = rngFor(org.seed, 'story', 'password-spray');
  const owner = activePerson(org, rng.int(org.blocks), 'it');
  const upn = `svc-backup@${COMPANY.domain}`;
  const userId = rng.guid();
  const svc = `entra:user:${userId}`;
  const password = `password:${upn}`;
  const exchange = org.core['saas:m365-exchange'];
  const sharepoint = org.core['saas:m365-sharepoint'];

  plan.identities.push({
    id: svc,
    name: 'svc backup',
    kind: 'service_account',
    owner: owner.key,
    environment: 'prod',
    status: 'active',
    created_at: day(org, 1530),
    last_used_at: isoSecond(at(org, 1, 2, 0)),
    provider: 'entra',
    tags: `backup;mfa-excluded;upn:${upn}`,
  });
  plan.credentials.push({
    id: password,
    identity: svc,
    type: 'password',
    created_at: day(org, 1530),
    last_rotated_at: day(org, 1490),
    expires_at: '',
    last_used_at: isoSecond(at(org, 1, 2, 0)),
    status: 'active',
    stored_in: org.core.vault.key,
  });
  plan.entitlements.push(
    grant(svc, 'access', exchange.key, 'admin', day(org, 1500), day(org, 1)),
    grant(svc, 'access', sharepoint.key, 'admin', day(org, 1500), day(org, 1)),
  );
  const principal: EntraPrincipal = { category: 'SignInLogs', displayName: 'svc backup', userId, upn, clientApp: 'Other clients' };
  const backup: Actor = {
    key: svc,
    kind: 'service_account',
    log: 'entra',
    entra: principal,
    targets: [
      { ...exchange, privilege: 1 },
      { ...sharepoint, privilege: 1 },
    ],
    networks: ['internal'],
    addresses: [addressIn('hq', 2)],
    userAgents: [USER_AGENTS.msal],
    schedule: 'cron',
    tz: 1,
    weight: 2,
    failRate: 0,
    story: 'password-spray',
  };
  plan.actors.push(backup);

  // The sprayed accounts: people of the company, the backup account, and guessed names that do not exist.
  const victims: Actor[] = [];
  for (let k = 0; victims.length < Math.min(50, org.blocks); k++) {
    const person = personOf(org, (k * 37 + rng.int(7)) % org.blocks);
    if (person.status !== 'active' || victims.some((v) => v.key === person.key)) {
      if (k > org.blocks * 3) break;
      continue;
    }
    victims.push(sprayed(person.key, person.upn, person.name, person.userId));
  }
  for (const guess of ['admin', 'administrator', 'test', 'scanner', 'helpdesk', 'backup', 'svc-sql', 'training']) {
    victims.push(sprayed(`entra:upn:${guess}@${COMPANY.domain}`, `${guess}@${COMPANY.domain}`, '', null));
  }
  victims.splice(rng.int(victims.length), 0, backup);

  const ip = addressIn('hosting', 871);
  const ua = USER_AGENTS.sprayTool;
  const story = 'password-spray';
  const events: Activity[] = [];
  for (const [round, start] of [
    [1, at(org, 5, 3, 2, 10)],
    [2, at(org, 5, 4, 31, 44)],
  ] as const) {
    let t = start;
    for (const v of victims) {
      t += rng.between(2_000, 45_000);
      const exists = !!v.entra!.userId;
      const ok = round === 2 && v === backup;
      events.push({
        ts: t,
        actor: v,
        target: { ...exchange, privilege: 1 },
        action: 'Sign-in activity',
        ip,
        userAgent: ua,
        ok,
        errorCode: exists ? '50126' : '50034',
        story,
      });
    }
  }
  const last = events[events.length - 1].ts;
  for (let k = 0; k < 6; k++) {
    const target = k % 2 ? sharepoint : exchange;
    events.push({
      ts: last + 120_000 + k * 240_000,
      actor: backup,
      target: { ...target, privilege: 1 },
      action: 'Sign-in activity',
      ip,
      userAgent: ua,
      ok: true,
      story,
    });
  }
  plan.events.push(...events);

  plan.stories.push({
    id: 'password-spray',
    title: 'Password spray from a VPS compromises the MFA-excluded backup service account',
    narrative: `On ${day(org, 5)} ${ip} tried two passwords against ${victims.length} accounts (${victims.length * 2} failed sign-ins, error 50126/50034). ${upn} accepted the second one; the attacker then signed in to Exchange Online and SharePoint as it.`,
    entry: svc,
    crownJewel: null,
    identities: [svc],
    credentials: [password],
    systems: [exchange.key, sharepoint.key],
    edges: [
      { src: svc, kind: 'access', dst: exchange.key, privilege: 'admin' },
      { src: svc, kind: 'access', dst: sharepoint.key, privilege: 'admin' },
    ],
    expectedPath: [svc, exchange.key],
    sourceIps: [ip],
    expectedFindings: ['credential-attack'],
    events: [],
  });
}

/** A sprayed account as the sign-in log shows it; names that do not exist carry no object id. */
function sprayed(key: string, upn: string, displayName: string, userId: string | null): Actor {
  return {
    key,
    kind: 'human',
    log: 'entra',
    entra: { category: 'SignInLogs', displayName, userId: userId ?? undefined, upn, clientApp: 'Other clients' },
    targets: [],
    networks: ['hosting'],
    addresses: [],
    userAgents: [],
    schedule: 'office',
    tz: 0,
    weight: 0,
    failRate: 0,
  };
}
