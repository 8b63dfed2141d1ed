import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as cells from './index.js';

// Shapes exceljs and Office.js produce, filled with arbitrary contents.
const cellLike = fc.oneof(
  fc.anything({
    withDate: true,
    withBigInt: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withObjectString: true,
  }),
  fc.record({ richText: fc.array(fc.record({ text: fc.string({ unit: 'grapheme' }) })) }),
  fc.record({ formula: fc.string(), result: fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.date()) }),
  fc.record({ text: fc.string(), hyperlink: fc.string() }),
  fc.record({ error: fc.constantFrom('#N/A', '#REF!', '#VALUE!', '#DIV/0!') }),
  fc.double(),
  fc.date(),
  fc.string({ unit: fc.constantFrom(...'0123456789-/.年月日号 :T,¥元万()（）１２＊*·、壹'.split('')) }),
  fc.string({ unit: 'grapheme' }),
);

const parsers: Record<string, (v: unknown) => unknown> = {
  plainCellValue: cells.plainCellValue,
  isErrorValue: cells.isErrorValue,
  normalizeText: cells.normalizeText,
  normalizeName: cells.normalizeName,
  normalizeHeader: cells.normalizeHeader,
  displayHeader: cells.displayHeader,
  headerFirstLine: cells.headerFirstLine,
  isBlank: cells.isBlank,
  parseDate: (v) => cells.parseDate(v, { minYear: 2000, maxYear: 2024 }),
  parseMonth: (v) => cells.parseMonth(v, { minYear: 1930, maxYear: 2023 }),
  parseAmount: cells.parseAmount,
  parseBool: cells.parseBool,
  parseInteger: (v) => cells.parseInteger(v, { min: 0, max: 9 }),
  parseNumber: cells.parseNumber,
  staffNoText: cells.staffNoText,
  splitNameAndStaffNo: cells.splitNameAndStaffNo,
  splitList: cells.splitList,
  identityLast4: cells.identityLast4,
  isTotalLabel: cells.isTotalLabel,
  isSignatureLabel: cells.isSignatureLabel,
  isNoteLabel: cells.isNoteLabel,
  monthDayOf: cells.monthDayOf,
  formatYuan: (v) => cells.formatYuan(v as number),
};

const resultParsers = ['parseDate', 'parseMonth', 'parseAmount', 'parseBool', 'parseInteger', 'parseNumber'];

describe('shared/cells', () => {
  it.each(Object.keys(parsers))('%s never throws on any input (property)', (name) => {
    const parse = parsers[name]!;
    fc.assert(
      fc.property(cellLike, (v) => {
        const r = parse(v);
        if (resultParsers.includes(name)) {
          const result = r as cells.CellResult<unknown>;
          if (!result.ok) expect(cells.cellErrorCodes).toContain(result.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports any error value as cell.errorValue from every typed parser (property)', () => {
    const errorCell = fc.oneof(
      fc.constantFrom(
        '#N/A',
        '#REF!',
        '#VALUE!',
        '#DIV/0!',
        '#NAME?',
        '#NUM!',
        '#NULL!',
        '#SPILL!',
        '#CALC!',
      ),
      fc.constantFrom('#N/A', '#REF!').map((error) => ({ error })),
      fc.constantFrom('#N/A').map((error) => ({ formula: 'VLOOKUP()', result: { error } })),
    );
    fc.assert(
      fc.property(errorCell, (v) => {
        expect(cells.isErrorValue(v)).toBe(true);
        for (const name of resultParsers) {
          expect(parsers[name]!(v)).toEqual({ ok: false, code: 'cell.errorValue' });
        }
      }),
    );
  });

  it('exports the whole API', () => {
    expect(Object.keys(cells).sort()).toEqual(
      [
        'cellErrorCodes',
        'displayHeader',
        'formatYuan',
        'headerFirstLine',
        'identityLast4',
        'isBlank',
        'isErrorValue',
        'isNoteLabel',
        'isSignatureLabel',
        'isTotalLabel',
        'monthDayOf',
        'normalizeHeader',
        'normalizeName',
        'normalizeText',
        'parseAmount',
        'parseBool',
        'parseDate',
        'parseInteger',
        'parseMonth',
        'parseNumber',
        'plainCellValue',
        'splitList',
        'splitNameAndStaffNo',
        'staffNoText',
      ].sort(),
    );
  });
});
