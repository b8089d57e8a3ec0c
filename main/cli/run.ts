// Shared plumbing for CLI commands: open the case, call the API, map errors to exit codes.
import { ApiError, type Method, type Result } from '../../shared/api/contract.ts';
import { dispatch } from '../api/dispatch.ts';
import { Session } from '../api/session.ts';

export const EXIT_USAGE = 1;
export const EXIT_INPUT = 2;

export class CliSession {
  readonly session = new Session();

  async open(casePath: string, options: { create?: boolean; readOnly?: boolean } = {}): Promise<void> {
    await this.call('case.open', { path: casePath, ...options });
  }

  call<M extends Method>(method: M, params: unknown): Promise<Result<M>> {
    return dispatch<M>(this.session, method, params);
  }

  close(): void {
    this.session.close();
  }
}

/** Runs one command body with a session, printing errors in one line and setting the exit code. */
export async function withSession(body: (cli: CliSession) => Promise<void>): Promise<void> {
  const cli = new CliSession();
  try {
    await body(cli);
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError('internal', (err as Error)?.message ?? String(err));
    process.stderr.write(`blastmap: ${e.message}\n`);
    process.exitCode = e.code === 'bad-request' ? EXIT_USAGE : EXIT_INPUT;
  } finally {
    cli.close();
  }
}
