// Overview: the case at a glance: lifecycle figures, findings, who has the biggest blast radius, auth
// activity with anonymous-network events highlighted, credential ages, and where the data came from.
import type { Result } from '../../../shared/api/contract.ts';
import { useApi } from '../../api/use-api.ts';
import { HistogramChart } from '../../components/charts/HistogramChart.tsx';
import { TimelineChart } from '../../components/charts/TimelineChart.tsx';
import { ErrorNote, Figure, Loading, Panel } from '../../components/ui.tsx';
import { date, num } from '../../lib/format.ts';
import { Exports } from './Exports.tsx';
import { FindingsSummary } from './FindingsSummary.tsx';
import { InvestigateFirst } from './InvestigateFirst.tsx';
import { LifecycleMetrics } from './LifecycleMetrics.tsx';
import { TopBlastRadius } from './TopBlastRadius.tsx';

export function OverviewScreen() {
  const { data, error, loading } = useApi('inventory.overview', {});
  // The incident queue is the screen's first content and has its own call: it is not held back until the figures
  // below have arrived (on a case opened in a new session the two are derived one after the other).
  return (
    <div className="overview">
      <div className="row baseline">
        <h1>Overview</h1>
        {data && (
          <span className="muted">
            as of <strong>{date(data.asOf)}</strong> · every “days since” is counted from this time
          </span>
        )}
        <span className="spacer" />
        <Exports />
      </div>
      <InvestigateFirst />
      {error && <ErrorNote message={error} />}
      {!data && loading && <Loading what="the case's figures" />}
      {data && <OverviewFigures data={data} />}
    </div>
  );
}

function OverviewFigures({ data }: { data: Result<'inventory.overview'> }) {
  const l = data.lifecycle;
  return (
    <>
      <Panel title="Lifecycle">
        <div className="figures" data-testid="lifecycle">
          <Figure label="identities" value={data.identities.total} hint="People and non-human accounts; groups and roles are not counted here" />
          <Figure label="human" value={data.identities.human} />
          <Figure label="non-human" value={data.identities.nonHuman} />
          <Figure label="never used" value={l.neverUsed} hint="Identities with no recorded use and no auth events" />
          <Figure label="credentials" value={l.credentials} hint="Long-lived secrets; temporary session keys are not counted here" />
          <Figure label="older than 90 d" value={l.credentialsOld} tone={l.credentialsOld ? 'warn' : undefined} />
          <Figure label="never rotated" value={l.credentialsNeverRotated} />
          <Figure label="expired" value={l.credentialsExpired} tone={l.credentialsExpired ? 'bad' : undefined} />
          <Figure label="systems" value={data.systems.total} />
          <Figure label="unresolved references" value={l.unresolved} hint="Ids named by grants or logs that no inventory row describes" />
        </div>
        <p className="muted small counts-explained" data-testid="counts-explained">
          What is counted: <strong>identities</strong> are people and non-human accounts ({num(data.identities.unresolved)} of them named only by
          grants or logs); the {num(data.identities.groupsAndRoles)} groups and roles are not, though the Inventory's identities table lists them too
          ({num(data.identities.total + data.identities.groupsAndRoles)} rows). <strong>Credentials</strong> are long-lived secrets; the{' '}
          {num(l.temporaryCredentials)} temporary session keys (AWS STS ASIA…) are left out here and listed in the Inventory (
          {num(l.credentials + l.temporaryCredentials)} rows).
        </p>
        <LifecycleMetrics />
      </Panel>
      <div className="columns">
        <FindingsSummary />
        <TopBlastRadius />
      </div>
      <Panel title={`Auth activity (${num(data.auth.total)} events, ${num(data.auth.anonymous)} from anonymous networks)`}>
        <TimelineChart buckets={data.auth.buckets} unit={data.auth.unit} title="Auth activity" />
      </Panel>
      <div className="columns">
        <Panel title="Credential age (since last rotation)">
          <HistogramChart title="Credential age" bins={data.credentialAges.map((b) => ({ label: b.label, count: b.count, warn: b.from >= 90 }))} />
        </Panel>
        <Panel title={`Sources (${data.sources.length})`}>
          {data.sources.length === 0 ? (
            <p className="muted">Nothing imported yet.</p>
          ) : (
            <div className="scroll-box">
              <table className="table">
                <thead>
                  <tr>
                    <th>File</th>
                    <th>Format</th>
                    <th className="n">Loaded</th>
                    <th className="n">Rejected</th>
                    <th>Imported</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sources.map((s) => (
                    <tr key={s.id}>
                      <td>{s.file}</td>
                      <td className="nowrap">{s.format}</td>
                      <td className="n">{num(s.loaded)}</td>
                      <td className={`n${s.rejected ? ' warn' : ''}`}>{num(s.rejected)}</td>
                      <td className="nowrap" title={date(s.importedAt)}>
                        {s.importedAt.slice(0, 10)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      </div>
    </>
  );
}
