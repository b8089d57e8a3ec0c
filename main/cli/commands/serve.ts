// `blastmap serve <case> [--port N] [--read-only]`: browser mode. Prints exactly one line, the URL with the
// session token, on stdout, then serves until interrupted. Errors go to stderr with the usual exit codes.
import { InvalidArgumentError, type Command } from 'commander';
import { ApiError } from '../../../shared/api/contract.ts';
import { startServer } from '../../server/server.ts';
import { EXIT_INPUT, EXIT_USAGE } from '../run.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench on 127.0.0.1 for a browser; prints the URL (with its session token) on one line')
    .argument('<case>', 'case file (*.blastmap)')
    .option('--port <n>', 'port to listen on (default: any free port)', parsePort)
    .option('--read-only', 'evidence mode: open the case read-only, enforced by SQLite')
    .option('--create', 'create the case when it does not exist')
    .option('--allow <path>', 'a file or folder the browser may import by path besides its uploads (repeatable)', collect, [])
    .option('--cases-dir <dir>', "the folder in which the browser may open and create cases (default: the case's folder)")
    .action(async (casePath: string, opts: { port?: number; readOnly?: boolean; create?: boolean; allow: string[]; casesDir?: string }) => {
      let server;
      try {
        server = await startServer({
          casePath,
          port: opts.port,
          readOnly: opts.readOnly ?? false,
          create: opts.create ?? false,
          allowRead: opts.allow,
          casesDir: opts.casesDir,
        });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        process.stderr.write(`blastmap: ${e.code === 'EADDRINUSE' ? `port ${opts.port} is already in use` : e.message}\n`);
        process.exitCode = err instanceof ApiError && err.code === 'bad-request' ? EXIT_USAGE : EXIT_INPUT;
        return;
      }
      process.stdout.write(`${server.url}\n`);
      const stop = () => {
        server.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // The listening server keeps the process alive until a signal arrives.
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`not a port number: ${value}`);
  return n;
}
