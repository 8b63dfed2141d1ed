import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../userError.js';
import { faultPoint } from './faults.js';
import { digestOf, type OpenedWorkbook } from './workbookFile.js';

/** How many earlier versions of each workbook are kept in the backup folder beside it. */
export const MAX_BACKUPS = 5;
export const BACKUP_DIR = '.union-ledger-备份';

export interface SaveOutcome {
  /** Where the results were written: the file itself, or a new file beside it. */
  savedTo: string;
  /** The file changed on disk while the CLI worked: it was left as it is. */
  changedOnDisk: boolean;
  backup: string | null;
}

const closeInExcel = (file: string): UserError => new UserError(`请先在 Excel 中关闭该文件：${file}`);

/**
 * Whether the file can be replaced now: Excel and WPS keep `~$name.xlsx` beside a workbook they
 * have open (and Windows refuses to open it for writing). Checked before anything is sent, so a
 * locked file means nothing was sent.
 */
export async function checkWritable(file: string): Promise<void> {
  const owner = path.join(path.dirname(file), `~$${path.basename(file)}`);
  if (await exists(owner)) throw closeInExcel(file);
  try {
    const handle = await open(file, 'r+');
    await handle.close();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' || code === 'ETXTBSY')
      throw closeInExcel(file);
    throw new UserError(`无法写入文件：${file}（${code ?? String(e)}）`);
  }
}

/**
 * Replaces the workbook with `bytes` without a moment where it is half written (a temporary
 * file beside it, flushed, then renamed over it), after keeping the previous version in the
 * backup folder. If the file on disk is no longer what was read (saved again in Excel during
 * the push), it is not overwritten: the results go to a new file beside it.
 */
export async function saveWorkbookFile(opened: OpenedWorkbook, bytes: Uint8Array): Promise<SaveOutcome> {
  const { file } = opened;
  const current = await readFile(file).catch(() => null);
  const changedOnDisk = current === null || digestOf(current) !== opened.digest;
  const target = changedOnDisk ? resultsFileName(file, new Date()) : file;
  const backup = !changedOnDisk && current ? await keepBackup(file) : null;
  await removeLeftovers(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await faultPoint('during-save');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') throw closeInExcel(file);
    throw new UserError(`无法保存工作簿：${file}（${e instanceof Error ? e.message : String(e)}）`);
  }
  return { savedTo: target, changedOnDisk, backup };
}

/** `名单.xlsx` → `名单（推送结果 20240105-093000）.xlsx`, beside it. */
export function resultsFileName(file: string, at: Date): string {
  const ext = path.extname(file);
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(path.dirname(file), `${path.basename(file, ext)}（推送结果 ${stamp}）${ext}`);
}

async function keepBackup(file: string): Promise<string> {
  const dir = path.join(path.dirname(file), BACKUP_DIR);
  await mkdir(dir, { recursive: true });
  const ext = path.extname(file);
  const base = path.basename(file, ext);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 18);
  const backup = path.join(dir, `${base}.${stamp}${ext}`);
  await copyFile(file, backup);
  // Bounded: the oldest backups of this workbook go.
  const mine = (await readdir(dir))
    .filter(
      (n) =>
        n.startsWith(`${base}.`) &&
        n.endsWith(ext) &&
        /^\d{8}-\d{9,10}$/.test(n.slice(base.length + 1, -ext.length)),
    )
    .sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - MAX_BACKUPS)))
    await rm(path.join(dir, old), { force: true });
  return backup;
}

/** Temporary files of a save that was killed before its rename: never the workbook itself. */
async function removeLeftovers(target: string): Promise<void> {
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(path.dirname(target)).catch(() => [] as string[]);
  for (const n of names)
    if (n.startsWith(prefix) && /^\d+\.tmp$/.test(n.slice(prefix.length)))
      await rm(path.join(path.dirname(target), n), { force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
