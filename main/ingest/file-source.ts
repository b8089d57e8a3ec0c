// Reading input files: hashing, sampling for detection, and streaming text with gzip inflated on the fly.
import crypto from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { isAscii } from 'node:buffer';
import zlib from 'node:zlib';
import { ApiError } from '../../shared/api/contract.ts';
import { sha256OfFile } from '../store/file-hash.ts';
import type { Sample } from './importer.ts';

const SAMPLE_BYTES = 64 * 1024;

/**
 * Damaged gzip files met while reading, by path. A truncated .gz (a copy cut short, a log still being written)
 * keeps everything that inflated before the damage; the reader ends there as at the end of the file and the
 * import takes the note from here (takeDamage), so it reaches the result and the source row as a warning.
 * Per thread: a parse worker sends its own note to the importing thread.
 */
const damage = new Map<string, string>();

function noteDamage(path: string, error: Error): void {
  damage.set(path, `the gzip data ends early or is corrupt (${error.message}); the records before the damage were read, nothing after it`);
}

/** The damage note for a file read in this thread, once. */
export function takeDamage(path: string): string | null {
  const note = damage.get(path) ?? null;
  damage.delete(path);
  return note;
}

/**
 * How far a .gz may inflate. Real logs compress 5–20:1 (CloudTrail ~10:1); a decompression bomb (a header and
 * gigabytes of newlines) compresses ~1000:1 and would keep the single engine worker, and so the UI, busy for
 * minutes while the WAL grows. While inflating, the output may be at most `firstBytes` plus `ratio` times the
 * compressed bytes consumed so far, and never more than `maxBytes`: a bomb is stopped just past `firstBytes`, not
 * after `ratio` times its whole size, and work stays proportional to the bytes the analyst actually chose.
 */
export interface InflateLimits {
  /** Inflated bytes every .gz may reach whatever its ratio (small files of repetitive logs compress very well). */
  firstBytes: number;
  /** Beyond firstBytes: inflated bytes per compressed byte. */
  ratio: number;
  /** An absolute cap on the inflated bytes of one file. */
  maxBytes: number;
}

export const DEFAULT_INFLATE_LIMITS: Readonly<InflateLimits> = Object.freeze({ firstBytes: 64 * 2 ** 20, ratio: 100, maxBytes: 64 * 2 ** 30 });

/** Per thread, set for one import (run-import) or one parse worker (from its job); requests run one at a time. */
let limits: InflateLimits = { ...DEFAULT_INFLATE_LIMITS };

export function inflateLimits(): InflateLimits {
  return { ...limits };
}

/** Sets the limits (missing fields take the defaults) and returns the ones they replace. */
export function setInflateLimits(next: Partial<InflateLimits> | undefined): InflateLimits {
  const previous = limits;
  limits = { ...DEFAULT_INFLATE_LIMITS, ...next };
  return previous;
}

/** The most `compressed` bytes of gzip input may have inflated to under `l`. */
export function inflateAllowance(compressed: number, l: InflateLimits = limits): number {
  return Math.min(l.maxBytes, l.firstBytes + l.ratio * compressed);
}

/** The error of a file that inflated past its allowance: names the limit, the file and how to raise it. */
export function inflateLimitError(path: string, inflated: number, compressed: number, l: InflateLimits = limits): ApiError {
  const rule =
    inflated > l.maxBytes
      ? `past the absolute cap of ${size(l.maxBytes)}`
      : `more than ${l.ratio}:1 beyond the first ${size(l.firstBytes)}: ${size(inflated)} from ${size(compressed)}`;
  return new ApiError(
    'bad-input',
    `${nodePath.basename(path)}: the gzip data inflates ${rule},` +
      ' which looks like a decompression bomb; the file was not imported and the case is unchanged.' +
      ' If it is a genuine log, raise the limit (--max-inflate-ratio, --max-inflated).',
  );
}

function size(bytes: number): string {
  if (bytes >= 2 ** 30) return `${+(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${+(bytes / 2 ** 20).toFixed(1)} MB`;
  if (bytes >= 2 ** 10) return `${+(bytes / 2 ** 10).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Counts the bytes `gunzip` inflates (they pass through this) against the compressed bytes it has consumed
 * (zlib's bytesWritten) and fails with inflateLimitError past the allowance. zlib honours backpressure, so
 * nothing much beyond the allowance is ever inflated.
 */
export function inflationGuard(path: string, gunzip: zlib.Gunzip, l: InflateLimits = limits): Transform {
  let inflated = 0;
  return new Transform({
    readableHighWaterMark: 1 << 20,
    transform(chunk: Buffer, _enc, done) {
      inflated += chunk.length;
      if (inflated > inflateAllowance(gunzip.bytesWritten, l)) return done(inflateLimitError(path, inflated, gunzip.bytesWritten, l));
      done(null, chunk);
    },
  });
}

/**
 * A gunzip stream that ends, instead of failing, where the compressed data is cut short or corrupt, and fails
 * (never ends quietly) when the data inflates past the file's allowance.
 */
function tolerantGunzip(path: string, raw: Readable): Readable {
  // Bigger pieces than zlib's 16 KB default: fewer chunks for every reader downstream.
  const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
  const guard = inflationGuard(path, gunzip);
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  raw.on('error', (e) => out.destroy(e));
  gunzip.on('error', (e) => {
    noteDamage(path, e);
    raw.destroy();
    out.end();
  });
  guard.on('error', (e) => {
    raw.destroy();
    gunzip.destroy();
    out.destroy(e);
  });
  raw.pipe(gunzip).pipe(guard).pipe(out);
  return out;
}

/**
 * Small files held in memory while they import: a folder of thousands of small objects (an S3 CloudTrail tree)
 * is then read from disk once per file, not once for the hash, once per detection sample and once to load.
 */
const held = new Map<string, Buffer>();

/** Reads a small file once and serves every read of it from memory until `release`. */
export function holdInMemory(path: string): Buffer {
  const bytes = fs.readFileSync(path);
  held.set(path, bytes);
  return bytes;
}

export function release(path: string): void {
  held.delete(path);
}

/** Inflated text of a held .gz larger than this streams instead (a small file can hold a decompression bomb). */
const MAX_HELD_INFLATED = 64 * 1024 * 1024;

/**
 * A held .gz inflated in one synchronous call (a stream costs a thread-pool round trip per piece), or null
 * when it would inflate past MAX_HELD_INFLATED. A damaged one gives what inflated before the damage, noted.
 */
function inflateHeld(path: string, bytes: Buffer): Buffer | null {
  const allowance = inflateAllowance(bytes.length);
  // Past what the whole file may give it is refused here; past the in-memory cap it streams, and the stream's
  // guard judges it as it inflates.
  const maxOutputLength = Math.min(MAX_HELD_INFLATED, allowance);
  const tooBig = () => {
    if (allowance <= MAX_HELD_INFLATED) throw inflateLimitError(path, allowance + 1, bytes.length);
    return null;
  };
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength });
  } catch (e) {
    if (e instanceof RangeError) return tooBig();
    try {
      const partial = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength });
      noteDamage(path, e as Error);
      return partial;
    } catch (again) {
      if (again instanceof RangeError) return tooBig();
      return null; // corrupt beyond a cut: the stream reports it as it always has
    }
  }
}

/** Plain bytes of a held file: gzip inflated; null when the file is not held (or must stream). */
function heldPlain(path: string): Buffer | null {
  const bytes = held.get(path);
  if (!bytes) return null;
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  return inflateHeld(path, bytes);
}

function rawStream(path: string, options: { highWaterMark?: number } = {}): Readable {
  const bytes = held.get(path);
  return bytes ? Readable.from([bytes], { objectMode: false }) : fs.createReadStream(path, { highWaterMark: options.highWaterMark ?? 1 << 20 });
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export function readPrefix(path: string, n: number): Buffer {
  const bytes = held.get(path);
  if (bytes) return bytes.subarray(0, n);
  const fd = fs.openSync(path, 'r');
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, fs.readSync(fd, b, 0, n, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** A held file is hashed from the bytes being imported (no second read); any other from disk. */
export async function sha256File(path: string): Promise<string> {
  const bytes = held.get(path);
  if (bytes) return crypto.createHash('sha256').update(bytes).digest('hex');
  return sha256OfFile(path);
}

export function isGzip(path: string): boolean {
  const b = readPrefix(path, 2);
  return b.length === 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** The first 64 KiB of the file as text, for format detection. */
export async function readSample(path: string, fileName: string): Promise<Sample> {
  const gzip = isGzip(path);
  let bytes: Buffer;
  const heldBytes = held.get(path);
  const fromHeld = gzip && heldBytes ? heldHead(heldBytes) : null;
  if (fromHeld) {
    bytes = fromHeld;
  } else if (gzip) {
    // Bounded without the guard: readHead stops after 64 KiB and zlib inflates no further than is read.
    bytes = await readHead(rawStream(path).pipe(zlib.createGunzip({ chunkSize: SAMPLE_BYTES })), SAMPLE_BYTES);
  } else {
    bytes = readPrefix(path, SAMPLE_BYTES);
  }
  return { fileName, head: decodeText(bytes), gzip };
}

/**
 * The first SAMPLE_BYTES of a held .gz, inflated in one synchronous call from a prefix of its compressed bytes
 * (a stream costs a thread-pool round trip per piece: most of a small object's detection). The prefix grows
 * until it gives a whole sample or is the whole file; deflate inflates at most ~1,032:1, so each try is bounded.
 * Null when the data is damaged within the prefix: the streaming reader then keeps what inflated before it.
 */
function heldHead(bytes: Buffer): Buffer | null {
  for (let take = 16 * 1024; ; take *= 4) {
    const prefix = bytes.subarray(0, take);
    let out: Buffer;
    try {
      out = zlib.gunzipSync(prefix, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      return null;
    }
    if (out.length >= SAMPLE_BYTES || prefix.length === bytes.length) return out.subarray(0, SAMPLE_BYTES);
  }
}

async function readHead(stream: Readable, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } catch {
    // A truncated gzip still yields what inflated before the damage; detection works on that.
  }
  stream.destroy();
  return Buffer.concat(parts).subarray(0, limit);
}

/** UTF-16 when the bytes start with its BOM (either byte order), otherwise UTF-8. */
function encodingByBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'utf-8' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Decodes a byte sample: UTF-16 by BOM, otherwise UTF-8 (invalid bytes become U+FFFD). */
export function decodeText(bytes: Buffer): string {
  const encoding = encodingByBom(bytes);
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * A stream of text chunks from the file: gzip inflated, the encoding taken from the BOM
 * (UTF-8 by default), the BOM itself dropped. Multi-byte characters split across chunks are kept whole.
 */
export function openText(path: string, onBytes?: (n: number) => void, limits: { maxLineChars?: number } = {}): Readable {
  const plain = heldPlain(path);
  if (plain && !limits.maxLineChars) {
    // Held in memory: decoded in one call, without a transform stream.
    onBytes?.(held.get(path)!.length);
    const encoding = encodingByBom(plain);
    const text =
      encoding === 'utf-8'
        ? plain.toString('utf8', plain[0] === 0xef && plain[1] === 0xbb && plain[2] === 0xbf ? 3 : 0)
        : new TextDecoder(encoding).decode(plain.subarray(2));
    return Readable.from(text ? [text] : [], { objectMode: true });
  }
  const raw = plain ? Readable.from([plain], { objectMode: false }) : rawStream(path);
  if (onBytes) {
    if (plain) onBytes(held.get(path)!.length);
    else raw.on('data', (c) => onBytes((c as Buffer).length));
  }
  const bytes: Readable = !plain && isGzip(path) ? tolerantGunzip(path, raw) : raw;
  let decoder: TextDecoder | null = null;
  let utf8 = false;
  /** The last chunk the decoder took ended inside a character (it holds those bytes for the next chunk). */
  let open = false;
  const maxLine = limits.maxLineChars ?? 0;
  let lineChars = 0;
  // Line-oriented parsers re-scan a partial line on every chunk: an unbounded line would make them quadratic.
  const tooLong = () => new Error(`a line is longer than ${Math.round(maxLine / 2 ** 20)} MB; this is not a file this format allows`);
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      let text: string;
      // Logs are nearly always ASCII, and an ASCII chunk is its own text: isAscii and latin1 run natively, ~4x
      // faster than a streaming TextDecoder (~0.4 s of CPU on 412 MB of sign-ins here). The decoder takes the first chunk
      // (it drops a leading BOM itself, ignoreBOM being false, and must see the start of the stream), every chunk
      // with other bytes, and the chunk after one that ended inside a character.
      if (decoder && utf8 && !open && isAscii(chunk)) text = chunk.toString('latin1');
      else {
        if (!decoder) {
          const encoding = encodingByBom(chunk);
          decoder = new TextDecoder(encoding);
          utf8 = encoding === 'utf-8';
        }
        text = decoder.decode(chunk, { stream: true });
        open = chunk.length > 0 && chunk[chunk.length - 1] >= 0x80;
      }
      if (maxLine) {
        const nl = text.lastIndexOf('\n');
        lineChars = nl < 0 ? lineChars + text.length : text.length - nl - 1;
        if (nl >= 0 && nl > maxLine) {
          // The longest line inside this chunk is what matters, not just its tail.
          let prev = -1;
          for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (i - prev - 1 > maxLine) return done(tooLong());
            prev = i;
          }
        }
        if (lineChars > maxLine) return done(tooLong());
      }
      done(null, text);
    },
    flush(done) {
      const rest = decoder?.decode() ?? '';
      done(null, rest || undefined);
    },
  });
  raw.on('error', (e) => text.destroy(e));
  if (bytes !== raw) bytes.on('error', (e) => text.destroy(e));
  return bytes.pipe(text);
}

/**
 * The file's bytes as UTF-8, for byte-level parsers: gzip inflated, a UTF-8 BOM dropped, UTF-16
 * (by BOM) transcoded. onBytes sees the file's own bytes, for progress.
 */
export async function* utf8Chunks(path: string, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  const raw = rawStream(path);
  const gzip = isGzip(path);
  let source: Readable = raw;
  if (gzip) {
    if (onBytes) raw.on('data', (c) => onBytes((c as Buffer).length));
    source = tolerantGunzip(path, raw);
  }
  let head: Buffer | null = Buffer.alloc(0);
  let decoder: TextDecoder | null = null;
  for await (const piece of source) {
    let chunk = piece as Buffer;
    if (!gzip && onBytes) onBytes(chunk.length);
    if (head) {
      // The BOM decides the encoding; wait until three bytes are in (a tiny first chunk is possible).
      chunk = Buffer.concat([head, chunk]);
      if (chunk.length < 3) {
        head = chunk;
        continue;
      }
      head = null;
      ({ chunk, decoder } = startOfText(chunk));
    }
    yield decoder ? Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8') : chunk;
  }
  if (head?.length) {
    const start = startOfText(head);
    yield start.decoder ? Buffer.from(start.decoder.decode(start.chunk), 'utf8') : start.chunk;
  } else if (decoder) {
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
  }
}

function startOfText(chunk: Buffer): { chunk: Buffer; decoder: TextDecoder | null } {
  const encoding = encodingByBom(chunk);
  if (encoding !== 'utf-8') return { chunk, decoder: new TextDecoder(encoding) };
  if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return { chunk: chunk.subarray(3), decoder: null };
  return { chunk, decoder: null };
}

/** A sha256 computed in a worker thread; stop() ends it early when the import gives up. */
export interface BackgroundHash {
  readonly sha256: Promise<string>;
  stop(): void;
}

export function sha256InBackground(path: string): BackgroundHash {
  const worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { workerData: path });
  const sha256 = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { sha256?: string; error?: string }) => (m.sha256 ? resolve(m.sha256) : reject(new Error(m.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`hashing stopped (exit ${code})`)));
  });
  sha256.catch(() => {}); // awaited later by the import; until then a failure must not surface as unhandled
  return { sha256, stop: () => void worker.terminate() };
}
