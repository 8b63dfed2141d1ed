import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityNames,
  count,
  joinList,
  joinSeries,
  MAX_ACTIVITY_NAMES,
  monthPart,
  near,
  over,
  percent,
  percentOf,
  prose,
} from './render.js';

const word = fc.string({
  unit: fc.constantFrom('甲', '乙', '丙', '丁', '球', '赛', 'A', '1'),
  minLength: 1,
  maxLength: 6,
});
const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('counts and percentages', () => {
  it('writes counts as plain digits', () => {
    fc.assert(fc.property(fc.nat(), (n) => count(n) === String(n)));
    expect(count(3226)).toBe('3226');
  });

  it('writes whole percentages as integers, others with one decimal', () => {
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(0.64)).toBe('64%');
    expect(percent(0.29)).toBe('29%');
    expect(percent(26 / 47)).toBe('55.3%');
    expect(percent(0.6405)).toBe('64.1%');
    expect(percentOf(96, 150)).toBe('64%');
    expect(percentOf(1, 3)).toBe('33.3%');
    expect(percentOf(2, 3)).toBe('66.7%');
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (k) => percent(k / 100) === `${k}%`));
  });

  it('rounds half-up to the nearest tenth, agreeing with the exact integer computation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.nat(), (d, m) => {
        const n = m % (d + 1);
        const text = percentOf(n, d);
        expect(text).toMatch(/^\d+(\.\d)?%$/);
        expect(text.endsWith('.0%')).toBe(false);
        expect(Math.abs(parseFloat(text) - (n * 100) / d)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(percent(n / d)).toBe(text);
      }),
    );
  });
});

describe('近 and 余', () => {
  it('writes 8 and 9 as 近10, other numbers as digits', () => {
    expect(near(9)).toBe('近10');
    expect(near(8)).toBe('近10');
    expect(near(7)).toBe('7');
    expect(near(10)).toBe('10');
    fc.assert(fc.property(fc.nat(100_000), (n) => near(n) === (n === 8 || n === 9 ? '近10' : String(n))));
  });

  it('writes n ≥ 1000, not a multiple of 1000, as the thousands below it and 余', () => {
    expect(over(4126)).toBe('4000余');
    expect(over(4000)).toBe('4000');
    expect(over(999)).toBe('999');
    expect(over(1001)).toBe('1000余');
    fc.assert(
      fc.property(fc.nat(10_000_000), (n) => {
        const text = over(n);
        if (n >= 1000 && n % 1000 !== 0) {
          expect(text).toMatch(/^\d+000余$/);
          const floor = Number(text.slice(0, -1));
          expect(floor).toBeLessThan(n);
          expect(n - floor).toBeLessThan(1000);
        } else expect(text).toBe(String(n));
      }),
    );
  });
});

describe('lists', () => {
  it('joins two items with 和 and longer lists with 、', () => {
    expect(joinList([])).toBe('');
    expect(joinList(['小学'])).toBe('小学');
    expect(joinList(['小学', '幼儿园'])).toBe('小学和幼儿园');
    expect(joinList(['甲', '乙', '丙'])).toBe('甲、乙、丙');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }), (items) => {
        const text = joinList(items);
        if (items.length === 2) expect(text).toBe(`${items[0]}和${items[1]}`);
        else expect(text.split('、')).toEqual(items.length ? items : ['']);
      }),
    );
  });

  it('writes the congress reports as the seed does: 、 between items, 和 before the last', () => {
    expect(joinSeries(['甲', '乙', '丙'])).toBe('甲、乙和丙');
    fc.assert(
      fc.property(fc.array(word, { minLength: 3, maxLength: 10 }), (items) => {
        const text = joinSeries(items);
        const last = items[items.length - 1]!;
        expect(text).toBe(`${items.slice(0, -1).join('、')}和${last}`);
      }),
    );
  });

  it('shows at most six activity names, in date order, then 等', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: word, date: isoDate }), { maxLength: 15 }), (items) => {
        const text = activityNames(items);
        const sorted = [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        const shown = sorted.slice(0, MAX_ACTIVITY_NAMES).map((a) => a.name);
        expect(text.endsWith('等')).toBe(items.length > MAX_ACTIVITY_NAMES);
        expect(text).toBe(`${joinList(shown)}${items.length > MAX_ACTIVITY_NAMES ? '等' : ''}`);
      }),
    );
    expect(
      activityNames([
        { name: '棋类比赛', date: '2023-11-16' },
        { name: '乒乓球比赛', date: '2023-04-20' },
      ]),
    ).toBe('乒乓球比赛和棋类比赛');
  });

  it('keeps the sheet order of activities on the same day', () => {
    const same = ['甲', '乙', '丙', '丁', '戊', '己', '庚'].map((name) => ({ name, date: '2023-05-01' }));
    expect(activityNames(same)).toBe('甲、乙、丙、丁、戊、己等');
  });
});

describe('month wording', () => {
  it('says 上旬 to day 10, 中旬 to day 20, then 下旬', () => {
    expect(monthPart('2023-12-14')).toBe('12月中旬');
    expect(monthPart('2023-03-10')).toBe('3月上旬');
    expect(monthPart('2023-03-11')).toBe('3月中旬');
    expect(monthPart('2023-03-20')).toBe('3月中旬');
    expect(monthPart('2023-03-21')).toBe('3月下旬');
    fc.assert(
      fc.property(isoDate, (iso) => {
        const day = Number(iso.slice(8, 10));
        const part = day <= 10 ? '上旬' : day <= 20 ? '中旬' : '下旬';
        expect(monthPart(iso)).toBe(`${Number(iso.slice(5, 7))}月${part}`);
      }),
    );
  });
});

describe('prose', () => {
  it('gives names their full-width brackets back', () => {
    expect(prose('重庆市第二届职工文艺展演(电视舞蹈大赛)暨成渝地区双城经济圈职工舞蹈邀请赛')).toBe(
      '重庆市第二届职工文艺展演（电视舞蹈大赛）暨成渝地区双城经济圈职工舞蹈邀请赛',
    );
  });
});
