// What this identity can reach if compromised (graph engine), with links to the reach graph and to
// attack paths towards crown jewels, and the analyst's marks (compromised, crown jewel, trusted).
import { walkParams } from '../walk/walk-route.ts';
import { MARKS, type Mark } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { Badge, ErrorNote, Figure, Link, Loading, Panel } from '../../components/ui.tsx';
import { useCaseStore } from '../../state/case-store.ts';

export function BlastSummary({ id }: { id: string }) {
  const blast = useApi('graph.blastRadius', { ids: [id], limit: 1 });
  const marks = useApi('graph.marks', { id });
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  const s = blast.data?.summary;
  const has = (m: Mark) => marks.data?.some((x) => x.mark === m) ?? false;
  const toggle = async (m: Mark) => {
    if (has(m)) await request('graph.unmark', { id, mark: m });
    else await request('graph.mark', { id, mark: m, reason: 'marked from the identity page' });
    useCaseStore.getState().changed();
  };
  return (
    <Panel
      title="Blast radius"
      actions={
        <div className="row">
          <Link to="graph" arg={id} className="button small">
            Show in graph
          </Link>
          <Link to="walk" params={walkParams({ from: [id] })} className="button small">
            Paths to crown jewels
          </Link>
        </div>
      }
    >
      {blast.error && <ErrorNote message={blast.error} />}
      {!s ? (
        blast.loading ? (
          <Loading what="blast radius" />
        ) : null
      ) : (
        <div className="stack">
          <div className="figures" data-testid="blast-summary">
            <Figure label="nodes reached" value={s.reached} />
            <Figure label="systems: admin" value={s.systems.admin} tone={s.systems.admin ? 'bad' : undefined} />
            <Figure label="systems: write" value={s.systems.write} tone={s.systems.write ? 'warn' : undefined} />
            <Figure label="systems: read" value={s.systems.read} />
            <Figure label="crown jewels" value={s.crownJewels.length} tone={s.crownJewels.length ? 'bad' : undefined} />
            <Figure label="score" value={Math.round(s.score)} hint="Σ criticality × privilege over reached systems" />
          </div>
          {s.crownJewels.length > 0 && (
            <p>
              Reaches crown jewels:{' '}
              {s.crownJewels.map((c) => (
                <Badge key={c} kind="critical">
                  {c}
                </Badge>
              ))}
            </p>
          )}
          <p className="muted small">
            Reached:{' '}
            {Object.entries(s.byKind)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ') || 'nothing'}
            {s.maxPrivilege ? ` · highest privilege ${s.maxPrivilege}` : ''}
          </p>
        </div>
      )}
      <div className="row marks" aria-label="Marks">
        {MARKS.map((m) => (
          <button
            key={m}
            type="button"
            className={`button small${has(m) ? ' primary' : ''}`}
            aria-pressed={has(m)}
            disabled={readOnly}
            onClick={() => void toggle(m)}
          >
            {has(m) ? `✓ ${m}` : `Mark ${m}`}
          </button>
        ))}
      </div>
    </Panel>
  );
}
