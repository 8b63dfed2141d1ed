import type { AnyField, LedgerKind } from '../../../shared/ledgers/index.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { colLetters, rangeAddress } from './a1.js';
import { writeSession } from './session.js';

/**
 * 插入模板: a new sheet with a ledger's canonical headers (which detection binds exactly), list
 * validation for enum, yes/no and unit columns, number formats for amounts and dates, text
 * format for 工号 and other codes (so 00123 keeps its zeros), and the header row frozen.
 */

export const TEMPLATE_ROWS = 1000;
const HEADER_FILL = '#D9E1F2';
const REQUIRED_FONT = '#C00000';
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

/** Two syncs: the sheet names, then everything else. Returns the new sheet's name. */
export async function insertTemplate(
  ctx: Excel.RequestContext,
  kind: LedgerKind,
  opts: TemplateOptions = {},
): Promise<string> {
  const ledger = ledgers[kind];
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const name = uniqueSheetName(
    opts.sheetName ?? ledger.title,
    sheets.items.map((s) => s.name),
  );
  const columns = templateColumns(kind, opts);
  const last = columns.length;
  await writeSession(ctx, async (budget) => {
    await budget.reserve(columns.length * 200 + TEMPLATE_ROWS * 10);
    const ws = sheets.add(name);
    const header = ws.getRange(rangeAddress({ top: 1, bottom: 1, left: 1, right: last }));
    header.numberFormat = [columns.map(() => '@')];
    header.values = [columns.map((c) => c.header)];
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    for (const c of columns) {
      const letter = colLetters(c.col);
      if (c.required) ws.getRange(`${letter}1`).format.font.color = REQUIRED_FONT;
      ws.getRange(`${letter}:${letter}`).format.columnWidth = c.width;
      const data = ws.getRange(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`);
      data.numberFormat = Array.from({ length: TEMPLATE_ROWS }, () => [c.format]);
      if (c.list) {
        data.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(',') } };
        data.dataValidation.errorAlert = {
          showAlert: true,
          // A warning, not a stop: the engine also accepts the spellings officers use (予以立案 …).
          style: 'Warning',
          title: '不在选项中',
          message: `「${c.header}」应为：${c.list.join('、')}`.slice(0, 255),
        };
      }
    }
    ws.freezePanes.freezeRows(1);
    ws.activate();
  });
  return name;
}
