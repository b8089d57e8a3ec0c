// `blastmap findings`, `metrics`, `intel import|lists|lookup`, `triage`: identity-risk findings,
// lifecycle metrics and offline network intelligence.
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/contract.ts';
import type { Finding } from '../../../shared/api/findings.ts';
import { RULE_IDS } from '../../../shared/catalogs/rules.ts';
import { SEVERITIES, TRIAGE_STATUSES } from '../../../shared/model.ts';
import { printJson, printKeyValues, printTable } from '../output.ts';
import { withSession } from '../run.ts';

export function registerFindingsCommands(program: Command): void {
  registerFindings(program);
  registerQueue(program);
  registerMetrics(program);
  registerTriage(program);
  registerIntel(program);
}

function registerFindings(program: Command): void {
  program
    .command('findings')
    .description(
      `run the identity-risk rules and list their findings (stored in the case; triage is kept across runs). Rules: ${RULE_IDS.join(', ')}`,
    )
    .argument('<case>', 'case file')
    .option('--as-of <date>', 'analysis time (ISO 8601; a bare date means the end of that day); default: the latest timestamp in the data')
    .option('--rule <id>', 'only this rule')
    .option(
      '--threshold <rule.name=value>',
      'override a threshold, e.g. long-lived-secret.maxAgeDays=30 or windows.detectionDays=30 (repeatable)',
      collect,
      [],
    )
    .option('--no-save', 'compute without storing (opens the case read-only)')
    .option('--grouped', 'incidents one by one, posture findings grouped by rule and kind of subject')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { asOf?: string; rule?: string; threshold: string[]; save: boolean; grouped?: boolean; json?: boolean }) =>
      withSession(async (cli) => {
        const thresholds = parseThresholds(opts.threshold);
        await cli.open(casePath, { readOnly: !opts.save });
        const run = await cli.call('findings.run', { asOf: opts.asOf, rules: opts.rule ? [opts.rule] : undefined, persist: opts.save, thresholds });
        const findings = run.findings ?? (await cli.call('findings.list', opts.rule ? { rule: opts.rule } : {}));
        for (const w of run.warnings) process.stderr.write(`warning: ${w}\n`);
        if (opts.grouped) {
          const groups = run.persisted ? await cli.call('findings.groups', opts.rule ? { rule: opts.rule } : {}) : [];
          const incidents = findings.filter((f) => f.kind === 'incident');
          if (opts.json) return printJson({ incidents: incidents.map(jsonFinding), postureGroups: groups });
          process.stdout.write(
            `as of ${run.asOf}: ${incidents.length} incident findings, ${groups.length} posture groups (${findings.length - incidents.length} posture findings)\n\nIncidents\n`,
          );
          printTable(
            ['severity', 'rule', 'subject', 'title', 'id'],
            incidents.map((f) => [f.severity, f.rule, f.subject, f.title, f.id]),
          );
          process.stdout.write('\nPosture groups (first member shown)\n');
          printTable(
            ['severity', 'count', 'group', 'first member'],
            groups.map((g) => [g.severity, g.count, g.title, g.members[0]?.subject ?? '']),
          );
          return;
        }
        if (opts.json) return printJson(findings.map(jsonFinding));
        process.stdout.write(
          `detection window ${run.window.from} … ${run.window.to}; baseline ${run.window.baselineFrom} … ${run.window.baselineTo}\n`,
        );
        process.stdout.write(
          `as of ${run.asOf}: ${run.total} findings (${SEVERITIES.slice()
            .reverse()
            .map((s) => `${run.bySeverity[s]} ${s}`)
            .join(', ')})\n`,
        );
        for (const r of run.rules) if (r.skipped) process.stdout.write(`  ${r.rule}: not run (${r.skipped})\n`);
        if (!findings.length) return;
        process.stdout.write('\n');
        printTable(
          ['severity', 'rule', 'subject', 'title', 'status', 'id'],
          findings.map((f) => [f.severity, f.rule, f.subject, f.title, f.status, f.id]),
        );
      }),
    );
}

/** The `findings --json` shape (a contract: fields are added, never renamed). */
function jsonFinding(f: Finding) {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    subject: f.subject,
    title: f.title,
    frameworks: f.frameworks,
    evidence: f.evidence,
    kind: f.kind,
    score: f.score,
    severityBecause: f.severityBecause,
    status: f.status,
  };
}

function registerQueue(program: Command): void {
  program
    .command('queue')
    .description('investigate first: identities ranked by open incident findings × blast radius, with the reason in one line (run `findings` first)')
    .argument('<case>', 'case file')
    .option('--limit <n>', 'how many identities', (v) => parseInt(v, 10), 20)
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { limit: number; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const queue = await cli.call('findings.queue', { limit: opts.limit });
        if (opts.json) return printJson(queue);
        if (!queue.length) {
          process.stdout.write('no open incident findings (run `blastmap findings <case>` first)\n');
          return;
        }
        printTable(
          ['#', 'score', 'identity', 'kind', 'why'],
          queue.map((q, i) => [i + 1, q.score, q.name ? `${q.name} (${q.identity})` : q.identity, q.kind ?? '', q.reason]),
        );
      }),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `rule.name=value` pairs → the thresholds object of findings.run (names are checked by the engine). */
function parseThresholds(pairs: string[]): Record<string, Record<string, number>> | undefined {
  if (!pairs.length) return undefined;
  const out: Record<string, Record<string, number>> = {};
  for (const pair of pairs) {
    const m = /^([a-z-]+)\.([A-Za-z]+)=(\d+(?:\.\d+)?)$/.exec(pair.trim());
    if (!m)
      throw new ApiError('bad-request', `--threshold expects rule.name=number, e.g. long-lived-secret.maxAgeDays=30 (got "${pair.slice(0, 80)}")`);
    (out[m[1]] ??= {})[m[2]] = Number(m[3]);
  }
  return out;
}

function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description(
      'lifecycle metrics: inventory by kind/provider/environment/owner, rotation coverage, short-lived share, credential age, orphaned/dormant counts, ownership coverage, time-to-revoke',
    )
    .argument('<case>', 'case file')
    .option('--as-of <date>', 'analysis time (ISO 8601); default: the latest timestamp in the data')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { asOf?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const m = await cli.call('metrics.get', { asOf: opts.asOf });
        if (opts.json) return printJson(m);
        const pct = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 1000) / 10}%`);
        printKeyValues([
          ['as of', m.asOf],
          ['non-human identities', m.nonHumanIdentities],
          ['credentials (active/total)', `${m.credentials.active}/${m.credentials.total}`],
          ['median credential age', m.credentials.medianAgeDays === null ? 'n/a' : `${m.credentials.medianAgeDays} days`],
          ['rotation coverage', pct(m.credentials.rotationCoverage)],
          ['short-lived share', pct(m.credentials.shortLivedShare)],
          ['ownership coverage', pct(m.ownershipCoverage)],
          ['orphaned', m.orphaned],
          ['dormant', m.dormant],
        ]);
        for (const [title, table] of [
          ['kind', m.inventory.byKind],
          ['provider', m.inventory.byProvider],
          ['environment', m.inventory.byEnvironment],
          ['owner', m.inventory.byOwner],
        ] as const) {
          process.stdout.write(`\nidentities by ${title}\n`);
          printTable([title, 'count'], Object.entries(table).slice(0, 50));
        }
        if (m.timeToRevoke.length) {
          process.stdout.write('\ntime to revoke\n');
          printTable(
            ['credential', 'identity', 'first anomalous use', 'revoked', 'hours', 'action'],
            m.timeToRevoke.map((r) => [r.credential, r.identity, r.firstAnomalousAt, r.revokedAt, r.hours, r.action]),
          );
        }
      }),
    );
}

function registerTriage(program: Command): void {
  program
    .command('triage')
    .description("record the analyst's decision on a finding (audited; kept when findings are re-run)")
    .argument('<case>', 'case file')
    .argument('<finding-id>', 'finding id (see `blastmap findings`)')
    .requiredOption('--status <status>', `one of ${TRIAGE_STATUSES.join(', ')}`)
    .option('--note <text>', 'why')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, id: string, opts: { status: string; note?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath);
        const r = await cli.call('findings.triage', { id, status: opts.status, note: opts.note });
        if (opts.json) return printJson(r);
        printKeyValues([
          ['finding', r.id],
          ['status', r.status],
          ['note', r.note ?? ''],
          ['by', r.actor],
          ['at', r.at],
        ]);
      }),
    );
}

function registerIntel(program: Command): void {
  const intel = program
    .command('intel')
    .description('offline network intelligence: analyst lists (Tor exits, VPN/hosting/cloud ranges) and IP lookups');

  intel
    .command('import')
    .description('import a Tor exit-addresses file, IP/CIDR list, CSV list, AWS ip-ranges.json, GCP cloud.json or Azure Service Tags JSON')
    .argument('<case>', 'case file')
    .argument('<file>', 'the list file')
    .option('--name <name>', 'display name (default: the file name)')
    .option('--class <class>', 'network class for lists that do not say: tor, vpn, hosting, cloud, corporate, ci_runner, residential')
    .option('--as-of <date>', 'when the list was published, if the file does not say (ISO 8601)')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, file: string, opts: { name?: string; class?: string; asOf?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath);
        const r = await cli.call('intel.import', { path: file, name: opts.name, class: opts.class, asOf: opts.asOf });
        if (opts.json) return printJson(r);
        printKeyValues([
          ['list', r.name],
          ['format', r.format],
          ['class', r.class],
          ['as of', r.asOf],
          ['entries', r.entries],
          ['rejected', r.rejected],
          ['sha256', r.sha256],
          ['status', r.skipped ? 'skipped: already imported' : 'imported'],
        ]);
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      }),
    );

  intel
    .command('lists')
    .description('list the intel lists imported into a case, with staleness warnings')
    .argument('<case>', 'case file')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('intel.lists', {});
        if (opts.json) return printJson(rows);
        printTable(
          ['#', 'name', 'format', 'class', 'as of', 'entries', 'stale'],
          rows.map((r) => [r.id, r.name, r.format, r.class, r.asOf, r.entries, r.stale ? 'STALE' : '']),
        );
        for (const r of rows) if (r.stale) process.stderr.write(`warning: ${r.stale}\n`);
      }),
    );

  intel
    .command('lookup')
    .description('what Blastmap knows about IP addresses: network, class (and why), ASN, organisation, lists')
    .argument('<case>', 'case file (analyst CIDRs and imported lists apply)')
    .argument('<ips...>', 'addresses')
    .option('--at <date>', 'time of use (Tor exit lists with timestamps only count around it)')
    .option('--json', 'print machine-readable JSON')
    .action((casePath: string, ips: string[], opts: { at?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('intel.lookup', { ips, at: opts.at });
        if (opts.json) return printJson(rows);
        printTable(
          ['ip', 'network', 'class', 'decided by', 'asn', 'organisation', 'lists'],
          rows.map((r) => [r.ip, r.network, r.class, r.classSource, r.asn, r.org, r.lists.join('; ')]),
        );
      }),
    );
}
