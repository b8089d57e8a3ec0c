// ASN → network class: the curated table first, then organisation-name heuristics.
import { CURATED_ASNS, ORG_HEURISTICS, type AsnClass } from '../../shared/catalogs/asn-classes.ts';

export interface AsnClassification {
  class: AsnClass;
  /** `curated` or `org-name`: how the class was decided, for the evidence. */
  basis: 'curated' | 'org-name';
  note: string;
}

const memo = new Map<number, AsnClassification | null>();

export function classifyAsn(asn: number, org: string | null): AsnClassification | null {
  const hit = memo.get(asn);
  if (hit !== undefined) return hit;
  let result: AsnClassification | null = null;
  const curated = CURATED_ASNS[asn];
  if (curated) result = { class: curated.class, basis: 'curated', note: curated.note };
  else if (org) {
    const rule = ORG_HEURISTICS.find((h) => h.pattern.test(org));
    if (rule) result = { class: rule.class, basis: 'org-name', note: `organisation name "${org.slice(0, 80)}"` };
  }
  if (memo.size < 100_000) memo.set(asn, result);
  return result;
}
