import type ExcelJS from 'exceljs';
import { LEDGER_KINDS, ledgers, type AnyField, type LedgerKind } from '../../../../shared/ledgers/index.js';
import { accountByCode, unitName, type Settings } from '../../../../shared/settings/index.js';
import { liveRows, type RowsByKind, type StoredRow } from '../../../../shared/summary/index.js';
import { columnLetters } from './charts.js';
import { finishSheet, fitColumns, FORMAT, put, writeHeader, writeTitle, type Value } from './sheetLayout.js';

/**
 * One sheet per ledger with rows: the canonical headers of shared/ledgers and the values as
 * people read them — 元 amounts as numbers in 元, dates as real dates, 是/否, unit names,
 * "code name" accounts, lists joined with 、.
 */

/**
 * Ledgers that describe standing state rather than events of a year: all their live rows
 * are listed (the roster has no year; a 职工之家 keeps the grade it was certified with).
 */
const STANDING: ReadonlySet<LedgerKind> = new Set(['members', 'homes']);

/**
 * Personal data a leadership workbook does not need, whoever reads it (DOMAIN.md §4.6 spirit:
 * collect and show the least). Fields only some readers may see (困难职工建档) are not listed
 * here: the rule is rowViews.ts `hiddenFields`, passed in as `hidden`.
 */
const OMITTED: Partial<Record<LedgerKind, readonly string[]>> = { members: ['phone', 'idLast4'] };

/** Rows of a ledger shown for `year`. */
export function detailRows<K extends LedgerKind>(rows: RowsByKind, kind: K, year: number): StoredRow<K>[] {
  const live = liveRows(rows, kind);
  return STANDING.has(kind) ? live : live.filter((r) => r.year === year);
}

/** The columns of a ledger's detail sheet: field key and field spec, in ledger order, without `hidden` ones. */
export function detailColumns(kind: LedgerKind, hidden: readonly string[]): [string, AnyField][] {
  const omitted = [...(OMITTED[kind] ?? []), ...hidden];
  return Object.entries(ledgers[kind].fields).filter(([key]) => !omitted.includes(key));
}

/** A stored field value as people read it, with its number format. */
export function renderField(
  field: AnyField,
  value: unknown,
  settings: Settings,
): { value: Value; format?: string } {
  if (value === null || value === undefined) return { value: null };
  switch (field.type) {
    case 'amount':
      return { value: (value as number) / 100, format: FORMAT.yuan };
    case 'date':
      return { value: isoDate(String(value)), format: FORMAT.date };
    case 'month':
      return { value: isoDate(`${String(value)}-01`), format: FORMAT.month };
    case 'bool':
      return { value: value ? '是' : '否' };
    case 'unit':
      return { value: unitName(settings, String(value)) };
    case 'account': {
      const account = accountByCode(settings, String(value));
      return { value: account ? `${account.code} ${account.name}` : String(value) };
    }
    case 'list':
      return { value: (value as readonly string[]).join('、') };
    case 'int':
      return { value: value as number, format: FORMAT.plain };
    case 'number':
      return { value: value as number };
    default:
      return { value: String(value) };
  }
}

function isoDate(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

export function writeDetailSheets(
  wb: ExcelJS.Workbook,
  rows: RowsByKind,
  settings: Settings,
  year: number,
  /** Per ledger, fields the reader may not see (rowViews.ts `hiddenFields`): no column. */
  hidden: Partial<Record<LedgerKind, readonly string[]>>,
): string[] {
  const written: string[] = [];
  for (const kind of LEDGER_KINDS) {
    const list = detailRows(rows, kind, year);
    if (list.length === 0) continue;
    const ledger = ledgers[kind];
    const columns = detailColumns(kind, hidden[kind] ?? []);
    const ws = wb.addWorksheet(ledger.title.slice(0, 31));
    const scope = STANDING.has(kind) ? '' : `${year}年`;
    writeTitle(ws, 1, `${scope}${ledger.title}（共${list.length}行）`, columns.length);
    writeHeader(
      ws,
      2,
      columns.map(([, f]) => f.header),
    );
    const samples: unknown[][] = columns.map(() => []);
    list.forEach((row, i) => {
      const fields = row.fields as unknown as Record<string, unknown>;
      columns.forEach(([key, field], c) => {
        const shown = renderField(field, fields[key], settings);
        put(ws.getCell(3 + i, c + 1), shown.value, shown.format);
        if (i < 300) samples[c]!.push(shown.value);
      });
    });
    fitColumns(
      ws,
      columns.map(([, f], c) => ({
        header: f.header,
        sample: samples[c]!,
        extra: f.type === 'amount' ? 2 : 0,
      })),
      40,
    );
    ws.autoFilter = `A2:${columnLetters(columns.length)}2`;
    finishSheet(ws, 2, { landscape: columns.length > 7, titleRows: [2, 2] });
    written.push(ws.name);
  }
  return written;
}
