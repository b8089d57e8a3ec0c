// All planted breach stories, in a fixed order (the order of ground truth and of their inventory rows).
import type { Org } from '../org.ts';
import { leakedCiToken } from './leaked-ci-token.ts';
import { orphanedOauthApp } from './orphaned-oauth-app.ts';
import { overprivilegedAiAgent } from './overprivileged-ai-agent.ts';
import { passwordSpray } from './password-spray.ts';
import { emptyPlan, type StoryPlan } from './plan.ts';
import { torUnrotatedKey } from './tor-unrotated-key.ts';

export type { StoryPlan } from './plan.ts';

export function planStories(org: Org): StoryPlan {
  const plan = emptyPlan();
  leakedCiToken(org, plan);
  torUnrotatedKey(org, plan);
  orphanedOauthApp(org, plan);
  overprivilegedAiAgent(org, plan);
  passwordSpray(org, plan);
  return plan;
}
