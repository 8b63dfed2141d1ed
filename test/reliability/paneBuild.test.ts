import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PANE_BUILD_VARIABLE_NAMES,
  parsePaneBuild,
  type PaneBuildEnv,
} from '../../addin/src/app/buildVariables.js';
import { paneConfig } from '../../addin/src/app/config.js';

/**
 * Issue 14 "The production pane cannot work": the build script and docs/deploy.md set
 * VITE_API_URL, VITE_ENTRA_TENANT_ID and VITE_ENTRA_API_SCOPE while the pane read other names,
 * so the deployed pane called /api on the static site and signed in against `organizations`
 * with no scope. One list (addin/src/app/buildVariables.ts) now names the variables; these
 * tests hold the script, the docs, env.d.ts and the pane's sources to it, run the real script
 * and the real Vite build.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const viteNames = (s: string): string[] => [
  ...new Set([...s.matchAll(/\bVITE_[A-Z0-9_]+/g)].map((m) => m[0])),
];
const listed = new Set<string>(PANE_BUILD_VARIABLE_NAMES);

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ADDIN = '3c6f5f3e-5a0e-4b51-9d6b-2f3f8b1f9a10';
const API = 'b2d8c6a4-1111-4c3e-8f00-5e6d7c8b9a01';

const tmp = mkdtempSync(join(tmpdir(), 'pane-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(root, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
}

describe('one list of the pane build variables', () => {
  const script = read('infra/scripts/build-taskpane.sh');
  const exported = [...script.matchAll(/^export (VITE_[A-Z0-9_]+)=/gm)].map((m) => m[1]!);

  it('the build script exports every variable of the list and nothing else', () => {
    expect(viteNames(script).filter((n) => !listed.has(n))).toEqual([]);
    expect([...exported].sort()).toEqual([...PANE_BUILD_VARIABLE_NAMES].sort());
  });

  it('docs/deploy.md, ADR 0010 and the README name only variables of the list, and deploy.md all of them', () => {
    for (const doc of ['docs/deploy.md', 'docs/decisions/0010-infrastructure.md', 'README.md'])
      expect(
        viteNames(read(doc)).filter((n) => !listed.has(n)),
        doc,
      ).toEqual([]);
    const deploy = viteNames(read('docs/deploy.md'));
    expect(PANE_BUILD_VARIABLE_NAMES.filter((n) => !deploy.includes(n))).toEqual([]);
  });

  it("env.d.ts declares exactly the list, and the pane's sources read nothing else", () => {
    expect(viteNames(read('addin/src/app/env.d.ts')).sort()).toEqual([...PANE_BUILD_VARIABLE_NAMES].sort());
    const stray = filesUnder('addin/src')
      .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('buildVariables.ts'))
      .flatMap((f) =>
        viteNames(read(f))
          .filter((n) => !listed.has(n))
          .map((n) => `${f}: ${n}`),
      );
    expect(stray).toEqual([]);
  });
});

describe('what the build accepts', () => {
  const entra: PaneBuildEnv = {
    VITE_AUTH_MODE: 'entra',
    VITE_API_BASE: 'https://func-abc.azurewebsites.net/api',
    VITE_ENTRA_CLIENT_ID: ADDIN,
    VITE_ENTRA_AUTHORITY: `https://login.microsoftonline.com/${TENANT}`,
    VITE_API_SCOPES: `api://${API}/access_as_user`,
  };
  const problems = (env: PaneBuildEnv): string => {
    const r = parsePaneBuild(env);
    return r.ok ? '' : r.problems.join('\n');
  };

  it('takes a complete entra configuration as it is', () => {
    expect(paneConfig(entra)).toEqual({
      apiBase: entra.VITE_API_BASE,
      auth: {
        mode: 'entra',
        entra: { clientId: ADDIN, authority: entra.VITE_ENTRA_AUTHORITY, scopes: [entra.VITE_API_SCOPES] },
      },
    });
  });

  it('keeps local mode working with nothing set', () => {
    expect(paneConfig({})).toEqual({ apiBase: '/api', auth: { mode: 'local' } });
  });

  it('refuses entra mode without an authority, a tenant authority, a scope or the API URL', () => {
    expect(problems({ ...entra, VITE_ENTRA_AUTHORITY: undefined })).toMatch(
      /VITE_ENTRA_AUTHORITY is required/,
    );
    for (const multi of ['organizations', 'common', 'consumers'])
      expect(
        problems({ ...entra, VITE_ENTRA_AUTHORITY: `https://login.microsoftonline.com/${multi}` }),
      ).toMatch(/VITE_ENTRA_AUTHORITY .*tenant/);
    expect(
      problems({ ...entra, VITE_ENTRA_AUTHORITY: `http://login.microsoftonline.com/${TENANT}` }),
    ).toMatch(/VITE_ENTRA_AUTHORITY must be https/);
    expect(problems({ ...entra, VITE_API_SCOPES: ' ' })).toMatch(/VITE_API_SCOPES is required/);
    expect(problems({ ...entra, VITE_API_SCOPES: 'access_as_user' })).toMatch(/VITE_API_SCOPES each scope/);
    expect(problems({ ...entra, VITE_API_BASE: undefined })).toMatch(/VITE_API_BASE is required/);
    expect(problems({ ...entra, VITE_API_BASE: '/api' })).toMatch(
      /VITE_API_BASE must be the API's https URL/,
    );
    expect(problems({ ...entra, VITE_ENTRA_CLIENT_ID: undefined })).toMatch(
      /VITE_ENTRA_CLIENT_ID is required/,
    );
    expect(problems({ ...entra, VITE_AUTH_MODE: 'entar' })).toMatch(/VITE_AUTH_MODE/);
    // A client id alone means entra mode, so it needs the rest too.
    expect(problems({ VITE_ENTRA_CLIENT_ID: ADDIN })).toMatch(/VITE_ENTRA_AUTHORITY is required/);
    expect(() => paneConfig({ ...entra, VITE_API_SCOPES: undefined })).toThrow(/VITE_API_SCOPES/);
  });

  it('the real Vite build stops before writing anything when entra variables are missing', () => {
    const out = join(tmp, 'vite-out');
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'addin/vite.config.ts',
        '--outDir',
        out,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...entra,
          VITE_ENTRA_AUTHORITY: 'https://login.microsoftonline.com/organizations',
          VITE_API_SCOPES: '',
        },
        timeout: 60_000,
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/VITE_ENTRA_AUTHORITY[^\n]*tenant/);
    expect(r.stderr + r.stdout).toMatch(/VITE_API_SCOPES is required/);
    expect(() => statSync(out)).toThrow();
  });
});

describe('infra/scripts/build-taskpane.sh', () => {
  /** Runs the real script in a scratch directory with an `npm` that records what the build would see. */
  function runScript(
    env: Record<string, string>,
    writes = ['taskpane.html', 'staticwebapp.config.json'],
  ): {
    status: number | null;
    stderr: string;
    seen: PaneBuildEnv;
  } {
    const dir = mkdtempSync(join(tmp, 'script-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { 'build:addin': 'vite build' } }));
    const npm = join(bin, 'npm');
    writeFileSync(
      npm,
      `#!/bin/sh\nnode -e 'const e={};for(const[k,v]of Object.entries(process.env))if(k.startsWith("VITE_"))e[k]=v;require("fs").writeFileSync("seen.json",JSON.stringify(e))'\nmkdir -p dist/addin\n${writes.map((f) => `: > dist/addin/${f}\n`).join('')}`,
    );
    chmodSync(npm, 0o755);
    const r = spawnSync('sh', [join(root, 'infra/scripts/build-taskpane.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
    });
    let seen: PaneBuildEnv = {};
    try {
      seen = JSON.parse(readFileSync(join(dir, 'seen.json'), 'utf8')) as PaneBuildEnv;
    } catch {
      // the script stopped before building
    }
    return { status: r.status, stderr: r.stderr, seen };
  }

  const azd = {
    API_URL: 'https://func-abc.azurewebsites.net/api',
    ENTRA_AUTHORITY: `https://login.microsoftonline.com/${TENANT}`,
    ENTRA_API_SCOPE: `api://${API}/access_as_user`,
    ENTRA_ADDIN_CLIENT_ID: ADDIN,
  };

  it('builds with what the pane reads: the API URL, the tenant authority, the client id and the scope', () => {
    const r = runScript(azd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(paneConfig(r.seen)).toEqual({
      apiBase: azd.API_URL,
      auth: {
        mode: 'entra',
        entra: { clientId: ADDIN, authority: azd.ENTRA_AUTHORITY, scopes: [azd.ENTRA_API_SCOPE] },
      },
    });
  });

  it('stops when the build wrote no staticwebapp.config.json (the headers of the pane)', () => {
    const r = runScript(azd, ['taskpane.html']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('staticwebapp.config.json');
  });

  it('stops, naming the value, when one of them is missing', () => {
    for (const key of Object.keys(azd) as (keyof typeof azd)[]) {
      const r = runScript({ ...azd, [key]: '' });
      expect(r.status, key).not.toBe(0);
      expect(r.stderr, key).toContain(key);
      expect(r.seen, key).toEqual({});
    }
  });
});
