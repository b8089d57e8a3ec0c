// The layering check of `npm run lint` (scripts/check-layers.ts): it passes on this repository, and on a small
// fixture tree it catches each kind of violation (forbidden layer import, type-only included; a value import
// circle; a folder missing from the table; a circle in the table itself) without false alarms (shared/api is
// not main/api; a type-only circle is allowed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers, collectImports, describe as describeProblems, readLayerTable } from '../../scripts/check-layers.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const docTable = () => readLayerTable(fs.readFileSync(path.join(repo, 'docs/architecture.md'), 'utf8'));

describe('layer table in docs/architecture.md', () => {
  it('places every folder of main/ and the repository satisfies it', () => {
    const table = docTable();
    const folders = fs
      .readdirSync(path.join(repo, 'main'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.filter((f) => !table.has(f))).toEqual([]);
    expect(describeProblems(checkLayers(collectImports(repo), table, folders))).toEqual([]);
  });

  it('keeps the rules the architecture promises', () => {
    const table = docTable();
    for (const lower of ['ingest', 'graph', 'findings', 'api', 'server', 'cli']) expect(table.get('store')!.has(lower)).toBe(false);
    expect(table.get('graph')!.has('api')).toBe(false);
    expect(table.get('inventory')!.has('api')).toBe(false);
    expect(table.get('ingest')!.has('report')).toBe(false);
    expect(table.get('intel')!.has('ingest')).toBe(false);
  });
});

describe('check on a fixture tree', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-layers-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('shared/api/contract.ts', 'export const x = 1;\n');
  write('main/api/session.ts', 'export interface Session { a: number }\n');
  write('main/store/ok.ts', "import { x } from '../../shared/api/contract.ts';\nexport const y = x;\n");
  write('main/store/bad.ts', "import { parse } from '../ingest/parse.ts';\nexport const z = parse;\n");
  write('main/ingest/parse.ts', "import { y } from '../store/ok.ts';\nexport const parse = y;\n");
  write('main/graph/index.ts', "import type { Session } from '../api/session.ts';\nexport type S = Session;\n");
  write('main/graph/a.ts', "import { b } from './b.ts';\nexport const a = () => b;\n");
  write('main/graph/b.ts', "import { a } from './a.ts';\nexport const b = () => a;\n");
  write('main/graph/t1.ts', "import type { T2 } from './t2.ts';\nexport type T1 = { next?: T2 };\n");
  write('main/graph/t2.ts', "import type { T1 } from './t1.ts';\nexport type T2 = { next?: T1 };\n");
  write('main/graph/lazy.ts', "export const load = () => import('../api/session.ts');\n");
  write('main/extra/x.ts', "import { y } from '../store/ok.ts';\nexport const e = y;\n");
  const table = new Map([
    ['store', new Set<string>()],
    ['ingest', new Set(['store'])],
    ['graph', new Set(['store'])],
    ['api', new Set(['store', 'ingest', 'graph'])],
  ]);
  const report = checkLayers(collectImports(root), table, ['store', 'ingest', 'graph', 'api', 'extra']);

  it('flags forbidden imports, type-only and dynamic ones included', () => {
    expect(report.forbidden.map((v) => `${v.from} -> ${v.to}`).sort()).toEqual([
      'main/graph/index.ts -> main/api/session.ts',
      'main/graph/lazy.ts -> main/api/session.ts',
      'main/store/bad.ts -> main/ingest/parse.ts',
    ]);
  });

  it('reports a value circle and lets a type-only circle be', () => {
    expect(report.circles).toEqual([['main/graph/a.ts', 'main/graph/b.ts']]);
  });

  it('reports a folder the table does not place', () => {
    expect(report.unknownFolders).toEqual(['extra']);
  });

  it('refuses a table with a circle', () => {
    const circular = new Map([
      ['store', new Set(['ingest'])],
      ['ingest', new Set(['store'])],
    ]);
    expect(checkLayers([], circular).tableCircle).toEqual(['store', 'ingest', 'store']);
    expect(report.tableCircle).toBeNull();
  });

  it('reads the table between the markers only', () => {
    const md =
      'intro | `x/` | `y/` | no |\n<!-- layers:start -->\n| folder | may | why |\n|---|---|---|\n| `a/` | — | bottom |\n| `b/` | `a/` | above |\n<!-- layers:end -->\n';
    expect([...readLayerTable(md)].map(([k, v]) => [k, [...v]])).toEqual([
      ['a', []],
      ['b', ['a']],
    ]);
  });
});
