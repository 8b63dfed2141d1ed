/**
 * Crash points for the crash-safety test (test/cli/crashSafePush.test.ts): with
 * `UNION_LEDGER_CRASH_AT=<point>` the process dies at that point as if killed (SIGKILL: no
 * cleanup runs), so the test can check that the next push neither duplicates nor loses rows.
 * Unset (always, outside that test) this does nothing.
 */
export type CrashPoint = 'ids-planned' | 'between-chunks' | 'before-save' | 'during-save';

export async function faultPoint(point: CrashPoint): Promise<void> {
  if (process.env.UNION_LEDGER_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
