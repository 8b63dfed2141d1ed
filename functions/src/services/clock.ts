/** "Today" as the domain means it: the ISO date in Asia/Shanghai (DOMAIN.md §2), whatever the host's zone. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isoDateInShanghai(now: Date): string {
  return shanghai.format(now);
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
