// `blastmap info`, `identities`, `sources`, `rejects`, `formats`, `derive`, `audit`
import { Option, type Command } from 'commander';
import { ApiError } from '../../../shared/api/contract.ts';
import { ASSIGNABLE_IDENTITY_KINDS, type IdentityKindResult } from '../../../shared/api/case.ts';
import { printJson, printKeyValues, printTable } from '../output.ts';
import { withSession } from '../run.ts';

export function registerCaseCommands(program: Command): void {
  program
    .command('info')
    .description('summarise a case: counts per node kind, edge kind, auth events, sources, and the as-of time')
    .argument('<case>', 'case file')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const info = await cli.call('case.info', {});
        if (opts.json) return printJson(info);
        printKeyValues([
          ['case', info.path],
          ['schema', `v${info.schemaVersion}`],
          ['as of', info.asOf ?? '(no data yet)'],
          ['sources', info.sources],
          ['auth events', info.authEvents],
          ['rejected rows', info.rejects],
          ['unresolved refs', info.unresolved],
        ]);
        process.stdout.write('\nnodes\n');
        printTable(['kind', 'count'], Object.entries(info.nodes));
        if (Object.keys(info.identities).length) {
          process.stdout.write('\nidentities by kind\n');
          printTable(['kind', 'count'], Object.entries(info.identities));
        }
        process.stdout.write('\nedges\n');
        printTable(['kind', 'count'], Object.entries(info.edges));
      }),
    );

  program
    .command('identities')
    .description('list identities (and groups and roles) in a case')
    .argument('<case>', 'case file')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('case.identities', {});
        if (opts.json) return printJson(rows);
        printTable(
          ['id', 'name', 'kind', 'kind by', 'owner', 'environment', 'status'],
          rows.map((r) => [r.id, r.name, r.kind, r.kindSource, r.owner, r.environment, r.status]),
        );
      }),
    );

  program
    .command('kind')
    .description(
      "set what an identity is (human, service_account, …): the analyst's choice wins over every signal and survives re-import (audited); without --as, show why it has its kind",
    )
    .argument('<case>', 'case file')
    .argument('<id>', 'identity id or alias (UPN, ARN, object id)')
    .addOption(new Option('--as <kind>', 'the kind').choices(ASSIGNABLE_IDENTITY_KINDS))
    .option('--reason <text>', 'why (kept in the case and the audit trail)')
    .option('--clear', "remove the analyst's choice; the classifier decides again")
    .option('--json', 'print {"id","kind","kindSource","kindBecause"}')
    .action((casePath: string, id: string, opts: { as?: string; reason?: string; clear?: boolean; json?: boolean }) =>
      withSession(async (cli) => {
        if (opts.as && opts.clear) throw new ApiError('bad-request', 'give --as or --clear, not both');
        await cli.open(casePath, { readOnly: !opts.as && !opts.clear });
        let r: IdentityKindResult;
        if (opts.as) r = await cli.call('case.setIdentityKind', { id, kind: opts.as, reason: opts.reason });
        else if (opts.clear) r = await cli.call('case.clearIdentityKind', { id });
        else {
          const row = (await cli.call('case.identities', {})).find((x) => x.id === id);
          if (!row) throw new ApiError('not-found', `no identity "${id}" in the case (give its id)`);
          r = { id: row.id, kind: row.kind, kindSource: row.kindSource, kindBecause: row.kindBecause };
        }
        if (opts.json) return printJson(r);
        process.stdout.write(`${r.id} is ${r.kind ?? 'of unknown kind'} (${r.kindSource ?? 'undecided'}): ${r.kindBecause ?? ''}\n`);
      }),
    );

  program
    .command('kind-patterns')
    .description(
      'the naming conventions the identity-kind classifier reads as machine accounts (svc-*, *-bot, …); --set replaces them for this case, --reset restores the defaults (audited; identities are classified again)',
    )
    .argument('<case>', 'case file')
    .option('--set <globs>', 'comma-separated globs over the short account name; `glob=ai_agent` for AI agents, e.g. "svc-*,*-bot,agent-*=ai_agent"')
    .option('--reset', 'back to the built-in conventions')
    .option('--json', 'print {"patterns":[{"glob","kind"}],"custom","changed"}')
    .action((casePath: string, opts: { set?: string; reset?: boolean; json?: boolean }) =>
      withSession(async (cli) => {
        const writing = opts.set !== undefined || !!opts.reset;
        await cli.open(casePath, { readOnly: !writing });
        const set =
          opts.set === undefined
            ? undefined
            : opts.set
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
                .map((x) => {
                  const [glob, kind = 'service_account'] = x.split('=');
                  if (kind !== 'service_account' && kind !== 'ai_agent')
                    throw new ApiError('bad-request', `unknown kind "${kind}" in "${x}" (service_account or ai_agent)`);
                  return { glob, kind: kind as 'service_account' | 'ai_agent' };
                });
        const r = await cli.call('case.identityKindPatterns', { set, reset: opts.reset });
        if (opts.json) return printJson(r);
        printTable(
          ['glob', 'kind'],
          r.patterns.map((p) => [p.glob, p.kind]),
        );
        process.stdout.write(
          `${r.custom ? "this case's own list" : 'built-in defaults'}${writing ? `; ${r.changed} identities changed kind` : ''}\n`,
        );
      }),
    );

  program
    .command('sources')
    .description('list imported source files with sha256, format and counts')
    .argument('<case>', 'case file')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('case.sources', {});
        if (opts.json) return printJson(rows);
        printTable(
          ['#', 'file', 'format', 'rows', 'loaded', 'rejected', 'sha256'],
          rows.map((r) => [r.id, r.file, r.format, r.rows, r.loaded, r.rejected, r.sha256.slice(0, 16)]),
        );
      }),
    );

  program
    .command('rejects')
    .description('show rejected rows with their reasons')
    .argument('<case>', 'case file')
    .option('--source <id>', 'only this source (see `blastmap sources`)', (v) => parseInt(v, 10))
    .option('--limit <n>', 'at most this many rows per source', (v) => parseInt(v, 10), 100)
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { source?: number; limit: number; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const sources = (await cli.call('case.sources', {})).filter((s) => opts.source === undefined || s.id === opts.source);
        const out = [];
        for (const s of sources) {
          if (!s.rejected) continue;
          out.push({ source: s.id, file: s.file, rejects: await cli.call('case.rejects', { sourceId: s.id, limit: opts.limit }) });
        }
        if (opts.json) return printJson(out);
        for (const s of out) {
          process.stdout.write(`\n${s.file} (source #${s.source})\n`);
          printTable(
            ['where', 'reason', 'excerpt'],
            s.rejects.map((r) => [r.locator, r.reason, r.excerpt]),
          );
        }
      }),
    );

  program
    .command('formats')
    .description('list the formats Blastmap can import')
    .option('--json', 'print machine-readable JSON')
    .action((opts: { json?: boolean }) =>
      withSession(async (cli) => {
        const rows = await cli.call('import.formats', {});
        if (opts.json) return printJson(rows);
        printTable(
          ['format', 'description'],
          rows.map((r) => [r.name, r.description]),
        );
      }),
    );

  program
    .command('verify')
    .description('evidence check: re-hash every imported source file and compare with the sha256 recorded at import')
    .argument('<case>', 'case file')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('case.verifySources', {});
        if (opts.json) printJson(rows);
        else
          printTable(
            ['#', 'file', 'status', 'recorded sha256'],
            rows.map((r) => [r.id, r.path, r.status, r.recorded.slice(0, 16)]),
          );
        if (rows.some((r) => r.status !== 'match')) process.exitCode = 2;
      }),
    );

  program
    .command('derive')
    .description(
      're-run the derive stage over the whole case: AWS policy evaluation (with SCPs and resource policies) and identity kinds, as if every file were imported now (after an upgrade, or to check that import order did not matter); audited',
    )
    .argument('<case>', 'case file')
    .option('--json', 'print {"awsAccounts","policyEdgesBefore","policyEdgesAfter","kindsChanged","warnings","ms"}')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath);
        const r = await cli.call('case.derive', {});
        if (opts.json) return printJson(r);
        printKeyValues([
          ['AWS accounts re-evaluated', r.awsAccounts],
          ['policy edges before', r.policyEdgesBefore],
          ['policy edges after', r.policyEdgesAfter],
          ['identity kinds changed', r.kindsChanged],
          ['time', `${(r.ms / 1000).toFixed(1)} s`],
        ]);
        for (const w of r.warnings) process.stdout.write(`warning: ${w}\n`);
      }),
    );

  program
    .command('audit')
    .description('show the case audit trail (chain of custody), newest first')
    .argument('<case>', 'case file')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('case.audit', { limit: 10_000 });
        if (opts.json) return printJson(rows);
        printTable(
          ['at', 'actor', 'action', 'detail'],
          rows.map((r) => [r.at, r.actor, r.action, r.detail]),
        );
      }),
    );
}
