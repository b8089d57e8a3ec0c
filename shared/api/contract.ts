// The one API every transport (worker, IPC, HTTP, CLI) speaks: request schemas validated at the
// boundary, and the result type of each method. Areas live in their own files; this joins them.
import { z } from 'zod';
import { caseRequests, type CaseResults } from './case.ts';
import { importRequests, type ImportResults } from './import.ts';
import { inventoryRequests, type InventoryResults } from './inventory.ts';
import { mappingRequests, type MappingResults } from './mapping.ts';
import { demoRequests, type DemoResults } from './demo.ts';
import { graphRequests, type GraphResults } from './graph.ts';
import { findingsRequests, type FindingsResults } from './findings.ts';
import { intelRequests, type IntelResults } from './intel.ts';
import { reportRequests, type ReportResults } from './report.ts';
import { eventsRequests, type EventsResults } from './events.ts';

export const requests = {
  ...caseRequests,
  ...importRequests,
  ...inventoryRequests,
  ...mappingRequests,
  ...demoRequests,
  ...graphRequests,
  ...findingsRequests,
  ...intelRequests,
  ...reportRequests,
  ...eventsRequests,
} as const;

export type Results = EventsResults &
  ReportResults &
  CaseResults &
  ImportResults &
  InventoryResults &
  MappingResults &
  DemoResults &
  GraphResults &
  FindingsResults &
  IntelResults;
export type Method = keyof typeof requests & keyof Results;
export type Params<M extends Method> = z.infer<(typeof requests)[M]>;
export type Result<M extends Method> = Results[M];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

/** Validates a request from an untrusted transport; throws ApiError('bad-request') on anything off-contract. */
export function parseRequest<M extends Method>(method: unknown, params: unknown): { method: M; params: Params<M> } {
  if (!isMethod(method)) throw new ApiError('bad-request', `unknown method: ${String(method).slice(0, 80)}`);
  const parsed = requests[method].safeParse(params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    throw new ApiError('bad-request', `invalid parameters for ${method}: ${issues}`);
  }
  return { method: method as M, params: parsed.data as Params<M> };
}

/** Error codes map to CLI exit codes: usage → 1, input/case problems → 2. */
export type ApiErrorCode =
  | 'bad-request'
  | 'bad-input'
  | 'bad-case'
  | 'no-case'
  | 'not-found'
  | 'read-only'
  | 'cancelled'
  | 'internal'
  /** A path the shell did not grant (main/api/file-boundary.ts): the UI names only files the analyst chose. */
  | 'forbidden';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'ApiError';
  }
}
