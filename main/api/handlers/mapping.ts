// Handlers for column-mapping presets and applying a mapping before import.
import type { MappingResults } from '../../../shared/api/mapping.ts';
import { applyMapping } from '../../mapping/apply.ts';
import { deletePreset, listPresets, savePreset } from '../../mapping/presets.ts';
import type { Handler } from '../session.ts';

type MappingHandlers = { [M in keyof MappingResults]: Handler<M> };

export const mappingHandlers: MappingHandlers = {
  'mapping.presets': (_p, s) => listPresets(s.requireCase()),
  'mapping.save': (p, s) => savePreset(s.requireWritable(), p),
  'mapping.delete': (p, s) => ({ deleted: deletePreset(s.requireWritable(), p.name) }),
  'mapping.apply': (p, s) => {
    // It writes a file beside the input: nothing may be written in evidence mode, case or not.
    s.requireFileWrites('writing a mapped copy of a file');
    s.requireCase();
    return applyMapping(p.path, p.target, p.mapping);
  },
};
