import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Files a push left with nothing to send, by their exact bytes (issue 8: a re-push of an
 * unchanged 10,000-row workbook spent a second parsing it only to find nothing to send).
 *
 * A push plans from the file alone — its rows against the sync state it carries — so the same
 * bytes always plan the same way. A file is recorded only when its plan was seen to be empty:
 * after a push that sent nothing, or after one whose written-back workbook, planned again, has
 * nothing left to send. A later push of byte-identical content skips parsing it; any edit, any
 * save by Excel, changes the bytes and the file is read in full. The record also names the
 * ledger the push was told to use (`--kind`) and the version of this program, whose planning
 * may change. The cache is only a shortcut: a missing, unreadable or foreign cache file means
 * reading every workbook, never an error.
 */
const recordSchema = z.object({ sha256: z.string(), kind: z.string().nullable(), version: z.string() });
const cacheSchema = z.object({ files: z.record(z.string(), recordSchema) });
type Cache = z.infer<typeof cacheSchema>;

/** Records kept: the most recent, so that the cache stays small however many files pass through. */
const KEPT = 500;

export interface CleanFiles {
  /** The file's bytes match its record: nothing to send. */
  isClean(file: string, bytes: Uint8Array, kind: string | null): Promise<boolean>;
  /** Remember these bytes of the file as planning to nothing. */
  remember(file: string, bytes: Uint8Array, kind: string | null): Promise<void>;
}

/** The user's cache directory for union-ledger (UNION_LEDGER_CACHE_DIR overrides it). */
export function defaultCacheDir(): string {
  if (process.env.UNION_LEDGER_CACHE_DIR) return process.env.UNION_LEDGER_CACHE_DIR;
  const base =
    process.platform === 'win32'
      ? (process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'))
      : (process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'));
  return path.join(base, 'union-ledger');
}

/** The version of this program, whose planning a record was made with. */
export const PROGRAM_VERSION: string = (
  createRequire(import.meta.url)('../../../package.json') as { version: string }
).version;

export function cleanFiles(dir: string = defaultCacheDir(), version: string = PROGRAM_VERSION): CleanFiles {
  const file = path.join(dir, 'clean-files.json');
  const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
  const load = async (): Promise<Cache> => {
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : { files: {} };
    } catch {
      return { files: {} };
    }
  };
  return {
    async isClean(workbook, bytes, kind) {
      const record = (await load()).files[path.resolve(workbook)];
      return (
        record !== undefined &&
        record.version === version &&
        record.kind === kind &&
        record.sha256 === sha256(bytes)
      );
    },
    async remember(workbook, bytes, kind) {
      try {
        const cache = await load();
        const key = path.resolve(workbook);
        delete cache.files[key];
        cache.files[key] = { sha256: sha256(bytes), kind, version };
        const keys = Object.keys(cache.files);
        for (const old of keys.slice(0, Math.max(0, keys.length - KEPT))) delete cache.files[old];
        await mkdir(dir, { recursive: true });
        // Written beside and renamed over: a reader never sees half a file.
        const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(tmp, JSON.stringify(cache));
        await rename(tmp, file).catch(async (e: unknown) => {
          await rm(tmp, { force: true });
          throw e;
        });
      } catch {
        // A cache that cannot be written only costs the next push a full read.
      }
    },
  };
}
