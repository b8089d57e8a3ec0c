// Runs one layout in a fresh Web Worker (layout.worker.ts) and hands back the positions; cancelling ends the
// worker at once (a layout has no checkpoints to stop at). One worker per job: the previous job's worker is
// gone before the next starts, and nothing of a large picture stays in memory afterwards.
import type { LayoutJob, Positions } from './layout-choice.ts';
import type { LayoutMessage } from './layout.worker.ts';

export interface LayoutRun {
  result: Promise<Positions>;
  cancel(): void;
}

export function layoutInWorker(job: LayoutJob, onStage: (stage: string) => void): LayoutRun {
  const worker = new Worker(new URL('layout.worker.js', document.baseURI), { type: 'module', name: 'layout' });
  let settle: { reject(e: Error): void } | null = null;
  const result = new Promise<Positions>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (e: MessageEvent<LayoutMessage>) => {
      const m = e.data;
      if (m.type === 'progress') onStage(m.stage);
      else {
        worker.terminate();
        if (m.type === 'failed') reject(new Error(`layout failed: ${m.message}`));
        else {
          const out: Positions = new Map();
          m.ids.forEach((id, i) => out.set(id, { x: m.xy[2 * i], y: m.xy[2 * i + 1] }));
          resolve(out);
        }
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`layout worker: ${e.message || 'could not start'}`));
    };
  });
  worker.postMessage(job);
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle?.reject(new Error('cancelled'));
    },
  };
}
