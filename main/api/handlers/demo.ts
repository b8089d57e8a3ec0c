// Handler for the demo case: builds the seeded synthetic enterprise once (progress streamed), then opens it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/api/contract.ts';
import type { DemoResults } from '../../../shared/api/demo.ts';
import { buildDemoCase } from '../../demo/index.ts';
import { caseInfo } from '../../store/case-summary.ts';
import type { Handler } from '../session.ts';
import { warmOverviewAnswers } from '../warm-answers.ts';

type DemoHandlers = { [M in keyof DemoResults]: Handler<M> };

/** The same file `npm start` builds and opens (scripts/start.ts), so both show the same demo. */
export function demoCasePath(): string {
  return path.join(process.env.BLASTMAP_HOME ?? path.join(os.homedir(), '.blastmap'), 'demo.blastmap');
}

export const demoHandlers: DemoHandlers = {
  'demo.open': async (_p, s) => {
    // Evidence mode examines the case it was started on (or others, read-only); the demo is never built or opened there.
    s.requireFileWrites('the demo case');
    const file = demoCasePath();
    let built = false;
    if (!fs.existsSync(file)) {
      // A read-only session means evidence mode (the server opens every case read-only): create nothing.
      if (s.kase?.readOnly) throw new ApiError('read-only', 'evidence mode: the demo case does not exist yet and cannot be built here');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Built under a temporary name and moved into place when complete: a cancelled or failed build never
      // leaves half a demo to be opened next time.
      const building = `${file}.building-${process.pid}`;
      try {
        await buildDemoCase(building, { signal: s.signal, progress: s.progress });
        for (const suffix of ['-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
        fs.renameSync(building, file);
      } catch (err) {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
        if (s.signal.aborted) throw new ApiError('cancelled', 'building the demo case was cancelled; nothing was kept');
        throw err;
      }
      built = true;
    }
    const info = caseInfo(s.open(file, { readOnly: s.kase?.readOnly }));
    if (built) await warmOverviewAnswers(s);
    return { ...info, built };
  },
};
