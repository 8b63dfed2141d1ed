import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { log, spread, type Timing } from './measure.js';

/**
 * Scenario 7 of issue 8: the cold start of the functions app's module graph — the time to
 * import functions/src/app.ts (store, services, shared) in a fresh Node process, measured
 * inside that process, beside a process that does nothing (`node -e ''`, wall time). Two ways:
 * the built JavaScript a Functions host loads (tsc into bench/.tmp/dist), and the TypeScript
 * through tsx as the local stack and the CLI load it. Runs alternate, so all three see the
 * same machine.
 */
export interface StartupFigures {
  /** Wall time of `node -e ''`. */
  empty: Timing;
  /** Import of the built app.js, inside the process; null when the build failed. */
  dist: Timing | null;
  distWall: Timing | null;
  /** Import of app.ts through tsx, inside the process. */
  tsx: Timing;
  tsxWall: Timing;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = 'bench/.tmp/dist';

function build(): boolean {
  const r = spawnSync(
    process.execPath,
    [
      fileURLToPath(import.meta.resolve('typescript/bin/tsc')),
      '-p',
      'functions/tsconfig.build.json',
      '--outDir',
      DIST,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
  );
  if (r.status !== 0) log(`startup: tsc build failed, measuring tsx only\n${r.stdout}${r.stderr}`);
  return r.status === 0 && existsSync(`${ROOT}/${DIST}/functions/src/app.js`);
}

/** Runs node with `args`; returns the wall ms and the number the child printed (its import ms). */
function node(args: string[]): { wall: number; inner: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: ${r.status} ${r.stderr}`);
  return { wall, inner: Number(r.stdout.trim() || NaN) };
}

const importing = (spec: string): string =>
  `const t = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t));`;

export function benchStartup(times: number): StartupFigures {
  const built = build();
  const tsxLoader = import.meta.resolve('tsx');
  const empty: number[] = [];
  const dist: number[] = [];
  const distWall: number[] = [];
  const tsx: number[] = [];
  const tsxWall: number[] = [];
  // One unmeasured round first: the file system cache, and tsx's transform cache.
  for (let i = 0; i <= times; i++) {
    const e = node(['-e', '']);
    const d = built ? node(['--input-type=module', '-e', importing(`./${DIST}/functions/src/app.js`)]) : null;
    const t = node(['--import', tsxLoader, '--input-type=module', '-e', importing('./functions/src/app.ts')]);
    if (i === 0) continue;
    empty.push(e.wall);
    if (d) {
      dist.push(d.inner);
      distWall.push(d.wall);
    }
    tsx.push(t.inner);
    tsxWall.push(t.wall);
  }
  return {
    empty: spread(empty),
    dist: built ? spread(dist) : null,
    distWall: built ? spread(distWall) : null,
    tsx: spread(tsx),
    tsxWall: spread(tsxWall),
  };
}
