import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseAmount } from './amount.js';

const MAX_FEN = 1_000_000_000; // 10,000,000 元

/** 元 text of a fen amount, built with BigInt so the test itself does no float money. */
function yuanText(fen: number, separators = false): string {
  const abs = BigInt(Math.abs(fen));
  let whole = (abs / 100n).toString();
  if (separators) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

const fullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const fen = fc.integer({ min: -MAX_FEN, max: MAX_FEN });
const sign = (n: number): string => (n < 0 ? '-' : '');

describe('parseAmount (§4.3)', () => {
  it.each<[string, unknown, number | null]>([
    ['an integer number', 1200, 120000],
    ['a decimal number, without float multiplication', 1200.1, 120010],
    ['0.29 (0.29*100 is 28.999999999999996)', 0.29, 29],
    ['a formula result with binary noise', { formula: 'A1*1.1', result: 1320.0000000000002 }, 132000],
    ['a negative number', -50.5, -5050],
    ['zero', 0, 0],
    ['plain digits', '1200', 120000],
    ['thousands separators', '1,200.00', 120000],
    ['full-width', '１，２００', 120000],
    ['full-width with decimals', '１２００．５', 120050],
    ['¥ prefix', '¥1,200', 120000],
    ['￥ prefix', '￥1200', 120000],
    ['RMB prefix', 'RMB1200', 120000],
    ['rmb, lower case, spaced', 'rmb 1200', 120000],
    ['人民币 and 元', '人民币1200元', 120000],
    ['元 suffix', '1200元', 120000],
    ['元整 suffix', '1200元整', 120000],
    ['spaced currency and unit', '¥ 1,200 元', 120000],
    ['万', '1.2万', 1_200_000],
    ['万元', '1.2万元', 1_200_000],
    ['万, five decimals that become one', '1.23456万', 1_234_560],
    ['万, six decimals that become two', '1.234567万', 1_234_567],
    ['full-width 万', '１．２万元', 1_200_000],
    ['accounting negative', '(100)', -10000],
    ['full-width accounting negative', '（100）', -10000],
    ['accounting negative with currency outside', '¥(1,200.50)', -120050],
    ['accounting negative with currency inside', '(¥100)', -10000],
    ['accounting negative with 元 inside', '(100元)', -10000],
    ['accounting negative with 元 outside', '(100)元', -10000],
    ['leading minus', '-100', -10000],
    ['minus sign U+2212', '−100', -10000],
    ['minus before currency', '-¥100', -10000],
    ['minus after currency', '¥-100', -10000],
    ['leading plus', '+100', 10000],
    ['trailing zeros are not decimals', '1200.000', 120000],
    ['leading point', '.5', 50],
    ['negative zero', '-0', 0],
    ['exactly the limit', '10000000', MAX_FEN],
    ['exactly the negative limit', '(10,000,000.00)', -MAX_FEN],
    ['rich text', { richText: [{ text: '¥1,2' }, { text: '00' }] }, 120000],
    ['blank', null, null],
    ['blank string', ' ', null],
  ])('accepts %s', (_, input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown, string]>([
    ['capital numerals', '壹仟贰佰元整', 'amount.capitalNumerals'],
    ['capital numerals with 圆', '壹佰圆', 'amount.capitalNumerals'],
    ['traditional capitals', '貳佰元', 'amount.capitalNumerals'],
    ['capitals with 万', '壹万元整', 'amount.capitalNumerals'],
    ['角 and 分', '12元5角', 'amount.capitalNumerals'],
    ['ordinary Chinese numerals', '一千二百元', 'amount.capitalNumerals'],
    ['three decimals', '1200.001', 'amount.decimals'],
    ['three decimals as a number', 0.001, 'amount.decimals'],
    ['three decimals after 万', '1.2345678万', 'amount.decimals'],
    ['above the limit', '10000000.01', 'amount.range'],
    ['亿, listed among the capitals', '1.2亿', 'amount.capitalNumerals'],
    ['a large number', 1e21, 'amount.range'],
    ['above the limit via 万', '1001万', 'amount.range'],
    ['below the negative limit', '-10000001', 'amount.range'],
    ['bad thousands grouping', '1,20', 'amount.invalid'],
    ['European grouping', '1.200,50', 'amount.invalid'],
    ['two amounts', '100 200', 'amount.invalid'],
    ['spaced thousands', '1 200', 'amount.invalid'],
    ['two minus signs', '--100', 'amount.invalid'],
    ['minus and parentheses', '-(100)', 'amount.invalid'],
    ['unclosed parenthesis', '(100', 'amount.invalid'],
    ['two currencies', '¥RMB100', 'amount.invalid'],
    ['two units', '(100元)元', 'amount.invalid'],
    ['a unit only', '元', 'amount.invalid'],
    ['a point only', '.', 'amount.invalid'],
    ['words', '约1200', 'amount.invalid'],
    ['a trailing minus', '100-', 'amount.invalid'],
    ['two points', '1.2.3', 'amount.invalid'],
    ['dollars', '$100', 'amount.invalid'],
    ['exponent', '1e3', 'amount.invalid'],
    ['boolean', true, 'amount.invalid'],
    ['Date', new Date(0), 'amount.invalid'],
    ['NaN', NaN, 'amount.invalid'],
    ['Infinity', -Infinity, 'amount.invalid'],
    ['error value', { error: '#DIV/0!' }, 'cell.errorValue'],
    ['Office error string', '#VALUE!', 'cell.errorValue'],
  ])('rejects %s', (_, input, code) => {
    expect(parseAmount(input)).toEqual({ ok: false, code });
  });

  it('never returns amount.negative: callers decide', () => {
    expect(parseAmount('-1')).toEqual({ ok: true, value: -100 });
  });

  it('reads any in-range amount back exactly in every written form (property)', () => {
    fc.assert(
      fc.property(fen, (f) => {
        const plain = yuanText(f);
        const grouped = yuanText(f, true);
        const forms = [
          `${sign(f)}${plain}`,
          `${sign(f)}${grouped}元`,
          `${sign(f)}¥${plain}`,
          `${sign(f)}￥${grouped}`,
          `${sign(f)}RMB${plain}`,
          `${sign(f)}人民币${grouped}元`,
          fullWidth(`${sign(f)}${grouped}`),
          f < 0 ? `(${grouped})` : `${grouped}元整`,
          f < 0 ? `（${fullWidth(grouped)}）` : fullWidth(plain),
        ];
        for (const form of forms) expect(parseAmount(form), form).toEqual({ ok: true, value: f });
      }),
    );
  });

  it('reads any in-range amount written in 万 back exactly (property)', () => {
    fc.assert(
      fc.property(fen, (f) => {
        const digits = BigInt(Math.abs(f)).toString().padStart(7, '0');
        const wan = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
        expect(parseAmount(`${sign(f)}${wan}万元`)).toEqual({ ok: true, value: f });
      }),
    );
  });

  it('reads any in-range amount typed as a number back exactly (property)', () => {
    fc.assert(
      fc.property(fen, (f) => {
        const typed = Number(`${sign(f)}${yuanText(f)}`);
        expect(parseAmount(typed)).toEqual({ ok: true, value: f === 0 ? 0 : f });
      }),
    );
  });

  it('rejects any amount beyond 10,000,000 元 with amount.range (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_FEN + 1, max: Number.MAX_SAFE_INTEGER }),
        fc.boolean(),
        (f, negative) => {
          const text = `${negative ? '-' : ''}${yuanText(f, true)}`;
          expect(parseAmount(text)).toEqual({ ok: false, code: 'amount.range' });
        },
      ),
    );
  });

  it('rejects a third decimal digit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN - 1 }), fc.integer({ min: 1, max: 9 }), (f, extra) => {
        expect(parseAmount(`${yuanText(f)}${extra}`)).toEqual({ ok: false, code: 'amount.decimals' });
      }),
    );
  });

  it('always returns an integer number of fen within range (property)', () => {
    const unit = fc.constantFrom(...'0123456789.,-+()¥元万整 RMB１２（），'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.double(), fc.string()), (input) => {
        const r = parseAmount(input);
        if (r.ok && r.value !== null) {
          expect(Number.isInteger(r.value)).toBe(true);
          expect(Math.abs(r.value)).toBeLessThanOrEqual(MAX_FEN);
        }
      }),
    );
  });
});

describe('formatYuan (settled conventions)', () => {
  it.each<[number, string]>([
    [160000, '1600'],
    [120050, '1200.5'],
    [120055, '1200.55'],
    [120005, '1200.05'],
    [5, '0.05'],
    [50, '0.5'],
    [0, '0'],
    [-0, '0'],
    [-120050, '-1200.5'],
    [-5, '-0.05'],
    [100_000_000_000, '1000000000'],
  ])('%s -> %s', (input, expected) => {
    expect(formatYuan(input)).toBe(expected);
  });

  it('writes plain digits that parse back to the same fen (property)', () => {
    fc.assert(
      fc.property(fen, (f) => {
        const text = formatYuan(f);
        expect(text).toMatch(/^-?\d+(\.\d?[1-9])?$/);
        expect(parseAmount(text)).toEqual({ ok: true, value: f === 0 ? 0 : f });
      }),
    );
  });

  it('does not throw on non-finite input', () => {
    expect(formatYuan(NaN)).toBe('NaN');
  });
});
