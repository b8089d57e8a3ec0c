// API contract for identity-risk findings, their triage, and lifecycle metrics.
import { z } from 'zod';
import { RULE_IDS, type FindingKind } from '../catalogs/rules.ts';
import { SEVERITIES, TRIAGE_STATUSES, type Severity, type TriageStatus } from '../model.ts';

const isoDate = z
  .string()
  .min(4)
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date');
const ruleId = z.enum(RULE_IDS);

/** What selects findings on the Findings screen; every field narrows. */
export const findingFilter = z
  .object({
    rule: ruleId.optional(),
    severity: z.enum(SEVERITIES).optional(),
    status: z.enum(TRIAGE_STATUSES).optional(),
    /** Contained in the subject id, its name, or the title (case-insensitive). */
    text: z.string().max(200).optional(),
    /** Incidents (evidence of misuse) or posture (hygiene) only: the kind of the finding's rule. */
    kind: z.enum(['incident', 'posture']).optional(),
  })
  .strict();
export type FindingFilterSpec = z.infer<typeof findingFilter>;

export const findingsRequests = {
  /** Runs the detectors and (unless persist is false or the case is read-only) stores their findings. */
  'findings.run': z
    .object({
      asOf: isoDate.optional(),
      rules: z.array(ruleId).max(RULE_IDS.length).optional(),
      persist: z.boolean().optional(),
      /** Overrides of detector thresholds, e.g. { "long-lived-secret": { "maxAgeDays": 30 } }. */
      thresholds: z.record(z.string().max(64), z.record(z.string().max(64), z.number())).optional(),
    })
    .strict(),
  'findings.list': z
    .object({
      rule: ruleId.optional(),
      severity: z.enum(SEVERITIES).optional(),
      status: z.enum(TRIAGE_STATUSES).optional(),
      subject: z.string().min(1).max(1000).optional(),
      limit: z.number().int().positive().max(1_000_000).optional(),
    })
    .strict(),
  /** One page of stored findings (most severe first) with counts over everything the filters match. */
  'findings.page': z
    .object({
      filter: findingFilter.optional(),
      offset: z.number().int().min(0).max(100_000_000).optional(),
      limit: z.number().int().positive().max(1_000).optional(),
    })
    .strict(),
  /** One triage decision for many findings at once: the given ids, or every finding the filter matches. */
  'findings.triageMany': z
    .object({
      ids: z.array(z.string().min(1).max(100)).min(1).max(1_000_000).optional(),
      filter: findingFilter.optional(),
      status: z.enum(TRIAGE_STATUSES),
      note: z.string().max(10_000).optional(),
    })
    .strict()
    .refine((p) => (p.ids === undefined) !== (p.filter === undefined), 'give either ids or filter'),
  'findings.get': z.object({ id: z.string().min(1).max(100) }).strict(),
  'findings.triage': z
    .object({
      id: z.string().min(1).max(100),
      status: z.enum(TRIAGE_STATUSES),
      note: z.string().max(10_000).optional(),
    })
    .strict(),
  'metrics.get': z.object({ asOf: isoDate.optional() }).strict(),
  /** Identities ranked by open incident findings × blast radius ("investigate first"), from the stored findings. */
  'findings.queue': z.object({ limit: z.number().int().positive().max(10_000).optional() }).strict(),
  /** Posture findings grouped by rule and kind of subject, members ranked, from the stored findings. */
  /**
   * Posture findings grouped by rule and kind of subject. `memberLimit` lists at most that many members per group
   * (most severe first; `count` still counts them all), so a screen can show every group of a large case at once.
   */
  'findings.groups': z.object({ rule: ruleId.optional(), memberLimit: z.number().int().min(0).max(1_000_000).optional() }).strict(),
};

/** One piece of evidence: an inventory row, an edge, an auth event, or a measured fact. */
export type Evidence =
  | {
      type: 'node';
      key: string;
      kind: string;
      subkind: string | null;
      fields: Record<string, unknown>;
      source: string | null;
      locator: string | null;
    }
  | {
      type: 'edge';
      from: string;
      to: string;
      relation: string;
      privilege: string | null;
      fields: Record<string, unknown>;
      source: string | null;
      locator: string | null;
    }
  | {
      type: 'event';
      id: number;
      at: string;
      identity: string | null;
      credential: string | null;
      ip: string | null;
      network: string | null;
      networkClass: string | null;
      asn: number | null;
      org: string | null;
      userAgent: string | null;
      action: string | null;
      target: string | null;
      outcome: 'success' | 'failure';
      source: string | null;
      locator: number | null;
    }
  | { type: 'fact'; name: string; value: unknown; detail?: string };

/** The detection window and, for behavioural rules, the baseline it compares against (ISO dates). */
export interface FindingWindow {
  from: string;
  to: string;
  baselineFrom?: string;
  baselineTo?: string;
}

export interface FindingSummary {
  id: string;
  rule: string;
  /** incident: the logs show misuse or a change of who can act as the identity; posture: hygiene. */
  kind: FindingKind;
  severity: Severity;
  subject: string;
  title: string;
  score: number;
  status: TriageStatus;
  asOf: string;
  /** Display name of the subject (set on every stored finding the API returns). */
  subjectName?: string;
}

export interface Finding extends FindingSummary {
  why: string;
  /** Why this severity and not another, in one sentence. */
  severityBecause: string;
  frameworks: string[];
  evidence: Evidence[];
  window: FindingWindow | null;
  note: string | null;
  triagedBy: string | null;
  triagedAt: string | null;
}

export interface FindingsRun {
  asOf: string;
  /** The detection window (ending at as-of) and the baseline before it, used by the behavioural rules. */
  window: Required<FindingWindow>;
  persisted: boolean;
  /** ms: the rule's own time; sharedPassMs (behavioural rules): the one pass over events they all read, counted once per run. */
  rules: { rule: string; findings: number; ms: number; skipped?: string; sharedPassMs?: number }[];
  bySeverity: Record<Severity, number>;
  total: number;
  warnings: string[];
  /** Present when persist was false (or the case is read-only): the findings computed. */
  findings?: Finding[];
}

export interface TriageResult {
  id: string;
  status: TriageStatus;
  note: string | null;
  actor: string;
  at: string;
}

export interface Metrics {
  asOf: string | null;
  inventory: {
    byKind: Record<string, number>;
    byProvider: Record<string, number>;
    byEnvironment: Record<string, number>;
    byOwner: Record<string, number>;
  };
  nonHumanIdentities: number;
  credentials: {
    total: number;
    active: number;
    temporarySessions: number;
    medianAgeDays: number | null;
    shortLivedShare: number | null;
    rotationCoverage: number | null;
  };
  ownershipCoverage: number | null;
  orphaned: number;
  dormant: number;
  timeToRevoke: { credential: string; identity: string | null; firstAnomalousAt: string; revokedAt: string; hours: number; action: string }[];
  /** What each figure means, for the UI and the text report. */
  definitions: Record<string, string>;
}

/** One identity of the investigate-first queue. */
export interface QueueEntry {
  identity: string;
  name: string | null;
  kind: string | null;
  /** Incident evidence × reach: higher means look first. */
  score: number;
  /** Why, in one line. */
  reason: string;
  findings: string[];
  rules: string[];
}

export interface PostureGroup {
  /** `<rule>|<pattern>` */
  id: string;
  rule: string;
  kind: 'posture';
  /** The kind of subject the members share (e.g. ci_token, credential access_key). */
  pattern: string;
  severity: Severity;
  count: number;
  open: number;
  title: string;
  members: { finding: string; subject: string; name: string | null; severity: Severity; score: number; title: string; status: TriageStatus }[];
}

export interface FindingsPage {
  /** Findings the filter matches (all of them, not the page). */
  total: number;
  offset: number;
  rows: FindingSummary[];
  /** Counts over every finding the filter matches. */
  counts: {
    severity: Record<string, number>;
    rule: Record<string, number>;
    status: Record<string, number>;
    /** By rule, then severity: what a summary of the whole case needs without listing every finding. */
    ruleSeverity?: Record<string, Record<string, number>>;
    /** By kind of finding: incident, posture. */
    kind?: Record<string, number>;
  };
  /** Findings stored in the case, whatever the filter. */
  all: number;
}

export interface BulkTriageResult {
  updated: number;
  status: TriageStatus;
  note: string | null;
  actor: string;
  at: string;
}

export interface FindingsResults {
  'findings.page': FindingsPage;
  'findings.triageMany': BulkTriageResult;
  'findings.run': FindingsRun;
  'findings.list': Finding[];
  'findings.get': Finding;
  'findings.triage': TriageResult;
  'metrics.get': Metrics;
  'findings.queue': QueueEntry[];
  'findings.groups': PostureGroup[];
}
