import type { AnyField, LedgerKind } from '../ledgers/index.js';
import { ledgers } from '../ledgers/index.js';

/**
 * The layout of an empty ledger, shared by the add-in's 插入模板 (addin/src/excel/template.ts)
 * and `union-ledger template` / `pull NEW.xlsx` (cli/src/xlsx/package/newWorkbook.ts): the
 * ledger's canonical headers (which detection binds exactly), a drop-down list for enum,
 * yes/no and unit columns, number formats for amounts and dates, text format for 工号 and other
 * codes (so 00123 keeps its zeros), widths, and the header row frozen.
 */
export const TEMPLATE_ROWS = 1000;
export const HEADER_FILL = '#D9E1F2';
export const REQUIRED_FONT = '#C00000';
/** Excel's limits: a list source of 255 characters, an alert message of 255. */
const MAX_LIST_CHARS = 255;

export interface TemplateColumn {
  col: number;
  header: string;
  required: boolean;
  /** Number format of the data cells. */
  format: string;
  /** Allowed values, when the column gets a drop-down list. */
  list: readonly string[] | null;
  /** Column width in points. */
  width: number;
}

export interface TemplateOptions {
  /** Sheet name; the ledger's title (慰问台账) by default, numbered if taken. */
  sheetName?: string;
  /** Unit names for the unit column's list (from settings); no list without them. */
  units?: readonly string[];
}

const FORMATS: Partial<Record<AnyField['type'], string>> = {
  amount: '#,##0.00',
  number: 'General',
  int: '0',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
  bool: '@',
};

export function templateColumns(kind: LedgerKind, opts: TemplateOptions = {}): TemplateColumn[] {
  const ledger = ledgers[kind];
  return Object.values(ledger.fields).map((f, i) => {
    const list =
      f.type === 'bool'
        ? ['是', '否']
        : f.type === 'unit'
          ? opts.units && opts.units.length
            ? opts.units
            : null
          : (f.options ?? null);
    return {
      col: i + 1,
      header: f.header,
      required: f.required,
      format: FORMATS[f.type] ?? '@',
      list:
        list && list.join(',').length <= MAX_LIST_CHARS && !list.some((v) => v.includes(',')) ? list : null,
      width: Math.max(60, [...f.header].length * 16 + 20, f.type === 'text' ? 120 : 0),
    };
  });
}

/** The drop-down's warning (not a stop: the engine also accepts the spellings officers use, 予以立案 …). */
export function listAlert(column: TemplateColumn): { title: string; message: string } {
  return {
    title: '不在选项中',
    message: `「${column.header}」应为：${(column.list ?? []).join('、')}`.slice(0, 255),
  };
}

/** A name not yet used in the workbook: 慰问台账, 慰问台账 (2), … */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || '台账';
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean.slice(0, 31 - ` (${n})`.length)} (${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
