/**
 * The rendering rules of DOMAIN.md §6: how a figure of the annual summary is written in a
 * sentence of the work report. Pure string functions; the summary JSON itself keeps plain
 * integers and ratios (Settled conventions).
 */

/** Counts as plain digits. */
export function count(n: number): string {
  return String(n);
}

/**
 * A ratio in [0,1] as a percentage: an integer when whole (`100%`), else one decimal
 * (`64.5%`), rounded half-up. The ratio is first cleaned to 12 significant digits, so that
 * binary noise (0.29 × 100 = 28.999999999999996) does not decide a rounding.
 */
export function percent(ratio: number): string {
  const tenths = Math.round(Number((ratio * 1000).toPrecision(12)));
  return tenthsText(tenths);
}

/** n ÷ d as a percentage, computed exactly from the integers (d > 0). */
export function percentOf(n: number, d: number): string {
  if (d <= 0) return '0%';
  const negative = n < 0;
  const abs = BigInt(Math.abs(Math.trunc(n)));
  const den = BigInt(Math.trunc(d));
  const tenths = Number((abs * 2000n + den) / (2n * den));
  return tenthsText(negative ? -tenths : tenths);
}

function tenthsText(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.trunc(abs / 10);
  const decimal = abs % 10;
  return decimal === 0 ? `${sign}${whole}%` : `${sign}${whole}.${decimal}%`;
}

/** 近 rule: 8 or 9 is written 近10 (9 → 近10场次); any other number as digits. */
export function near(n: number): string {
  return n >= 8 && n <= 9 ? '近10' : count(n);
}

/** 余 rule: n ≥ 1000 and not a multiple of 1000 → ⌊n/1000⌋×1000余 (4126 → 4000余). */
export function over(n: number): string {
  if (n >= 1000 && n % 1000 !== 0) return `${Math.floor(n / 1000) * 1000}余`;
  return count(n);
}

/** A list: one item as is, two joined with 和, longer lists with 、. */
export function joinList(items: readonly string[]): string {
  if (items.length === 2) return `${items[0]}和${items[1]}`;
  return items.join('、');
}

/**
 * A list written as the seed writes its list of congress reports: 、 between items and 和
 * before the last (学校工作报告、…、2022年工会经费审查报告和提案工作报告).
 */
export function joinSeries(items: readonly string[]): string {
  if (items.length <= 2) return joinList(items);
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

export const MAX_ACTIVITY_NAMES = 6;

/**
 * A list of activity names: at most six, in date order (stable for equal dates), joined as
 * a list, followed by 等 when some were left out.
 */
export function activityNames(
  items: readonly { name: string; date: string }[],
  max: number = MAX_ACTIVITY_NAMES,
): string {
  const sorted = [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const shown = sorted.slice(0, max).map((a) => a.name);
  return `${joinList(shown)}${items.length > shown.length ? '等' : ''}`;
}

/** The part of a month an ISO date falls in: day ≤ 10 上旬, ≤ 20 中旬, else 下旬 (2023-12-14 → 12月中旬). */
export function monthPart(iso: string): string {
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const part = day <= 10 ? '上旬' : day <= 20 ? '中旬' : '下旬';
  return `${month}月${part}`;
}

/**
 * Names as stored went through §4.1, which makes full-width brackets half-width; a report
 * sentence is Chinese prose, where brackets are full-width again (（电视舞蹈大赛）).
 */
export function prose(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}
