// Handlers for offline network intelligence: analyst list imports and IP lookups.
import type { IntelResults } from '../../../shared/api/intel.ts';
import { ApiError } from '../../../shared/api/contract.ts';
import { importList, listLists } from '../../intel/list-store.ts';
import { hasIntelTables, NetworkIntel } from '../../intel/network-intel.ts';
import type { Handler, Session } from '../session.ts';

type IntelHandlers = { [M in keyof IntelResults]: Handler<M> };

export const intelHandlers: IntelHandlers = {
  'intel.import': (p, s) => {
    const kase = s.requireWritable();
    s.checkRead(p.path, 'importing a list');
    if (!hasIntelTables(kase)) throw new ApiError('bad-case', 'this case predates intel lists; open it writable with this version to upgrade it');
    return importList(kase, p);
  },
  'intel.lists': (_p, s) => {
    const kase = s.requireCase();
    return hasIntelTables(kase) ? listLists(kase) : [];
  },
  'intel.lookup': (p, s) => {
    const at = p.at !== undefined ? Date.parse(p.at) : null;
    if (at !== null && Number.isNaN(at)) throw new ApiError('bad-request', `invalid time: ${p.at}`);
    const intel = caseIntel(s);
    return p.ips.map((ip) => {
      const { label: _label, ...verdict } = intel.classify(ip, at);
      return verdict;
    });
  },
};

/** The open case's intel (analyst CIDRs + lists), rebuilt when the case changes; ASN data alone without a case. */
export function caseIntel(s: Session): NetworkIntel {
  if (!s.kase) return new NetworkIntel([], []);
  return s.cached('network-intel', (kase) => NetworkIntel.forCase(kase));
}
