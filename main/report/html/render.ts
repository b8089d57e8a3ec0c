// Renders the case report as one self-contained HTML document: inline styles, inline SVG charts, no
// script, and a CSP that forbids every external request, so it opens offline and prints as is.
import type { AttackPath, AttackPathHop } from '../../../shared/api/graph.ts';
import type { Finding } from '../../../shared/api/findings.ts';
import { SEVERITIES } from '../../../shared/model.ts';
import { barChart } from './charts.ts';
import type { ReportData } from './gather.ts';
import { html, type Html } from './html.ts';
import { REPORT_CSS } from './style.ts';

const SEVERITY_COLOURS: Record<string, string> = { critical: '#9b1c1c', high: '#c2410c', medium: '#b7791f', low: '#4b6a9b', info: '#6b7280' };

const EDGE_PHRASES: Record<string, string> = {
  member_of: 'is a member of',
  has_role: 'holds the role',
  can_assume: 'can assume',
  owns: 'owns (can manage the credentials of)',
  access: 'has access to',
  has_credential: 'holds the credential',
  authenticates: 'is a secret that signs in as',
  stores: 'stores the secret',
  runs_as: 'runs its workloads as',
};

export function renderReport(d: ReportData): string {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, d.findings.filter((f) => f.severity === s).length]));
  const title = `Blastmap case report: ${d.info.path.split(/[\\/]/).pop() ?? 'case'}`;
  const doc = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${title}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>${title}</h1><p class="meta">Generated ${d.generatedAt} · data as of ${d.info.asOf ?? 'n/a'} · ${d.sources.length} sources · schema v${d.info.schemaVersion}</p></header>
${summary(d, counts)}
${scope(d)}
${findingsSection(d.findings, counts, d.findingsPersisted)}
${pathsSection(d.paths)}
${compromisedSection(d)}
${metricsSection(d)}
${remediation(d)}
${appendix(d)}
${d.warnings.length ? html`<section><h2>Notes on this report</h2><ul>${d.warnings.map((w) => html`<li>${w}</li>`)}</ul></section>` : ''}
</body></html>`;
  return doc.text;
}

function summary(d: ReportData, counts: Record<string, number>): Html {
  const top = d.paths[0];
  const identities = Object.values(d.info.identities).reduce((a, b) => a + b, 0);
  return html`<section class="summary"><h2>Executive summary</h2>
  <div class="tiles">
    <div class="tile"><b>${identities}</b><span>identities</span></div>
    <div class="tile"><b>${d.metrics?.nonHumanIdentities ?? '–'}</b><span>non-human identities</span></div>
    <div class="tile crit"><b>${counts.critical + counts.high}</b><span>critical and high findings</span></div>
    <div class="tile"><b>${d.paths.length}</b><span>attack paths to crown jewels (top ${d.paths.length})</span></div>
    <div class="tile"><b>${d.marks.filter((m) => m.mark === 'compromised').length}</b><span>identities marked compromised</span></div>
  </div>
  <p>${d.findings.length} findings (${SEVERITIES.slice()
    .reverse()
    .map((s) => `${counts[s]} ${s}`)
    .join(', ')}).
  ${top ? html`The shortest attack path runs <b>${top.nodes.join(' → ')}</b> in ${top.hops.length} ${top.hops.length === 1 ? 'hop' : 'hops'}.` : 'No path from an entry point to a crown jewel was found.'}
  ${d.chokepoints?.minCut.length ? html`Removing <b>${d.chokepoints.minCut.length}</b> grant(s) listed under Remediation disconnects every entry point from every crown jewel.` : ''}</p>
  </section>`;
}

function scope(d: ReportData): Html {
  return html`<section><h2>Scope</h2>
  <p>As-of time: <b>${d.info.asOf ?? 'n/a'}</b> (latest timestamp in the imported data unless the analyst set one). Auth events: ${d.info.authEvents}; rejected rows: ${d.info.rejects}; unresolved references: ${d.info.unresolved}.</p>
  <table><thead><tr><th>#</th><th>file</th><th>format</th><th>rows</th><th>loaded</th><th>rejected</th><th>sha256</th><th>imported</th></tr></thead><tbody>
  ${d.sources.map((s) => html`<tr><td>${s.id}</td><td>${s.file}</td><td>${s.format}</td><td class="n">${s.rows}</td><td class="n">${s.loaded}</td><td class="n">${s.rejected}</td><td class="mono">${s.sha256}</td><td>${s.importedAt}</td></tr>`)}
  </tbody></table></section>`;
}

/**
 * Every finding, grouped by rule, the most severe groups (incidents) first. Critical and high findings carry why
 * they matter; the rest are one line each, inside a collapsed group, so the report stays readable and complete.
 */
function findingsSection(findings: Finding[], counts: Record<string, number>, persisted: boolean): Html {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  const ordered = [...groups.entries()]
    .map(([rule, list]) => [rule, list.sort((a, b) => rank(b) - rank(a) || b.score - a.score)] as const)
    .sort((a, b) => rank(b[1][0]) - rank(a[1][0]) || b[1].length - a[1].length);
  const severe = (f: Finding) => f.severity === 'critical' || f.severity === 'high';
  const row = (f: Finding) =>
    html`<tr><td><span class="sev ${f.severity}">${f.severity}</span></td><td title="${f.subject}">${f.subjectName ?? f.subject}<div class="mono why">${f.subject}</div></td><td>${f.title}${severe(f) ? html`<div class="why">${f.why}</div>` : ''}</td><td class="mono">${f.frameworks.join(', ')}</td><td>${f.status}${f.note ? html`<div class="why">${f.note}</div>` : ''}</td></tr>`;
  return html`<section><h2>Findings by severity</h2>
  ${persisted ? '' : html`<p class="note">Findings were computed for this report (not yet run in the case); triage status is therefore "open".</p>`}
  ${barChart(
    SEVERITIES.slice()
      .reverse()
      .map((s) => ({ label: s, value: counts[s], colour: SEVERITY_COLOURS[s] })),
    { title: 'findings by severity' },
  )}
  <p class="note" data-findings-listed="${findings.length}">All ${findings.length} findings are listed below, grouped by rule, the most severe groups first; critical and high findings say why they matter.</p>
  ${ordered.map(
    ([rule, list]) => html`<details class="rule-group"${severe(list[0]) ? ' open' : ''}><summary><b>${rule}</b> (${list.length})</summary>
  <table><thead><tr><th>severity</th><th>subject</th><th>finding</th><th>frameworks</th><th>status</th></tr></thead><tbody>
  ${list.map(row)}
  </tbody></table></details>`,
  )}</section>`;
}

function hopText(h: AttackPathHop): Html {
  const grant = h.evidence.find((e) => e.type === 'grant');
  const events = h.evidence.filter((e) => e.type === 'event');
  const privilege = grant?.privilege ? ` (${grant.privilege})` : '';
  return html`<li><b>${h.from}</b> ${EDGE_PHRASES[h.edge] ?? h.edge}${privilege} <b>${h.to}</b>
    <div class="evidence">${grant ? html`granted by ${grant.file ?? 'unknown source'} ${grant.locator ?? ''}` : 'no grant row recorded'}${
      events.length
        ? html`; exercised ${events[0].total ?? events.length} time(s), e.g. ${events
            .map((e) => html`${e.time ?? ''} from ${e.sourceIp ?? 'unknown'} (${e.action ?? 'event'})`)
            .slice(0, 3)
            .map((x, i) => (i ? html`; ${x}` : x))}`
        : '; not seen exercised in the logs'
    }</div></li>`;
}

function pathsSection(paths: AttackPath[]): Html {
  return html`<section><h2>Top attack paths</h2>
  ${
    paths.length
      ? paths.map(
          (p, i) =>
            html`<div class="path"><h3>Path ${i + 1}: ${p.nodes[0]} → ${p.nodes[p.nodes.length - 1]} <small>(cost ${p.cost.toFixed(2)}, ${p.hops.length} hops)</small></h3><ol>${p.hops.map(hopText)}</ol></div>`,
        )
      : html`<p>No entry point reaches a crown jewel. Entry points are identities marked compromised or flagged by high/critical findings; crown jewels are systems marked as such or of criticality critical.</p>`
  }
  </section>`;
}

function compromisedSection(d: ReportData): Html {
  if (!d.compromised.length) return html``;
  return html`<section><h2>Blast radius of compromised identities</h2>
  ${d.compromised.map(
    (
      r,
    ) => html`<h3>${r.identity}</h3><p>Reaches ${r.summary.reached} nodes; systems read ${r.summary.systems.read}, write ${r.summary.systems.write}, admin ${r.summary.systems.admin}; crown jewels: ${r.summary.crownJewels.join(', ') || 'none'}; score ${r.summary.score}.</p>
  <table><thead><tr><th>reached</th><th>kind</th><th>privilege</th><th>hops</th><th>via</th></tr></thead><tbody>
  ${r.reach.slice(0, 25).map((x) => html`<tr><td class="mono">${x.id}</td><td>${x.kind}</td><td>${x.privilege ?? ''}</td><td class="n">${x.hops}</td><td class="mono">${x.path.join(' → ')}</td></tr>`)}
  </tbody></table>`,
  )}</section>`;
}

function metricsSection(d: ReportData): Html {
  const m = d.metrics;
  if (!m) return html``;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 100)}%`);
  const byKind = Object.entries(m.inventory.byKind)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([label, value]) => ({ label, value }));
  return html`<section><h2>Lifecycle metrics</h2>
  <div class="tiles">
    <div class="tile"><b>${pct(m.credentials.rotationCoverage)}</b><span>rotation coverage</span></div>
    <div class="tile"><b>${pct(m.credentials.shortLivedShare)}</b><span>short-lived credentials</span></div>
    <div class="tile"><b>${m.credentials.medianAgeDays ?? 'n/a'}</b><span>median credential age (days)</span></div>
    <div class="tile"><b>${pct(m.ownershipCoverage)}</b><span>ownership coverage</span></div>
    <div class="tile"><b>${m.orphaned}</b><span>orphaned</span></div>
    <div class="tile"><b>${m.dormant}</b><span>dormant</span></div>
  </div>
  ${barChart(byKind, { title: 'inventory by kind' })}
  ${m.timeToRevoke.length ? html`<h3>Time to revoke</h3><table><thead><tr><th>credential</th><th>first anomalous use</th><th>revoked</th><th>hours</th></tr></thead><tbody>${m.timeToRevoke.map((t) => html`<tr><td class="mono">${t.credential}</td><td>${t.firstAnomalousAt}</td><td>${t.revokedAt}</td><td class="n">${t.hours}</td></tr>`)}</tbody></table>` : ''}
  </section>`;
}

function remediation(d: ReportData): Html {
  const c = d.chokepoints;
  if (!c) return html``;
  return html`<section><h2>Remediation: choke points</h2>
  <p>${c.entries.length} entry points, ${c.crownJewels.length} crown jewels, ${c.paths} entry→crown shortest paths, ${c.exposed} identities able to reach a crown jewel.</p>
  ${c.minCut.length ? html`<h3>Fewest grants to remove to disconnect every entry point from every crown jewel</h3><ol>${c.minCut.map((e) => html`<li><b>${e.from}</b> ${EDGE_PHRASES[e.edge] ?? e.edge} <b>${e.to}</b></li>`)}</ol>` : ''}
  ${c.edges.length ? html`<h3>Grants on the most paths</h3><table><thead><tr><th>grant</th><th>paths through it</th><th>identities cut off</th></tr></thead><tbody>${c.edges.map((e) => html`<tr><td class="mono">${e.from} —${e.edge}→ ${e.to}</td><td class="n">${e.paths}</td><td class="n">${e.exposureCut}</td></tr>`)}</tbody></table>` : ''}
  </section>`;
}

function appendix(d: ReportData): Html {
  const triaged = d.findings.filter((f) => f.status !== 'open');
  return html`<section class="appendix"><h2>Appendix</h2>
  <h3>Analyst marks</h3>${d.marks.length ? html`<table><thead><tr><th>node</th><th>mark</th><th>reason</th><th>by</th><th>at</th></tr></thead><tbody>${d.marks.map((m) => html`<tr><td class="mono">${m.id}</td><td>${m.mark}</td><td>${m.reason ?? ''}</td><td>${m.actor}</td><td>${m.at}</td></tr>`)}</tbody></table>` : html`<p>None.</p>`}
  <h3>Triage decisions</h3>${triaged.length ? html`<table><thead><tr><th>finding</th><th>status</th><th>note</th><th>by</th><th>at</th></tr></thead><tbody>${triaged.map((f) => html`<tr><td class="mono">${f.id}</td><td>${f.status}</td><td>${f.note ?? ''}</td><td>${f.triagedBy ?? ''}</td><td>${f.triagedAt ?? ''}</td></tr>`)}</tbody></table>` : html`<p>None.</p>`}
  <h3>Audit trail (chain of custody)</h3><table><thead><tr><th>at</th><th>actor</th><th>action</th><th>detail</th></tr></thead><tbody>
  ${d.audit.map((a) => html`<tr><td>${a.at}</td><td>${a.actor}</td><td>${a.action}</td><td class="mono small">${JSON.stringify(a.detail)}</td></tr>`)}</tbody></table>
  </section>`;
}
