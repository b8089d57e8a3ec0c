// Story: a customer-support AI agent was given "whatever it might need": admin on the customer database and
// the monorepo, the platform secrets, Graph and Stripe. It uses three helpdesk tools; then a prompt-injected
// ticket makes it query the customer database and read platform secrets for the first time.
import type { Activity, Actor, Target } from '../actors.ts';
import { USER_AGENTS, addressIn } from '../networks.ts';
import type { Org } from '../org.ts';
import { rngFor } from '../random.ts';
import { isoSecond } from '../rows.ts';
import { activePerson, at, day, grant, type StoryPlan } from './plan.ts';

export function overprivilegedAiAgent(org: Org, plan: StoryPlan): void {
  const rng = rngFor(org.seed, 'story', 'overprivileged-ai-agent');
  const owner = activePerson(org, rng.int(org.blocks), 'customer-support');
  const agent = 'agent:support-copilot';
  const token = `agent-token:${rng.hex(12)}`;
  const c = org.core;
  const used = [c['saas:zendesk'], c['saas:salesforce'], c['saas:jira']];
  const unused = [c.customerDb, c.platformSecrets, c.monorepo, c['saas:microsoft-graph'], c['saas:stripe']];

  plan.identities.push({
    id: agent,
    name: 'Support Copilot',
    kind: 'ai_agent',
    owner: owner.key,
    environment: 'prod',
    status: 'active',
    created_at: day(org, 118),
    last_used_at: isoSecond(at(org, 1, 15, 5)),
    provider: 'agent-gateway',
    tags: 'customer-support;llm',
  });
  plan.credentials.push({
    id: token,
    identity: agent,
    type: 'token',
    created_at: day(org, 118),
    last_rotated_at: day(org, 118),
    expires_at: '',
    last_used_at: isoSecond(at(org, 1, 15, 5)),
    status: 'active',
    stored_in: c.vault.key,
  });
  plan.entitlements.push(
    grant(owner.key, 'owns', agent, '', day(org, 118)),
    ...used.map((t) => grant(agent, 'access', t.key, 'write', day(org, 118), day(org, 1))),
    ...unused.map((t) => grant(agent, 'access', t.key, t === c.platformSecrets ? 'read' : 'admin', day(org, 118))),
  );

  const gateway = addressIn('awsEu', 2048 + 77);
  const tool = (t: Target, privilege: 1 | 2 | 3): Target => ({ ...t, platform: 'agent', privilege });
  const actor: Actor = {
    key: agent,
    kind: 'ai_agent',
    log: 'csv',
    credential: token,
    targets: used.map((t) => tool(t, 2)),
    networks: ['awsEu'],
    addresses: [gateway],
    userAgents: [USER_AGENTS.agentSdk],
    schedule: 'office',
    tz: 1,
    weight: 30,
    failRate: 0.01,
    story: 'overprivileged-ai-agent',
  };
  plan.actors.push(actor);

  const story = 'overprivileged-ai-agent';
  const t0 = at(org, 1, 14, 12, 40);
  const ua = USER_AGENTS.agentSdk;
  const events: Activity[] = [
    { ts: t0, actor, target: tool(c['saas:zendesk'], 1), action: 'tool.read_ticket', ip: gateway, userAgent: ua, ok: true, story },
    { ts: t0 + 7_000, actor, target: tool(c.customerDb, 1), action: 'tool.sql_query', ip: gateway, userAgent: ua, ok: true, story },
    { ts: t0 + 12_000, actor, target: tool(c.customerDb, 1), action: 'tool.sql_query', ip: gateway, userAgent: ua, ok: true, story },
    { ts: t0 + 19_000, actor, target: tool(c.platformSecrets, 1), action: 'tool.read_secret', ip: gateway, userAgent: ua, ok: true, story },
    { ts: t0 + 31_000, actor, target: tool(c['saas:zendesk'], 2), action: 'tool.send_reply', ip: gateway, userAgent: ua, ok: true, story },
  ];
  plan.events.push(...events);

  plan.stories.push({
    id: 'overprivileged-ai-agent',
    title: 'AI agent with broad tool access reaches the customer database and platform secrets',
    narrative: `${agent} needs write on Zendesk, Salesforce and Jira; it also holds admin on the customer database, the monorepo, Microsoft Graph and Stripe and read on the platform root credentials. On ${day(org, 1)} a ticket's text led it to query the customer database and read the platform secrets.`,
    entry: agent,
    crownJewel: c.customerDb.key,
    identities: [agent],
    credentials: [token],
    systems: [...used, ...unused].map((t) => t.key),
    edges: [
      ...used.map((t) => ({ src: agent, kind: 'access' as const, dst: t.key, privilege: 'write' as const })),
      ...unused.map((t) => ({
        src: agent,
        kind: 'access' as const,
        dst: t.key,
        privilege: t === c.platformSecrets ? ('read' as const) : ('admin' as const),
      })),
    ],
    // Misuse from its usual gateway address: no attacker address to look for.
    expectedPath: [agent, c.customerDb.key],
    sourceIps: [],
    expectedFindings: ['excessive-privilege', 'crown-jewel-reach'],
    events: [],
  });
}
