// One route of the pushdown bench in a process of its own, so its peak memory is its own (bench/pushdown.bench.ts
// starts it): imports the given files in order into a new case, then runs every rule through the API, and prints
// {importS, findingsS, peakMb, findings, incidents} as JSON on the last line of stdout.
//   node bench/pushdown-route.ts <case path> <file>...
import { dispatch } from '../main/api/dispatch.ts';
import { Session } from '../main/api/session.ts';
import { RULES, type RuleId } from '../shared/catalogs/rules.ts';
import { importFiles } from '../main/ingest/run-import.ts';
import { openCase } from '../main/store/case-file.ts';
import { measure } from './measure.ts';

const [casePath, ...files] = process.argv.slice(2);
if (!casePath || !files.length) {
  process.stderr.write('usage: node bench/pushdown-route.ts <case path> <file>...\n');
  process.exit(2);
}

const kase = openCase(casePath, { create: true });
const imported = await measure(async () => {
  for (const file of files) {
    const [source] = await importFiles(kase, { paths: [file] });
    if (source.rejected) throw new Error(`${file}: ${source.rejected} rows rejected`);
  }
});
await kase.checkpoint;
kase.close();

const session = new Session();
try {
  await dispatch(session, 'case.open', { path: casePath });
  const run = await measure(() => dispatch<'findings.run'>(session, 'findings.run', {}));
  const incidents = run.result.rules.filter((r) => RULES[r.rule as RuleId]?.kind === 'incident').reduce((n, r) => n + r.findings, 0);
  process.stdout.write(
    `${JSON.stringify({
      importS: imported.ms / 1000,
      findingsS: run.ms / 1000,
      peakMb: Math.max(imported.peakMb, run.peakMb),
      findings: run.result.total,
      incidents,
    })}\n`,
  );
} finally {
  session.close();
}
