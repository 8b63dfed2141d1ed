import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithRetry } from '../../functions/src/appOpening.js';
import { createApp, type App } from '../../functions/src/app.js';
import { dispatch } from '../../functions/src/http/dispatch.js';
import { routeNamed } from '../../functions/src/http/routes.js';
import { bufferedBody } from '../../functions/src/http/types.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../functions/src/store/embedded.js';
import { openStore } from '../../functions/src/store/index.js';
import { startFaultProxy, type FaultProxy } from './support/faultProxy.js';
import { recordFigures } from './support/figures.js';

/**
 * Issue 14 — a failed store open is not cached forever. The store answers 503 to everything
 * while the worker starts (a role assignment still propagating, a 429 storm); requests get 503
 * meanwhile, and once the store is back the next request after the pause is served — without
 * restarting the worker.
 */
let embedded: EmbeddedCosmos;
let proxy: FaultProxy;
beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  proxy = await startFaultProxy(embedded.endpoint, { timeoutMs: 300 });
});
afterAll(async () => {
  proxy.decide = () => null;
  await proxy?.close();
  await embedded?.close();
});

describe('opening the app on a worker (issue 14)', () => {
  it('answers 503 while the store cannot be opened, then serves once it can', async () => {
    let clock = 0;
    let opens = 0;
    const apps: App[] = [];
    const instance = openWithRetry(
      async () => {
        opens++;
        const store = await openStore({ endpoint: proxy.url, key: embedded.key, database: 'opening' });
        const app = await createApp(
          {
            orgId: 'cqrw',
            auth: { mode: 'local', secret: 'x'.repeat(32) },
            cosmos: { database: 'opening' },
            maxBodyBytes: 1024,
            bootstrapAdmins: [],
          },
          { store },
        );
        apps.push(app);
        return app;
      },
      { firstDelayMs: 1000, maxDelayMs: 8000, now: () => clock },
    );
    const health = async (): Promise<number> =>
      (
        await dispatch(
          routeNamed('health'),
          { method: 'GET', params: {}, query: {}, header: () => null, body: bufferedBody(null) },
          instance,
          { error: () => {} },
        )
      ).status;

    proxy.decide = () => '503';
    const whileDown = [await health(), await health()];
    clock += 500; // within the pause: no new attempt
    whileDown.push(await health());
    expect(whileDown).toEqual([503, 503, 503]);
    expect(opens).toBe(1);

    proxy.decide = () => null;
    clock += 600; // the pause is over: the next request opens again
    expect(await health()).toBe(200);
    expect(await health()).toBe(200);
    expect(opens).toBe(2);
    recordFigures('opening', { attemptsWhileDown: 1, answersWhileDown: whileDown, opensToRecover: opens });
    await Promise.all(apps.map((a) => a.close()));
  }, 60_000);
});
