// The `blastmap` command line: every command is a thin wrapper over the same API handlers the app uses.
// Exit codes: 0 success, 1 usage error, 2 bad input or bad case file.
import { Command, CommanderError } from 'commander';
import { registerCaseCommands } from './commands/case.ts';
import { registerImport } from './commands/import.ts';
import { registerServe } from './commands/serve.ts';
import { registerGraphCommands } from './commands/graph.ts';
import { registerFindingsCommands } from './commands/findings.ts';
import { registerDemo } from './commands/demo.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerPushdown } from './commands/pushdown.ts';
import { EXIT_USAGE } from './run.ts';
import { guardTerminalOutput } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('blastmap')
    .description('Blastmap: offline identity blast radius, attack paths and identity-risk findings')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerImport(program);
  registerCaseCommands(program);
  registerServe(program);
  registerGraphCommands(program);
  registerFindingsCommands(program);
  registerDemo(program);
  registerReportCommands(program);
  registerPushdown(program);
  return program;
}

async function main(): Promise<void> {
  guardTerminalOutput();
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; everything else commander raises is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    throw err;
  }
}

await main();
