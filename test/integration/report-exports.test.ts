import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../shared/api/report.ts';
import { csvCell } from '../../shared/csv-escape.ts';
import { FIXTURES, TestCase, runCli, tmpDir } from '../helpers.ts';

const CSV = path.join(FIXTURES, 'csv');
const HOSTILE = 'id,name,kind,owner\n"=HYPERLINK(""http://x"",""y"")",<script>alert(1)</script>,human,\n@SUM(1),"a:b/c",service_account,+evil\n';

async function sampleCase(): Promise<TestCase> {
  const t = await TestCase.create();
  await t.call('import.files', { paths: [CSV] });
  await t.importText('hostile.csv', HOSTILE);
  return t;
}

function edgeSet(t: TestCase): string[] {
  return t.db
    .prepare(
      `SELECT s.key || ' ' || e.kind || ' ' || d.key || ' ' || e.privilege AS x FROM edge e
    JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst ORDER BY x`,
    )
    .pluck()
    .all() as string[];
}
function nodeSet(t: TestCase): string[] {
  return t.db.prepare(`SELECT key || ' ' || kind || ' ' || coalesce(subkind, '') AS x FROM node ORDER BY x`).pluck().all() as string[];
}

describe('OpenGraph export', () => {
  it('follows the OpenGraph schema rules', async () => {
    const t = await sampleCase();
    const file = await t.call('export.graph', { format: 'opengraph' });
    const doc = JSON.parse(file.content);
    expect(doc.metadata.source_kind).toBe('Blastmap');
    const ids = new Set<string>();
    for (const n of doc.graph.nodes) {
      expect(n.id).not.toContain(':');
      expect(n.kinds.length).toBeGreaterThanOrEqual(1);
      expect(n.kinds.length).toBeLessThanOrEqual(3);
      for (const v of Object.values(n.properties)) expect(['string', 'number', 'boolean']).toContain(typeof v);
      ids.add(n.id);
    }
    expect(ids.size).toBe(doc.graph.nodes.length);
    expect(doc.graph.nodes.length).toBe(t.db.prepare('SELECT count(*) FROM node').pluck().get());
    for (const e of doc.graph.edges) {
      expect(ids.has(e.start.value) && ids.has(e.end.value)).toBe(true);
      expect(e.start.match_by).toBe('id');
      expect(typeof e.kind).toBe('string');
      for (const v of Object.values(e.properties)) expect(['string', 'number', 'boolean']).toContain(typeof v);
    }
    t.close();
  });

  it('round-trips: export then import into a fresh case gives the same nodes and edges', async () => {
    const t = await sampleCase();
    const file = await t.call('export.graph', { format: 'opengraph' });
    const copy = await TestCase.create();
    const r = await copy.importText('case.opengraph.json', file.content);
    expect(r.format).toBe('opengraph');
    expect(r.rejected).toBe(0);
    expect(nodeSet(copy)).toEqual(nodeSet(t));
    expect(edgeSet(copy)).toEqual(edgeSet(t));
    t.close();
    copy.close();
  });
});

describe('GraphML and CSV exports', () => {
  it('writes GraphML that parses back with every node and edge, names kept as text', async () => {
    const t = await sampleCase();
    const xml = (await t.call('export.graph', { format: 'graphml' })).content;
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const g = parsed.graphml.graph;
    expect(g.node.length).toBe(t.db.prepare('SELECT count(*) FROM node').pluck().get());
    expect(g.edge.length).toBe(t.db.prepare('SELECT count(*) FROM edge').pluck().get());
    const script = g.node.find((n: { data: { key: string; '#text': string }[] }) => n.data.some((d) => d['#text'] === '<script>alert(1)</script>'));
    expect(script).toBeDefined();
    expect(xml).not.toContain('<script>');
    t.close();
  });

  it('neutralises spreadsheet formulas in every CSV export', async () => {
    const t = await sampleCase();
    const ids = (await t.call('export.csv', { what: 'identities' })).content;
    expect(ids).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(ids).toContain("'@SUM(1)");
    expect(ids).toContain("'+evil");
    expect(ids.split('\r\n').some((line) => /^[=+\-@]/.test(line))).toBe(false);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    t.close();
  });

  it('exports through the CLI into files whose names cannot escape the folder', () => {
    const dir = tmpDir();
    const kase = path.join(dir, 'odd name ..;$(rm).blastmap');
    expect(runCli(['import', kase, CSV]).status).toBe(0);
    const out = path.join(dir, 'out');
    const r = runCli(['export', kase, '--format', 'csv', '--out', out, '--only', 'identities,systems,entitlements']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['odd-name-rm-entitlements.csv', 'odd-name-rm-identities.csv', 'odd-name-rm-systems.csv']);
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('...')).toBe('blastmap-export');
    const og = runCli(['export', kase, '--format', 'opengraph', '--out', path.join(dir, 'g.json')]);
    expect(og.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'g.json'), 'utf8')).graph.nodes.length).toBeGreaterThan(10);
    expect(runCli(['export', kase, '--format', 'pdf', '--out', out]).status).toBe(1);
  });
});
