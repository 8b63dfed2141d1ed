/**
 * What the demo generator hands to a writer (the CLI's .xlsx writer, test fixtures): plain
 * data, one workbook per ledger, each sheet laid out the way an officer would lay it out.
 */

export interface DemoSheet {
  name: string;
  /** Rows above the header, each merged across the header width: `2023年慰问台账`, `填报单位：…`. */
  titleRows: string[];
  /** The header row as typed: familiar Chinese headers, some aliases, `*` marks, `（元）` suffixes. */
  headers: string[];
  /** Raw cell values (strings, numbers, booleans, Dates, null), one array per row, aligned with `headers`. */
  rows: unknown[][];
  /** Rows below the data: a 合计 row, a 填表人 row. Never data. */
  footerRows?: unknown[][];
  /** Excel number formats by 0-based column index, e.g. `@` (text) for 工号. */
  columnFormats?: Record<number, string>;
}

export interface DemoWorkbook {
  /** File name, e.g. `慰问台账.xlsx`. */
  file: string;
  sheets: DemoSheet[];
}

export type LedgerKindName =
  | 'members'
  | 'welfare'
  | 'checkups'
  | 'activities'
  | 'awards'
  | 'honours'
  | 'proposals'
  | 'ideas'
  | 'meetings'
  | 'participation'
  | 'enrolment'
  | 'mailbox'
  | 'homes'
  | 'budget'
  | 'expenses';

/**
 * One deliberate fault of DOMAIN.md §8.4 in the `demo-faults` fixture, and exactly what the
 * system must say about it.
 */
export interface DemoFault {
  /** Stable id for tests, e.g. `welfare.duplicateSpringFestival`. */
  id: string;
  file: string;
  sheet: string;
  kind: LedgerKindName;
  /** The sheet row number (1-based, as Excel shows it) of the faulty row. */
  row: number;
  /** The ledger field the message is attached to, or null for a row-level outcome. */
  field: string | null;
  /** The header of that field exactly as typed in the sheet, when there is one. */
  header: string | null;
  /**
   * `error` / `warning`: a validation issue on the row; `forbidden`: the push result for
   * `actor`; `ignored`: a total or footer row that is never pushed and never marked.
   */
  outcome: 'error' | 'warning' | 'forbidden' | 'ignored';
  description: string;
  /** The exact message (DOMAIN.md wording), or null for ignored rows. */
  message: string | null;
  /** For a duplicate: the sheet row of the earlier row (notes show `（与第{n}行重复）`). */
  related?: number;
  /** Who pushes the workbook for the fault to show: a local demo user id. Default `admin`. */
  actor?: string;
}

/** A message the fault fixture produces that is not itself a fault (the baseline it builds on). */
export type DemoExpectedIssue = DemoFault;
