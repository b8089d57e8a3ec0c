// `blastmap demo <case>`: builds a case from the seeded synthetic enterprise (the same one `npm start` opens),
// and prints the breach stories planted in it so the analyst knows what Blastmap should find.
import fs from 'node:fs';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/contract.ts';
import { buildDemoCase, isSizeName, SIZE_NAMES } from '../../demo/index.ts';
import { DEMO_SEED } from '../../demo/build-demo-case.ts';
import { printJson, printKeyValues, printTable } from '../output.ts';
import { withSession } from '../run.ts';
import { warmOverviewAnswers } from '../../api/warm-answers.ts';

interface DemoOptions {
  size: string;
  seed: number;
  out?: string;
  truth?: string;
  json?: boolean;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('build a case from the synthetic demo enterprise (seeded; with planted breach stories)')
    .argument('<case>', 'case file to create (*.blastmap); must not exist')
    .option('--size <size>', `demo (~2k identities, ~200k events), S, M or L (${SIZE_NAMES.join('|')})`, 'demo')
    .option('--seed <n>', 'random seed: the same seed gives the same files, byte for byte', (v) => Number.parseInt(v, 10), DEMO_SEED)
    .option('--out <folder>', 'keep the generated files in this folder (default: a temp folder, removed afterwards)')
    .option('--truth <file>', 'write the ground truth (planted stories, with file and line of each event) as JSON')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: DemoOptions) =>
      withSession(async (cli) => {
        if (!isSizeName(opts.size)) throw new ApiError('bad-request', `unknown size "${opts.size}" (expected ${SIZE_NAMES.join(', ')})`);
        if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new ApiError('bad-request', `--seed must be a non-negative integer`);
        const tty = !opts.json && process.stderr.isTTY;
        const result = await buildDemoCase(casePath, {
          size: opts.size,
          seed: opts.seed,
          outDir: opts.out,
          progress: tty
            ? (e) => process.stderr.write(`\r${e.file?.split(/[\\/]/).pop() ?? ''}: ${e.message ?? ''} (${e.rate ?? 0} rows/s)   `)
            : undefined,
        });
        if (tty) process.stderr.write('\n');
        // The first session on the new case shows its Overview at once.
        await cli.open(casePath);
        await warmOverviewAnswers(cli.session);
        if (opts.truth) fs.writeFileSync(opts.truth, `${JSON.stringify(result.truth, null, 2)}\n`);
        if (opts.json) return printJson({ case: casePath, ...result });
        const { truth } = result;
        printKeyValues([
          ['case', casePath],
          ['size', `${truth.size} (seed ${truth.seed})`],
          ['as of', truth.asOf],
          ['identities', `${truth.counts.identities} (+ ${truth.counts.groupsAndRoles} groups and roles)`],
          ['systems', truth.counts.systems],
          ['events', truth.counts.events],
          ['generated in', `${result.seconds.generate.toFixed(1)} s`],
          ['imported in', `${result.seconds.import.toFixed(1)} s`],
          ...(result.filesDir ? [['files', result.filesDir] as [string, unknown]] : []),
        ]);
        process.stdout.write('\nimported\n');
        printTable(
          ['file', 'format', 'rows', 'loaded', 'rejected'],
          result.sources.map((s) => [s.file.split(/[\\/]/).pop(), s.format, s.rows, s.loaded, s.rejected]),
        );
        if (result.notImported.length) {
          process.stdout.write('\nnot imported (no importer for the format yet, or it failed)\n');
          printTable(
            ['file', 'reason'],
            result.notImported.map((n) => [n.file, n.reason]),
          );
        }
        process.stdout.write('\nplanted breach stories (ground truth)\n');
        printTable(
          ['story', 'entry', 'crown jewel', 'events'],
          truth.stories.map((s) => [s.title, s.entry, s.crownJewel ?? '', s.events.length]),
        );
      }),
    );
}
