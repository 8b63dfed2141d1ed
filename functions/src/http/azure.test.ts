import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { demoSettings } from '../../../shared/settings/index.js';
import { createApp, type App } from '../app.js';
import { issueLocalToken } from '../services/auth.js';
import { azureHandler } from './azure.js';
import { routeNamed, routes } from './routes.js';

/** The Azure adapter over the same route table, without the Functions host (it cannot be installed here). */
const SECRET = 'a'.repeat(40);

async function app(): Promise<App> {
  const instance = await createApp({
    orgId: demoSettings.orgId,
    auth: { mode: 'local', secret: SECRET },
    cosmos: { database: 'union' },
    maxBodyBytes: 1024,
    bootstrapAdmins: [],
  });
  await instance.settings.replace(demoSettings);
  return instance;
}

const context = () => new functions.InvocationContext({ functionName: 'test', invocationId: 'x' });

describe('Azure Functions adapter', () => {
  it('has one function file per route of the table', () => {
    const dir = fileURLToPath(new URL('../functions/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'appInstance.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual(routes.map((r) => r.name).sort());
  });

  it('serves a route through app.http handlers: params, query, auth, errors, body limit', async () => {
    const instance = await app();
    try {
      const handler = (name: string) => azureHandler(routeNamed(name), async () => instance);
      const token = await issueLocalToken(SECRET, 'officer-arts');
      const pull = await handler('pullRows')(
        new functions.HttpRequest({
          method: 'GET',
          url: 'http://localhost/api/ledgers/members/rows?limit=10',
          params: { kind: 'members' },
          headers: { authorization: `Bearer ${token}` },
        }),
        context(),
      );
      expect(pull.status).toBe(200);
      expect(pull.jsonBody).toMatchObject({ rows: [], more: false });

      const unknown = await handler('pullRows')(
        new functions.HttpRequest({
          method: 'GET',
          url: 'http://localhost/api/ledgers/nope/rows',
          params: { kind: 'nope' },
          headers: { authorization: `Bearer ${token}` },
        }),
        context(),
      );
      expect(unknown).toMatchObject({ status: 404, jsonBody: { error: { code: 'unknown_kind' } } });

      const anonymous = await handler('summary')(
        new functions.HttpRequest({ method: 'GET', url: 'http://localhost/api/summary?year=2023' }),
        context(),
      );
      expect(anonymous).toMatchObject({ status: 401, jsonBody: { error: { code: 'unauthenticated' } } });

      const big = await handler('sync')(
        new functions.HttpRequest({
          method: 'POST',
          url: 'http://localhost/api/ledgers/members/sync',
          params: { kind: 'members' },
          headers: { authorization: `Bearer ${token}` },
          body: { string: JSON.stringify({ rows: [{ pad: 'x'.repeat(2000) }] }) },
        }),
        context(),
      );
      expect(big).toMatchObject({ status: 413, jsonBody: { error: { code: 'payload_too_large' } } });

      const health = await handler('health')(
        new functions.HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }),
        context(),
      );
      expect(health).toMatchObject({ status: 200, jsonBody: { status: 'ok', store: 'embedded' } });
    } finally {
      await instance.close();
    }
  });
});
