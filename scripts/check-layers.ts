// Layering inside main/, checked on every `npm run lint`: which main/ folders may import which (the table in
// docs/architecture.md, read from there so it is written once) and no import circle between files.
// Imports are resolved to files, so `../api/session.ts` (main/api) and `../../shared/api/…` (shared/api) are
// never confused. Type-only imports count for layering (they still couple the code) but not for circles
// (they are erased at run time, and a type-only circle cannot leave a module half-initialised).
// It never changes a file; it prints each violation with the file and the import, and exits 1 if there is one.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  from: string; // file, relative to the root, with '/' separators
  to: string;
  typeOnly: boolean;
}

export interface LayerReport {
  forbidden: { from: string; to: string; fromLayer: string; toLayer: string }[];
  unknownFolders: string[];
  circles: string[][];
  tableCircle: string[] | null;
}

const TABLE_START = '<!-- layers:start -->';
const TABLE_END = '<!-- layers:end -->';

/**
 * The allowed-dependency table: rows `| \`folder/\` | \`a/\`, \`b/\` | why |` between the layer markers.
 * `shared/` is allowed to everyone implicitly; `—` means nothing else.
 */
export function readLayerTable(markdown: string): Map<string, Set<string>> {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`no layer table between ${TABLE_START} and ${TABLE_END}`);
  const table = new Map<string, Set<string>>();
  for (const line of markdown.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4) continue;
    const folder = /^`([\w-]+)\/`$/.exec(cells[1])?.[1];
    if (!folder) continue;
    const allowed = new Set([...cells[2].matchAll(/`([\w-]+)\/`/g)].map((m) => m[1]));
    table.set(folder, allowed);
  }
  return table;
}

/** Every relative import of every .ts/.tsx file under root/main, resolved to a file under root. */
export function collectImports(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of walk(path.join(root, 'main'))) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const add = (spec: string, typeOnly: boolean) => {
      if (!spec.startsWith('.')) return;
      const target = resolve(path.dirname(file), spec);
      if (target) edges.push({ from: rel(root, file), to: rel(root, target), typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, isTypeOnlyImport(node));
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, node.isTypeOnly || isTypeOnlyExport(node));
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        add(node.arguments[0].text, false);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node.argument.literal.text, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

/** `folders`: every folder of main/, so one that imports nothing still has to be placed in the table. */
export function checkLayers(edges: ImportEdge[], table: Map<string, Set<string>>, folders: string[] = []): LayerReport {
  const report: LayerReport = { forbidden: [], unknownFolders: [], circles: [], tableCircle: null };
  const unknown = new Set<string>(folders.filter((f) => !table.has(f)));
  for (const e of edges) {
    const fromLayer = layerOf(e.from);
    const toLayer = layerOf(e.to);
    if (!fromLayer || fromLayer === toLayer || toLayer === 'shared') continue;
    if (!table.has(fromLayer)) {
      unknown.add(fromLayer);
      continue;
    }
    if (toLayer === null || !table.get(fromLayer)!.has(toLayer)) {
      report.forbidden.push({ from: e.from, to: e.to, fromLayer, toLayer: toLayer ?? path.dirname(e.to) });
    }
  }
  report.unknownFolders = [...unknown].sort();
  report.circles = fileCircles(edges.filter((e) => !e.typeOnly));
  report.tableCircle = tableCircle(table);
  return report;
}

/** The main/ folder a file belongs to ('shared' for shared/), or null outside both. */
function layerOf(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] === 'main' && parts.length > 2) return parts[1];
  if (parts[0] === 'shared') return 'shared';
  return null;
}

/** Strongly connected components with more than one file (or a file importing itself), by Tarjan's algorithm. */
function fileCircles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    next.get(e.from)!.push(e.to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return out;
}

/** The table itself must be a hierarchy: a circle there would let two folders import each other. */
function tableCircle(table: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === 'done') return null;
    if (state.get(folder) === 'open') return [...trail.slice(trail.indexOf(folder)), folder];
    state.set(folder, 'open');
    trail.push(folder);
    for (const dep of table.get(folder) ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    trail.pop();
    state.set(folder, 'done');
    return null;
  };
  for (const folder of table.keys()) {
    const found = visit(folder);
    if (found) return found;
  }
  return null;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

function resolve(dir: string, spec: string): string | null {
  const base = path.resolve(dir, spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Human-readable lines, one per problem; empty when the layering holds. */
export function describe(report: LayerReport): string[] {
  const lines: string[] = [];
  for (const f of report.unknownFolders) lines.push(`main/${f}/ is not in the layer table of docs/architecture.md: add a row for it`);
  for (const v of report.forbidden)
    lines.push(`${v.from} imports ${v.to}: ${v.fromLayer}/ may not import ${v.toLayer}/ (docs/architecture.md, Layers)`);
  for (const c of report.circles) lines.push(`import circle: ${c.join(' ↔ ')}`);
  if (report.tableCircle) lines.push(`the layer table has a circle: ${report.tableCircle.join(' → ')}`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const table = readLayerTable(fs.readFileSync(path.join(root, 'docs/architecture.md'), 'utf8'));
  const folders = fs
    .readdirSync(path.join(root, 'main'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const problems = describe(checkLayers(collectImports(root), table, folders));
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`${problems.length} layering problem(s)`);
    process.exit(1);
  }
}
