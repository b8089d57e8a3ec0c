// CSV lists with a header naming an address, range or ASN column, e.g. Onionoo-derived Tor relay CSVs
// (`fingerprint, ipaddr, port`, comma + space) and bad-ASN lists (`ASN,Entity`). Parsing is forgiving:
// spaces around fields and before quotes are dropped, doubled quotes unescape.
import { parseCidr } from '../ip.ts';
import { ListCollector, type ParsedList } from './types.ts';

const ADDRESS_COLUMNS = ['ip', 'ipaddr', 'ipaddress', 'address', 'addr', 'cidr', 'network', 'prefix', 'range', 'subnet', 'exitaddress'];
const ASN_COLUMNS = ['asn', 'as', 'asnumber', 'autonomoussystem', 'autonomoussystemnumber'];
const LABEL_COLUMNS = ['entity', 'org', 'organisation', 'organization', 'name', 'label', 'description', 'asname'];

export function looksLikeCsvList(head: string): boolean {
  const header = splitCsvLine(head.split(/\r?\n/, 1)[0] ?? '').map(normalise);
  return header.length >= 2 && header.some((h) => ADDRESS_COLUMNS.includes(h) || ASN_COLUMNS.includes(h));
}

export function parseCsvList(text: string): ParsedList {
  const out = new ListCollector();
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map(normalise);
  const ipCol = header.findIndex((h) => ADDRESS_COLUMNS.includes(h));
  const asnCol = header.findIndex((h) => ASN_COLUMNS.includes(h));
  const labelCol = header.findIndex((h) => LABEL_COLUMNS.includes(h));
  const torRelays = header.includes('fingerprint');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const cells = splitCsvLine(lines[i]);
    const label = labelCol >= 0 ? (cells[labelCol] ?? null) : torRelays ? `relay ${(cells[header.indexOf('fingerprint')] ?? '').slice(0, 8)}` : null;
    if (ipCol >= 0) {
      const range = parseCidr(cells[ipCol] ?? '');
      if (range) out.entries.push({ cidr: range.text, label });
      else out.reject(lines[i]);
    } else {
      const m = /^(?:AS)?(\d{1,10})$/i.exec(cells[asnCol] ?? '');
      if (m && Number(m[1]) <= 0xffffffff) out.entries.push({ asn: Number(m[1]), label });
      else out.reject(lines[i]);
    }
  }
  return {
    format: torRelays ? 'tor-relay-csv' : ipCol >= 0 ? 'ip-csv' : 'asn-csv',
    class: torRelays ? 'tor' : null,
    asOf: null,
    entries: out.entries,
    rejected: out.rejected,
    rejectSamples: out.rejectSamples,
  };
}

function normalise(h: string): string {
  return h.toLowerCase().replace(/[\s_\-.]/g, '');
}

/** One CSV line into trimmed cells; quotes may follow spaces (`51447, "RootLayer, NL"`). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let cell = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else cell += line[i++];
      }
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      cell = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length + 1 : comma + 1;
    }
    cells.push(cell.trim());
  }
  return cells;
}
