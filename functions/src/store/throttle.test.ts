import { describe, expect, it } from 'vitest';
import { StoreThrottledError, StoreUnavailableError } from './errors.js';
import { withThrottleRetry } from './throttle.js';

const throttle = (retryAfterInMs?: number) => Object.assign(new Error('429'), { code: 429, retryAfterInMs });

describe('withThrottleRetry', () => {
  it('waits what the server asks (capped) and tries again', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withThrottleRetry(
      async () => {
        calls++;
        if (calls < 3) throw throttle(calls === 1 ? 120 : 60_000);
        return 'ok';
      },
      { attempts: 4, maxWaitMs: 1_000, defaultWaitMs: 50, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([120, 1_000]);
  });

  it('gives up after its attempts with the retry-after the caller should pass on', async () => {
    const attempt = withThrottleRetry(() => Promise.reject(throttle(2_000)), {
      attempts: 2,
      maxWaitMs: 10,
      defaultWaitMs: 50,
      sleep: async () => {},
    });
    await expect(attempt).rejects.toBeInstanceOf(StoreThrottledError);
    await expect(attempt).rejects.toMatchObject({ retryAfterMs: 2_000 });
  });

  it('passes client errors through and turns server errors into StoreUnavailableError', async () => {
    const notFound = Object.assign(new Error('nf'), { code: 404 });
    await expect(withThrottleRetry(() => Promise.reject(notFound))).rejects.toBe(notFound);
    const down = Object.assign(new Error('down'), { code: 503 });
    await expect(withThrottleRetry(() => Promise.reject(down))).rejects.toBeInstanceOf(StoreUnavailableError);
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    await expect(withThrottleRetry(() => Promise.reject(refused))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });
});
