// `blastmap blast-radius`, `exposure`, `paths`, `mark`, `unmark`, `marks`, `chokepoints`, `what-if`:
// the graph engine on the command line. `--json` shapes are the contract of issue 9.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ApiError } from '../../../shared/api/contract.ts';
import type { EdgeSpec, NodeSpec, ScenarioSpec, WhatIfResult } from '../../../shared/api/graph.ts';
import { EDGE_KINDS, MARKS, NODE_KINDS, PRIVILEGES, type EdgeKind, type NodeKind, type Privilege } from '../../../shared/model.ts';
import { printJson, printKeyValues, printTable } from '../output.ts';
import { withSession } from '../run.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`not a positive whole number: ${v}`);
  return n;
};

export function registerGraphCommands(program: Command): void {
  program
    .command('blast-radius')
    .description('everything an identity (or any node) can reach: privilege on systems, hops, one shortest path each, and a summary')
    .argument('<case>', 'case file')
    .argument('<id>', 'node id, alias, unique name, or @entry')
    .option('--limit <n>', 'list at most this many reached nodes (nearest first); the summary covers all', positiveInt)
    .option('--json', 'print {"identity","reach":[{"id","kind","privilege","hops","path"}],"summary"}')
    .action((casePath: string, id: string, opts: { limit?: number; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const r = await cli.call('graph.blastRadius', { ids: [id], limit: opts.limit });
        if (opts.json) return printJson({ identity: r.identity, reach: r.reach, summary: r.summary });
        const s = r.summary;
        printKeyValues([
          ['blast radius of', r.sources.join(', ')],
          ['nodes reached', s.reached],
          [
            'by kind',
            Object.entries(s.byKind)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ') || '-',
          ],
          ['systems', `admin ${s.systems.admin}, write ${s.systems.write}, read ${s.systems.read}`],
          ['crown jewels reached', s.crownJewels.join(', ') || '-'],
          ['highest privilege', s.maxPrivilege ?? '-'],
          ['score', s.score],
        ]);
        process.stdout.write('\n');
        printTable(
          ['id', 'kind', 'privilege', 'hops', 'path'],
          r.reach.map((x) => [x.id, x.kind, x.privilege ?? '', x.hops, x.path.join(' → ')]),
        );
        if (r.truncated) process.stdout.write(`(first ${r.reach.length} of ${s.reached}; use --limit or --json)\n`);
      }),
    );

  program
    .command('exposure')
    .description('every identity that can reach a node, with the highest privilege it gets there and hops')
    .argument('<case>', 'case file')
    .argument('<id>', 'node id, alias or unique name')
    .option('--json', 'print {"target","identities":[{"id","privilege","hops"}]}')
    .action((casePath: string, id: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const r = await cli.call('graph.exposure', { id });
        if (opts.json) return printJson({ target: r.target, identities: r.identities });
        process.stdout.write(`${r.total} identities can reach ${r.target}\n\n`);
        printTable(
          ['identity', 'privilege', 'hops'],
          r.identities.map((x) => [x.id, x.privilege ?? 'control', x.hops]),
        );
      }),
    );

  program
    .command('paths')
    .description('attack paths from entry points to targets, shortest first, exercised hops ranked before merely granted ones')
    .argument('<case>', 'case file')
    .requiredOption('--from <ids...>', 'entry points: node ids, or @entry (marked compromised + high/critical findings)')
    .requiredOption('--to <ids...>', 'targets: node ids, or @crown (marked crown jewels + criticality critical)')
    .option('-k <n>', 'how many paths', positiveInt, 5)
    .option('--as-of <date>', 'ignore auth events after this date (ISO 8601)')
    .option('--json', 'print [{"cost","nodes","hops":[{"from","to","edge","evidence"}]}]')
    .action((casePath: string, opts: { from: string[]; to: string[]; k: number; asOf?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const paths = await cli.call('graph.paths', { from: opts.from, to: opts.to, k: opts.k, asOf: opts.asOf });
        if (opts.json) return printJson(paths);
        if (!paths.length) return void process.stdout.write('no path\n');
        paths.forEach((p, i) => {
          process.stdout.write(`\n#${i + 1}  cost ${p.cost}  ${p.nodes.join(' → ')}\n`);
          printTable(
            ['from', 'edge', 'to', 'evidence'],
            p.hops.map((h) => [h.from, h.edge, h.to, h.evidence.map(describeEvidence).join('; ')]),
          );
        });
      }),
    );

  program
    .command('mark')
    .description('mark a node compromised (an entry point), crown-jewel, or trusted; recorded with who, when and why (audited)')
    .argument('<case>', 'case file')
    .argument('<id>', 'node id, alias or unique name')
    .addOption(new Option('--as <mark>', 'the mark').choices(MARKS).makeOptionMandatory())
    .option('--reason <text>', 'why (kept in the case and the audit trail)')
    .option('--json', 'print the mark as JSON')
    .action((casePath: string, id: string, opts: { as: (typeof MARKS)[number]; reason?: string; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath);
        const m = await cli.call('graph.mark', { id, mark: opts.as, reason: opts.reason });
        if (opts.json) return printJson(m);
        process.stdout.write(`marked ${m.id} ${m.mark}${m.reason ? ` (${m.reason})` : ''} by ${m.actor} at ${m.at}\n`);
      }),
    );

  program
    .command('unmark')
    .description('remove a mark from a node (all its marks without --as); audited')
    .argument('<case>', 'case file')
    .argument('<id>', 'node id, alias or unique name')
    .addOption(new Option('--as <mark>', 'only this mark').choices(MARKS))
    .option('--json', 'print {"removed"}')
    .action((casePath: string, id: string, opts: { as?: (typeof MARKS)[number]; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath);
        const r = await cli.call('graph.unmark', { id, mark: opts.as });
        if (opts.json) return printJson(r);
        process.stdout.write(`removed ${r.removed} mark(s) from ${id}\n`);
      }),
    );

  program
    .command('marks')
    .description('list marked nodes (compromised, crown-jewel, trusted) with who, when and why')
    .argument('<case>', 'case file')
    .option('--json', 'print [{"id","mark","reason","actor","at"}]')
    .action((casePath: string, opts: { json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const rows = await cli.call('graph.marks', {});
        if (opts.json) return printJson(rows);
        printTable(
          ['id', 'mark', 'reason', 'by', 'at'],
          rows.map((m) => [m.id, m.mark, m.reason, m.actor, m.at]),
        );
      }),
    );

  program
    .command('chokepoints')
    .description('grants and nodes that most entry→crown paths run through, with the exposure each removal cuts, and a minimum edge cut')
    .argument('<case>', 'case file')
    .option('--from <ids...>', 'entry points (default @entry)')
    .option('--to <ids...>', 'targets (default @crown)')
    .option('--limit <n>', 'top edges and nodes to list', positiveInt, 10)
    .option('--json', 'print {"entries","crownJewels","paths","exposed","edges","nodes","minCut"}')
    .action((casePath: string, opts: { from?: string[]; to?: string[]; limit: number; json?: boolean }) =>
      withSession(async (cli) => {
        await cli.open(casePath, { readOnly: true });
        const r = await cli.call('graph.chokepoints', { from: opts.from, to: opts.to, limit: opts.limit });
        if (opts.json) return printJson(r);
        printKeyValues([
          ['entry points', r.entries.length],
          ['crown jewels', r.crownJewels.length],
          ['shortest entry→crown paths', r.paths],
          ['identities exposed', r.exposed],
        ]);
        process.stdout.write('\nchoke-point grants\n');
        printTable(
          ['from', 'edge', 'to', 'paths', 'exposure cut'],
          r.edges.map((e) => [e.from, e.edge, e.to, e.paths, e.exposureCut]),
        );
        process.stdout.write('\nchoke-point nodes\n');
        printTable(
          ['id', 'kind', 'paths', 'exposure cut'],
          r.nodes.map((n) => [n.id, n.kind, n.paths, n.exposureCut]),
        );
        process.stdout.write(`\nminimum cut (${r.minCut.length} grants disconnect every entry point from every crown jewel)\n`);
        printTable(
          ['from', 'edge', 'to'],
          r.minCut.map((e) => [e.from, e.edge, e.to]),
        );
      }),
    );

  program
    .command('what-if')
    .description('measure blast radius, exposure and entry→crown paths with edges or nodes removed or added, without changing the case')
    .argument('<case>', 'case file')
    .option('--remove <from:kind:to>', 'remove an edge (repeatable)', collect)
    .option('--add <from:kind[:privilege]:to>', 'add a hypothetical edge (repeatable)', collect)
    .option('--remove-node <id>', 'remove a node and its edges (repeatable)', collect)
    .option('--add-node <id:kind[:subkind]>', 'add a hypothetical node (repeatable)', collect)
    .option('--from <ids...>', 'entry points (default @entry)')
    .option('--to <ids...>', 'targets (default @crown)')
    .option('--scenario <name>', 'apply a saved scenario (plus any changes given)')
    .option('--save <name>', 'save the changes given as a named scenario in the case')
    .option('--compare <names...>', 'compare saved scenarios side by side')
    .option('--discard <name>', 'delete a saved scenario')
    .option('--list', 'list saved scenarios')
    .option('--json', 'print {"scenario","applied","before","after","delta"}')
    .action((casePath: string, opts: WhatIfOptions) =>
      withSession(async (cli) => {
        const writes = opts.save !== undefined || opts.discard !== undefined;
        await cli.open(casePath, { readOnly: !writes });
        if (opts.list) {
          const rows = await cli.call('graph.scenarios.list', {});
          return opts.json
            ? printJson(rows)
            : printTable(
                ['name', 'created', 'spec'],
                rows.map((r) => [r.name, r.createdAt, r.spec]),
              );
        }
        if (opts.discard !== undefined) {
          const r = await cli.call('graph.scenarios.discard', { name: opts.discard });
          return opts.json ? printJson(r) : void process.stdout.write(`discarded scenario ${opts.discard}\n`);
        }
        if (opts.compare) {
          const rows = await cli.call('graph.scenarios.compare', { names: opts.compare, from: opts.from, to: opts.to });
          if (opts.json) return printJson(rows);
          return printTable(
            ['scenario', 'blast radius', 'score', 'exposed', 'paths', 'crown jewels reached'],
            rows.map((r) => [
              r.scenario,
              signed(r.delta.blastRadius),
              signed(r.delta.score),
              signed(r.delta.exposed),
              signed(r.delta.paths),
              signed(r.delta.crownJewelsReached),
            ]),
          );
        }
        const spec = specFromOptions(opts);
        if (opts.save !== undefined) await cli.call('graph.scenarios.save', { name: opts.save, spec });
        const r = await cli.call('graph.whatIf', { spec, scenario: opts.scenario, from: opts.from, to: opts.to });
        if (opts.json) return printJson(r);
        printWhatIf(r);
        if (opts.save !== undefined) process.stdout.write(`saved as scenario ${opts.save}\n`);
      }),
    );
}

interface WhatIfOptions {
  remove?: string[];
  add?: string[];
  removeNode?: string[];
  addNode?: string[];
  from?: string[];
  to?: string[];
  scenario?: string;
  save?: string;
  compare?: string[];
  discard?: string;
  list?: boolean;
  json?: boolean;
}

function specFromOptions(opts: WhatIfOptions): ScenarioSpec {
  return {
    remove: (opts.remove ?? []).map((t) => parseEdge(t, false)),
    add: (opts.add ?? []).map((t) => parseEdge(t, true)),
    removeNodes: opts.removeNode ?? [],
    addNodes: (opts.addNode ?? []).map(parseNode),
  };
}

/** `from:kind[:privilege]:to`; ids may themselves contain colons (ARNs), so the kind is found by name. */
export function parseEdge(text: string, allowPrivilege: boolean): EdgeSpec {
  const parts = text.split(':');
  for (let i = 1; i < parts.length - 1; i++) {
    if (!(EDGE_KINDS as readonly string[]).includes(parts[i])) continue;
    const from = parts.slice(0, i).join(':');
    let rest = parts.slice(i + 1);
    let privilege: Privilege | undefined;
    if (allowPrivilege && rest.length > 1 && (PRIVILEGES as readonly string[]).includes(rest[0])) {
      privilege = rest[0] as Privilege;
      rest = rest.slice(1);
    }
    return { from, kind: parts[i] as EdgeKind, to: rest.join(':'), ...(privilege ? { privilege } : {}) };
  }
  throw new ApiError(
    'bad-request',
    `expected <from>:<kind>${allowPrivilege ? '[:<privilege>]' : ''}:<to> with kind one of ${EDGE_KINDS.join('|')}: ${text.slice(0, 80)}`,
  );
}

function parseNode(text: string): NodeSpec {
  const parts = text.split(':');
  const at = parts.findIndex((p, i) => i > 0 && (NODE_KINDS as readonly string[]).includes(p));
  if (at < 0) throw new ApiError('bad-request', `expected <id>:<kind>[:<subkind>] with kind one of ${NODE_KINDS.join('|')}: ${text.slice(0, 80)}`);
  const subkind = parts.slice(at + 1).join(':');
  return { id: parts.slice(0, at).join(':'), kind: parts[at] as NodeKind, ...(subkind ? { subkind } : {}) };
}

function printWhatIf(r: WhatIfResult): void {
  const a = r.applied;
  process.stdout.write(
    `${r.scenario ? `scenario ${r.scenario}: ` : ''}removed ${a.removedEdges} edge(s) and ${a.removedNodes} node(s), added ${a.addedEdges} edge(s) and ${a.addedNodes} node(s)\n\n`,
  );
  const rows: [string, keyof WhatIfResult['before']][] = [
    ['blast radius of the entry points', 'blastRadius'],
    ['blast-radius score', 'score'],
    ['identities exposed to crown jewels', 'exposed'],
    ['entry→crown shortest paths', 'paths'],
    ['crown jewels reached', 'crownJewelsReached'],
  ];
  printTable(
    ['measure', 'before', 'after', 'change'],
    rows.map(([label, k]) => [label, r.before[k], r.after[k], signed(r.delta[k])]),
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function describeEvidence(e: {
  type: string;
  file: string | null;
  locator: string | null;
  time?: string;
  sourceIp?: string | null;
  action?: string | null;
  total?: number;
}): string {
  if (e.type === 'grant') return `${e.file ?? '?'} ${e.locator ?? ''}`.trim();
  return `${e.time} ${e.sourceIp ?? ''} ${e.action ?? ''}${e.total ? ` (${e.total} events)` : ''}`.replace(/\s+/g, ' ').trim();
}
