// API contract for the case file itself: open/create, summary counts, identities, sources and rejects.
import { z } from 'zod';
import { IDENTITY_KINDS } from '../model.ts';

/** Kinds the analyst can give an identity (group and role are node kinds of their own). */
export const ASSIGNABLE_IDENTITY_KINDS = IDENTITY_KINDS.filter((k): k is Exclude<typeof k, 'group' | 'role'> => k !== 'group' && k !== 'role');

export const caseRequests = {
  'case.open': z.object({ path: z.string().min(1), create: z.boolean().optional(), readOnly: z.boolean().optional() }).strict(),
  'case.close': z.object({}).strict(),
  'case.info': z.object({}).strict(),
  'case.identities': z.object({ limit: z.number().int().positive().max(5_000_000).optional() }).strict(),
  'case.sources': z.object({}).strict(),
  'case.rejects': z
    .object({
      sourceId: z.number().int().positive(),
      limit: z.number().int().positive().max(100_000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'case.audit': z.object({ limit: z.number().int().positive().max(100_000).optional() }).strict(),
  'case.verifySources': z.object({}).strict(),
  /** Re-runs the derive stage over the whole case (AWS policy evaluation with SCPs and resource policies, identity kinds); audited. */
  'case.derive': z.object({}).strict(),
  /** The analyst's decision of what an identity is; wins over every signal and survives re-import (audited). */
  'case.setIdentityKind': z
    .object({
      id: z.string().min(1).max(2048),
      kind: z.enum(ASSIGNABLE_IDENTITY_KINDS as [string, ...string[]]),
      reason: z.string().max(2000).optional(),
    })
    .strict(),
  'case.clearIdentityKind': z.object({ id: z.string().min(1).max(2048) }).strict(),
  /** The naming conventions the classifier reads as machine accounts; `set` replaces them, `reset` restores the defaults. */
  'case.identityKindPatterns': z
    .object({
      set: z
        .array(z.object({ glob: z.string().min(1).max(100), kind: z.enum(['service_account', 'ai_agent']) }).strict())
        .max(500)
        .optional(),
      reset: z.boolean().optional(),
    })
    .strict(),
};

export interface CaseInfo {
  path: string;
  schemaVersion: number;
  readOnly: boolean;
  /** Latest timestamp in the imported data (ISO), or the analyst's override; null on an empty case. */
  asOf: string | null;
  nodes: Record<string, number>;
  identities: Record<string, number>;
  edges: Record<string, number>;
  authEvents: number;
  sources: number;
  rejects: number;
  unresolved: number;
}

export interface IdentityRow {
  id: string;
  name: string | null;
  kind: string | null;
  owner: string | null;
  environment: string | null;
  status: string | null;
  /** Who decided the kind: the analyst, the inventory CSV, the source record, the classifier, or a linked account. Null for groups and roles. */
  kindSource: 'analyst' | 'inventory' | 'source' | 'classifier' | 'link' | null;
  /** Why the identity has its kind, in words. */
  kindBecause: string | null;
  /** The signals the classifier weighed (naming, directory attributes, behaviour). */
  kindSignals: string[];
  /** What the imported sources said, when the decision differs from it. */
  sourceKind: string | null;
}

export interface IdentityKindResult {
  id: string;
  kind: string | null;
  kindSource: IdentityRow['kindSource'];
  kindBecause: string | null;
}

export interface SourceRow {
  id: number;
  file: string;
  sha256: string;
  format: string;
  importedAt: string;
  rows: number;
  loaded: number;
  rejected: number;
  status: string;
  /** Present when the file was imported with a column mapping (canonical column → the file's header). */
  mapping?: Record<string, string>;
}

export interface RejectRow {
  locator: string;
  reason: string;
  excerpt: string;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  detail: unknown;
}

/** Evidence check: does each imported file still hash to what was recorded at import? */
/** What `case.derive` re-derived. */
export interface DeriveResult {
  /** AWS accounts re-evaluated from the documents the case holds. */
  awsAccounts: number;
  /** Policy-evaluation edges (can_assume, access) before and after. */
  policyEdgesBefore: number;
  policyEdgesAfter: number;
  /** Identities whose kind the classifier changed. */
  kindsChanged: number;
  warnings: string[];
  ms: number;
}

export interface SourceVerification {
  id: number;
  file: string;
  path: string;
  recorded: string;
  status: 'match' | 'changed' | 'missing';
  actual: string | null;
}

export interface CaseResults {
  'case.open': CaseInfo;
  'case.close': { closed: boolean };
  'case.info': CaseInfo;
  'case.identities': IdentityRow[];
  'case.sources': SourceRow[];
  'case.rejects': RejectRow[];
  'case.audit': AuditRow[];
  'case.verifySources': SourceVerification[];
  'case.derive': DeriveResult;
  'case.setIdentityKind': IdentityKindResult;
  'case.clearIdentityKind': IdentityKindResult;
  'case.identityKindPatterns': { patterns: { glob: string; kind: 'service_account' | 'ai_agent' }[]; custom: boolean; changed: number };
}
