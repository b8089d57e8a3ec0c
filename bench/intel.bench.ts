// Network intelligence speed: loading the offline ASN database once, and IP → ASN/class lookups
// (target ≥ 1M lookups/s), on IPv4 text as it arrives in logs, and through the full case classifier.
import { asnDb, loadAsnDb } from '../main/intel/asn-db.ts';
import { parseDottedQuad, parseIp } from '../main/intel/ip.ts';
import { NetworkIntel } from '../main/intel/network-intel.ts';
import path from 'node:path';
import { createRequire } from 'node:module';
import { measure, median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const LOOKUPS: Record<string, number> = { demo: 200_000, S: 1_000_000, M: 2_000_000, L: 5_000_000 };

function randomIps(n: number, seed = 42): string[] {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0);
  return Array.from({ length: n }, () => `${(next() % 223) + 1}.${next() % 256}.${next() % 256}.${next() % 256}`);
}

const bench: BenchModule = {
  title: 'Network intelligence (IP → ASN / class)',
  async run({ size, repetitions }) {
    const n = LOOKUPS[size] ?? LOOKUPS.S;
    const dir = path.dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
    const load = await measure(() => loadAsnDb(dir));
    const db = asnDb();
    const texts = randomIps(n);
    const rates: number[] = [];
    const textRates: number[] = [];
    const classifyRates: number[] = [];
    const parsed = texts.map((t) => parseIp(t)!);
    const numbers = Uint32Array.from(parsed, (p) => (p.family === 4 ? p.n : 0));
    const intel = new NetworkIntel([{ cidr: '10.0.0.0/8', key: 'net:10.0.0.0/8', class: 'corporate', label: null }], []);
    for (let r = 0; r < repetitions; r++) {
      let hits = 0;
      let t0 = performance.now();
      for (let i = 0; i < n; i++) if (db.asnOfV4(numbers[i]) >= 0) hits++;
      rates.push(n / ((performance.now() - t0) / 1000));
      t0 = performance.now();
      for (const t of texts) if (db.asnOfV4(parseDottedQuad(t)) >= 0) hits++;
      textRates.push(n / ((performance.now() - t0) / 1000));
      const m = Math.min(n, 200_000);
      t0 = performance.now();
      for (let i = 0; i < m; i++) if (intel.classify(texts[i]).class) hits++;
      classifyRates.push(m / ((performance.now() - t0) / 1000));
      if (hits < 0) throw new Error('unreachable');
    }
    const figures: BenchFigure[] = [
      {
        name: `ASN database load (${db.ranges.toLocaleString('en-US')} ranges)`,
        value: load.ms,
        unit: 'ms',
        peakMb: load.peakMb,
        note: 'once per process',
      },
      {
        name: `IPv4 → ASN lookups, numeric (${n.toLocaleString('en-US')})`,
        value: median(rates),
        unit: 'lookups/s',
        target: '≥ 1M lookups/s',
        met: median(rates) >= 1_000_000,
      },
      {
        name: `IPv4 → ASN lookups from text (${n.toLocaleString('en-US')})`,
        value: median(textRates),
        unit: 'lookups/s',
        target: '≥ 1M lookups/s',
        met: median(textRates) >= 1_000_000,
      },
      { name: 'full classification (analyst CIDRs, lists, ASN class)', value: median(classifyRates), unit: 'lookups/s' },
    ];
    return figures;
  },
};

export default bench;
