// Handlers for exports: graph (OpenGraph, GraphML) and CSV tables. Content is returned, never written here.
import path from 'node:path';
import { safeFileName, type ExportFile, type ReportResults } from '../../../shared/api/report.ts';
import { findingsCsv, inventoryCsv, pathsCsv } from '../../report/csv-exports.ts';
import { toGraphml } from '../../report/graphml.ts';
import { toOpenGraph } from '../../report/opengraph.ts';
import { gatherReport } from '../../report/html/gather.ts';
import { renderReport } from '../../report/html/render.ts';
import type { Method, Result } from '../../../shared/api/contract.ts';
import type { Handler, Session } from '../session.ts';

type ReportHandlers = { [M in keyof ReportResults]: Handler<M> };

/**
 * Calls another API method through the full dispatch (validation, error mapping). Passed in by dispatch.ts
 * rather than imported, so that dispatch → handlers stays one-way (no import circle).
 */
export type Dispatch = <M extends Method>(session: Session, method: unknown, params: unknown) => Promise<Result<M>>;

function caseStem(s: Session): string {
  return safeFileName(path.basename(s.requireCase().path).replace(/\.blastmap$/i, ''), 'case');
}

export function reportHandlers(dispatch: Dispatch): ReportHandlers {
  return {
    'report.html': async (_p, s) => {
      const data = await gatherReport((method, params) => dispatch(s, method, params));
      const content = renderReport(data);
      return {
        fileName: `${caseStem(s)}-report.html`,
        mediaType: 'text/html',
        content,
        counts: { findings: data.findings.length, paths: data.paths.length },
      };
    },
    'export.graph': (p, s): ExportFile => {
      const kase = s.requireCase();
      if (p.format === 'opengraph') {
        const doc = toOpenGraph(kase);
        return {
          fileName: `${caseStem(s)}.opengraph.json`,
          mediaType: 'application/json',
          content: JSON.stringify(doc),
          counts: { nodes: doc.graph.nodes.length, edges: doc.graph.edges.length },
        };
      }
      const xml = toGraphml(kase);
      return { fileName: `${caseStem(s)}.graphml`, mediaType: 'application/graphml+xml', content: xml, counts: { bytes: xml.length } };
    },
    'export.csv': async (p, s) => {
      const kase = s.requireCase();
      let content: string;
      if (p.what === 'findings') content = findingsCsv(await dispatch<'findings.list'>(s, 'findings.list', {}));
      else if (p.what === 'paths') content = pathsCsv(await dispatch<'graph.paths'>(s, 'graph.paths', { from: ['@entry'], to: ['@crown'], k: 10 }));
      else content = inventoryCsv(kase, p.what);
      const rows = content.split('\r\n').length - 2;
      return { fileName: `${caseStem(s)}-${p.what}.csv`, mediaType: 'text/csv', content, counts: { rows: Math.max(rows, 0) } };
    },
  };
}
