import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthDayOf, parseDate, parseMonth } from './date.js';

const DAY_MS = 86_400_000;
const RANGE = { minYear: 2000, maxYear: 2024 };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const fullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Every string form §4.2 accepts for one day. */
function stringForms(y: number, m: number, d: number): string[] {
  const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  const forms = [
    iso,
    `${y}-${m}-${d}`,
    `${y}/${m}/${d}`,
    `${y}.${m}.${d}`,
    `${y}/${pad(m)}/${pad(d)}`,
    `${y}年${m}月${d}日`,
    `${y}年${pad(m)}月${pad(d)}日`,
    `${pad(y, 4)}${pad(m)}${pad(d)}`,
    `${iso} 14:30`,
    `${y}/${m}/${d} 9:00:00`,
    `${iso}T00:00:00.000Z`,
    ` ${iso} `,
  ];
  return [...forms, fullWidth(`${y}/${m}/${d}`), fullWidth(iso), `${y}－${pad(m)}－${pad(d)}`];
}

/** The 1900-system serial, counted independently of the code under test. */
function serialOf(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / DAY_MS;
}

// Days from 1900-03-01 (serial 61) to 9999-12-31 (serial 2958465).
const day = fc.integer({ min: 61, max: 2_958_465 }).map((serial) => {
  const date = new Date(Date.UTC(1899, 11, 30) + serial * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), serial };
});

describe('parseDate (§4.2)', () => {
  it.each<[string, unknown, string | null]>([
    ['ISO', '2023-03-08', '2023-03-08'],
    ['single-digit month and day', '2023-3-8', '2023-03-08'],
    ['slashes', '2023/3/8', '2023-03-08'],
    ['dots', '2023.3.8', '2023-03-08'],
    ['Chinese', '2023年3月8日', '2023-03-08'],
    ['Chinese, zero-padded', '2023年03月08日', '2023-03-08'],
    ['Chinese, spaced', '2023 年 3 月 8 日', '2023-03-08'],
    ['Chinese with 号', '2023年3月8号', '2023-03-08'],
    ['eight digits', '20230308', '2023-03-08'],
    ['eight digits as a number', 20230308, '2023-03-08'],
    ['lowest eight-digit number', 19000101, '1900-01-01'],
    ['highest eight-digit number', 21001231, '2100-12-31'],
    ['full-width digits and slashes', '２０２３／３／８', '2023-03-08'],
    ['full-width dashes', '2023－03－08', '2023-03-08'],
    ['en dashes', '2023–03–08', '2023-03-08'],
    ['with a time', '2023-03-08 14:30', '2023-03-08'],
    ['with a time and seconds', '2023/3/8 9:00:00', '2023-03-08'],
    ['Chinese with a time', '2023年3月8日 14:30', '2023-03-08'],
    ['JSON of a Date', '2023-03-08T00:00:00.000Z', '2023-03-08'],
    ['with an offset', '2023-03-08T08:00:00+08:00', '2023-03-08'],
    ['leap day', '2024-02-29', '2024-02-29'],
    ['serial', 45000, '2023-03-15'],
    ['serial with a time, dropped', 45000.75, '2023-03-15'],
    ['serial 1', 1, '1900-01-01'],
    ['serial 59', 59, '1900-02-28'],
    ['serial 61', 61, '1900-03-01'],
    ['serial 1.5', 1.5, '1900-01-01'],
    ['largest serial', 2_958_465, '9999-12-31'],
    ['exceljs Date (UTC midnight)', new Date(Date.UTC(2023, 2, 8)), '2023-03-08'],
    ['exceljs Date with a time', new Date(Date.UTC(2023, 2, 8, 23, 59)), '2023-03-08'],
    ['formula result', { formula: 'TODAY()', result: new Date(Date.UTC(2023, 2, 8)) }, '2023-03-08'],
    ['rich text', { richText: [{ text: '2023年' }, { text: '3月8日' }] }, '2023-03-08'],
    ['blank', null, null],
    ['blank string', '  ', null],
  ])('accepts %s', (_, input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown]>([
    ['month first', '3/8/2023'],
    ['day first', '8/3/2023'],
    ['two-digit year', '23-3-8'],
    ['impossible day', '2023-02-30'],
    ['no leap day', '2023-02-29'],
    ['month 13', '2023-13-01'],
    ['day 0', '2023-03-00'],
    ['mixed separators', '2023-3/8'],
    ['serial 60 (1900-02-29 never was)', 60],
    ['serial 0', 0],
    ['time only', 0.5],
    ['negative serial', -5],
    ['beyond 9999-12-31', 2_958_466],
    ['impossible eight-digit number', 20230230],
    ['impossible eight digits', '20231301'],
    ['seven digits', '2023038'],
    ['a serial as text', '45000'],
    ['a bad time', '2023-03-08 25:00'],
    ['garbage after the date', '2023-03-08 上午'],
    ['words', '三月八日'],
    ['month only', '2023-03'],
    ['boolean', true],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['invalid Date', new Date(NaN)],
  ])('rejects %s', (_, input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'date.invalid' });
  });

  it.each<[unknown]>([[{ error: '#N/A' }], ['#REF!'], [{ formula: 'X', result: { error: '#VALUE!' } }]])(
    'reports the error value %j',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, code: 'cell.errorValue' });
    },
  );

  it('checks the year range', () => {
    expect(parseDate('1999-12-31', RANGE)).toEqual({ ok: false, code: 'date.range' });
    expect(parseDate('2000-01-01', RANGE)).toEqual({ ok: true, value: '2000-01-01' });
    expect(parseDate('2024-12-31', RANGE)).toEqual({ ok: true, value: '2024-12-31' });
    expect(parseDate('2025-01-01', RANGE)).toEqual({ ok: false, code: 'date.range' });
    expect(parseDate(2023, RANGE)).toEqual({ ok: false, code: 'date.range' });
    expect(parseDate(null, RANGE)).toEqual({ ok: true, value: null });
    expect(parseDate('2023-02-30', RANGE)).toEqual({ ok: false, code: 'date.invalid' });
  });

  it('reads every accepted form of any day back to the same ISO date (property)', () => {
    fc.assert(
      fc.property(day, ({ y, m, d, serial }) => {
        const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
        const inputs: unknown[] = [
          ...stringForms(y, m, d),
          serial,
          serial + 0.6,
          new Date(Date.UTC(y, m - 1, d)),
        ];
        if (y >= 1900 && y <= 2100) inputs.push(y * 10_000 + m * 100 + d);
        for (const input of inputs) expect(parseDate(input), String(input)).toEqual({ ok: true, value: iso });
        expect(serialOf(y, m, d)).toBe(serial);
      }),
    );
  });

  it('sorts any day into range or date.range by its year (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1900, max: 2100 }), fc.nat(50), ({ y, m, d }, minYear, span) => {
        const range = { minYear, maxYear: minYear + span };
        const r = parseDate(`${y}年${m}月${d}日`, range);
        expect(r.ok).toBe(y >= range.minYear && y <= range.maxYear);
        if (!r.ok) expect(r.code).toBe('date.range');
      }),
    );
  });

  it('rejects any day written month or day first (property)', () => {
    fc.assert(
      fc.property(day, ({ y, m, d }) => {
        expect(parseDate(`${m}/${d}/${y}`).ok).toBe(false);
        expect(parseDate(`${d}/${m}/${y}`).ok).toBe(false);
        expect(parseDate(`${pad(y % 100)}-${m}-${d}`).ok).toBe(false);
      }),
    );
  });
});

describe('parseMonth (§4.2)', () => {
  it.each<[string, unknown, string | null]>([
    ['dash', '2023-03', '2023-03'],
    ['slash, one digit', '2023/3', '2023-03'],
    ['Chinese', '2023年3月', '2023-03'],
    ['Chinese, padded', '2023年03月', '2023-03'],
    ['dot', '2023.03', '2023-03'],
    ['dot, two-digit month', '2023.11', '2023-11'],
    ['full-width', '２０２３．０３', '2023-03'],
    ['a full date', '2023-03-08', '2023-03'],
    ['a Chinese full date', '1985年7月1日', '1985-07'],
    ['a serial', 45000, '2023-03'],
    ['a Date', new Date(Date.UTC(1985, 6, 1)), '1985-07'],
    ['eight digits', 19850701, '1985-07'],
    ['2023.03 typed into a number cell', 2023.03, '2023-03'],
    ['2023.3 typed into a number cell', 2023.3, '2023-03'],
    ['2023.12 typed into a number cell', 2023.12, '2023-12'],
    ['blank', '', null],
  ])('accepts %s', (_, input, expected) => {
    expect(parseMonth(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown]>([
    ['month 13', '2023-13'],
    ['month 0', '2023/0'],
    ['month first', '3/2023'],
    ['two-digit year', '23-03'],
    ['2023.1 (January, or October with its zero dropped)', 2023.1],
    ['2023.13 typed into a number cell', 2023.13],
    ['words', '三月'],
    ['serial 60', 60],
  ])('rejects %s', (_, input) => {
    expect(parseMonth(input)).toEqual({ ok: false, code: 'date.invalid' });
  });

  it('reports error values and the year range', () => {
    expect(parseMonth({ error: '#N/A' })).toEqual({ ok: false, code: 'cell.errorValue' });
    expect(parseMonth('1929-12', { minYear: 1930, maxYear: 2023 })).toEqual({
      ok: false,
      code: 'date.range',
    });
    expect(parseMonth('1930-01', { minYear: 1930, maxYear: 2023 })).toEqual({ ok: true, value: '1930-01' });
  });

  it('reads every month form and every full date back to the same month (property)', () => {
    fc.assert(
      fc.property(day, ({ y, m, d }) => {
        const month = `${pad(y, 4)}-${pad(m)}`;
        const inputs = [month, `${y}/${m}`, `${y}年${m}月`, `${y}.${pad(m)}`, ...stringForms(y, m, d)];
        for (const input of inputs) expect(parseMonth(input), input).toEqual({ ok: true, value: month });
      }),
    );
  });
});

describe('parseDate: a date without a year (issue 18)', () => {
  const range = { minYear: 2000, maxYear: 2024 };
  it.each(['9/1', '9-1', '09/01', '9月1日', '9月1号', '09月01日', '９／１'])(
    '%j says the year is missing',
    (v) => {
      expect(parseDate(v, range)).toEqual({ ok: false, code: 'date.noYear' });
    },
  );

  it('a 1900 date is one typed without a year, when 1900 is out of range', () => {
    expect(parseDate(245, range)).toEqual({ ok: false, code: 'date.noYear' });
    expect(parseDate(new Date(Date.UTC(1900, 8, 1)), range)).toEqual({ ok: false, code: 'date.noYear' });
    expect(parseDate(245)).toEqual({ ok: true, value: '1900-09-01' });
  });

  it('an impossible day without a year is still invalid', () => {
    expect(parseDate('2/30', range)).toEqual({ ok: false, code: 'date.invalid' });
    expect(parseDate('13/1', range)).toEqual({ ok: false, code: 'date.invalid' });
  });

  it('gives the month and day typed', () => {
    expect(monthDayOf('9/1')).toEqual({ m: 9, d: 1 });
    expect(monthDayOf('9月28日')).toEqual({ m: 9, d: 28 });
    expect(monthDayOf(245)).toEqual({ m: 9, d: 1 });
    expect(monthDayOf('2023-09-01')).toBeNull();
  });
});
