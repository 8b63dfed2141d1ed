/**
 * The union's business day: the calendar date in Asia/Shanghai (UTC+8, no daylight saving),
 * as ISO `YYYY-MM-DD`. Pure: the caller passes the instant.
 */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
