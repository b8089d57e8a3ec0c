// Who acts in the auth logs and how: an Actor is one identity's baseline (where from, with what client,
// on which schedule, against which systems). Events are drawn from it; planted stories add scripted ones.
import type { IdentityKind, SystemKind } from '../../shared/model.ts';
import type { SaasApp } from './names.ts';
import type { NetworkName } from './networks.ts';

/** Which log an actor's activity lands in: the canonical CSV, CloudTrail NDJSON or Entra sign-in NDJSON. */
export type LogKind = 'csv' | 'cloudtrail' | 'entra';

/** How a system is reached, which decides the actions and the log format. */
export type Platform = 'aws' | 'saas' | 'api' | 'github' | 'onprem' | 'k8s' | 'agent';

export interface AwsPrincipal {
  type: 'IAMUser' | 'AssumedRole';
  accountId: string;
  /** IAM user ARN, or the role ARN for AssumedRole (the session ARN is derived per event). */
  arn: string;
  /** AIDA… for users, AROA… for roles. */
  principalId: string;
  name: string;
  /** The long-lived key an IAM user signs with (AKIA…); roles use temporary ASIA… keys. */
  accessKeyId?: string;
  sessionName?: string;
}

export interface EntraPrincipal {
  category: 'SignInLogs' | 'ServicePrincipalSignInLogs';
  displayName: string;
  /** Users: object id and UPN. Service principals: appId, object id and the credential's keyId. */
  userId?: string;
  upn?: string;
  appId?: string;
  servicePrincipalId?: string;
  credentialKeyId?: string;
  /** Interactive browser sign-in (people) or a client that sends a password (legacy service accounts). */
  clientApp: 'Browser' | 'Mobile Apps and Desktop clients' | 'Other clients' | 'none';
}

export interface Target {
  key: string;
  name: string;
  kind: SystemKind;
  platform: Platform;
  /** 1 read, 2 write, 3 admin: what the actor exercises here (never more than it was granted). */
  privilege: 1 | 2 | 3;
  app?: SaasApp;
  /** For API SaaS: the vendor's API operations. */
  apiActions?: readonly string[];
  region?: string;
  accountId?: string;
}

export type Schedule = 'office' | 'cron' | 'steady' | 'ci';

export interface Actor {
  /** The identity key as the log names it (canonical id, ARN, UPN…). */
  key: string;
  kind: IdentityKind;
  log: LogKind;
  /** The credential the actor signs with, when the log records it (canonical CSV and CloudTrail IAM users). */
  credential?: string;
  aws?: AwsPrincipal;
  entra?: EntraPrincipal;
  targets: Target[];
  networks: NetworkName[];
  /** Fixed addresses of this actor (NHIs run from a few hosts); people draw from their networks instead. */
  addresses: string[];
  userAgents: string[];
  schedule: Schedule;
  /** Hours east of UTC for office schedules. */
  tz: number;
  /** Relative activity; the generator scales all weights to the size's event budget. */
  weight: number;
  failRate: number;
  /** CI deploy users: each run first assumes this role, then acts as it. */
  assumes?: { role: AwsPrincipal; targets: Target[] };
  /** Set by planted stories; baseline actors leave it undefined. */
  story?: string;
  /** The actor's everyday activity is itself the story's evidence (an orphan that keeps running). */
  baselineIsEvidence?: boolean;
}

/** One event before it is written in some log's format. */
export interface Activity {
  ts: number;
  actor: Actor;
  /** Who the log shows: usually the actor, the assumed role for CI sessions. */
  aws?: AwsPrincipal;
  target: Target;
  action: string;
  /** The AWS service for CloudTrail events (eventSource without .amazonaws.com). */
  service?: string;
  ip: string;
  userAgent: string;
  ok: boolean;
  errorCode?: string;
  /** Which story planted this event, recorded in ground truth with its file and line. */
  story?: string;
  /** Extra CloudTrail request parameters (e.g. an AssumeRole's roleArn). */
  request?: Record<string, unknown>;
}
