import { noteText } from '../../shared/ledgers/issue.js';
import type { LedgerKind } from '../../shared/ledgers/define.js';
import type { CheckedSheet, Detection } from '../../shared/sheet/index.js';

/** The JSON shape of `union-ledger validate --json` (issue 3). */
export interface SheetReport {
  sheet: string;
  kind: string | null;
  headerRow: number | null;
  /** Why the sheet was read as this ledger, or as none (issue 18). */
  detection: Detection;
  rows: number;
  valid: number;
  invalid: number;
  warnings: number;
  issues: IssueReport[];
}

export interface IssueReport {
  row: number;
  cell: string | null;
  field: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  related?: number;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function sheetReport(sheet: CheckedSheet): SheetReport {
  const colOf = new Map(sheet.layout.columns.map((c) => [c.field, c.col]));
  const issues: IssueReport[] = [];
  // Findings about the whole sheet come first, on its header row.
  for (const i of sheet.sheetIssues)
    issues.push({
      row: sheet.layout.headerRow ?? 1,
      cell: null,
      field: null,
      severity: i.severity,
      code: i.code,
      message: i.message,
    });
  for (const v of sheet.verdicts)
    for (const i of v.issues) {
      const col = i.field ? colOf.get(i.field) : undefined;
      issues.push({
        row: v.sheetRow,
        cell: col ? `${columnLetter(col)}${v.sheetRow}` : null,
        field: i.field,
        severity: i.severity,
        code: i.code,
        message: i.message,
        ...(i.related !== undefined ? { related: i.related } : {}),
      });
    }
  const invalid = sheet.verdicts.filter((v) => v.fields === null).length;
  return {
    sheet: sheet.sheet,
    kind: sheet.layout.kind,
    headerRow: sheet.layout.headerRow,
    detection: sheet.layout.detection,
    rows: sheet.rows.length,
    valid: sheet.verdicts.length - invalid,
    invalid,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    issues,
  };
}

/** The human-readable report, in Chinese. */
export function formatSheetReport(file: string, r: SheetReport, title: string | null): string {
  const lines = [`${file} ›「${r.sheet}」`];
  if (!r.kind) {
    lines.push('  未识别为任何台账（可用 --kind 指定台账类型）', `  原因：${r.detection.reason}`);
    return lines.join('\n');
  }
  if (r.headerRow === null) {
    lines.push(`  台账：${title ?? r.kind}（${r.kind}）  未找到表头行`, `  原因：${r.detection.reason}`);
    return lines.join('\n');
  }
  lines.push(
    `  台账：${title ?? r.kind}（${r.kind}）  表头：第${r.headerRow}行  数据行：${r.rows}  有效：${r.valid}  无效：${r.invalid}  提醒：${r.warnings}`,
    `  依据：${r.detection.reason}`,
  );
  for (const i of r.issues) {
    const where = i.code.startsWith('sheet.') ? '整表' : (i.cell ?? `第${i.row}行`);
    const label = i.severity === 'error' ? '错误' : '提醒';
    lines.push(`  ${where.padEnd(7)} ${label}  ${noteText(i)}  [${i.code}]`);
  }
  return lines.join('\n');
}

/** A sheet read as a ledger: its kind is known and its header row found. */
export function isRead(sheet: Pick<CheckedSheet, 'layout'>): boolean {
  return sheet.layout.kind !== null && sheet.layout.headerRow !== null;
}

/** What a run left out of its figures: invalid rows per ledger, and the sheets not read at all. */
export interface LeftOut {
  rows: number;
  byLedger: Partial<Record<LedgerKind, number>>;
  sheets: { file: string; sheet: string; reason: string }[];
}

export function leftOut(checked: readonly CheckedSheet[]): LeftOut {
  const out: LeftOut = { rows: 0, byLedger: {}, sheets: [] };
  for (const s of checked) {
    if (!isRead(s)) {
      out.sheets.push({ file: s.source, sheet: s.sheet, reason: s.layout.detection.reason });
      continue;
    }
    const n = s.verdicts.filter((v) => v.fields === null).length;
    if (n === 0) continue;
    out.rows += n;
    out.byLedger[s.layout.kind!] = (out.byLedger[s.layout.kind!] ?? 0) + n;
  }
  return out;
}

/**
 * The exit code of a run over files (README): 1 when a row is invalid, a sheet has an error of
 * its own, or a file has no sheet read as a ledger; else 0. Unusable input (2) never gets here.
 */
export function exitCodeOf(files: readonly (readonly CheckedSheet[])[]): 0 | 1 {
  for (const sheets of files) {
    if (!sheets.some(isRead)) return 1;
    for (const s of sheets) {
      if (s.verdicts.some((v) => v.fields === null)) return 1;
      if (s.sheetIssues.some((i) => i.severity === 'error')) return 1;
    }
  }
  return 0;
}
