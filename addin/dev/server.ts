import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';
import { parsePaneBuild, type PaneConfig } from '../src/app/buildVariables.js';
import { securityHeaders } from '../src/app/securityHeaders.js';

/**
 * The task pane's development server (`npm start` calls startTaskpaneServer): https on port
 * 3000 with the certificates of office-addin-dev-certs, serving taskpane.html through Vite
 * (or the built dist/addin), proxying /api to the local API (an https page may not call an
 * http API), and, in local mode, listing the demo users with their tokens at /dev/local-users.
 */
export interface LocalUserInfo {
  id: string;
  name: string;
  role: 'admin' | 'officer' | 'finance' | 'leader';
  unit?: string | undefined;
  token: string;
}

export interface TaskpaneServerOptions {
  /** 3000 by default (the manifest's address); 0 picks a free port. */
  port?: number;
  /** `localhost` by default. */
  host?: string;
  /** `auto` (default): https with the dev certificates, or http with a warning when there are none. */
  https?: boolean | 'auto';
  /** `dev` (default): Vite in middleware mode. `dist`: the built pane in dist/addin. */
  mode?: 'dev' | 'dist';
  /** The API that /api is proxied to. */
  apiUrl?: string;
  /** Demo users and their local tokens for the pane's sign-in (local mode only). */
  localUsers?: readonly LocalUserInfo[] | (() => Promise<readonly LocalUserInfo[]>);
  /** Extra HTML pages (path → file, or inline html), transformed by Vite like taskpane.html: test harnesses. */
  pages?: Readonly<Record<string, string | { html: string }>>;
  /** Vite's hot reload (dev mode); off for tests. */
  hmr?: boolean;
  /** The pane's settings the security headers are made for; from the VITE_* environment by default. */
  pane?: PaneConfig;
  log?: (line: string) => void;
}

export interface TaskpaneServer {
  /** e.g. https://localhost:3000 */
  origin: string;
  /** The pane: `${origin}/taskpane.html` */
  url: string;
  port: number;
  https: boolean;
  close(): Promise<void>;
}

export const ADDIN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_ROOT = resolve(ADDIN_ROOT, '../dist/addin');
export const DEFAULT_API_URL = 'http://localhost:7071/api';
export const LOCAL_USERS_PATH = '/dev/local-users';

/**
 * Host names the server answers to. A DNS-rebinding page (evil.example resolving to 127.0.0.1)
 * reaches this server with its own name in Host and could otherwise read /dev/local-users —
 * every demo token, the admin's included — as same-origin. Loopback IP literals and localhost
 * cannot be rebound; any other Host gets 421.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header (port dropped, lower case); null when malformed. */
export function hostName(header: string | undefined): string | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(header?.trim() ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

export async function startTaskpaneServer(opts: TaskpaneServerOptions = {}): Promise<TaskpaneServer> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const mode = opts.mode ?? 'dev';
  const host = opts.host ?? 'localhost';
  const api = new URL(opts.apiUrl ?? DEFAULT_API_URL);
  const allowedHosts = new Set([...LOOPBACK_HOSTS, hostName(host) ?? 'localhost']);
  const pane = opts.pane ?? paneFromEnvironment(log);
  let headers = securityHeaders(pane);
  let preambleHash: string | null = null;

  let credentials: Certificates | null = null;
  if (opts.https !== false) {
    credentials = await devCertificates(log);
    if (!credentials && opts.https === true)
      throw new Error('没有可用的开发证书（office-addin-dev-certs 生成失败）');
    if (!credentials)
      log(
        '警告：没有开发证书，任务窗格改用 http 提供。Excel 只加载 https 的加载项：此时只能在浏览器中预览。',
      );
  }

  let vite: ViteDevServer | null = null;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const name = hostName(req.headers.host);
    if (!name || !allowedHosts.has(name)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('本服务只接受 localhost 或 127.0.0.1 的访问');
      return;
    }
    for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
    route(req, res).catch((e: unknown) => {
      log(`任务窗格服务出错：${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('任务窗格服务出错');
    });
  };
  const server = credentials
    ? https.createServer({ cert: credentials.cert, key: credentials.key }, handler)
    : http.createServer(handler);

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://pane.local');
    if (url.pathname === LOCAL_USERS_PATH) return sendLocalUsers(res, opts.localUsers);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return proxy(req, res, api, url);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(302, { location: '/taskpane.html' });
      res.end();
      return;
    }
    const page = opts.pages?.[url.pathname];
    if (page && req.method === 'GET') {
      let html = typeof page === 'string' ? await readFile(page, 'utf8') : page.html;
      if (vite) html = await vite.transformIndexHtml(url.pathname, html);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (vite) {
      vite.middlewares(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('未找到');
      });
      return;
    }
    return serveStatic(res, url.pathname);
  }

  if (mode === 'dev') {
    const { createServer } = await import('vite');
    vite = await createServer({
      configFile: join(ADDIN_ROOT, 'vite.config.ts'),
      root: ADDIN_ROOT,
      appType: 'mpa',
      logLevel: 'warn',
      // The websocket always rides on this server: with `hmr: false` Vite would open its own on
      // port 24678, which two dev servers at once (tests in parallel) cannot both have. Without
      // hot reload, no file is watched, so nothing is ever sent on it.
      server: {
        middlewareMode: true,
        hmr: { server },
        ...(opts.hmr === false ? { watch: null } : {}),
      },
    });
    preambleHash = await reactPreambleHash(vite);
  } else if (!existsSync(join(DIST_ROOT, 'taskpane.html'))) {
    throw new Error('dist/addin 中没有构建好的任务窗格：请先运行 vite build --config addin/vite.config.ts');
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 3000, host === 'localhost' ? '127.0.0.1' : host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${credentials ? 'https' : 'http'}://${host}:${port}`;
  if (vite) {
    // Vite's client opens a websocket even without hot reload, always on this server; wss when
    // the page is https. The page may be loaded by either loopback name.
    const wsPort = port;
    const scheme = credentials ? 'wss' : 'ws';
    headers = securityHeaders(pane, {
      dev: {
        inlineScriptHashes: preambleHash ? [preambleHash] : [],
        websockets: [...new Set([hostName(host) ?? 'localhost', 'localhost', '127.0.0.1'])].map(
          (name) => `${scheme}://${name}:${wsPort}`,
        ),
      },
    });
  }
  return {
    origin,
    url: `${origin}/taskpane.html`,
    port,
    https: !!credentials,
    async close() {
      await vite?.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

// ---------------------------------------------------------------------- headers

function paneFromEnvironment(log: (line: string) => void): PaneConfig {
  const parsed = parsePaneBuild(process.env);
  if (parsed.ok) return parsed.config;
  log(`任务窗格的 VITE_* 设置有误，安全标头按本地模式生成：${parsed.problems.join('；')}`);
  return { apiBase: '/api', auth: { mode: 'local' } };
}

/**
 * With hot reload, Vite's React plugin puts one inline module script (its refresh preamble)
 * into every page: the CSP allows exactly that script by its hash, not inline scripts at large.
 */
async function reactPreambleHash(vite: ViteDevServer): Promise<string> {
  const { default: react } = await import('@vitejs/plugin-react');
  const code = react.preambleCode.replace('__BASE__', vite.config.base);
  return `sha256-${createHash('sha256').update(code).digest('base64')}`;
}

// ---------------------------------------------------------------------- local sign-in

async function sendLocalUsers(
  res: http.ServerResponse,
  users: TaskpaneServerOptions['localUsers'],
): Promise<void> {
  if (!users) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: '本服务未提供演示账号' } }));
    return;
  }
  const list = typeof users === 'function' ? await users() : users;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ users: list }));
}

// ---------------------------------------------------------------------- /api proxy

function proxy(req: http.IncomingMessage, res: http.ServerResponse, api: URL, url: URL): void {
  const rest = url.pathname.slice('/api'.length);
  const path = `${api.pathname.replace(/\/$/, '')}${rest}${url.search}`;
  const client = api.protocol === 'https:' ? https : http;
  const headers = { ...req.headers, host: api.host };
  const upstream = client.request(
    {
      protocol: api.protocol,
      // The local host listens on 127.0.0.1; `localhost` may resolve to ::1 first.
      hostname: api.hostname === 'localhost' ? '127.0.0.1' : api.hostname,
      port: api.port,
      method: req.method,
      path,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        error: {
          code: 'store_unavailable',
          message: `无法连接本地接口服务（${api.origin}${api.pathname}）：请先运行 npm start`,
        },
      }),
    );
  });
  req.pipe(upstream);
}

// ---------------------------------------------------------------------- dist

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function serveStatic(res: http.ServerResponse, pathname: string): Promise<void> {
  const file = normalize(join(DIST_ROOT, decodeURIComponent(pathname)));
  const inside = file.startsWith(DIST_ROOT + sep);
  const info = inside ? await stat(file).catch(() => null) : null;
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('未找到');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  });
  res.end(await readFile(file));
}

// ---------------------------------------------------------------------- certificates

export interface Certificates {
  cert: Buffer;
  key: Buffer;
}

export const CERT_DIR = join(homedir(), '.office-addin-dev-certs');

/**
 * The localhost certificate of office-addin-dev-certs (~/.office-addin-dev-certs), generated
 * with its API when missing. Installing its CA needs a desktop (it cannot happen here):
 * `npx office-addin-dev-certs install` on the developer's machine. Null when unavailable.
 */
export async function devCertificates(log: (line: string) => void = () => {}): Promise<Certificates | null> {
  const certPath = join(CERT_DIR, 'localhost.crt');
  const keyPath = join(CERT_DIR, 'localhost.key');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    try {
      const mod = (await import('office-addin-dev-certs')) as unknown as {
        generateCertificates?: () => Promise<void>;
        default?: { generateCertificates?: () => Promise<void> };
      };
      const generate = mod.generateCertificates ?? mod.default?.generateCertificates;
      if (!generate) throw new Error('office-addin-dev-certs 没有 generateCertificates');
      await generate();
    } catch (e) {
      log(`无法生成开发证书：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return null;
    }
  }
  try {
    const cert = readFileSync(certPath);
    const key = readFileSync(keyPath);
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    if (validTo < Date.now())
      log(
        `警告：开发证书已于 ${new Date(validTo).toISOString().slice(0, 10)} 过期：请删除 ${CERT_DIR} 后重新启动，或运行 npx office-addin-dev-certs install`,
      );
    return { cert, key };
  } catch (e) {
    log(`无法读取开发证书：${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

// ---------------------------------------------------------------------- sideloading

export function sideloadInstructions(
  server: Pick<TaskpaneServer, 'url' | 'https'>,
  manifest = 'manifest.xml',
): string {
  const lines = [
    `任务窗格：${server.url}`,
    ...(server.https
      ? ['  首次使用请在本机信任开发证书：npx office-addin-dev-certs install（需要桌面环境）']
      : [
          '  注意：当前为 http，Excel 不会加载；请先生成并信任开发证书（npx office-addin-dev-certs install）',
        ]),
    '',
    `在 Excel 中旁加载 ${manifest}：`,
    '  Windows 桌面版：',
    '    1. 新建文件夹（如 C:\\AddinManifests）并共享（右键 → 属性 → 共享），把 manifest.xml 复制进去；',
    '    2. Excel → 文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录：填入 \\\\本机名\\AddinManifests，',
    '       点击“添加目录”，勾选“显示在菜单中”，确定后重启 Excel；',
    '    3. 开始 → 加载项 → 更多加载项 → 共享文件夹 → 工会台账 → 添加。',
    '    （也可运行 npm run sideload：office-addin-debugging 自动注册并打开，需要桌面版 Excel。）',
    '  Mac：',
    '    把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/（没有 wef 就新建），',
    '    重启 Excel → 开始 → 加载项 → 我的加载项 → 工会台账。',
    '  Excel 网页版：',
    '    打开工作簿 → 开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项 → 选择 manifest.xml → 上传。',
    '  加载后在“开始”选项卡点击“打开台账”，选择演示账号登录。',
  ];
  return lines.join('\n');
}
