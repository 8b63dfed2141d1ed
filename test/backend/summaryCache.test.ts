import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSettings } from '../../shared/settings/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import type { Principal } from '../../functions/src/services/principal.js';
import { client, memberRow, testStack } from './helpers.js';

/**
 * Issue 17: an annual summary is computed once per (snapshot versions, settings revision, year,
 * unit, day) and served from there — a write or a settings change computes it again, nothing
 * else does — and figures polled while a refresh runs are served, not queued behind the store.
 * Against the embedded store; a second instance on the same store plays "another instance".
 */
let stack: LocalStack;
let other: LocalStack;
beforeAll(async () => {
  stack = await testStack();
  const endpoint = /at (http:\/\/\S+)/.exec(stack.app.store.description)![1]!;
  other = await testStack({ cosmos: { endpoint, key: 'embedded-cosmos-key-unused' } });
}, 60_000);
afterAll(async () => {
  await other?.close();
  await stack?.close();
});

const asAdmin = (s: LocalStack): Promise<Principal> => s.app.auth.authenticate(`Bearer ${s.tokens.admin}`);
const summary = async (s: LocalStack) => s.app.summary.annual(await asAdmin(s), { year: '2023' });

describe('summary cache (issue 17)', () => {
  it('serves the computed summary until a write or a settings change', async () => {
    const first = await summary(stack);
    // Nothing changed: the very same summary, not a new computation.
    expect(await summary(stack)).toBe(first);
    expect(await summary(stack)).toBe(first);

    // A write through this instance: in its snapshot at once, so the next read computes again.
    await client(stack.url, stack.tokens.admin).push('members', [memberRow('机电学院')]);
    const afterWrite = await summary(stack);
    expect(afterWrite).not.toBe(first);
    expect(afterWrite.members).not.toEqual(first.members);
    expect(await summary(stack)).toBe(afterWrite);

    // New settings (a new revision): computed again, even with the same rows.
    const stored = (await stack.app.settings.load())!;
    await stack.app.settings.replace({
      ...stored.settings,
      units: [...stored.settings.units, { ...demoSettings.units[0]!, id: 'new-unit', name: '新设学院工会' }],
    });
    const afterSettings = await summary(stack);
    expect(afterSettings).not.toBe(afterWrite);
    expect(await summary(stack)).toBe(afterSettings);
  });

  it('serves what it holds while it refreshes, and shows another instance’s write once refreshed', async () => {
    const before = await summary(stack);
    // Another instance writes: this one learns of it from the store, at most a second late.
    await client(other.url, other.tokens.admin).push('members', [memberRow('文新学院工会')]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Older than the bound: a refresh starts, and this read does not wait for it.
    expect(await summary(stack)).toBe(before);
    await expect
      .poll(async () => (await summary(stack)).members, { timeout: 5000 })
      .not.toEqual(before.members);
  });
});
