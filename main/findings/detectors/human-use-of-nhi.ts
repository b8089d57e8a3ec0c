// human-use-of-nhi: a person using a non-human identity: console or interactive sign-ins, browser user
// agents, or interactive logon types (Windows 2/10/11, Entra isInteractive) on an NHI. One streaming pass
// over the detection window, keeping per identity only the signals seen and the events cited.
import { fact, isoTime, nodeEvidence } from '../evidence.ts';
import { EventSample } from '../event-sample.ts';
import { eventNhi } from '../event-subjects.ts';
import type { EventRow, NodeRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';
import { behaviouralRule } from '../behavioural-rule.ts';
import type { DetectionWindow } from '../windows.ts';
import type { Severity } from '../../../shared/model.ts';

/** Actions that are sign-ins by a person at a screen (AWS console, Okta session start, portal/web logins). */
const CONSOLE_ACTION = /console ?log-?in|console ?sign-?in|portal ?sign-?in|web ?log-?in|user\.session\.start|interactive ?log-?on/i;
const BROWSER = /^Mozilla\/\d.*(Chrome|Firefox|Safari|Edg|Gecko|Trident)/;
const AUTOMATION = /headless|bot\b|crawler|spider|puppeteer|playwright|selenium|phantomjs/i;
const INTERACTIVE_LOGON = new Set(['2', '10', '11', 'interactive', 'remoteinteractive', 'cachedinteractive']);

/** Why this event looks like a person at a keyboard, or null. */
export function humanSignal(e: EventRow): string | null {
  const p = e.props;
  if (p.isInteractive === true || p.interactive === true) return 'interactive sign-in flag';
  const logon = p.logon_type ?? p.logonType ?? p.LogonType;
  if (logon !== undefined && INTERACTIVE_LOGON.has(String(logon).toLowerCase())) return `interactive logon type ${String(logon)}`;
  // A log that says "not interactive" (Entra non-interactive and service-principal sign-ins) is believed.
  if (e.action && CONSOLE_ACTION.test(e.action) && p.interactive !== false && p.isInteractive !== false)
    return `console/interactive action ${e.action}`;
  if (e.userAgent && BROWSER.test(e.userAgent) && !AUTOMATION.test(e.userAgent)) return 'browser user agent';
  return null;
}

export const humanUseOfNhi: Detector = behaviouralRule({
  rule: 'human-use-of-nhi',
  defaults: { maxEvents: 20 },
  watch({ data, window }, t) {
    const used: Uses = new Map();
    const see = (e: EventRow) => {
      const identity = eventNhi(data, e);
      if (!identity) return;
      const why = humanSignal(e);
      if (!why) return;
      let mine = used.get(identity.key);
      if (!mine)
        used.set(
          identity.key,
          (mine = { identity, hits: new EventSample(t.maxEvents), signals: new Set(), interactiveSuccess: false, anySuccess: false }),
        );
      mine.hits.add(e);
      mine.signals.add(why);
      if (e.outcome === 1) {
        mine.anySuccess = true;
        if (why !== 'browser user agent') mine.interactiveSuccess = true;
      }
    };
    return { from: window.from, to: window.to, props: true, see, finish: () => drafts(window, used) };
  },
});

type Uses = Map<string, { identity: NodeRow; hits: EventSample; signals: Set<string>; interactiveSuccess: boolean; anySuccess: boolean }>;

function drafts(window: DetectionWindow, used: Uses): FindingDraft[] {
  const win = { from: isoTime(window.from), to: isoTime(window.to) };
  const out: FindingDraft[] = [];
  for (const [key, { identity, hits, signals: seen, interactiveSuccess, anySuccess }] of used) {
    const severity: Severity = interactiveSuccess ? 'high' : anySuccess ? 'medium' : 'low';
    const signals = [...seen];
    out.push({
      subject: key,
      severity,
      window: win,
      severityBecause: interactiveSuccess
        ? 'a successful interactive or console sign-in'
        : anySuccess
          ? 'successful use from a browser'
          : 'only failed attempts',
      title: `${identity.subkind} ${key} used like a person: ${signals.slice(0, 3).join('; ')} (${hits.count} event${hits.count > 1 ? 's' : ''})`,
      evidence: [nodeEvidence(identity), fact('signals', signals), ...hits.evidence()],
    });
  }
  return out;
}
