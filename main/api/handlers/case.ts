// Handlers for the case-file area of the API.
import type { CaseResults, DeriveResult, IdentityKindResult } from '../../../shared/api/case.ts';
import { appendAudit, type CaseFile } from '../../store/case-file.ts';
import { deriveCase } from '../../ingest/derive.ts';
import { ApiError } from '../../../shared/api/contract.ts';
import { caseInfo, kindExplanation, listAudit, listIdentities, listRejects, listSources } from '../../store/case-summary.ts';
import { verifySources } from '../../store/verify-sources.ts';
import { identityKindRow } from '../../store/identity-kinds.ts';
import { clearAnalystKind, identityKey, setAnalystKind, setNamePatterns } from '../../kinds/analyst-kind.ts';
import { hasCustomNamePatterns, namePatterns } from '../../kinds/name-patterns.ts';
import type { Handler } from '../session.ts';

type CaseHandlers = { [M in keyof CaseResults]: Handler<M> };

export const caseHandlers: CaseHandlers = {
  'case.open': (p, s) => {
    s.boundary?.checkCase(p.path, p.create ?? false);
    return caseInfo(s.open(p.path, { create: p.create, readOnly: p.readOnly }));
  },
  'case.close': (_p, s) => {
    const was = !!s.kase;
    s.close();
    return { closed: was };
  },
  'case.info': (_p, s) => caseInfo(s.requireCase()),
  'case.identities': (p, s) => listIdentities(s.requireCase(), p.limit),
  'case.sources': (_p, s) => listSources(s.requireCase()),
  'case.rejects': (p, s) => listRejects(s.requireCase(), p.sourceId, p.limit, p.offset),
  'case.audit': (p, s) => listAudit(s.requireCase(), p.limit),
  'case.verifySources': (_p, s) => verifySources(s.requireCase()),
  'case.derive': (_p, s) => {
    const kase = s.requireWritable();
    const d = deriveCase(kase);
    const result: DeriveResult = {
      awsAccounts: d.aws.accounts,
      policyEdgesBefore: d.aws.edgesBefore,
      policyEdgesAfter: d.aws.edgesAfter,
      kindsChanged: d.kindsChanged,
      warnings: d.aws.warnings,
      ms: d.ms,
    };
    // Audited: the stamp of every kept answer (store/derived-cache.ts) moves with it, so nothing stale is shown.
    appendAudit(kase.db, 'case.derive', result);
    kase.generation++;
    return result;
  },
  'case.setIdentityKind': (p, s) => {
    const kase = s.requireWritable();
    const key = identityKey(kase.db, p.id);
    setAnalystKind(kase.db, key, p.kind, p.reason ?? null);
    kase.generation++; // the rules and every cached analysis read the kind
    return identityKind(kase, key);
  },
  'case.clearIdentityKind': (p, s) => {
    const kase = s.requireWritable();
    const key = identityKey(kase.db, p.id);
    clearAnalystKind(kase.db, key);
    kase.generation++;
    return identityKind(kase, key);
  },
  'case.identityKindPatterns': (p, s) => {
    let changed = 0;
    if (p.set !== undefined && p.reset) throw new ApiError('bad-request', 'give set or reset, not both');
    if (p.set !== undefined || p.reset) {
      const kase = s.requireWritable();
      changed = setNamePatterns(kase.db, p.reset ? null : p.set!).changed;
      kase.generation++;
    }
    const db = s.requireCase().db;
    return { patterns: namePatterns(db), custom: hasCustomNamePatterns(db), changed };
  },
};

function identityKind(kase: CaseFile, key: string): IdentityKindResult {
  const row = identityKindRow(kase.db, key);
  const why = kindExplanation(row.kind_because);
  return { id: key, kind: row.subkind, kindSource: why.kindSource, kindBecause: why.kindBecause };
}
