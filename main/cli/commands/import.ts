// `blastmap import <case> <file>...`
import { InvalidArgumentError, type Command } from 'commander';
import type { ImportedSource } from '../../../shared/api/import.ts';
import { printJson, printTable } from '../output.ts';
import { EXIT_INPUT, withSession } from '../run.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import files or folders into a case (created when missing); the format is detected from content')
    .argument('<case>', 'case file (*.blastmap)')
    .argument('<files...>', 'files or folders to import')
    .option('--format <name>', 'force a format instead of detecting it (see `blastmap formats`)')
    .option('--year <yyyy>', 'reference year for logs whose timestamps carry none (syslog)', (v) => parseInt(v, 10))
    .option('--time-zone <tz>', 'time zone for logs whose timestamps carry none, e.g. Europe/Berlin')
    .option('--max-inflate-ratio <n>', 'a .gz may inflate to 64 MB plus this many times its size (default 100)', positiveNumber)
    .option('--max-inflated <size>', 'never inflate one .gz past this size, e.g. 200GB (default 64GB)', byteSize)
    .option('--max-record <size>', 'the largest single JSON record accepted, e.g. 64MB (default 16MB, at most 256MB)', byteSize)
    .option('--keep-going', 'import the files that can be imported and list the others (default: all or nothing)')
    .option(
      '--map <column=header>',
      "column mapping for a CSV with other headers (with --format): canonical column=the file's header; repeatable",
      mapEntry,
      {},
    )
    .option('--resource <arn>', 'the resource a resource-based policy file belongs to, when the file does not say (a KMS key policy); one file only')
    .option('--resource-account <id>', 'the account owning that resource when its ARN does not say (S3 buckets); one file only')
    .option('--json', 'print machine-readable JSON')
    .action(
      (
        casePath: string,
        files: string[],
        opts: {
          format?: string;
          year?: number;
          timeZone?: string;
          json?: boolean;
          resource?: string;
          resourceAccount?: string;
          maxInflateRatio?: number;
          maxInflated?: number;
          maxRecord?: number;
          keepGoing?: boolean;
          map: Record<string, string>;
        },
      ) =>
        withSession(async (cli) => {
          await cli.open(casePath, { create: true });
          if (!opts.json && process.stderr.isTTY) {
            cli.session.progress = (e) => process.stderr.write(`\r${e.file ?? ''}: ${e.message ?? ''} (${e.rate ?? 0} rows/s)   `);
          }
          const result = await cli.call('import.files', {
            paths: files,
            format: opts.format,
            year: opts.year,
            timeZone: opts.timeZone,
            maxInflateRatio: opts.maxInflateRatio,
            maxInflatedBytes: opts.maxInflated,
            maxRecordSize: opts.maxRecord,
            keepGoing: opts.keepGoing,
            mapping: Object.keys(opts.map).length ? opts.map : undefined,
            resource: opts.resource,
            resourceAccount: opts.resourceAccount,
          });
          if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
          if (opts.json) printJson(result);
          else {
            printTable(
              ['file', 'format', 'rows', 'loaded', 'rejected', 'note'],
              result.sources.map((s) => [s.file, s.format, s.rows, s.loaded, s.rejected, noteOf(s)]),
            );
            const counts = summary(result.sources);
            if (counts) process.stderr.write(`${counts}\n`);
            for (const s of result.sources) if (s.failed) process.stderr.write(`not imported: ${s.message}\n`);
            for (const s of result.sources) for (const w of s.warnings ?? []) process.stderr.write(`warning: ${s.file}: ${w}\n`);
          }
          if (result.sources.some((s) => s.rejected > 0) && !opts.json) {
            process.stderr.write('some rows were rejected; see them with `blastmap rejects <case>`\n');
          }
          if (result.sources.length === 0 || result.sources.some((s) => s.failed)) process.exitCode = EXIT_INPUT;
        }),
    );
}

/** `id=Login`: the canonical column, then the file's header (which may itself contain '='). */
function mapEntry(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError(`expected column=header, got: ${value}`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1) };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`not a positive number: ${value}`);
  return n;
}

/** 123, 500MB, 64GB, 1TB (binary units, as the limits are stated). */
function byteSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`not a size: ${value} (e.g. 500MB, 64GB)`);
  const unit = { B: 0, KB: 10, MB: 20, GB: 30, TB: 40 }[(m[2] ?? 'B').toUpperCase() as 'B'];
  const n = Math.round(Number(m[1]) * 2 ** unit);
  if (n <= 0) throw new InvalidArgumentError(`not a positive size: ${value}`);
  return n;
}

function noteOf(s: ImportedSource): string {
  if (s.failed) return 'FAILED (see below)';
  if (s.skipped) return `skipped: ${s.message ?? 'already imported'}`;
  if (s.warnings?.length) return `warning: ${s.warnings.join('; ')}`;
  return '';
}

/** One line for a folder of many files: how many loaded, were skipped (and why) and failed. */
function summary(sources: ImportedSource[]): string {
  if (sources.length < 2) return '';
  const imported = sources.filter((s) => !s.skipped && !s.failed).length;
  const digests = sources.filter((s) => s.skipped && /digest/i.test(s.message ?? '')).length;
  const repeats = sources.filter((s) => s.skipped && /already imported/.test(s.message ?? '')).length;
  const failed = sources.filter((s) => s.failed).length;
  const rows = sources.reduce((n, s) => n + s.loaded, 0);
  return (
    `${sources.length} files: ${imported} imported (${rows} rows loaded)` +
    `${digests ? `, ${digests} CloudTrail digest files skipped` : ''}${repeats ? `, ${repeats} already imported` : ''}${failed ? `, ${failed} failed` : ''}`
  );
}
