import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, spread, type Timing } from './measure.js';

/**
 * Scenario 7 of issue 8: the cold start of the functions app's module graph, measured inside a
 * fresh Node process, beside a process that does nothing (`node -e ''`, wall time). Two ways:
 * the built JavaScript as a Functions host loads it — every file package.json "main" names
 * (dist/functions/src/functions/*.js, built by tsc into bench/.tmp/dist), imported one after
 * the other as the Node worker does, with the settings of a deployment (an account endpoint
 * and key; nothing is contacted before the import ends): @azure/functions, the route table,
 * the configuration, and the app with its store, services and shared code — and the
 * TypeScript of functions/src/app.ts (the app without the Functions layer) through tsx as the
 * local stack and the CLI load it. Runs alternate, so all three see the same machine.
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

/** The files of package.json "main" (a glob such as dist/functions/src/functions/*.js) in the build of DIST. */
function hostEntry(): string[] {
  const main = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { main: string }).main;
  if (!main.startsWith('dist/')) throw new Error(`startup: package.json "main" is not under dist/: ${main}`);
  const dir = posix.dirname(`${DIST}/${main.slice('dist/'.length)}`);
  const name = posix.basename(main);
  const pattern = new RegExp(
    `^${name
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  // The worker's glob lists the files in name order; the first one opens the app for all.
  const files = readdirSync(`${ROOT}/${dir}`)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => `./${dir}/${f}`);
  if (!files.length) throw new Error(`startup: nothing in ${dir} matches package.json "main" (${main})`);
  return files;
}

/**
 * The settings of a deployment that reaches its Cosmos DB account with a key (config.ts): the
 * app opens the store as the worker loads it, so the endpoint is one where nothing listens —
 * the import is over before the connection is refused. No WEBSITE_INSTANCE_ID: the host's
 * checks of Azure-only settings are not the subject.
 */
const DEPLOYED_ENV: Record<string, string> = {
  AUTH_MODE: 'entra',
  ENTRA_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  ENTRA_AUDIENCE: 'api://union-ledger-bench',
  ENTRA_TENANT_ID: '00000000-0000-0000-0000-000000000000',
  ENTRA_API_SCOPE: 'api://union-ledger-bench/access_as_user',
  ENTRA_ADDIN_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
  ENTRA_JWKS_URL:
    'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/discovery/v2.0/keys',
  ORG_ID: 'bench',
  COSMOS_ENDPOINT: 'https://127.0.0.1:9/',
  COSMOS_KEY: Buffer.from('bench-key-never-used').toString('base64'),
  COSMOS_DATABASE: 'union',
};

/** Runs node with `args`; returns the wall ms and the number the child printed (its import ms). */
function node(args: string[], env: Record<string, string> = {}): { wall: number; inner: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: ${r.status} ${r.stderr}`);
  return { wall, inner: Number(r.stdout.trim() || NaN) };
}

const importing = (spec: string): string =>
  `const t = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t));`;

/** Imports `files` in order, prints the ms, and exits: the store the app has begun to open is not waited for. */
const importingAll = (files: string[]): string =>
  `const t = performance.now(); for (const f of ${JSON.stringify(files)}) await import(f); process.stdout.write(String(performance.now() - t), () => process.exit(0));`;

export function benchStartup(times: number): StartupFigures {
  const built = build();
  const entry = built ? hostEntry() : [];
  const tsxLoader = import.meta.resolve('tsx');
  const empty: number[] = [];
  const dist: number[] = [];
  const distWall: number[] = [];
  const tsx: number[] = [];
  const tsxWall: number[] = [];
  // One unmeasured round first: the file system cache, and tsx's transform cache.
  for (let i = 0; i <= times; i++) {
    const e = node(['-e', '']);
    const d = built ? node(['--input-type=module', '-e', importingAll(entry)], DEPLOYED_ENV) : null;
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
