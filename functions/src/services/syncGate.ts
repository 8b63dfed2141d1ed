/**
 * Admission of push work by size, per instance (issue 17: small requests are not starved by
 * large ones). A 500-row push costs its host ~100 ms of CPU in slices between store calls;
 * with ten of them in flight, a push of a few edited rows waited behind every slice of every
 * one of them and took seconds. Large pushes now go through a few at a time (up to
 * `largeRows` rows together), first come first served; small pushes never wait here. The
 * large ones lose nothing: the CPU they queued for is the same, and they no longer share it
 * ten ways. On Azure the gate is per instance, as the CPU is.
 */
export interface SyncGateOptions {
  /** Pushes of at most this many rows are admitted at once, whatever is running. */
  smallRows: number;
  /** Rows of large pushes running together (one push is always admitted, whatever its size). */
  largeRows: number;
}

/**
 * Two 500-row pushes at a time: one alone leaves the host idle while the store works and the
 * store idle while the host plans (measured: 500-row syncs at 20 connections completed at a
 * third of the rate with one at a time).
 */
export const DEFAULT_SYNC_GATE: SyncGateOptions = { smallRows: 50, largeRows: 1000 };

export class SyncGate {
  private running = 0;
  private readonly waiting: { rows: number; admit: () => void }[] = [];

  constructor(private readonly opts: SyncGateOptions = DEFAULT_SYNC_GATE) {}

  /** Runs `work` when a push of `rows` rows may run. */
  run<T>(rows: number, work: () => Promise<T>): Promise<T> {
    if (rows <= this.opts.smallRows) return work();
    if (this.waiting.length === 0 && this.fits(rows)) {
      this.running += rows;
      return this.finish(rows, work);
    }
    // Counted as running when admitted (next()), not when its turn's microtask runs.
    return new Promise<void>((admit) => this.waiting.push({ rows, admit })).then(() =>
      this.finish(rows, work),
    );
  }

  private async finish<T>(rows: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.running -= rows;
      this.next();
    }
  }

  /** Large pushes waiting (for tests and the bench). */
  get queued(): number {
    return this.waiting.length;
  }

  private fits(rows: number): boolean {
    return this.running === 0 || this.running + rows <= this.opts.largeRows;
  }

  private next(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.rows)) {
      const next = this.waiting.shift()!;
      this.running += next.rows;
      next.admit();
    }
  }
}
