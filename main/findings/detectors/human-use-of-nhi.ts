// human-use-of-nhi: a person using a non-human identity: console or interactive sign-ins, browser user
// agents, or interactive logon types (Windows 2/10/11, Entra isInteractive) on an NHI.
import { fact, isoTime, nodeEvidence, sampleEvents } from '../evidence.ts';
import { nhiEventsByIdentity } from '../event-subjects.ts';
import type { EventRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';
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
  if (e.action && CONSOLE_ACTION.test(e.action) && p.interactive !== false && p.isInteractive !== false) return `console/interactive action ${e.action}`;
  if (e.userAgent && BROWSER.test(e.userAgent) && !AUTOMATION.test(e.userAgent)) return 'browser user agent';
  return null;
}

export const humanUseOfNhi: Detector = {
  rule: 'human-use-of-nhi',
  defaults: { maxEvents: 20 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, window }, t) {
    const win = { from: isoTime(window.from), to: isoTime(window.to) };
    const out: FindingDraft[] = [];
    for (const [key, { identity, events }] of nhiEventsByIdentity(data, data.events(window.from, window.to))) {
      const hits = events.map((e) => ({ e, why: humanSignal(e) })).filter((h) => h.why);
      if (!hits.length) continue;
      const interactiveSuccess = hits.some((h) => h.e.outcome === 1 && h.why !== 'browser user agent');
      const anySuccess = hits.some((h) => h.e.outcome === 1);
      const severity: Severity = interactiveSuccess ? 'high' : anySuccess ? 'medium' : 'low';
      const signals = [...new Set(hits.map((h) => h.why as string))];
      out.push({
        subject: key, severity, window: win,
        severityBecause: interactiveSuccess ? 'a successful interactive or console sign-in' : anySuccess ? 'successful use from a browser' : 'only failed attempts',
        title: `${identity.subkind} ${key} used like a person: ${signals.slice(0, 3).join('; ')} (${hits.length} event${hits.length > 1 ? 's' : ''})`,
        evidence: [nodeEvidence(identity), fact('signals', signals), ...sampleEvents(hits.map((h) => h.e), t.maxEvents)],
      });
    }
    return out;
  },
};
