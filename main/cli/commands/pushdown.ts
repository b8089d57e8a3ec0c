// `blastmap pushdown --engine … --source … --out <folder>`: writes query packs for the engine that already holds
// the logs (main/pushdown/). No case is opened and nothing is executed: the analyst reads and runs the files.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ENGINES } from '../../pushdown/dialects.ts';
import { SOURCES } from '../../pushdown/sources.ts';
import { generatePack, packReadme, parseAddressList, PushdownError } from '../../pushdown/generate.ts';
import { printJson } from '../output.ts';
import { EXIT_INPUT, EXIT_USAGE } from '../run.ts';

interface PushdownCliOptions {
  engine: string;
  source: string;
  since?: string;
  until?: string;
  out: string;
  anonymousList?: string;
  failureThreshold?: string;
  json?: boolean;
}

export function registerPushdown(program: Command): void {
  program
    .command('pushdown')
    .description(
      'write the auth roll-up, rare-event and usage queries for the engine where the logs live (Athena, Trino, Spark, BigQuery, Sentinel KQL, DuckDB)',
    )
    .requiredOption('--engine <engine>', ENGINES.join(' | '))
    .requiredOption('--source <source>', SOURCES.join(' | '))
    .requiredOption('--out <folder>', 'folder for the query files and README.txt (created if missing)')
    .option('--since <date>', 'first UTC date or date-time to read (inclusive)')
    .option('--until <date>', 'UTC date or date-time to stop at (exclusive)')
    .option('--anonymous-list <file>', 'addresses (one a line, # comments) whose every event the rare-event extract keeps')
    .option('--failure-threshold <n>', 'failed events per identity or address in one hour that make a burst', '10')
    .option('--json', 'print {"files":[{"path","engine","source","kind"}]}')
    .action((opts: PushdownCliOptions) => {
      try {
        let anonymous: string[] = [];
        let skippedRanges = 0;
        if (opts.anonymousList) {
          let text: string;
          try {
            text = fs.readFileSync(opts.anonymousList, 'utf8');
          } catch (err) {
            process.stderr.write(`blastmap: cannot read --anonymous-list: ${(err as Error).message}\n`);
            process.exitCode = EXIT_INPUT;
            return;
          }
          ({ addresses: anonymous, skippedRanges } = parseAddressList(text));
        }
        const threshold = Number(opts.failureThreshold);
        const files = generatePack({
          engine: opts.engine,
          source: opts.source,
          since: opts.since,
          until: opts.until,
          anonymous,
          failureThreshold: threshold,
        });
        fs.mkdirSync(opts.out, { recursive: true });
        const written = files.map((f) => {
          // File names are built from the validated engine/source/kind names only.
          const target = path.join(opts.out, f.name);
          fs.writeFileSync(target, f.text);
          return { path: path.resolve(target), engine: f.engine, source: f.source, kind: f.kind };
        });
        fs.writeFileSync(path.join(opts.out, 'README.txt'), packReadme(files, { since: opts.since, until: opts.until, anonymous: anonymous.length }));
        if (skippedRanges)
          process.stderr.write(
            `blastmap: ${skippedRanges} CIDR range(s) in the anonymity list skipped: only single addresses can be passed as literals\n`,
          );
        if (opts.json) printJson({ files: written });
        else for (const w of written) process.stdout.write(`wrote ${w.path} (${w.kind})\n`);
      } catch (err) {
        if (!(err instanceof PushdownError)) throw err;
        process.stderr.write(`blastmap: ${err.message}\n`);
        process.exitCode = EXIT_USAGE;
      }
    });
}
