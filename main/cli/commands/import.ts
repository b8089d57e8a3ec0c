// `blastmap import <case> <file>...`
import type { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import { EXIT_INPUT, withSession } from '../run.ts';

export function registerImport(program: Command): void {
  program.command('import')
    .description('import files or folders into a case (created when missing); the format is detected from content')
    .argument('<case>', 'case file (*.blastmap)')
    .argument('<files...>', 'files or folders to import')
    .option('--format <name>', 'force a format instead of detecting it (see `blastmap formats`)')
    .option('--year <yyyy>', 'reference year for logs whose timestamps carry none (syslog)', (v) => parseInt(v, 10))
    .option('--time-zone <tz>', 'time zone for logs whose timestamps carry none, e.g. Europe/Berlin')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, files: string[], opts: { format?: string; year?: number; timeZone?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { create: true });
        if (!opts.json && process.stderr.isTTY) {
          cli.session.progress = (e) => process.stderr.write(`\r${e.file ?? ''}: ${e.message ?? ''} (${e.rate ?? 0} rows/s)   `);
        }
        const result = await cli.call('import.files', { paths: files, format: opts.format, year: opts.year, timeZone: opts.timeZone });
        if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
        if (opts.json) printJson(result);
        else {
          printTable(['file', 'format', 'rows', 'loaded', 'rejected', 'note'],
            result.sources.map((s) => [s.file, s.format, s.rows, s.loaded, s.rejected, s.skipped ? 'skipped: already imported' : '']));
        }
        if (result.sources.some((s) => s.rejected > 0) && !opts.json) {
          process.stderr.write('some rows were rejected; see them with `blastmap rejects <case>`\n');
        }
        if (result.sources.length === 0) process.exitCode = EXIT_INPUT;
      }));
}
