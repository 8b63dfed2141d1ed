/**
 * The figure sentences of section 一 of the seed work report (shared/seed, the 2023 report of
 * 重庆人文科技学院), one per figure of DOMAIN.md §6, quoted from the seed with whitespace
 * removed. Kept in the repository because CI does not have the specs beside it.
 *
 * `activities.schoolSports`: the seed names six activities in an order that is not their
 * date order and by names that DOMAIN.md §8.2 shortens; the demo year, drafted by the §6
 * rule (six names in date order), words the list differently. `clause` is what any draft
 * of that figure holds.
 */
export const SEED_SECTION1_SENTENCES: readonly { key: string; text: string; clause?: string }[] = [
  { key: 'honours.advancedCollectives', text: '表彰了3个工会工作先进集体和39名优秀工会会员' },
  {
    key: 'awards.themed',
    text: '在“中国梦·劳动美——凝心铸魂跟党走团结奋斗新征程”2023年重庆市职工诗词大赛获三等奖',
  },
  {
    key: 'congress',
    text: '召开第二届教代会暨第一届工代会第二次会议。大会听取和审议了学校工作报告、教代会暨工会工作报告、学校法治工作报告、学术委员会工作报告、2022年工会经费审查报告和提案工作报告',
  },
  { key: 'proposals.total', text: '共提出提案47件，立案26件，提案答复率为100%' },
  {
    key: 'executive.items',
    text: '召开教代会执委会工作会议，讨论了教师系列职称申报评审条件、教师系列职称申报评审工作管理办法、二级单位2023年年度考核实施方案等',
  },
  { key: 'participation.satIn', text: '组织8名教代会代表列席学校校务会' },
  {
    key: 'participation.consulted',
    text: '7名教代会代表分别参与了本科教学工作合格评估自评报告、整改报告的讨论和新职称文件讨论',
  },
  { key: 'ideas.total', text: '共征集点子14个，评出“金点子”1个' },
  {
    key: 'activities.repTrainings',
    text: '12月中旬，邀请重庆科技大学工会常务副主席陈勇为教代会代表进行了专题培训',
  },
  { key: 'welfare.personTimes', text: '全年慰问教职工3226人次' },
  { key: 'checkups.persons', text: '组织858名教职工参加了健康体检' },
  {
    key: 'activities.socials',
    text: '组织教职工参加2023年“渝见会聚良缘”联谊活动和“科创未来文筑幸福”联谊活动',
  },
  { key: 'enrolment.placed', text: '落实了2名教职工子女就读小学和幼儿园问题' },
  { key: 'honours.redBannerCandidates', text: '推荐1名女教职工作为重庆市三八红旗手候选对象' },
  {
    key: 'activities.schoolSports',
    text: '先后组织开展了“我们的节日”端午节活动、“守护童真放飞想象”亲子阅读活动、乒乓球、羽毛球比赛、陆地冰壶比赛活动、棋类比赛等文体活动近10场次',
    clause: '等文体活动近10场次',
  },
  {
    key: 'awards.external',
    text: '组织教职工参加重庆市第二届职工文艺展演（电视舞蹈大赛）暨成渝地区双城经济圈职工舞蹈邀请赛获现代舞三等奖、重庆市教科文卫系统职工羽毛球赛获教育系统组二等奖、第22届重庆市“健康校园杯”高校专家教授运动会获欢乐龙舟赛第八名',
  },
  { key: 'activities.subUnionSports', text: '全年开展教职工文体活动35场次' },
  { key: 'activities.subUnionParticipants', text: '参与活动的教职工达4000余人次' },
  { key: 'homes.schoolHome', text: '顺利通过了重庆市教科文卫体工会系统“先进职工之家”的创建验收' },
  { key: 'homes.qualifiedSmallHomes', text: '全校建成合格职工小家5个、先进职工小家5个' },
  {
    key: 'homes.pairings',
    text: '学校工会与重庆科技大学工会“结对共建”，同时文新学院工会与重庆科技大学图书馆与职业技术师范学院分工会、机电学院工会与重庆科技大学冶金与材料工程学院分工会、工商学院工会与重庆科技大学石油与天然气工程学院分工会签订了《职工小家“结对共建”协议》',
  },
  {
    key: 'activities.cadreStudies',
    text: '先后组织工会干部到重庆科技大学、重庆工商大学进行工会工作学习，组织工会干部参观市教科文卫体工会职工之家成果展',
  },
];
