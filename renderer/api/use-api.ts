// Server state for screens: run one API call when its inputs change (or the case changed), expose
// data/error/loading. Stale answers from superseded calls are dropped, and superseded calls are cancelled.
import { useEffect, useState } from 'react';
import type { Method, Params, Result } from '../../shared/api/contract.ts';
import { useCaseStore } from '../state/case-store.ts';
import { call } from './client.ts';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** params === null skips the call (e.g. nothing selected yet). */
export function useApi<M extends Method>(method: M, params: Params<M> | null): ApiState<Result<M>> & { reload(): void } {
  const version = useCaseStore((s) => s.version);
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<ApiState<Result<M>>>({ data: null, error: null, loading: params !== null });
  const key = params === null ? null : JSON.stringify(params);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const handle = call(method, JSON.parse(key) as Params<M>);
    handle.result.then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: Error) => live && setState({ data: null, error: err.message, loading: false }),
    );
    return () => {
      live = false;
      handle.cancel();
    };
  }, [method, key, version, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
