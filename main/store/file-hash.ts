// The sha256 of a file on disk, streamed: the evidence hash a source row records and `verify` recomputes.
// It lives in store/ because verification is the case file's own job and must not depend on the importers.
import crypto from 'node:crypto';
import fs from 'node:fs';

export async function sha256OfFile(path: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
