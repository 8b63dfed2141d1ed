import { apportion } from './alloc.js';
import { addDays, randomDate } from './cellForms.js';
import { MEMBERS_WITH_CHILDREN, RETIRED_IN_2022, UNIT_FIGURES, type DemoUnitFigures } from './figures.js';
import { NamePool, type Gender } from './names.js';
import type { Rng } from './prng.js';

/** One member of the demo roster (§3.1 fields, typed; the sheet writes them in messy forms). */
export interface Person {
  staffNo: string;
  name: string;
  unit: string;
  gender: Gender;
  /** YYYY-MM */
  birthMonth: string;
  department: string;
  staffType: StaffType;
  employment: '全职' | '兼职' | '劳务派遣' | '退休返聘';
  joinDate: string;
  status: '在会' | '退休';
  leaveDate: string | null;
  isRep: boolean;
  delegation: string | null;
  childrenUnder14: number;
  phone: string;
  idLast4: string | null;
  /** 困难职工建档: set for the January 送温暖 recipients. */
  hardship: boolean;
}

export type StaffType = '专任教师' | '辅导员' | '行政管理' | '教辅' | '工勤' | '其他';

const DEPARTMENTS: Record<string, { teach: string[]; other: string[] }> = {
  'lit-news': {
    teach: ['汉语言文学教研室', '新闻传播教研室', '广告学教研室'],
    other: ['学院办公室', '学生工作办公室'],
  },
  'mech-info': {
    teach: ['机械工程教研室', '电子信息教研室', '计算机教研室', '自动化教研室'],
    other: ['学院办公室', '实验中心'],
  },
  business: {
    teach: ['会计学教研室', '财务管理教研室', '市场营销教研室'],
    other: ['学院办公室', '学生工作办公室'],
  },
  management: {
    teach: ['工商管理教研室', '人力资源管理教研室', '物流管理教研室'],
    other: ['学院办公室', '学生工作办公室'],
  },
  architecture: {
    teach: ['建筑学教研室', '环境设计教研室', '工程造价教研室'],
    other: ['学院办公室', '实验中心'],
  },
  arts: { teach: ['音乐教研室', '舞蹈教研室', '美术教研室'], other: ['学院办公室', '学生工作办公室'] },
  nursing: { teach: ['护理学教研室', '基础医学教研室', '康复治疗教研室'], other: ['学院办公室', '实训中心'] },
  education: {
    teach: ['学前教育教研室', '小学教育教研室', '心理学教研室'],
    other: ['学院办公室', '学生工作办公室'],
  },
  languages: { teach: ['英语教研室', '商务英语教研室', '日语教研室'], other: ['学院办公室'] },
  marxism: { teach: ['思想政治理论教研室', '中国近现代史纲要教研室'], other: ['学院办公室'] },
  offices: {
    teach: [],
    other: ['党政办公室', '人事处', '教务处', '财务处', '学生工作处', '校工会', '科研处', '招生就业处'],
  },
  logistics: { teach: [], other: ['图书馆', '后勤管理处', '物业服务中心', '校医院'] },
};

/** Per-unit staff-type counts: fixed proportions (not seed-dependent). */
function staffTypes(f: DemoUnitFigures, n: number): StaffType[] {
  const counts: [StaffType, number][] = f.academic
    ? apportion(n, [72, 10, 12, 6]).map((c, i) => [
        (['专任教师', '辅导员', '行政管理', '教辅'] as const)[i]!,
        c,
      ])
    : f.id === 'offices'
      ? apportion(n, [86, 8, 6]).map((c, i) => [(['行政管理', '教辅', '其他'] as const)[i]!, c])
      : apportion(n, [48, 30, 22]).map((c, i) => [(['工勤', '教辅', '行政管理'] as const)[i]!, c]);
  return counts.flatMap(([t, c]) => Array.from({ length: c }, () => t));
}

export function departmentOf(rng: Rng, unit: string, type: StaffType): string {
  const d = DEPARTMENTS[unit]!;
  if (type === '专任教师' && d.teach.length) return rng.pick(d.teach);
  if (type === '辅导员' && d.other.includes('学生工作办公室')) return '学生工作办公室';
  if (type === '教辅' && d.other.some((x) => x.includes('中心')))
    return d.other.find((x) => x.includes('中心'))!;
  return rng.pick(d.other);
}

const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '138',
  '139',
  '150',
  '152',
  '158',
  '177',
  '180',
  '183',
  '187',
  '189',
  '199',
];

export function phone(rng: Rng): string {
  let s = rng.pick(MOBILE_PREFIXES);
  while (s.length < 11) s += String(rng.int(0, 9));
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Staff numbers `{hire year}{4-digit sequence}`, unique (§8). */
export class StaffNumbers {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  draw(hireYear: number): string {
    for (;;) {
      const no = `${hireYear}${pad(this.rng.int(1, 999), 4)}`;
      if (!this.used.has(no)) {
        this.used.add(no);
        return no;
      }
    }
  }
  reserve(no: string): void {
    this.used.add(no);
  }
}

export interface Roster {
  /** Every roster row in sheet order: the 1,036 在会 members unit by unit, then the 12 retirees. */
  all: Person[];
  /** 在会 members only. */
  active: Person[];
  byUnit: Map<string, Person[]>;
  names: NamePool;
  numbers: StaffNumbers;
}

/**
 * The 1,048 roster rows of §8.2: per unit exactly the members and women of §8.1, the reps
 * and 专任教师 reps of `UNIT_FIGURES`, 362 members with children under 14 (counts per unit
 * fixed by apportionment); the seed picks who is who.
 */
export function generateRoster(rng: Rng): Roster {
  const names = new NamePool(rng.fork('names'));
  const numbers = new StaffNumbers(rng.fork('staff-numbers'));
  const r = rng.fork('people');
  const withChildren = apportion(
    MEMBERS_WITH_CHILDREN,
    UNIT_FIGURES.map((f) => f.members),
  );
  const byUnit = new Map<string, Person[]>();
  const active: Person[] = [];
  UNIT_FIGURES.forEach((f, ui) => {
    const genders: Gender[] = r.shuffle([
      ...Array.from({ length: f.female }, () => '女' as const),
      ...Array.from({ length: f.members - f.female }, () => '男' as const),
    ]);
    const types = r.shuffle(staffTypes(f, f.members));
    const kids = new Set(r.sample([...Array(f.members).keys()], withChildren[ui]!));
    const people: Person[] = genders.map((gender, i) => {
      const children = kids.has(i) ? (r.chance(0.7) ? 1 : r.chance(0.93) ? 2 : 3) : 0;
      // Women retire at 55 and men at 60 (as cadres): nobody in the roster is past that in 2023.
      const birthYear = children > 0 ? r.int(1976, 1993) : r.int(gender === '女' ? 1969 : 1964, 1998);
      const hireYear = r.int(Math.max(birthYear + 24, 1992), 2022);
      const joinDate = randomDate(r, `${hireYear}-07-01`, `${hireYear}-12-31`);
      const staffType = types[i]!;
      return {
        staffNo: numbers.draw(hireYear),
        name: names.draw(gender),
        unit: f.id,
        gender,
        birthMonth: `${birthYear}-${pad(r.int(1, 12), 2)}`,
        department: departmentOf(r, f.id, staffType),
        staffType,
        employment: staffType === '工勤' && r.chance(0.15) ? '劳务派遣' : '全职',
        joinDate,
        status: '在会',
        leaveDate: null,
        isRep: false,
        delegation: null,
        childrenUnder14: children,
        phone: phone(r),
        idLast4: null,
        hardship: false,
      };
    });
    // Reps: exactly `teacherReps` 专任教师 and the rest from the other staff.
    const teachers = people.filter((p) => p.staffType === '专任教师');
    const others = people.filter((p) => p.staffType !== '专任教师');
    for (const p of [...r.sample(teachers, f.teacherReps), ...r.sample(others, f.reps - f.teacherReps)]) {
      p.isRep = true;
      p.delegation = f.delegation;
    }
    // Sheet order inside a unit: by staff number, as rosters exported from HR systems are.
    people.sort((a, b) => a.staffNo.localeCompare(b.staffNo));
    byUnit.set(f.id, people);
    active.push(...people);
  });
  const retirees = generateRetirees(r, names, numbers);
  const all = [...active, ...retirees];
  // §8.2: idLast4 on half the rows.
  for (const p of r.sample(all, Math.floor(all.length / 2))) p.idLast4 = idLast4(r);
  return { all, active, byUnit, names, numbers };
}

function generateRetirees(r: Rng, names: NamePool, numbers: StaffNumbers): Person[] {
  const perUnit = apportion(
    RETIRED_IN_2022,
    UNIT_FIGURES.map((f) => f.members),
  );
  const out: Person[] = [];
  UNIT_FIGURES.forEach((f, ui) => {
    for (let k = 0; k < perUnit[ui]!; k++) {
      const gender: Gender = r.chance(0.5) ? '女' : '男';
      const birthYear = gender === '女' ? r.int(1967, 1972) : r.int(1961, 1962);
      const hireYear = r.int(1988, 1996);
      const staffType = f.academic ? '专任教师' : f.id === 'offices' ? '行政管理' : '工勤';
      out.push({
        staffNo: numbers.draw(hireYear),
        name: names.draw(gender),
        unit: f.id,
        gender,
        birthMonth: `${birthYear}-${pad(r.int(1, 12), 2)}`,
        department: departmentOf(r, f.id, staffType),
        staffType,
        employment: '全职',
        joinDate: randomDate(r, `${hireYear}-07-01`, `${hireYear}-12-31`),
        status: '退休',
        leaveDate: addDays('2022-01-31', r.int(0, 300)),
        isRep: false,
        delegation: null,
        childrenUnder14: 0,
        phone: phone(r),
        idLast4: null,
        hardship: false,
      });
    }
  });
  return out;
}

function idLast4(r: Rng): string {
  const digits = `${r.int(0, 9)}${r.int(0, 9)}${r.int(0, 9)}`;
  return digits + (r.chance(0.1) ? 'X' : String(r.int(0, 9)));
}

export function shortName(unitId: string): string {
  return UNIT_FIGURES.find((f) => f.id === unitId)?.short ?? '校工会';
}
