/**
 * A one-line progress bar on a terminal: rows done / total and the rate. Nothing at all when the
 * stream is not a TTY (a pipe, a CI log, a test), so machine output stays clean.
 */
export interface Progress {
  start(total: number): void;
  tick(rows: number): void;
  done(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const SILENT: Progress = { start() {}, tick() {}, done() {} };
const REDRAW_MS = 100;

export function progressBar(stream: ProgressStream, label: string, now = () => performance.now()): Progress {
  if (!stream.isTTY) return SILENT;
  let total = 0;
  let done = 0;
  let began = 0;
  let drawn = -Infinity;
  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - drawn < REDRAW_MS) return;
    drawn = t;
    const rate = t > began ? Math.round((done * 1000) / (t - began)) : 0;
    const tail = ` ${done}/${total} 行  ${rate} 行/秒`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length * 2 - tail.length - 4));
    const filled = total > 0 ? Math.round((width * done) / total) : width;
    stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}]${tail}\x1b[K`);
  };
  return {
    start(n) {
      total = n;
      began = now();
      if (n > 0) draw(true);
    },
    tick(n) {
      done = Math.min(total, done + n);
      draw(done === total);
    },
    done() {
      if (total > 0) stream.write('\r\x1b[K');
    },
  };
}
