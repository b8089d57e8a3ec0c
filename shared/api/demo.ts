// API contract for the built-in demo case (Case home): open it, building it first when it does not exist.
import { z } from 'zod';
import type { CaseInfo } from './case.ts';

export const demoRequests = {
  /** Always the one demo case file of this user (no path: the UI cannot make the engine write elsewhere). */
  'demo.open': z.object({}).strict(),
};

export interface DemoResults {
  'demo.open': CaseInfo & { built: boolean };
}
