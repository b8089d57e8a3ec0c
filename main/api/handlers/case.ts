// Handlers for the case-file area of the API.
import type { CaseResults } from '../../../shared/api/case.ts';
import { caseInfo, listAudit, listIdentities, listRejects, listSources } from '../../store/case-summary.ts';
import { verifySources } from '../../store/verify-sources.ts';
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
};
