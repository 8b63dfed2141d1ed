import { ERROR_CODES } from '../../../shared/api/index.js';
import { ledgerKindSchema, type LedgerKind } from '../../../shared/ledgers/define.js';
import { queryAudit } from '../services/audit.js';
import { ServiceError } from '../services/errors.js';
import { ledgersInfo } from '../services/ledgersInfo.js';
import type { Principal } from '../services/principal.js';
import { parsePush } from '../services/syncInput.js';
import type { ApiResponse, HandlerContext, Route } from './types.js';

/**
 * THE route table (DESIGN.md "The HTTP API"): registered with `app.http` by the files in
 * functions/src/functions for Azure / `func start`, and served by functions/src/local for the
 * local stack and the tests.
 *
 * `GET /api/backup` and `POST /api/restore` are additions to DESIGN.md's table: the embedded
 * store lives inside the serving process, so `union-ledger backup/restore` go through the API.
 */
const ok = (json: unknown, headers?: Record<string, string>): ApiResponse => ({
  status: 200,
  json,
  ...(headers ? { headers } : {}),
});

function kindOf(ctx: HandlerContext): LedgerKind {
  const kind = ledgerKindSchema.safeParse(ctx.params.kind);
  if (!kind.success)
    throw new ServiceError(ERROR_CODES.unknownKind, `未知的台账类型“${ctx.params.kind ?? ''}”`, {
      kinds: ledgerKindSchema.options,
    });
  return kind.data;
}

function who(ctx: HandlerContext): Principal {
  return ctx.principal!;
}

export const routes: readonly Route[] = [
  {
    name: 'health',
    method: 'GET',
    route: 'health',
    auth: 'public',
    async handle({ app }) {
      await app.store.ping();
      return ok({
        status: 'ok',
        store: app.store.description.startsWith('embedded') ? 'embedded' : 'cosmos',
        time: app.clock.now().toISOString(),
      });
    },
  },
  {
    name: 'ledgers',
    method: 'GET',
    route: 'ledgers',
    auth: 'user',
    handle: async (ctx) => ok(ledgersInfo(who(ctx))),
  },
  {
    name: 'sync',
    method: 'POST',
    route: 'ledgers/{kind}/sync',
    auth: 'user',
    async handle(ctx) {
      const kind = kindOf(ctx);
      return ok(await ctx.app.sync.push(who(ctx), kind, parsePush(ctx.body)));
    },
  },
  {
    name: 'pullRows',
    method: 'GET',
    route: 'ledgers/{kind}/rows',
    auth: 'user',
    handle: async (ctx) => ok(await ctx.app.pull.pull(who(ctx), kindOf(ctx), ctx.query)),
  },
  {
    name: 'summary',
    method: 'GET',
    route: 'summary',
    auth: 'user',
    handle: async (ctx) => ok(await ctx.app.summary.annual(who(ctx), ctx.query)),
  },
  {
    name: 'summaryRows',
    method: 'GET',
    route: 'summary/rows',
    auth: 'user',
    handle: async (ctx) => ok(await ctx.app.figures.rows(who(ctx), ctx.query)),
  },
  {
    name: 'budgetExecution',
    method: 'GET',
    route: 'budget-execution',
    auth: 'user',
    handle: async (ctx) => ok(await ctx.app.summary.execution(who(ctx), ctx.query)),
  },
  {
    name: 'annualReport',
    method: 'GET',
    route: 'reports/annual.xlsx',
    auth: 'user',
    async handle(ctx) {
      const { year, xlsx } = await ctx.app.summary.annualWorkbook(who(ctx), ctx.query);
      return {
        status: 200,
        file: {
          body: xlsx,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          filename: `${year}年度汇总.xlsx`,
        },
      };
    },
  },
  {
    name: 'workReport',
    method: 'GET',
    route: 'reports/annual.docx',
    auth: 'user',
    async handle(ctx) {
      const { name, docx } = await ctx.app.workReport.draft(who(ctx), ctx.query);
      return {
        status: 200,
        file: {
          body: docx,
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          filename: name,
        },
      };
    },
  },
  {
    name: 'settingsGet',
    method: 'GET',
    route: 'settings',
    auth: 'user',
    async handle(ctx) {
      const view = ctx.app.settings.view(who(ctx));
      return ok(view, { ETag: view.rev });
    },
  },
  {
    name: 'settingsPut',
    method: 'PUT',
    route: 'settings',
    auth: 'user',
    async handle(ctx) {
      const view = await ctx.app.settings.put(who(ctx), ctx.body, ctx.header('if-match') ?? undefined);
      return ok(view, { ETag: view.rev });
    },
  },
  {
    name: 'audit',
    method: 'GET',
    route: 'audit',
    auth: 'user',
    handle: async (ctx) =>
      ok(await queryAudit(ctx.app.store.audit, ctx.app.config.orgId, who(ctx), ctx.query)),
  },
  {
    name: 'backup',
    method: 'GET',
    route: 'backup',
    auth: 'user',
    handle: async (ctx) => ok(await ctx.app.backup.backup(who(ctx))),
  },
  {
    name: 'restore',
    method: 'POST',
    route: 'restore',
    auth: 'user',
    adminMaxBodyBytes: 100 * 1024 * 1024,
    // ?dryRun=1: check the backup and answer what it would change, writing nothing.
    handle: async (ctx) =>
      ok(
        await ctx.app.backup.restore(who(ctx), ctx.body, {
          dryRun: ctx.query.dryRun === '1' || ctx.query.dryRun === 'true',
        }),
      ),
  },
];

export function routeNamed(name: string): Route {
  const route = routes.find((r) => r.name === name);
  if (!route) throw new Error(`no route named ${name}`);
  return route;
}

/** Match a path under /api (without the prefix) against a route pattern; returns the decoded params. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  const match = new RegExp(`^${source}/?$`).exec(path);
  if (!match) return null;
  const params: Record<string, string> = {};
  try {
    names.forEach((n, i) => (params[n] = decodeURIComponent(match[i + 1]!)));
  } catch {
    return null;
  }
  return params;
}
