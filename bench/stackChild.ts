import { startLocalStack } from '../functions/src/local/stack.js';
import { openStore } from '../functions/src/store/index.js';
import { HostMeter } from './hostMeter.js';

/**
 * The local stack in a process of its own, for the benchmarks that talk to it over loopback
 * (push, API latency, memory): the bench process is the client, as the CLI and autocannon are,
 * and does not share this event loop. Started by bench/stack.ts with an IPC channel; answers
 * `memory`, `cpu`, `meter` and `close`, and exits when the parent goes away.
 *
 * With BENCH_STACK_COSMOS set, the store is the embedded Cosmos server at that endpoint, in
 * another process (issue 17: the host's own CPU, not shared with the store's); else it runs
 * in this process, as `union-ledger serve` runs it.
 */
interface Ready {
  type: 'ready';
  url: string;
  cosmos: string | null;
  secret: string;
  tokens: Record<string, string>;
  orgId: string;
  demoRows: number;
  startMs: number;
}

const send = (m: object): void => {
  process.send?.(m);
};

const demo = process.env.BENCH_STACK_DEMO === '1';
const apart = process.env.BENCH_STACK_COSMOS || null;
const started = performance.now();
const meter = new HostMeter();
const store = apart
  ? meter.store(await openStore({ endpoint: apart, key: 'embedded-cosmos-key-unused', database: 'union' }))
  : undefined;
const stack = await startLocalStack({ port: 0, demo, log: { error: () => {} }, ...(store ? { store } : {}) });
if (store) meter.attach(stack.app);
const cosmos = apart ?? /at (http:\/\/\S+)/.exec(stack.app.store.description)?.[1] ?? null;
const ready: Ready = {
  type: 'ready',
  url: stack.url,
  cosmos,
  secret: stack.secret,
  tokens: stack.tokens,
  orgId: stack.app.config.orgId,
  demoRows: stack.demoRows,
  startMs: performance.now() - started,
};
send(ready);

process.on('message', (m: { type?: string; on?: boolean }) => {
  if (m.type === 'memory') {
    send({
      type: 'memory',
      rss: process.memoryUsage().rss,
      // Peak resident set size of this process so far (resourceUsage reports kilobytes).
      maxRss: process.resourceUsage().maxRSS * 1024,
      heapUsed: process.memoryUsage().heapUsed,
    });
  } else if (m.type === 'meter') {
    if (m.on) meter.start();
    else meter.stop();
    send({ type: 'cpu', ...meter.read() });
  } else if (m.type === 'cpu') {
    send({ type: 'cpu', ...meter.read() });
  } else if (m.type === 'close') {
    void stack.close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => {
  void stack.close().finally(() => process.exit(0));
});
