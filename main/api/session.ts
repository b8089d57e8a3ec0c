// The engine's state for one client: the open case and per-case caches (e.g. the analysis graph).
import { ApiError, type Method, type Params, type Result } from '../../shared/api/contract.ts';
import type { ProgressEvent } from '../../shared/api/import.ts';
import { openCase, type CaseFile } from '../store/case-file.ts';
import { auditStamp } from '../store/derived-cache.ts';
import { FileBoundary, type Grant } from './file-boundary.ts';

export interface SessionOptions {
  /**
   * Evidence mode (`serve --read-only`): a property of the session for its whole life, not of the case that
   * happens to be open, so no sequence of closes, failed opens or demo calls can make anything writable.
   */
  evidence?: boolean;
  /**
   * The paths a request may name (Electron, the server): only those the shell granted. Omitted for the CLI,
   * whose user names paths on their own command line.
   */
  grants?: Grant[];
}

const EVIDENCE = 'evidence mode (the server runs --read-only)';

export class Session {
  kase: CaseFile | null = null;
  readonly evidence: boolean;
  /** Null: full access (CLI, tests). */
  readonly boundary: FileBoundary | null;
  /** Analysis caches keyed by name; cleared when the case changes (see CaseFile.generation). */
  readonly cache = new Map<string, { generation: number; stamp?: string | number; value: unknown }>();
  progress: (event: ProgressEvent) => void = () => {};
  signal: AbortSignal = new AbortController().signal;

  constructor(options: SessionOptions = {}) {
    this.evidence = options.evidence ?? false;
    this.boundary = options.grants ? new FileBoundary(options.grants) : null;
  }

  /** Throws unless the request may read this path (a file, or a folder to import). */
  checkRead(path: string, what: string): void {
    this.boundary?.checkRead(path, what);
  }

  /**
   * Opens a case, then closes the one that was open: a failed open (no such file, not a case) leaves the
   * current case open and unchanged. In evidence mode every case opens read-only and none is created.
   */
  open(path: string, options: { create?: boolean; readOnly?: boolean } = {}): CaseFile {
    if (this.evidence) {
      if (options.create) throw new ApiError('read-only', `${EVIDENCE}: no case can be created`);
      if (options.readOnly === false) throw new ApiError('read-only', `${EVIDENCE}: cases open read-only only`);
      options = { readOnly: true };
    }
    const next = openCase(path, options);
    this.close();
    this.kase = next;
    return next;
  }

  close(): void {
    this.kase?.close();
    this.kase = null;
    this.cache.clear();
  }

  requireCase(): CaseFile {
    if (!this.kase) throw new ApiError('no-case', 'no case is open');
    return this.kase;
  }

  requireWritable(): CaseFile {
    if (this.evidence) throw new ApiError('read-only', `${EVIDENCE}: no changes can be made`);
    const kase = this.requireCase();
    if (kase.readOnly) throw new ApiError('read-only', 'the case is open read-only (evidence mode); no changes can be made');
    return kase;
  }

  /** Refuses in evidence mode: for methods that create or write files outside any case. */
  requireFileWrites(what: string): void {
    if (this.evidence) throw new ApiError('read-only', `${EVIDENCE}: ${what} is not allowed`);
  }

  /** A value computed from the case, recomputed only after the case changed. */
  cached<T>(name: string, compute: (kase: CaseFile) => T, stamp?: string | number): T {
    const kase = this.requireCase();
    const hit = this.cache.get(name);
    if (hit && hit.generation === kase.generation && hit.stamp === stamp) return hit.value as T;
    const value = compute(kase);
    this.cache.set(name, { generation: kase.generation, stamp, value });
    return value;
  }

  /**
   * Like cached(), and also until the next audited change (a findings run, a triage, a mark): for answers about
   * findings, which change without new facts.
   */
  cachedUntilAudit<T>(name: string, compute: (kase: CaseFile) => T): T {
    return this.cached(name, compute, auditStamp(this.requireCase().db));
  }
}

export type Handler<M extends Method> = (params: Params<M>, session: Session) => Result<M> | Promise<Result<M>>;
export type Handlers = { [M in Method]: Handler<M> };
