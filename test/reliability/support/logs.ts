import type { Logger } from '../../../functions/src/http/types.js';
import { formatWithOptions } from 'node:util';

/**
 * Everything the backend logs while a scenario runs: the host's logger, and anything written
 * to the console or to stdout/stderr by this process (the SDK, a stray console.log). The text
 * is what an operator would see, with error objects expanded as console.error expands them.
 */
export interface LogCapture {
  logger: Logger;
  /** All captured text so far. */
  text(): string;
  lines(): number;
  stop(): void;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const fmt = (args: unknown[]): string => formatWithOptions({ depth: 8, colors: false }, ...args);
  const logger: Logger = {
    error: (message, error) => chunks.push(fmt([`[union-ledger] ${message}`, error])),
  };
  const original = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    console[level] = (...args: unknown[]) => void chunks.push(fmt(args));
  const tap =
    (stream: 'out' | 'err') =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original[stream] as (...a: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap('out') as typeof process.stdout.write;
  process.stderr.write = tap('err') as typeof process.stderr.write;
  return {
    logger,
    text: () => chunks.join('\n'),
    lines: () => chunks.join('\n').split('\n').filter(Boolean).length,
    stop() {
      Object.assign(console, {
        log: original.log,
        info: original.info,
        warn: original.warn,
        error: original.error,
        debug: original.debug,
      });
      process.stdout.write = original.out as typeof process.stdout.write;
      process.stderr.write = original.err as typeof process.stderr.write;
    },
  };
}
