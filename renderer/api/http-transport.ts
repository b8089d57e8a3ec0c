// Browser mode: the API over loopback HTTP (shared/api/transport.ts). Each call is one POST whose NDJSON
// answer carries progress lines and then exactly one result line; cancel is a second POST.
import { ApiError, type ApiErrorCode, type Method, type Params, type Result } from '../../shared/api/contract.ts';
import type { ProgressEvent } from '../../shared/api/import.ts';
import type { ApiTransport, CallHandle, WireResult } from '../../shared/api/transport.ts';

export class HttpTransport implements ApiTransport {
  private readonly headers: Record<string, string>;
  private seq = 0;

  /** token: from the page URL on first load; later loads rely on the HttpOnly cookie the server set. */
  constructor(token: string | null) {
    this.headers = token ? { Authorization: `Bearer ${token}` } : {};
  }

  call<M extends Method>(method: M, params: Params<M>, onProgress?: (event: ProgressEvent) => void): CallHandle<Result<M>> {
    const id = `c${Date.now().toString(36)}-${++this.seq}`;
    const controller = new AbortController();
    let finished = false;
    const result = (async () => {
      try {
        const res = await fetch('/api/call', {
          method: 'POST',
          credentials: 'same-origin',
          signal: controller.signal,
          headers: { ...this.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ id, method, params }),
        });
        if (!res.ok || !res.body) throw new ApiError('internal', `the engine answered HTTP ${res.status}`);
        const line = await readLines(res.body, (obj) => {
          const progress = (obj as { progress?: ProgressEvent }).progress;
          if (progress) onProgress?.(progress);
          return !progress;
        });
        return unwrap<Result<M>>(line as WireResult);
      } catch (err) {
        if (controller.signal.aborted) throw new ApiError('cancelled', `${method} cancelled`);
        throw err;
      } finally {
        finished = true;
      }
    })();
    return {
      result,
      cancel: () => {
        if (finished) return;
        // Closing the call's own connection is what stops the engine (the server cancels a call whose client
        // went away); it needs no second connection, which a busy browser may queue behind others.
        // The explicit cancel request is a second way to the same end.
        controller.abort();
        void fetch('/api/cancel', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { ...this.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ id }),
        }).catch(() => undefined);
      },
    };
  }

  /** Browser mode cannot hand the engine a disk path: the file's bytes go to the server's upload folder. */
  async upload(file: File): Promise<string> {
    const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...this.headers, 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    const body = (await res.json().catch(() => ({}))) as { path?: string; error?: string };
    if (!res.ok || !body.path) throw new ApiError('bad-input', `upload of ${file.name} failed: ${body.error ?? `HTTP ${res.status}`}`);
    return body.path;
  }
}

/** Reads NDJSON until `isFinal` says a line is the answer; returns that line. */
async function readLines(body: ReadableStream<Uint8Array>, isFinal: (obj: unknown) => boolean): Promise<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!text) continue;
      const obj = JSON.parse(text) as unknown;
      if (isFinal(obj)) return obj;
    }
    if (done) {
      if (buffered.trim()) return JSON.parse(buffered) as unknown;
      throw new ApiError('internal', 'the engine closed the connection without an answer');
    }
  }
}

export function unwrap<T>(line: WireResult): T {
  if (line.ok) return line.result as T;
  throw new ApiError(line.error.code as ApiErrorCode, line.error.message);
}
