import { apportion } from './alloc.js';
import { randomDate } from './cellForms.js';
import { UNIT_FIGURES, WELFARE } from './figures.js';
import type { Person, Roster } from './people.js';
import type { Rng } from './prng.js';

/** One 慰问 row (one 人次), typed. */
export interface WelfareRecord {
  date: string;
  person: Person;
  type:
    '节日慰问' | '三八节慰问' | '儿童节慰问' | '送温暖' | '生育慰问' | '生病住院慰问' | '直系亲属去世慰问';
  festival: '春节' | '中秋国庆' | null;
  form: '慰问品' | '慰问金';
  /** 元 */
  amount: number;
  batch: string | null;
  reason: string | null;
  relation: '配偶' | '父母' | '子女' | null;
  surgery: boolean | null;
  handler: string;
}

const WARMTH_REASONS = [
  '家庭经济困难',
  '本人患重大疾病',
  '配偶患重病',
  '子女患病治疗',
  '单亲家庭抚养子女困难',
  '父母长期卧病在床',
  '家庭遭遇意外变故',
];
const ILLNESS_REASONS = [
  '肺炎住院治疗',
  '急性胃肠炎住院',
  '高血压住院治疗',
  '腰椎病住院治疗',
  '糖尿病住院治疗',
  '骨折住院治疗',
];
const SURGERY_REASONS = [
  '阑尾切除手术',
  '骨折内固定手术',
  '甲状腺手术',
  '胆囊切除手术',
  '心脏支架手术',
  '腰椎间盘手术',
];

/** Per-unit counts of an individual occasion: apportioned by members, the same for every seed. */
function perUnit(total: number): number[] {
  return apportion(
    total,
    UNIT_FIGURES.map((f) => f.members),
  );
}

export interface WelfareYear {
  /** Batches: 春节, 三八节, 儿童节, 中秋国庆 (2,982 rows). */
  festival: WelfareRecord[];
  /** 送温暖 and the individual occasions (244 rows), in date order. */
  individual: WelfareRecord[];
}

/**
 * §8.2 welfare: 3,226 rows. Batch rows go to every eligible member; individual occasions get
 * per-unit counts fixed by apportionment and the seed picks the people and dates.
 */
export function generateWelfare(rng: Rng, roster: Roster, handlers: readonly string[]): WelfareYear {
  const r = rng.fork('welfare');
  const handler = (): string => r.pick(handlers);
  const base = (
    person: Person,
    date: string,
    type: WelfareRecord['type'],
    amount: number,
    extra: Partial<WelfareRecord> = {},
  ): WelfareRecord => ({
    date,
    person,
    type,
    festival: null,
    form: '慰问品',
    amount,
    batch: null,
    reason: null,
    relation: null,
    surgery: null,
    handler: handler(),
    ...extra,
  });
  const active = roster.active;
  const W = WELFARE;
  const festival: WelfareRecord[] = [
    ...active.map((p) =>
      base(p, W.springFestival.date, '节日慰问', W.springFestival.amount, {
        festival: '春节',
        batch: W.springFestival.batch,
      }),
    ),
    ...active
      .filter((p) => p.gender === '女')
      .map((p) => base(p, W.womensDay.date, '三八节慰问', W.womensDay.amount, { batch: W.womensDay.batch })),
    ...active
      .filter((p) => p.childrenUnder14 > 0)
      .map((p) =>
        base(p, W.childrensDay.date, '儿童节慰问', W.childrensDay.amount, { batch: W.childrensDay.batch }),
      ),
    ...active.map((p) =>
      base(p, W.midAutumn.date, '节日慰问', W.midAutumn.amount, {
        festival: '中秋国庆',
        batch: W.midAutumn.batch,
      }),
    ),
  ];

  const individual: WelfareRecord[] = [];
  const january = perUnit(W.warmthJanuary.count);
  const september = apportion(W.warmthSeptember.count, january);
  const anyDate = (): string => randomDate(r, '2023-01-04', '2023-12-22', true);
  UNIT_FIGURES.forEach((f, ui) => {
    const people = roster.byUnit.get(f.id)!;
    // 送温暖: the hardship families of January, most of them again in September.
    const jan = r.sample(people, january[ui]!);
    for (const p of jan) p.hardship = true;
    const warmth = (p: Person, w: typeof W.warmthJanuary | typeof W.warmthSeptember): WelfareRecord =>
      base(p, w.date, '送温暖', w.amount, { form: '慰问金', batch: w.batch, reason: r.pick(WARMTH_REASONS) });
    individual.push(...jan.map((p) => warmth(p, W.warmthJanuary)));
    individual.push(...r.sample(jan, september[ui]!).map((p) => warmth(p, W.warmthSeptember)));
  });
  const occasions = {
    birth: perUnit(W.birth.count),
    illness: perUnit(W.illness.count),
    surgery: perUnit(W.illnessSurgery.count),
    death: perUnit(W.relativeDeath.count),
  };
  UNIT_FIGURES.forEach((f, ui) => {
    const people = roster.byUnit.get(f.id)!;
    // A birth in 2023: a younger member, who then has a child under 14.
    const parents = people.filter((p) => p.childrenUnder14 > 0 && Number(p.birthMonth.slice(0, 4)) >= 1983);
    for (const p of r.sample(parents, occasions.birth[ui]!))
      individual.push(base(p, anyDate(), '生育慰问', W.birth.amount, { reason: '生育子女' }));
    const sick = r.sample(people, occasions.illness[ui]! + occasions.surgery[ui]!);
    sick.forEach((p, k) => {
      const surgery = k < occasions.surgery[ui]!;
      individual.push(
        base(p, anyDate(), '生病住院慰问', surgery ? W.illnessSurgery.amount : W.illness.amount, {
          form: '慰问金',
          reason: r.pick(surgery ? SURGERY_REASONS : ILLNESS_REASONS),
          surgery,
        }),
      );
    });
    for (const p of r.sample(people, occasions.death[ui]!)) {
      const roll = r.float();
      const relation = roll < 0.8 ? '父母' : roll < 0.95 ? '配偶' : '子女';
      const reason =
        relation === '父母'
          ? r.chance(0.5)
            ? '父亲病故'
            : '母亲病故'
          : relation === '配偶'
            ? '配偶病故'
            : '子女因病去世';
      individual.push(
        base(p, anyDate(), '直系亲属去世慰问', W.relativeDeath.amount, { form: '慰问金', reason, relation }),
      );
    }
  });
  individual.sort((a, b) => a.date.localeCompare(b.date));
  return { festival, individual };
}
