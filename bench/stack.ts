import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCosmosProcess, type CosmosProcess } from '../test/reliability/support/cosmosProcess.js';
import type { HostCpu } from './hostMeter.js';

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
  /** True when the store runs in a process of its own (`storeApart`). */
  storeApart: boolean;
  memory(timeoutMs?: number): Promise<{ rss: number; maxRss: number; heapUsed: number }>;
  /** Resident set of the store's process (`storeApart` only; else null). */
  storeRss(): Promise<number | null>;
  /** The host process's CPU so far and, with the store apart, its metered phases (bench/hostMeter.ts). */
  cpu(): Promise<HostCpu>;
  /** Turns the per-phase metering on (counters reset) or off; answers the counters. */
  meter(on: boolean): Promise<HostCpu>;
  close(): Promise<void>;
}

/** Every child is bounded: a stack that does not come up in this time is killed. */
const START_TIMEOUT_MS = 180_000;

export interface StackOptions {
  demo?: boolean;
  /**
   * The embedded Cosmos server in a process of its own (issue 17): the host's CPU is then its
   * own, and host and store use both cores, as an Azure host and Cosmos DB use separate machines.
   */
  storeApart?: boolean;
  /** Extra node flags for the host process (e.g. --cpu-prof). */
  execArgv?: string[];
}

export async function startStackProcess(opts: StackOptions = {}): Promise<StackProcess> {
  const store: CosmosProcess | null = opts.storeApart ? await startCosmosProcess() : null;
  const child: ChildProcess = fork(fileURLToPath(new URL('./stackChild.ts', import.meta.url)), [], {
    execArgv: ['--import', import.meta.resolve('tsx'), ...(opts.execArgv ?? [])],
    env: {
      ...process.env,
      BENCH_STACK_DEMO: opts.demo ? '1' : '0',
      BENCH_STACK_COSMOS: store?.endpoint ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.once('exit', () => void store?.close());
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
  const ready = await next<
    Pick<StackProcess, 'url' | 'secret' | 'tokens' | 'orgId' | 'demoRows' | 'startMs'> & {
      cosmos: string | null;
    }
  >('ready', START_TIMEOUT_MS);
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
    storeApart: store !== null,
    storeRss: async () => (store ? store.rss() : null),
    async cpu() {
      const reply = next<HostCpu>('cpu', 30_000, false);
      child.send({ type: 'cpu' });
      return reply;
    },
    async meter(on: boolean) {
      const reply = next<HostCpu>('cpu', 30_000, false);
      child.send({ type: 'meter', on });
      return reply;
    },
    async memory(timeoutMs = 30_000) {
      const reply = next<{ rss: number; maxRss: number; heapUsed: number }>('memory', timeoutMs, false);
      child.send({ type: 'memory' });
      return reply;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return void (await store?.close());
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await store?.close();
    },
  };
}
