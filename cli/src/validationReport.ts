import { noteText } from '../../shared/ledgers/issue.js';
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
    const where = i.cell ?? `第${i.row}行`;
    const label = i.severity === 'error' ? '错误' : '提醒';
    lines.push(`  ${where.padEnd(7)} ${label}  ${noteText(i)}  [${i.code}]`);
  }
  return lines.join('\n');
}
