import type { Rng } from './prng.js';

/**
 * Fixed lists of common Chinese surnames and given-name characters (DOMAIN.md §8). The
 * seed only chooses among them; the lists themselves never change, so a seed always gives
 * the same people.
 */

/** The most common surnames, the first ones listed twice so that they come up more often. */
export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周'.split(''),
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  ),
];

const MALE_CHARS =
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建文博志远成康亮新峰松雷海晨政东洋江川毅'.split(
    '',
  );
const FEMALE_CHARS =
  '芳娜敏静丽艳娟霞燕玲婷雪慧莉倩琳洁颖萍红梅晶月琴璐瑶蓉佳欣媛怡婧楠露丹雯薇岚婕妍蕾悦瑜菲'.split('');
const NEUTRAL_CHARS = '文子雨思晓家小嘉一安春秋清宏永天心诗玉'.split('');

export type Gender = '男' | '女';

/** A plausible given name of one or two characters. */
export function givenName(rng: Rng, gender: Gender): string {
  const own = gender === '男' ? MALE_CHARS : FEMALE_CHARS;
  if (rng.chance(0.3)) return rng.pick(own);
  const first = rng.chance(0.5) ? rng.pick(NEUTRAL_CHARS) : rng.pick(own);
  let second = rng.pick(own);
  while (second === first) second = rng.pick(own);
  return first + second;
}

/**
 * Draws full names that are unique within one generator run, so that a 姓名 never names two
 * people (expense summaries such as `生育慰问 张三` must never repeat).
 */
export class NamePool {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  draw(gender: Gender, surname?: string): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const name = (surname ?? this.rng.pick(SURNAMES)) + givenName(this.rng, gender);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('name pool exhausted');
  }

  reserve(name: string): void {
    this.used.add(name);
  }
}
