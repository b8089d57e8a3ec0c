// Handlers for column-mapping presets, and for checking a mapping against a file before it is imported with it.
import path from 'node:path';
import { ApiError } from '../../../shared/api/contract.ts';
import type { MappingResults } from '../../../shared/api/mapping.ts';
import { renameHeader, validateMapping } from '../../../shared/column-mapping.ts';
import { previewRecords } from '../../ingest/csv/stream-csv.ts';
import { readSample } from '../../ingest/file-source.ts';
import { deletePreset, listPresets, savePreset } from '../../mapping/presets.ts';
import type { Handler } from '../session.ts';

type MappingHandlers = { [M in keyof MappingResults]: Handler<M> };

export const mappingHandlers: MappingHandlers = {
  'mapping.presets': (_p, s) => listPresets(s.requireCase()),
  'mapping.save': (p, s) => savePreset(s.requireWritable(), p),
  'mapping.delete': (p, s) => ({ deleted: deletePreset(s.requireWritable(), p.name) }),
  'mapping.apply': async (p, s) => {
    // It reads the header only and writes nothing: the mapping travels with import.files (chain of custody:
    // the case records the hash of the file the analyst gave, not of a rewritten copy).
    s.checkRead(p.path, 'reading a file');
    s.requireWritable(); // it prepares an import, which evidence mode refuses
    validateMapping(p.target, p.mapping);
    const { head } = await readSample(p.path, path.basename(p.path));
    const header = previewRecords(head, 1)[0];
    if (!header?.length) throw new ApiError('bad-input', `${path.basename(p.path)} has no header row`);
    return { path: p.path, columns: renameHeader(header, p.mapping) };
  },
};
