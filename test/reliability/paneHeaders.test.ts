import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { chromium } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures.js';
import { startTaskpaneServer, type TaskpaneServer } from '../../addin/dev/server.js';
import type { PaneBuildEnv, PaneConfig } from '../../addin/src/app/buildVariables.js';
import { paneConfig } from '../../addin/src/app/config.js';
import {
  OFFICE_FRAME_ANCESTORS,
  securityHeaders,
  STATIC_WEB_APP_CONFIG_FILE,
} from '../../addin/src/app/securityHeaders.js';

/**
 * Issue 14 "Headers": the pane's dev server answered any Host (a DNS-rebinding page could read
 * /dev/local-users, the admin's token included) and sent no CSP or nosniff; production had no
 * staticwebapp.config.json. The real dev server is asked with forged Host headers; the real
 * Vite production build writes the Static Web Apps configuration; both come from
 * addin/src/app/securityHeaders.ts and are compared here directive by directive.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_TOKEN = 'eyJ-the-admin-token-a-rebinding-page-must-never-read';
const LOCAL: PaneConfig = { apiBase: '/api', auth: { mode: 'local' } };

let dev: TaskpaneServer;
const tmp = mkdtempSync(join(tmpdir(), 'pane-headers-'));

beforeAll(async () => {
  dev = await startTaskpaneServer({
    port: 0,
    host: '127.0.0.1',
    https: false,
    hmr: false,
    pane: LOCAL,
    apiUrl: 'http://127.0.0.1:9/api',
    localUsers: [{ id: 'admin', name: '校工会管理员', role: 'admin', token: ADMIN_TOKEN }],
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  await dev?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with exactly the Host header given (fetch would not let a test forge it). */
function ask(path: string, host: string | null, port = dev.port): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'GET', setHost: false, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    if (host !== null) req.setHeader('host', host);
    req.on('error', reject);
    req.end();
  });
}

/** What only the dev server may add: Vite's loopback websocket and inline-script hashes. */
const devOnly = (value: string): boolean =>
  /^wss?:\/\/(localhost|127\.0\.0\.1):\d+$/.test(value) || /^'sha256-[A-Za-z0-9+/=]+'$/.test(value);
const withoutDevOnly = (values: string): string =>
  values
    .split(' ')
    .filter((v) => !devOnly(v))
    .join(' ');

const directives = (csp: string): Map<string, string> =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );

describe('the dev server answers only to localhost (DNS rebinding)', () => {
  it('serves the demo users to localhost and 127.0.0.1, with or without the port', async () => {
    for (const host of [
      `localhost:${dev.port}`,
      `127.0.0.1:${dev.port}`,
      'localhost',
      `LOCALHOST:${dev.port}`,
    ]) {
      const r = await ask('/dev/local-users', host);
      expect(r.status, host).toBe(200);
      expect(r.body, host).toContain(ADMIN_TOKEN);
    }
  });

  it('refuses every other Host with 421 and nothing of the answer', async () => {
    const forged = [
      `rebind.attacker.example:${dev.port}`,
      'attacker.example',
      `localhost.attacker.example:${dev.port}`,
      `127.0.0.1.nip.io:${dev.port}`,
      `evil.localhost:${dev.port}`,
      `localhost@attacker.example`,
      '',
      null,
    ];
    let leaks = 0;
    let probes = 0;
    let answered = 0;
    for (const host of forged)
      for (const path of ['/dev/local-users', '/taskpane.html', '/api/health']) {
        const r = await ask(path, host);
        probes++;
        if (r.status < 400) answered++;
        // Without any Host, Node's HTTP parser itself answers 400 before the handler runs.
        expect(r.status, `${host} ${path}`).toBe(host === null ? 400 : 421);
        if (r.body.includes(ADMIN_TOKEN)) leaks++;
      }
    recordFigures('rebinding', { forgedHosts: forged.length, probes, answered, tokenLeaks: leaks });
    expect(leaks).toBe(0);
  });
});

describe('the dev server sends the security headers', () => {
  it('on the pane, the demo users and refusals of the API proxy alike: CSP, nosniff, no X-Frame-Options', async () => {
    const want = directives(securityHeaders(LOCAL)['Content-Security-Policy']!);
    for (const path of ['/taskpane.html', '/dev/local-users', '/api/health', '/missing.js']) {
      const r = await ask(path, `localhost:${dev.port}`);
      const got = directives(r.headers['content-security-policy'] as string);
      expect([...got.keys()], path).toEqual([...want.keys()]);
      for (const [name, value] of got) expect(withoutDevOnly(value), `${path} ${name}`).toBe(want.get(name));
      // Vite's client connects to its websocket even without hot reload; only that is added.
      expect(got.get('connect-src'), path).toMatch(/ ws:\/\/127\.0\.0\.1:\d+/);
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
      expect(r.headers['x-frame-options'], path).toBeUndefined();
    }
  });

  it('lets Office on the web frame the pane, and nobody else', () => {
    const ancestors = directives(securityHeaders(LOCAL)['Content-Security-Policy']!).get('frame-ancestors')!;
    expect(ancestors.split(' ')).toEqual(["'self'", ...OFFICE_FRAME_ANCESTORS]);
    expect(ancestors).not.toMatch(/(^| )(\*|https:|https:\/\/\*)( |$)/);
  });

  it("with hot reload, allows exactly the inline script Vite's React plugin puts in the page", async () => {
    const hot = await startTaskpaneServer({
      port: 0,
      host: '127.0.0.1',
      https: false,
      pane: LOCAL,
      log: () => {},
    });
    try {
      const r = await ask('/taskpane.html', `127.0.0.1:${hot.port}`, hot.port);
      expect(r.status).toBe(200);
      const inline = [...r.body.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
        (m) => m[1]!,
      );
      expect(inline.length).toBeGreaterThan(0);
      const scripts = directives(r.headers['content-security-policy'] as string).get('script-src')!;
      for (const code of inline)
        expect(scripts).toContain(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
      expect(scripts).not.toContain('unsafe-inline');
      // Hot reload's websocket is this server's own.
      expect(directives(r.headers['content-security-policy'] as string).get('connect-src')).toContain(
        `ws://127.0.0.1:${hot.port}`,
      );
    } finally {
      await hot.close();
    }
  });
});

describe('production: the Vite build writes the same headers for Static Web Apps', () => {
  const entra: PaneBuildEnv = {
    VITE_AUTH_MODE: 'entra',
    VITE_API_BASE: 'https://func-abc123.azurewebsites.net/api',
    VITE_ENTRA_CLIENT_ID: '3c6f5f3e-5a0e-4b51-9d6b-2f3f8b1f9a10',
    VITE_ENTRA_AUTHORITY: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47',
    VITE_API_SCOPES: 'api://b2d8c6a4-1111-4c3e-8f00-5e6d7c8b9a01/access_as_user',
  };
  const out = join(tmp, 'dist');
  let built: { globalHeaders: Record<string, string> };

  beforeAll(async () => {
    const vite = join(root, 'node_modules/vite/bin/vite.js');
    // Asynchronously: the dev server of this file keeps answering while the build runs.
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', 'addin/vite.config.ts', '--outDir', out],
      {
        cwd: root,
        env: { ...process.env, ...entra },
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`vite build failed:\n${output}`);
    built = JSON.parse(readFileSync(join(out, STATIC_WEB_APP_CONFIG_FILE), 'utf8')) as typeof built;
  }, 320_000);

  it('staticwebapp.config.json carries the headers of this build (its API and tenant)', () => {
    expect(built.globalHeaders).toEqual(securityHeaders(paneConfig(entra)));
    const csp = directives(built.globalHeaders['Content-Security-Policy']!);
    expect(csp.get('connect-src')).toContain('https://func-abc123.azurewebsites.net');
    expect(csp.get('connect-src')).toContain('https://login.microsoftonline.com');
    expect(built.globalHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(Object.keys(built.globalHeaders).map((k) => k.toLowerCase())).not.toContain('x-frame-options');
  });

  it('agrees with what the dev server sends, directive by directive, but for the configured origins', async () => {
    const r = await ask('/taskpane.html', `localhost:${dev.port}`);
    const devCsp = directives(r.headers['content-security-policy'] as string);
    const prodCsp = directives(built.globalHeaders['Content-Security-Policy']!);
    expect([...prodCsp.keys()]).toEqual([...devCsp.keys()]);
    // Only the directives that name the API and the sign-in origin may differ, and only by them.
    const origins = ['https://func-abc123.azurewebsites.net', 'https://login.microsoftonline.com'];
    for (const [name, value] of prodCsp) {
      const withoutOrigins = value
        .split(' ')
        .filter((v) => !origins.includes(v))
        .join(' ');
      expect(withoutOrigins, name).toBe(withoutDevOnly(devCsp.get(name)!));
    }
    expect(r.headers['x-content-type-options']).toBe(built.globalHeaders['X-Content-Type-Options']);
    expect(r.headers['referrer-policy']).toBe(built.globalHeaders['Referrer-Policy']);
  });

  it('builds pages without inline scripts, so the production CSP needs no unsafe-inline for scripts', () => {
    for (const page of ['taskpane.html', 'authdialog.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
      const html = readFileSync(join(out, page), 'utf8');
      expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/g), page).toBeNull();
    }
    expect(built.globalHeaders['Content-Security-Policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  /**
   * Static Web Apps emulated: the built files over https with the globalHeaders of the built
   * staticwebapp.config.json, under the name pane.test; parent pages under Office's host names
   * and an attacker's, all mapped to loopback in Chromium. frame-ancestors is checked by the
   * browser itself.
   */
  it('in Chromium, Office on the web may frame the built pane and another site may not; the CSP blocks nothing of the pane', async () => {
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=pane.test',
      '-keyout',
      join(tmp, 'key.pem'),
      '-out',
      join(tmp, 'cert.pem'),
    ]);
    expect(made.status, `openssl: ${made.stderr}`).toBe(0);
    const tls = { cert: readFileSync(join(tmp, 'cert.pem')), key: readFileSync(join(tmp, 'key.pem')) };
    const types: Record<string, string> = {
      '.html': 'text/html; charset=utf-8',
      '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8',
      '.png': 'image/png',
      '.svg': 'image/svg+xml',
    };
    const staticSite = https.createServer(tls, (req, res) => {
      const file = join(out, new URL(req.url ?? '/', 'https://pane.test').pathname);
      if (!file.startsWith(out) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        ...built.globalHeaders,
        'content-type': types[extname(file)] ?? 'application/octet-stream',
      });
      res.end(readFileSync(file));
    });
    const parent = https.createServer(tls, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><iframe src="https://pane.test/taskpane.html" width="400" height="600"></iframe>',
      );
    });
    const listen = async (server: https.Server): Promise<number> => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return (server.address() as AddressInfo).port;
    };
    const panePort = await listen(staticSite);
    const parentPort = await listen(parent);
    const framers = [
      'excel.officeapps.live.com',
      'excel.cloud.microsoft',
      'contoso.sharepoint.com',
      'attacker.example',
    ];
    const rules = [
      `MAP pane.test:443 127.0.0.1:${panePort}`,
      ...framers.map((h) => `MAP ${h}:443 127.0.0.1:${parentPort}`),
      // Office.js's CDN is unreachable here: a failed load, not a CSP matter.
      'MAP appsforoffice.microsoft.com 127.0.0.1:1',
    ];
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        `--host-resolver-rules=${rules.join(', ')}`,
        '--ignore-certificate-errors',
      ],
    });
    try {
      const framed: Record<string, boolean> = {};
      const violations: string[] = [];
      for (const host of framers) {
        const page = await browser.newPage();
        page.on('console', (m) => {
          if (/Content Security Policy/.test(m.text()) && host !== 'attacker.example')
            violations.push(`${host}: ${m.text()}`);
        });
        await page.goto(`https://${host}/`);
        const frame = page.frames()[1];
        let loaded = false;
        try {
          await frame?.waitForSelector('#root', { state: 'attached', timeout: 5_000 });
          loaded = frame?.url() === 'https://pane.test/taskpane.html';
        } catch {
          loaded = false;
        }
        framed[host] = loaded;
        // The pane renders (React, Fluent UI's run-time styles) under the production CSP.
        if (loaded)
          await frame!.waitForFunction(
            () => (document.getElementById('root')?.childElementCount ?? 0) > 0,
            null,
            {
              timeout: 15_000,
            },
          );
        await page.close();
      }
      expect(framed).toEqual({
        'excel.officeapps.live.com': true,
        'excel.cloud.microsoft': true,
        'contoso.sharepoint.com': true,
        'attacker.example': false,
      });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      staticSite.close();
      parent.close();
    }
  }, 120_000);
});
