// One entry point for every transport: validate the request against the contract, run the handler.
import { ApiError, parseRequest, type Method, type Result } from '../../shared/api/contract.ts';
import { caseHandlers } from './handlers/case.ts';
import { importHandlers } from './handlers/import.ts';
import { inventoryHandlers } from './handlers/inventory.ts';
import { mappingHandlers } from './handlers/mapping.ts';
import { demoHandlers } from './handlers/demo.ts';
import { graphHandlers } from './handlers/graph.ts';
import { findingsHandlers } from './handlers/findings.ts';
import { intelHandlers } from './handlers/intel.ts';
import { reportHandlers } from './handlers/report.ts';
import { eventsHandlers } from './handlers/events.ts';
import type { Handler, Handlers, Session } from './session.ts';

const handlers: Handlers = {
  ...reportHandlers(dispatch),
  ...caseHandlers,
  ...importHandlers,
  ...inventoryHandlers,
  ...mappingHandlers,
  ...demoHandlers,
  ...graphHandlers,
  ...findingsHandlers,
  ...intelHandlers,
  ...eventsHandlers,
};

export async function dispatch<M extends Method>(session: Session, method: unknown, params: unknown): Promise<Result<M>> {
  const request = parseRequest<M>(method, params);
  const handler = handlers[request.method] as Handler<M>;
  try {
    return await handler(request.params, session);
  } catch (err) {
    throw toApiError(err);
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files; try again',
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { code?: string; message?: string };
  if (e?.code === 'SQLITE_READONLY') return new ApiError('read-only', 'the case is open read-only (evidence mode); no changes can be made');
  if (e?.code === 'SQLITE_FULL') return new ApiError('bad-input', 'disk full: the change was not applied; the case is intact');
  // File-system errors are about the analyst's input, not a bug: a clear message, not raw `ENOENT … '/x'`.
  const fsProblem = typeof e?.code === 'string' ? FILE_ERRORS[e.code] : undefined;
  if (fsProblem) {
    const p = (err as { path?: unknown }).path;
    return new ApiError('bad-input', typeof p === 'string' ? `${p}: ${fsProblem}` : fsProblem);
  }
  return new ApiError('internal', e?.message ?? String(err));
}
