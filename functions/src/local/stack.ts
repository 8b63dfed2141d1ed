import { randomBytes } from 'node:crypto';
import { demoSettings, type Settings } from '../../../shared/settings/index.js';
import { createApp, type App } from '../app.js';
import type { AppConfig } from '../config.js';
import type { Principal } from '../services/principal.js';
import { issueLocalToken } from '../services/auth.js';
import { DEMO_YEARS } from '../../../shared/demo/index.js';
import { demoPushes } from './demoPushes.js';
import { startLocalHost, type LocalHost } from './host.js';
import type { Logger } from '../http/types.js';
import type { Store } from '../store/types.js';

/**
 * The local stack (issue 4 §8): the embedded Cosmos server, the functions' route table on
 * http://localhost:7071/api, the demo organisation seeded, and a local token per demo user.
 */
export interface LocalStackOptions {
  port?: number;
  host?: string;
  /** HS256 secret for local tokens; generated for this run when absent. */
  secret?: string;
  /** Seed the demo years' rows too (2023 of DOMAIN.md §8 and 2024, ADR 0023), not just the organisation and users. */
  demo?: boolean;
  /** Organisation settings to seed; the demo organisation by default. */
  settings?: Settings;
  /** Use this Cosmos account instead of the embedded server. */
  cosmos?: { endpoint: string; key: string };
  /** An already opened store (tests wrap one to slow it down or make it throttle). */
  store?: Store;
  log?: Logger;
}

export interface LocalStack {
  url: string;
  port: number;
  app: App;
  host: LocalHost;
  secret: string;
  /** True when the store is the embedded in-memory server. */
  inMemory: boolean;
  /** User id → a local bearer token, for every user of the seeded settings. */
  tokens: Record<string, string>;
  demoRows: number;
  close(): Promise<void>;
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const settings = opts.settings ?? demoSettings;
  const secret = opts.secret ?? randomBytes(32).toString('base64url');
  const config: AppConfig = {
    orgId: settings.orgId,
    auth: { mode: 'local', secret },
    cosmos: { endpoint: opts.cosmos?.endpoint, key: opts.cosmos?.key, database: 'union' },
    maxBodyBytes: 4 * 1024 * 1024,
    bootstrapAdmins: [],
  };
  const app = await createApp(config, opts.store ? { store: opts.store } : {});
  try {
    if (!(await app.settings.load())) await app.settings.replace(settings);
    const demoRows = opts.demo ? await seedDemoYear(app, settings) : 0;
    const host = await startLocalHost(app, {
      port: opts.port ?? 7071,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    const tokens: Record<string, string> = {};
    for (const user of settings.users) tokens[user.id] = await issueLocalToken(secret, user.id);
    return {
      url: host.url,
      port: host.port,
      app,
      host,
      secret,
      inMemory: app.store.description.startsWith('embedded'),
      tokens,
      demoRows,
      async close() {
        await host.close();
        await app.close();
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}

/**
 * Push the demo year through the sync service as admin — the same validation as any push.
 * Members first (the roster), budget before expenses (budget warnings); ledgers otherwise
 * independent go in parallel, since every bulk write waits about a second in the SDK.
 */
export async function seedDemoYear(app: App, settings: Settings): Promise<number> {
  const admin = settings.users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('the seeded settings have no admin user');
  const stored = await app.settings.load();
  const principal: Principal = {
    actor: { userId: admin.id, role: 'admin' },
    settings: stored?.settings ?? settings,
    settingsRev: stored?.rev ?? null,
  };
  const pushes = demoPushes(DEMO_YEARS);
  const stages = [
    pushes.filter((p) => p.kind === 'members'),
    pushes.filter((p) => !['members', 'expenses'].includes(p.kind)),
    pushes.filter((p) => p.kind === 'expenses'),
  ];
  let count = 0;
  for (const stage of stages) {
    const byKind = new Map<string, typeof stage>();
    for (const p of stage) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
    await Promise.all(
      [...byKind.values()].map(async (chunks) => {
        // Chunks of one ledger in order: later chunks' duplicate checks see the earlier ones.
        for (const chunk of chunks) {
          const response = await app.sync.push(principal, chunk.kind, {
            headers: chunk.headers,
            rows: chunk.rows.map((row) => ({ ok: true, row })),
          });
          count += response.results.filter((r) => r.status === 'created' || r.status === 'unchanged').length;
        }
      }),
    );
  }
  return count;
}
