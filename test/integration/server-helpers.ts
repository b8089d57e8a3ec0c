// Helpers for the local-server tests: a case imported from test/fixtures/csv, raw HTTP requests with
// full control over Host/Origin/cookies (fetch would not let us forge Host), and NDJSON parsing.
import http from 'node:http';
import path from 'node:path';
import { FIXTURES, TestCase } from '../helpers.ts';

export const CSV_DIR = path.join(FIXTURES, 'csv');

export async function importedCase(): Promise<string> {
  const t = await TestCase.create();
  await t.call('import.files', { paths: [CSV_DIR] });
  t.close();
  return t.path;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function ndjson(body: string): any[] {
  return body
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** POST /api/call and return all NDJSON lines. */
export async function apiCall(port: number, token: string, id: string, method: string, params: unknown = {}): Promise<any[]> {
  const r = await request(port, {
    method: 'POST',
    path: '/api/call',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ id, method, params }),
  });
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.body}`);
  return ndjson(r.body);
}
