import { displayHeader, isBlank, monthDayOf, parseDate } from '../cells/index.js';
import type { Ledger } from '../ledgers/define.js';
import type { Issue } from '../ledgers/issue.js';
import { std } from '../ledgers/messages.js';
import type { BatchVerdict } from '../summary/checkBatch.js';
import type { SheetRow } from './rows.js';
import type { SheetLayout } from './detect.js';

/**
 * Date messages that read the sheet as a person does (issue 18). A date typed without a year
 * gets the year when the title, or every other date of the column, makes it certain — as a
 * question, the row stays invalid. A blank date under a dated row, in a run of rows, is a date
 * written once for a group: the message says to fill or merge the cells, and nothing is filled.
 */
export function hintDates(
  ledger: Ledger,
  layout: SheetLayout,
  rows: readonly SheetRow[],
  verdicts: readonly BatchVerdict[],
): BatchVerdict[] {
  const dateFields = layout.columns.filter((c) => ledger.fields[c.field]?.type === 'date');
  if (dateFields.length === 0) return [...verdicts];
  const years = new Map<string, { year: number; why: string } | null>();
  const yearOf = (field: string): { year: number; why: string } | null => {
    if (!years.has(field)) years.set(field, certainYear(layout, rows, field));
    return years.get(field)!;
  };
  return verdicts.map((v, i) => {
    const row = rows[i];
    if (!row || !v.issues.some((x) => dateFields.some((c) => c.field === x.field))) return v;
    const issues = v.issues.map((issue): Issue => {
      const column = dateFields.find((c) => c.field === issue.field);
      if (!column) return issue;
      const h = displayHeader(column.header);
      if (issue.code === 'date.noYear') {
        const md = monthDayOf(row.raw.cells[column.field]);
        const known = yearOf(column.field);
        if (!md || !known) return issue;
        const iso = `${known.year}-${pad(md.m)}-${pad(md.d)}`;
        return { ...issue, message: std.dateNoYearSuggest(h, iso, known.why) };
      }
      if (issue.code === 'required' && isBlank(row.raw.cells[column.field])) {
        const head = groupHead(rows, i, column.field);
        return head === null ? issue : { ...issue, message: std.dateBlankInGroup(h, head) };
      }
      return issue;
    });
    return { ...v, issues };
  });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Fewer other dates than this say nothing certain about the year of the column. */
const OTHER_DATES = 2;

/** The one year the title names, or that every other date of the column is in; null if not certain. */
function certainYear(
  layout: SheetLayout,
  rows: readonly SheetRow[],
  field: string,
): { year: number; why: string } | null {
  const fromRows = new Set<number>();
  let dated = 0;
  for (const r of rows) {
    const parsed = parseDate(r.raw.cells[field], { minYear: 1950, maxYear: 2099 });
    if (parsed.ok && parsed.value !== null) {
      fromRows.add(Number(parsed.value.slice(0, 4)));
      dated++;
    }
  }
  const title = layout.titleYears;
  if (title.length === 1 && (fromRows.size === 0 || (fromRows.size === 1 && fromRows.has(title[0]!))))
    return { year: title[0]!, why: `表头标题为${title[0]}年` };
  if (title.length === 0 && fromRows.size === 1 && dated >= OTHER_DATES) {
    const year = [...fromRows][0]!;
    return { year, why: `本列其他日期均在${year}年` };
  }
  return null;
}

/** The sheet row of the dated row above a run of blank dates ending at `i`; null when there is none. */
function groupHead(rows: readonly SheetRow[], i: number, field: string): number | null {
  for (let j = i - 1; j >= 0; j--) {
    if (rows[j]!.sheetRow !== rows[j + 1]!.sheetRow - 1) return null;
    if (!isBlank(rows[j]!.raw.cells[field])) return rows[j]!.sheetRow;
  }
  return null;
}
