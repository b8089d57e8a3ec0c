// The usage roll-up may be written out in parts when it grows large: the stored rows must be exactly what
// one write at the end gives (usage merges counts and times, pending references widen their event range).
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { openCase, type CaseFile } from '../../main/store/case-file.ts';
import { UsageRollup } from '../../main/store/usage-rollup.ts';
import { tmpDir } from '../helpers.ts';

const opened: { kase: CaseFile; dir: string }[] = [];
afterEach(() => {
  for (const { kase, dir } of opened.splice(0)) {
    kase.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function newCase(): CaseFile {
  const dir = tmpDir();
  const kase = openCase(path.join(dir, 'u.blastmap'), { create: true });
  opened.push({ kase, dir });
  return kase;
}

function stored(kase: CaseFile) {
  return {
    usage: kase.db.prepare('SELECT src, dst, first_seen, last_seen, count FROM usage ORDER BY src, dst').all(),
    pending: kase.db.prepare('SELECT kind, ref, first_event, last_event FROM pending_ref ORDER BY kind, ref').all(),
  };
}

describe('UsageRollup', () => {
  it('stores the same usage and pending references whether written once or in many parts', () => {
    const once = newCase(),
      parts = newCase();
    const whole = new UsageRollup(once.db);
    const small = new UsageRollup(parts.db, 7);
    let seed = 3;
    const random = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 8) % n;
    for (let event = 1; event <= 3000; event++) {
      const identity = random(5) === 0 ? null : 1000 + random(40);
      const credential = random(3) === 0 ? null : 2000 + random(30);
      const target = random(4) === 0 ? null : 3000 + random(10);
      const term = random(2) ? 4000 + random(20) : null;
      const ts = 1_700_000_000_000 + random(100_000) * 1000;
      const outcome = random(4) ? 1 : 0;
      whole.add(event, ts, identity, credential, target, term, outcome);
      small.add(event, ts, identity, credential, target, term, outcome);
    }
    whole.save();
    small.save();
    const expected = stored(once);
    expect(expected.usage.length).toBeGreaterThan(100);
    expect(expected.pending.length).toBeGreaterThan(20);
    expect(stored(parts)).toEqual(expected);
  });
});
