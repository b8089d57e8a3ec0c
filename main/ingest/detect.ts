// Format detection by content, never by file name alone. An unknown or ambiguous file is an
// error that lists the candidates; detection never guesses silently.
import { ApiError } from '../../shared/api/contract.ts';
import type { Importer, Sample } from './importer.ts';
import { IMPORTERS, importerByName } from './registry.ts';

export interface Candidate {
  format: string;
  confidence: number;
  reason: string;
  skip?: boolean;
}

/** Two candidates closer than this are a tie: the analyst must choose with --format. */
const TIE = 0.05;

export function rankFormats(sample: Sample): Candidate[] {
  const out: Candidate[] = [];
  for (const importer of IMPORTERS) {
    let d = null;
    try {
      d = importer.detect(sample);
    } catch {
      d = null; // a detector must not take the others down with it
    }
    if (d && d.confidence > 0) out.push({ format: importer.name, confidence: d.confidence, reason: d.reason, ...(d.skip ? { skip: true } : {}) });
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}

export function detectFormat(sample: Sample, forced?: string): { importer: Importer; reason: string; skip?: boolean; candidates: Candidate[] } {
  if (forced) {
    const importer = importerByName(forced);
    if (!importer) {
      throw new ApiError('bad-request', `unknown format "${forced}"; known formats: ${IMPORTERS.map((i) => i.name).join(', ')}`);
    }
    return { importer, reason: 'chosen with --format', candidates: [] };
  }
  if (!sample.head.trim()) throw new ApiError('bad-input', `${sample.fileName}: the file is empty`);
  const candidates = rankFormats(sample);
  if (!candidates.length) {
    throw new ApiError(
      'bad-input',
      `${sample.fileName}: unrecognised format (no importer matched its content); use --format with one of: ${IMPORTERS.map((i) => i.name).join(', ')}`,
    );
  }
  const [best, second] = candidates;
  if (second && best.confidence - second.confidence < TIE) {
    const list = candidates
      .slice(0, 5)
      .map((c) => `${c.format} (${c.confidence.toFixed(2)}: ${c.reason})`)
      .join('; ');
    throw new ApiError('bad-input', `${sample.fileName}: ambiguous format; candidates: ${list}. Choose one with --format.`);
  }
  return { importer: importerByName(best.format)!, reason: best.reason, skip: best.skip, candidates };
}
