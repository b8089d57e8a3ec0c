// Cloud providers' published IP ranges: AWS ip-ranges.json, GCP cloud.json, Azure Service Tags JSON.
// The same CIDR may repeat under several services (AWS: AMAZON and EC2); every copy is kept with its label.
import { parseCidr } from '../ip.ts';
import { utcMillis } from './tor-exit-addresses.ts';
import { ListCollector, type ParsedList } from './types.ts';

type Json = Record<string, unknown>;

export function cloudFormatOf(doc: unknown): 'aws-ip-ranges' | 'gcp-cloud' | 'azure-service-tags' | null {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const d = doc as Json;
  if (Array.isArray(d.prefixes) && (d.createDate !== undefined || Array.isArray(d.ipv6_prefixes))) return 'aws-ip-ranges';
  if (Array.isArray(d.prefixes) && d.creationTime !== undefined) return 'gcp-cloud';
  if (Array.isArray(d.values) && (d.changeNumber !== undefined || d.cloud !== undefined)) return 'azure-service-tags';
  return null;
}

export function parseCloudRanges(doc: unknown): ParsedList | null {
  const format = cloudFormatOf(doc);
  if (!format) return null;
  const d = doc as Json;
  const out = new ListCollector();
  const add = (cidr: unknown, label: string) => {
    const range = typeof cidr === 'string' ? parseCidr(cidr) : null;
    if (range) out.entries.push({ cidr: range.text, label: label.slice(0, 200) });
    else out.reject(JSON.stringify(cidr) ?? String(cidr));
  };
  let asOf: string | null = null;
  if (format === 'aws-ip-ranges') {
    const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/.exec(String(d.createDate ?? ''));
    asOf = m ? iso(utcMillis(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`)) : null;
    for (const p of d.prefixes as Json[]) add(p?.ip_prefix, awsLabel(p));
    for (const p of (Array.isArray(d.ipv6_prefixes) ? d.ipv6_prefixes : []) as Json[]) add(p?.ipv6_prefix, awsLabel(p));
  } else if (format === 'gcp-cloud') {
    const t = String(d.creationTime ?? '');
    asOf = iso(Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}Z`));
    for (const p of d.prefixes as Json[]) add(p?.ipv4Prefix ?? p?.ipv6Prefix, `GCP ${str(p?.service)} ${str(p?.scope)}`.trim());
  } else {
    for (const v of d.values as Json[]) {
      const props = (v?.properties ?? {}) as Json;
      const label = `Azure ${str(v?.name)}`;
      for (const cidr of Array.isArray(props.addressPrefixes) ? props.addressPrefixes : []) add(cidr, label);
    }
  }
  return { format, class: 'cloud', asOf, entries: out.entries, rejected: out.rejected, rejectSamples: out.rejectSamples };
}

function awsLabel(p: Json): string {
  return `AWS ${str(p?.service)} ${str(p?.region)}`.trim();
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function iso(ms: number | null): string | null {
  return ms !== null && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
