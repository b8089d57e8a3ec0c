// The parse workers' side of backpressure: a worker sends batches and the importing thread acknowledges each
// one when it has written it; a worker waits while MAX_IN_FLIGHT are unacknowledged, so however big the file,
// only a few parsed batches are ever in memory. (The importing side is worker-host.ts.)
import type { MessagePort } from 'node:worker_threads';

const MAX_IN_FLIGHT = 3;

export class BatchCredit {
  private inFlight = 0;
  private wake: (() => void) | null = null;

  /** Listens for the acknowledgements on the worker's port (its only incoming messages). */
  constructor(port: MessagePort) {
    port.on('message', () => {
      this.inFlight--;
      if (this.wake && this.inFlight < MAX_IN_FLIGHT) {
        const w = this.wake;
        this.wake = null;
        w();
      }
    });
  }

  /** A batch was posted. */
  sent(): void {
    this.inFlight++;
  }

  /** Resolves once fewer than MAX_IN_FLIGHT batches wait (at once when that is already so). */
  async room(): Promise<void> {
    if (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (this.wake = resolve));
  }
}
