import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The local stack in a child process (bench/stackChild.ts), and how to talk to it. */
export interface StackProcess {
  url: string;
  /** The embedded Cosmos server's endpoint. */
  cosmos: string;
  secret: string;
  tokens: Record<string, string>;
  orgId: string;
  demoRows: number;
  /** Milliseconds from the child's first line to a listening stack (the demo year seeded, with `demo`). */
  startMs: number;
  memory(timeoutMs?: number): Promise<{ rss: number; maxRss: number; heapUsed: number }>;
  close(): Promise<void>;
}

/** Every child is bounded: a stack that does not come up in this time is killed. */
const START_TIMEOUT_MS = 180_000;

export async function startStackProcess(opts: { demo?: boolean } = {}): Promise<StackProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./stackChild.ts', import.meta.url)), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: { ...process.env, BENCH_STACK_DEMO: opts.demo ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string, timeoutMs: number, killOnTimeout = true): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        if (killOnTimeout) child.kill('SIGKILL');
        reject(new Error(`stack child: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (m: { type?: string }): void => {
        if (m.type !== type) return;
        cleanup();
        resolve(m as T);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`stack child exited (${code}) before ${type}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<Omit<StackProcess, 'memory' | 'close'> & { cosmos: string | null }>(
    'ready',
    START_TIMEOUT_MS,
  );
  if (!ready.cosmos) {
    child.kill('SIGKILL');
    throw new Error('stack child: the store is not the embedded server');
  }
  return {
    url: ready.url,
    cosmos: ready.cosmos,
    secret: ready.secret,
    tokens: ready.tokens,
    orgId: ready.orgId,
    demoRows: ready.demoRows,
    startMs: ready.startMs,
    async memory(timeoutMs = 30_000) {
      const reply = next<{ rss: number; maxRss: number; heapUsed: number }>('memory', timeoutMs, false);
      child.send({ type: 'memory' });
      return reply;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
