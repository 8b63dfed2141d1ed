import { settingsSchema, type Settings } from './schema.js';

/** The demo organisation of DOMAIN.md §2 and the account chart of §7.1. */
const units = [
  { id: 'school', name: '校工会', aliases: ['学校工会', '重庆人文科技学院工会', '工会'], kind: 'school' },
  {
    id: 'lit-news',
    name: '文新学院工会',
    aliases: ['文学与新闻学院工会', '文新学院', '文新'],
    kind: 'sub',
    members: 92,
  },
  {
    id: 'mech-info',
    name: '机电学院工会',
    aliases: ['机电与信息工程学院工会', '机电学院', '机电'],
    kind: 'sub',
    members: 118,
  },
  { id: 'business', name: '工商学院工会', aliases: ['工商学院', '工商'], kind: 'sub', members: 105 },
  { id: 'management', name: '管理学院工会', aliases: ['管理学院'], kind: 'sub', members: 96 },
  {
    id: 'architecture',
    name: '建筑与设计学院工会',
    aliases: ['建筑与设计学院', '建筑学院'],
    kind: 'sub',
    members: 88,
  },
  { id: 'arts', name: '艺术学院工会', aliases: ['艺术学院'], kind: 'sub', members: 84 },
  { id: 'nursing', name: '护理学院工会', aliases: ['护理学院'], kind: 'sub', members: 76 },
  { id: 'education', name: '教育学院工会', aliases: ['教育学院'], kind: 'sub', members: 72 },
  { id: 'languages', name: '外国语学院工会', aliases: ['外国语学院', '外语学院'], kind: 'sub', members: 64 },
  {
    id: 'marxism',
    name: '马克思主义学院工会',
    aliases: ['马克思主义学院', '马院'],
    kind: 'sub',
    members: 48,
  },
  { id: 'offices', name: '机关分工会', aliases: ['机关工会', '机关'], kind: 'sub', members: 121 },
  {
    id: 'logistics',
    name: '后勤与图书馆分工会',
    aliases: ['后勤分工会', '图书馆分工会'],
    kind: 'sub',
    members: 72,
  },
] as const;

type AccountSeed = [code: string, name: string, aliases?: string[], basicUnion?: boolean];
const income: AccountSeed[] = [
  ['401', '会费收入'],
  ['402', '拨缴经费收入'],
  ['403', '上级补助收入'],
  ['404', '政府补助收入'],
  ['405', '行政补助收入'],
  ['406', '事业收入'],
  ['407', '投资收益'],
  ['408', '其他收入'],
];
const expenditure: AccountSeed[] = [
  ['501', '职工活动支出'],
  ['50101', '职工教育支出'],
  ['50102', '文体活动支出'],
  ['50103', '宣传活动支出'],
  ['50104', '劳模职工疗休养支出', ['疗休养']],
  ['50105', '会员活动支出', ['职工集体福利支出', '慰问支出']],
  ['50106', '其他职工活动支出', ['其他活动支出']],
  ['502', '维权支出'],
  ['50201', '劳动关系协调费'],
  ['50202', '劳动保护费'],
  ['50203', '法律援助费'],
  ['50204', '困难职工帮扶费'],
  ['50205', '送温暖费'],
  ['50206', '其他维权支出'],
  ['503', '业务支出'],
  ['50301', '培训费'],
  ['50302', '会议费'],
  ['50303', '外事费'],
  ['50304', '专项业务费'],
  ['50305', '其他业务支出'],
  ['504', '行政支出', [], false],
  ['505', '资本性支出'],
  ['506', '补助下级支出', [], false],
  ['507', '事业支出'],
  ['508', '其他支出'],
];

const unitIds = units.filter((u) => u.kind === 'sub').map((u) => u.id);

export const demoSettings: Settings = settingsSchema.parse({
  orgId: 'cqrw',
  orgName: '重庆人文科技学院工会',
  units,
  accounts: [
    ...income.map(([code, name, aliases = []]) => ({ code, name, aliases, direction: '收入' })),
    ...expenditure.map(([code, name, aliases = [], basicUnion = true]) => ({
      code,
      name,
      aliases,
      direction: '支出',
      basicUnion,
    })),
  ],
  users: [
    { id: 'admin', name: '校工会管理员', role: 'admin' },
    { id: 'finance', name: '工会会计', role: 'finance' },
    { id: 'leader', name: '校领导', role: 'leader' },
    ...unitIds.map((id) => ({
      id: `officer-${id}`,
      name: `${units.find((u) => u.id === id)!.name}干部`,
      role: 'officer',
      unit: id,
    })),
  ],
  checkupInstitution: '重庆市合川区人民医院体检中心',
});
