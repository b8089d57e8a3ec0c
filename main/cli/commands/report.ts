// `blastmap export <case> --format opengraph|graphml|csv --out <file or dir>`
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/contract.ts';
import { CSV_EXPORTS } from '../../report/csv-exports.ts';
import { printPdf } from '../../report/pdf.ts';
import { printJson } from '../output.ts';
import { withSession } from '../run.ts';

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('write the case report: one self-contained HTML file (and a PDF printed by the local Chromium)')
    .argument('<case>', 'case file')
    .requiredOption('--out <file>', 'HTML report file')
    .option('--pdf <file>', 'also print the report to this PDF file')
    .option('--json', 'print a machine-readable summary')
    .action((casePath: string, opts: { out: string; pdf?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const report = await cli.call('report.html', {});
        fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
        fs.writeFileSync(opts.out, report.content);
        if (opts.pdf) printPdf(opts.out, opts.pdf);
        const summary = { html: path.resolve(opts.out), pdf: opts.pdf ? path.resolve(opts.pdf) : null, ...report.counts };
        if (opts.json) printJson(summary);
        else
          process.stdout.write(
            `wrote ${summary.html}${summary.pdf ? ` and ${summary.pdf}` : ''} (${report.counts.findings} findings, ${report.counts.paths} attack paths)\n`,
          );
      }),
    );

  program
    .command('export')
    .description('export the case: OpenGraph JSON (BloodHound CE), GraphML (Gephi, yEd) or CSV tables (a folder)')
    .argument('<case>', 'case file')
    .requiredOption('--format <format>', 'opengraph | graphml | csv')
    .requiredOption('--out <path>', 'output file (opengraph, graphml) or folder (csv)')
    .option('--only <tables>', `for csv: comma-separated subset of ${CSV_EXPORTS.join(', ')}`)
    .option('--json', 'print a machine-readable summary')
    .action((casePath: string, opts: { format: string; out: string; only?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const written: { file: string; counts: Record<string, number> }[] = [];
        if (opts.format === 'opengraph' || opts.format === 'graphml') {
          const file = await cli.call('export.graph', { format: opts.format });
          fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
          fs.writeFileSync(opts.out, file.content);
          written.push({ file: path.resolve(opts.out), counts: file.counts });
        } else if (opts.format === 'csv') {
          const tables = opts.only ? opts.only.split(',').map((t) => t.trim()) : [...CSV_EXPORTS];
          const unknown = tables.filter((t) => !(CSV_EXPORTS as readonly string[]).includes(t));
          if (unknown.length) throw new ApiError('bad-request', `unknown CSV table(s): ${unknown.join(', ')}`);
          fs.mkdirSync(opts.out, { recursive: true });
          for (const what of tables as (typeof CSV_EXPORTS)[number][]) {
            const file = await cli.call('export.csv', { what });
            // The file name comes from safeFileName(): it cannot climb out of the chosen folder.
            const target = path.join(opts.out, file.fileName);
            fs.writeFileSync(target, file.content);
            written.push({ file: path.resolve(target), counts: file.counts });
          }
        } else {
          throw new ApiError('bad-request', `unknown export format "${opts.format}" (expected opengraph, graphml or csv)`);
        }
        if (opts.json) printJson({ written });
        else for (const w of written) process.stdout.write(`wrote ${w.file} ${JSON.stringify(w.counts)}\n`);
      }),
    );
}
