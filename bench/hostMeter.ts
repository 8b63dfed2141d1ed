import { parsePush, type ParsedPush } from '../functions/src/services/syncInput.js';
import type { App } from '../functions/src/app.js';
import type { Store } from '../functions/src/store/types.js';

/**
 * The host's own CPU, by phase (issue 17: "measure the host alone"), inside the stack child
 * (bench/stackChild.ts) whose store runs in yet another process. The store's methods and the
 * sync service are wrapped: the CPU this process spends between a call and its answer is that
 * phase's — exact while requests come one at a time, which is how the bench asks for the
 * breakdown (the wrapped calls cost two `process.cpuUsage()` each, ~1 µs). Parsing and
 * serialising happen in the HTTP layer, which is not wrapped: while a breakdown runs, the same
 * body is parsed again and the same answer serialised again, and those replays are timed.
 */
export type HostPhase =
  /** JSON.parse of the body and the envelope and row schemas (syncInput.ts), replayed. */
  | 'parse'
  /** The sync service's own work between its store calls: validation, checks, plan, results. */
  | 'service'
  /** Snapshot refreshes, reads by id (store calls: SDK request, response parsing). */
  | 'storeRead'
  /** Sequence numbers and the rows' bulk writes. */
  | 'storeWrite'
  /** The audit entries' write. */
  | 'audit'
  /** JSON.stringify of the answer, replayed. */
  | 'serialise';

export interface HostCpu {
  /** process.cpuUsage() of the host process, user + system, µs. */
  totalUs: number;
  /** Per phase while metering was on, µs. */
  phases: Record<HostPhase, number>;
  /**
   * CPU of the replays (parse, serialise) this process spent on top of serving, µs: subtract it
   * from `totalUs` differences taken while metering was on.
   */
  replayUs: number;
  /** Sync requests served while metering was on, and their rows. */
  syncs: number;
  rows: number;
  /** Store calls while metering was on, by method. */
  calls: Record<string, number>;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

export class HostMeter {
  private on = false;
  private phases: Record<HostPhase, number> = blank();
  private calls: Record<string, number> = {};
  private syncs = 0;
  private rows = 0;
  private replay = 0;
  /** Store-call CPU inside the sync service call running now (subtracted from `service`). */
  private inner = 0;

  /** The store with its calls metered. */
  store(store: Store): Store {
    const rows = store.rows;
    const audit = store.audit;
    const timed = <A extends unknown[], R>(
      phase: HostPhase,
      name: string,
      fn: (...a: A) => Promise<R>,
    ): ((...a: A) => Promise<R>) => {
      return async (...args: A): Promise<R> => {
        if (!this.on) return fn(...args);
        const t = cpuNow();
        try {
          return await fn(...args);
        } finally {
          const spent = cpuNow() - t;
          this.phases[phase] += spent;
          this.inner += spent;
          this.calls[name] = (this.calls[name] ?? 0) + 1;
        }
      };
    };
    return {
      ...store,
      ping: () => store.ping(),
      close: () => store.close(),
      description: store.description,
      settings: store.settings,
      rows: {
        readByIds: timed('storeRead', 'rows.readByIds', rows.readByIds.bind(rows)),
        changedSince: timed('storeRead', 'rows.changedSince', rows.changedSince.bind(rows)),
        changes: timed('storeRead', 'rows.changes', rows.changes.bind(rows)),
        list: timed('storeRead', 'rows.list', rows.list.bind(rows)),
        reserveSeq: timed('storeWrite', 'rows.reserveSeq', rows.reserveSeq.bind(rows)),
        write: timed('storeWrite', 'rows.write', rows.write.bind(rows)),
      },
      audit: {
        append: timed('audit', 'audit.append', audit.append.bind(audit)),
        query: audit.query.bind(audit),
        list: audit.list.bind(audit),
      },
    };
  }

  /** Meters the app's sync service (the store given to the app must come from `store()`). */
  attach(app: App): void {
    const push = app.sync.push.bind(app.sync);
    app.sync.push = async (principal, kind, parsed: ParsedPush) => {
      if (!this.on) return push(principal, kind, parsed);
      this.replayParse(parsed);
      this.inner = 0;
      const t = cpuNow();
      const answer = await push(principal, kind, parsed);
      this.phases.service += cpuNow() - t - this.inner;
      const s = cpuNow();
      JSON.stringify(answer); // what the host's `send` does with it
      this.phases.serialise += cpuNow() - s;
      this.replay += cpuNow() - s;
      this.syncs++;
      this.rows += parsed.rows.length;
      return answer;
    };
  }

  /** Parse an equivalent body again, as the HTTP layer did: JSON text → envelope → rows. */
  private replayParse(parsed: ParsedPush): void {
    const start = cpuNow();
    const text = JSON.stringify({
      headers: parsed.headers,
      rows: parsed.rows.map((r) => (r.ok ? r.row : { rowId: r.rowId })),
    });
    const t = cpuNow();
    parsePush(JSON.parse(text));
    this.phases.parse += cpuNow() - t;
    this.replay += cpuNow() - start;
  }

  start(): void {
    this.phases = blank();
    this.calls = {};
    this.syncs = 0;
    this.rows = 0;
    this.replay = 0;
    this.on = true;
  }

  stop(): void {
    this.on = false;
  }

  read(): HostCpu {
    return {
      totalUs: cpuNow(),
      phases: { ...this.phases },
      replayUs: this.replay,
      syncs: this.syncs,
      rows: this.rows,
      calls: { ...this.calls },
    };
  }
}

function blank(): Record<HostPhase, number> {
  return { parse: 0, service: 0, storeRead: 0, storeWrite: 0, audit: 0, serialise: 0 };
}
