import { shanghaiDate } from '../../../shared/settings/index.js';

/** "Today" as the domain means it: the ISO date in Asia/Shanghai (DOMAIN.md §2), whatever the host's zone. */
export function isoDateInShanghai(now: Date): string {
  return shanghaiDate(now);
}

/** Injected so that tests can fix the day; services never read the system clock themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
