/**
 * The generic messages of DOMAIN.md §3 ("std"). `h` is the header as the officer typed it.
 * Ledger-specific messages stay in their ledger module, next to the rule they belong to.
 */
export const std = {
  required: (h: string): string => `「${h}」不能为空`,
  date: (h: string): string => `「${h}」不是有效日期（示例：2023-03-08）`,
  dateRange: (h: string, min: number, max: number): string => `「${h}」超出合理范围（${min}年至${max}年）`,
  /** Issue 18: 9/1 says what is missing rather than being out of range. */
  dateNoYear: (h: string): string => `「${h}」缺少年份（示例：2023-09-01）`,
  /** …and, where the title or the other rows make the year certain, which date it probably is. */
  dateNoYearSuggest: (h: string, iso: string, why: string): string =>
    `「${h}」缺少年份：${why}，应为 ${iso}？请填写完整日期`,
  /** Issue 18: a date written once for a group of rows; the blank ones are not filled in for the officer. */
  dateBlankInGroup: (h: string, row: number): string =>
    `「${h}」不能为空：若与第${row}行是同一天，请在每行填写日期，或合并这几行的单元格`,
  amount: (h: string): string => `「${h}」不是有效金额（示例：1200 或 1,200.00元）`,
  amountCapital: (h: string): string => `「${h}」请填写阿拉伯数字金额`,
  amountDecimals: (h: string): string => `「${h}」最多保留两位小数`,
  amountRange: (h: string): string => `「${h}」金额超出合理范围`,
  negative: (h: string): string => `「${h}」不能为负数`,
  integer: (h: string): string => `「${h}」应为非负整数`,
  number: (h: string): string => `「${h}」不是有效数字`,
  /** An Excel error value (#N/A, #REF!) in a text column: DOMAIN.md gives no wording of its own. */
  invalidValue: (h: string): string => `「${h}」不是有效内容（单元格为错误值）`,
  enum: (h: string, options: readonly string[]): string => `「${h}」只能填写：${options.join('、')}`,
  bool: (h: string): string => `「${h}」请填写“是”或“否”`,
  order: (a: string, b: string): string => `「${a}」不能早于「${b}」`,
  length: (h: string, max: number): string => `「${h}」不能超过${max}个字`,
  staffNo: (h: string): string => `「${h}」格式不正确：应为4至12位字母或数字`,
  unknownUnit: (h: string, v: string): string => `「${h}」“${v}”不在单位名单中`,
  unknownAccount: (h: string, v: string): string => `「${h}」不在《工会会计制度》科目表中：${v}`,
  higherUnionAccount: (account: string): string => `基层工会不使用「${account}」科目`,
  phone: (h: string): string => `「${h}」应为11位手机号码`,
  idFull: (): string => '身份证号仅保存后四位，请勿上传完整号码',
  idMasked: (h: string): string => `「${h}」含完整证件号码，仅上传后四位，建议在表格中脱敏`,
  future: (h: string): string => `「${h}」晚于今天，请核实`,
  notInRoster: (staffNo: string): string => `工号${staffNo}不在会员名册中`,
  /** Where the caller sees only their own unit's roster: says nothing of who the 工号 is. */
  notInUnitRoster: (): string => '工号与本单位会员名册不符',
  /** A clash with a row the caller may not read: no name, unit or date of it. */
  duplicateElsewhere: (): string => '与其他单位已登记的记录重复，请联系校工会核实',
  rosterName: (rosterName: string): string => `姓名与会员名册不一致（名册为：${rosterName}）`,
  forbiddenUnit: (unit: string, own: string): string => `无权维护「${unit}」的数据（本账号所属：${own}）`,
  /** A stored row of a unit the caller may not read: refused without saying whose it is. */
  otherUnitRow: (): string => '该行属于其他单位，当前账号无权修改',
  schoolOnly: (): string => '该台账仅限校工会维护',
  readOnly: (): string => '当前账号只能查看，不能修改数据',
} as const;
