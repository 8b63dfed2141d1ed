import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, FIRST_PULL, nextToken, OVERLAP_SECONDS } from './changeToken.js';

describe('change tokens', () => {
  it('continue a pull page by page, then start the next one with the overlap window', () => {
    const started = 1_700_000_000;
    const page1 = nextToken(FIRST_PULL, started, [3, 5, 9], true);
    expect(page1).toMatchObject({ s: 0, t: 0, c: 9, h: 9, n: started });
    const done = nextToken(page1, started, [12], false);
    expect(done).toEqual({ v: 1, s: 12, t: started - OVERLAP_SECONDS, c: 0, h: 0, n: null });
    // An empty last page keeps the high-water mark.
    expect(nextToken(done, started + 100, [], false)).toMatchObject({
      s: 12,
      t: started + 100 - OVERLAP_SECONDS,
    });
  });

  it('round-trip as opaque text and refuse anything else', () => {
    const token = { v: 1 as const, s: 4, t: 5, c: 6, h: 7, n: null };
    expect(decodeToken(encodeToken(token))).toEqual(token);
    expect(decodeToken(undefined)).toEqual(FIRST_PULL);
    expect(() => decodeToken('bm9wZQ')).toThrow('同步标记');
    expect(() => decodeToken(encodeToken({ ...token, s: -1 }))).toThrow('同步标记');
  });
});
