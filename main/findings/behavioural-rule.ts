// A behavioural rule reads the auth events of a window. It is written as a `watch` so the runner feeds it from the
// run's one shared pass (shared-pass.ts); run on its own (one rule asked for), the same watch is fed alone. Every such
// rule has the same two other parts, defined here once: it cannot run on a case without auth events, and `detect`
// is its watch run alone.
import { runAlone } from './shared-pass.ts';
import type { Detector } from './types.ts';

export function behaviouralRule(rule: Pick<Detector, 'rule' | 'defaults'> & { watch: NonNullable<Detector['watch']> }): Detector {
  return {
    ...rule,
    cannotRun: ({ data }) => (data.eventSpan() ? null : 'no auth events in the case'),
    detect: (ctx, t) => runAlone(ctx.data, rule.watch(ctx, t)),
  };
}
