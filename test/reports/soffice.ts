import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SOFFICE = process.env.SOFFICE ?? 'soffice';
export const INSTALL =
  'LibreOffice is required by the report tests: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk';

export function sofficeVersion(): string | null {
  const probe = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/**
 * `soffice --headless --convert-to` with a private profile under `profileDir` (parallel runs and
 * a user's own LibreOffice never collide); returns the converted file.
 */
export async function convert(
  input: string,
  target: string,
  outDir: string,
  profileDir: string,
): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const { stdout, stderr } = await run(
    SOFFICE,
    [
      '--headless',
      '--norestore',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
      '--convert-to',
      target,
      '--outdir',
      outDir,
      input,
    ],
    { timeout: 90_000, killSignal: 'SIGKILL', env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } },
  );
  const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${target.split(':')[0]!}`);
  if (!existsSync(out)) throw new Error(`soffice wrote no ${out}:\n${stdout}\n${stderr}`);
  return out;
}
