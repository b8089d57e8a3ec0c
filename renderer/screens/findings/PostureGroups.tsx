// Posture findings as groups (findings.groups): one row per rule and kind of subject ("306 CI tokens hold
// admin-equivalent access"), so a case reads as tens of groups instead of thousands of rows. A group opens in
// place with its most severe members first; every member opens its finding beside the list; a whole group is
// triaged with one note.
import { useState } from 'react';
import type { PostureGroup } from '../../../shared/api/findings.ts';
import { isRuleId } from '../../../shared/catalogs/rules.ts';
import { TRIAGE_STATUSES, type TriageStatus } from '../../../shared/model.ts';
import { request } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { NodeName } from '../../components/NodeName.tsx';
import { Badge, ErrorNote, Loading } from '../../components/ui.tsx';
import { num } from '../../lib/format.ts';
import { useCaseStore } from '../../state/case-store.ts';

/** Members listed per group before "all": enough to see the pattern, little enough for every group of a big case. */
const FIRST_MEMBERS = 25;

/** Every member of one group (its rule's groups, unabridged). */
async function allMembers(group: PostureGroup): Promise<PostureGroup['members']> {
  const groups = await request('findings.groups', isRuleId(group.rule) ? { rule: group.rule } : {});
  return groups.find((g) => g.id === group.id)?.members ?? group.members;
}

export function PostureGroups({ selected, onOpen }: { selected: string | null; onOpen(findingId: string): void }) {
  const { data, error, loading } = useApi('findings.groups', { memberLimit: FIRST_MEMBERS });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (error) return <ErrorNote message={error} />;
  if (!data) return loading ? <Loading what="posture groups" /> : null;
  if (!data.length) return <p className="muted">No posture findings. Incidents are listed one by one in the list view.</p>;
  const findings = data.reduce((n, g) => n + g.count, 0);
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="posture-groups" aria-label="Posture groups">
      <p className="muted small" data-testid="groups-total">
        {num(data.length)} posture groups · {num(findings)} posture findings · most severe first
      </p>
      <ul className="group-list">
        {data.map((g) => (
          <li key={g.id} className="posture-group" data-group={g.id}>
            <button type="button" className="group-head" aria-expanded={open.has(g.id)} onClick={() => toggle(g.id)}>
              <span aria-hidden="true" className="group-caret">
                {open.has(g.id) ? '▾' : '▸'}
              </span>
              <Badge kind={g.severity} />
              <span className="group-title">{g.title}</span>
              <span className="muted small">
                {num(g.count)} · {num(g.open)} open
              </span>
            </button>
            {open.has(g.id) && <GroupMembers group={g} selected={selected} onOpen={onOpen} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function GroupMembers({ group, selected, onOpen }: { group: PostureGroup; selected: string | null; onOpen(findingId: string): void }) {
  const [all, setAll] = useState<PostureGroup['members'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const members = all ?? group.members;
  const loadAll = async () => {
    try {
      setAll(await allMembers(group));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="group-body">
      <GroupTriage group={group} members={all} loadAll={loadAll} />
      {error && <ErrorNote message={error} />}
      <ul className="finding-rows plain">
        {members.map((m) => (
          <li key={m.finding} className={m.finding === selected ? 'current' : undefined}>
            <button type="button" className="group-member" onClick={() => onOpen(m.finding)} title={m.title}>
              <Badge kind={m.severity} />
              <NodeName id={m.subject} name={m.name} copy={false} />
              {m.status !== 'open' && <Badge kind={m.status} />}
            </button>
          </li>
        ))}
      </ul>
      {members.length < group.count && (
        <button type="button" className="button small" onClick={() => void loadAll()}>
          Show all {num(group.count)} members
        </button>
      )}
    </div>
  );
}

function GroupTriage({ group, members, loadAll }: { group: PostureGroup; members: PostureGroup['members'] | null; loadAll(): Promise<void> }) {
  const [status, setStatus] = useState<TriageStatus>('accepted-risk');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const readOnly = useCaseStore((s) => s.info?.readOnly ?? false);
  const apply = async () => {
    setMessage(null);
    try {
      // Every member, not just the ones listed: the group's full list is fetched first when it was cut.
      let list = members ?? group.members;
      if (list.length < group.count) list = await allMembers(group);
      const r = await request('findings.triageMany', { ids: list.map((m) => m.finding), status, note: note.trim() || undefined });
      setMessage(`${num(r.updated)} findings marked ${r.status} by ${r.actor}`);
      setNote('');
      useCaseStore.getState().changed();
      if (members) await loadAll();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <form
      className="bulk-triage row"
      aria-label={`Triage the group ${group.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <label className="row">
        Mark all {num(group.count)}
        <select aria-label="Group triage status" value={status} onChange={(e) => setStatus(e.target.value as TriageStatus)} disabled={readOnly}>
          {TRIAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <input
        className="bulk-note"
        aria-label="Group triage note"
        placeholder="One note for the whole group (kept in the audit trail)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        disabled={readOnly}
      />
      <button type="submit" className="button small" disabled={readOnly}>
        Apply
      </button>
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </form>
  );
}
