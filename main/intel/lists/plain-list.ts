// Plain lists: one IP, CIDR or ASN (`AS1234`) per line; `#` and `;` start comments; blank lines are ignored.
// Covers Tor exit IP lists, X4BNet VPN/datacenter CIDR lists and most firewall blocklists.
import { parseCidr } from '../ip.ts';
import { ListCollector, type ParsedList } from './types.ts';

export function parsePlainList(text: string): ParsedList {
  const out = new ListCollector();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const token = line.split(/[\s,]+/)[0];
    const asn = /^AS(\d{1,10})$/i.exec(token);
    if (asn && Number(asn[1]) <= 0xffffffff) {
      out.entries.push({ asn: Number(asn[1]) });
      continue;
    }
    const range = parseCidr(token);
    if (range) out.entries.push({ cidr: range.text });
    else out.reject(raw);
  }
  return { format: 'ip-list', class: null, asOf: null, entries: out.entries, rejected: out.rejected, rejectSamples: out.rejectSamples };
}
