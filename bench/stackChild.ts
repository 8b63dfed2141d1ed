import { startLocalStack } from '../functions/src/local/stack.js';

/**
 * The local stack in a process of its own, for the benchmarks that talk to it over loopback
 * (push, API latency, memory): the bench process is the client, as the CLI and autocannon are,
 * and does not share this event loop. Started by bench/stack.ts with an IPC channel; answers
 * `memory` and `close`, and exits when the parent goes away.
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
const started = performance.now();
const stack = await startLocalStack({ port: 0, demo, log: { error: () => {} } });
const cosmos = /at (http:\/\/\S+)/.exec(stack.app.store.description)?.[1] ?? null;
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

process.on('message', (m: { type?: string }) => {
  if (m.type === 'memory') {
    send({
      type: 'memory',
      rss: process.memoryUsage().rss,
      // Peak resident set size of this process so far (resourceUsage reports kilobytes).
      maxRss: process.resourceUsage().maxRSS * 1024,
      heapUsed: process.memoryUsage().heapUsed,
    });
  } else if (m.type === 'close') {
    void stack.close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => {
  void stack.close().finally(() => process.exit(0));
});
