import { z } from 'zod';

/**
 * One finding about one row. `error` makes the row invalid (not stored); `warning` travels
 * with an accepted row and is shown in a lighter fill (DOMAIN.md, message conventions).
 */
export const severitySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof severitySchema>;

export const issueSchema = z.object({
  /** The ledger field the issue is about, or null for a whole-row issue. */
  field: z.string().nullable(),
  severity: severitySchema,
  /** Stable, for programs: e.g. `required`, `date.invalid`, `welfare.festivalCash`. */
  code: z.string(),
  /** Chinese, for officers, exactly as DOMAIN.md words it. */
  message: z.string(),
  /** For duplicates: the sheet row number of the earlier row (notes show `（与第{n}行重复）`). */
  related: z.number().int().optional(),
});
export type Issue = z.infer<typeof issueSchema>;

export function error(field: string | null, code: string, message: string, related?: number): Issue {
  return related === undefined
    ? { field, severity: 'error', code, message }
    : { field, severity: 'error', code, message, related };
}

export function warning(field: string | null, code: string, message: string, related?: number): Issue {
  return related === undefined
    ? { field, severity: 'warning', code, message }
    : { field, severity: 'warning', code, message, related };
}

export function hasError(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** How a note shows an issue: the message, plus the earlier row of a duplicate. */
export function noteText(issue: Issue): string {
  return issue.related === undefined ? issue.message : `${issue.message}（与第${issue.related}行重复）`;
}
