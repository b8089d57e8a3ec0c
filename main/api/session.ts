// The engine's state for one client: the open case and per-case caches (e.g. the analysis graph).
import { ApiError, type Method, type Params, type Result } from '../../shared/api/contract.ts';
import type { ProgressEvent } from '../../shared/api/import.ts';
import { openCase, type CaseFile } from '../store/case-file.ts';

export class Session {
  kase: CaseFile | null = null;
  /** Analysis caches keyed by name; cleared when the case changes (see CaseFile.generation). */
  readonly cache = new Map<string, { generation: number; value: unknown }>();
  progress: (event: ProgressEvent) => void = () => {};
  signal: AbortSignal = new AbortController().signal;

  open(path: string, options: { create?: boolean; readOnly?: boolean } = {}): CaseFile {
    this.close();
    this.kase = openCase(path, options);
    return this.kase;
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
    const kase = this.requireCase();
    if (kase.readOnly) throw new ApiError('read-only', 'the case is open read-only (evidence mode); no changes can be made');
    return kase;
  }

  /** A value computed from the case, recomputed only after the case changed. */
  cached<T>(name: string, compute: (kase: CaseFile) => T): T {
    const kase = this.requireCase();
    const hit = this.cache.get(name);
    if (hit && hit.generation === kase.generation) return hit.value as T;
    const value = compute(kase);
    this.cache.set(name, { generation: kase.generation, value });
    return value;
  }
}

export type Handler<M extends Method> = (params: Params<M>, session: Session) => Result<M> | Promise<Result<M>>;
export type Handlers = { [M in Method]: Handler<M> };
