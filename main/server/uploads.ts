// Files the browser sends for import (browser mode cannot name paths on disk): each lands in the
// server's private temp folder (mode 0700) under a sanitised name, with a size cap; the folder is
// removed when the server stops. The original name is kept (sanitised) because it is provenance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage } from 'node:http';

export class UploadTooLarge extends Error {}

export class UploadFolder {
  readonly dir: string;
  private next = 1;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-uploads-'));
    fs.chmodSync(this.dir, 0o700);
  }

  /** Streams the request body to a new file; throws UploadTooLarge (and leaves nothing) past maxBytes. */
  async save(req: IncomingMessage, requestedName: string | null, maxBytes: number): Promise<string> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) throw new UploadTooLarge(`upload larger than ${maxBytes} bytes`);
    // One subfolder per upload: two files with the same name never collide, and names stay readable.
    const folder = path.join(this.dir, String(this.next++));
    fs.mkdirSync(folder, { mode: 0o700 });
    const file = path.join(folder, sanitiseUploadName(requestedName));
    let seen = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > maxBytes) done(new UploadTooLarge(`upload larger than ${maxBytes} bytes`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(req, cap, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      fs.rmSync(folder, { recursive: true, force: true });
      throw err;
    }
    return file;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A plain file name: no folders, no leading dots, no control or shell-special characters, bounded length. */
export function sanitiseUploadName(name: string | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()+-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || 'upload';
}
