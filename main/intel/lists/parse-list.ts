// Recognises an intel list by its content and parses it. The file name is only a hint for the class
// of formats that do not carry one (plain lists, CSV); the analyst's explicit class always wins.
import { ApiError } from '../../../shared/api/contract.ts';
import type { NetworkClass } from '../../../shared/model.ts';
import { parseCloudRanges } from './cloud-ranges.ts';
import { looksLikeCsvList, parseCsvList } from './csv-list.ts';
import { parsePlainList } from './plain-list.ts';
import { looksLikeTorExitAddresses, parseTorExitAddresses } from './tor-exit-addresses.ts';
import type { ParsedList } from './types.ts';

export function parseList(text: string): ParsedList {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (err) {
      throw new ApiError('bad-input', `not valid JSON: ${(err as Error).message.slice(0, 200)}`);
    }
    const parsed = parseCloudRanges(doc);
    if (!parsed) throw new ApiError('bad-input', 'JSON that is neither AWS ip-ranges.json, GCP cloud.json nor Azure Service Tags');
    return parsed;
  }
  const head = body.slice(0, 64 * 1024);
  if (looksLikeTorExitAddresses(head)) return parseTorExitAddresses(body);
  if (looksLikeCsvList(head)) return parseCsvList(body);
  return parsePlainList(body);
}

/** The class a list's entries get: the analyst's, else the format's, else a hint from the file name. */
export function classOf(parsed: ParsedList, explicit: NetworkClass | undefined, name: string): NetworkClass {
  if (explicit) return explicit;
  if (parsed.class) return parsed.class;
  const n = name.toLowerCase();
  if (/\btor\b|tor[-_ ]|exit/.test(n)) return 'tor';
  if (/vpn/.test(n)) return 'vpn';
  if (/datacenter|data-center|hosting|bad[-_]?asn|\bdc\b/.test(n)) return 'hosting';
  if (/\baws\b|amazon|gcp|google|azure|cloud/.test(n)) return 'cloud';
  if (/corp|office|corporate/.test(n)) return 'corporate';
  throw new ApiError(
    'bad-request',
    `cannot tell what kind of network "${name}" lists: say it with --class (tor, vpn, hosting, cloud, corporate, ci_runner, residential)`,
  );
}
