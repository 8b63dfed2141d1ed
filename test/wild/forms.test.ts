import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeWildForms, type WildForms } from './fixtures.js';

/**
 * Issue 18: real forms from the wild (made by openpyxl and LibreOffice, not ExcelJS), read
 * by the real CLI as a careful person reads them.
 */

interface SheetJson {
  sheet: string;
  kind: string | null;
  headerRow: number | null;
  detection: {
    source: string;
    matched: { header: string; field: string }[];
    evidence: string[];
    missing: string[];
    reason: string;
  };
  rows: number;
  valid: number;
  invalid: number;
  warnings: number;
  issues: {
    row: number;
    cell: string | null;
    field: string | null;
    severity: string;
    code: string;
    message: string;
  }[];
}

let forms: WildForms;

beforeAll(async () => {
  forms = await makeWildForms();
}, 180_000);

afterAll(async () => {
  await forms?.remove();
});

async function validate(
  file: string,
  ...args: string[]
): Promise<{ code: number; sheets: SheetJson[]; stderr: string }> {
  const run = await runCli(['validate', forms.file(file), '--json', ...args]);
  const sheets = run.stdout
    ? (JSON.parse(run.stdout) as { files: { sheets: SheetJson[] }[] }).files.flatMap((f) => f.sheets)
    : [];
  return { code: run.code, sheets, stderr: run.stderr };
}

describe('detection a person would agree with', () => {
  it('reads fifteen monthly attendance sheets as no ledger, and says why', async () => {
    const { sheets } = await validate('考勤签到表.xlsx');
    expect(sheets).toHaveLength(15);
    for (const s of sheets) {
      expect(s.kind, s.sheet).toBeNull();
      expect(s.rows).toBe(0);
      expect(s.detection.reason).toContain('只匹配到通用的 日期、姓名');
    }
  });

  it('explains a recognised sheet in --json and in the text report', async () => {
    const { sheets } = await validate('体检名单（日期只写一次）.xlsx');
    expect(sheets[0]!.kind).toBe('checkups');
    expect(sheets[0]!.detection).toMatchObject({
      source: 'detected',
      evidence: ['体检日期', '体检套餐', '体检机构'],
      missing: [],
    });
    expect(sheets[0]!.detection.matched.map((m) => m.header)).toEqual([
      '体检日期',
      '工号',
      '姓名',
      '所属工会',
      '体检套餐',
      '体检机构',
    ]);
    const text = await runCli(['validate', forms.file('考勤签到表.xlsx')]);
    expect(text.stdout).toContain('原因：未识别：「体检名单」只匹配到通用的 日期、姓名');
  });
});

describe('aliases from real forms', () => {
  const fieldsOf = (s: SheetJson): Record<string, string> =>
    Object.fromEntries(s.detection.matched.map((m) => [m.header, m.field]));

  it('reads the provincial member form as a 工会会员名册 with its header on row 4', async () => {
    const { sheets } = await validate('海南省工会会员信息采集表.xlsx');
    expect(sheets[0]).toMatchObject({ kind: 'members', headerRow: 4 });
    expect(fieldsOf(sheets[0]!)).toMatchObject({
      姓名: 'name',
      性别: 'gender',
      '出生日期（格式：yyyy/MM/dd）': 'birthMonth',
      民族: 'ethnicity',
      '证件号码(填写18位身份证)': 'idLast4',
      移动电话: 'phone',
      会籍变化类型: 'membershipChange',
      '会籍变化日期（格式：yyyy/MM/dd）': 'membershipChangeDate',
      '是否农民工会员填写“是”或“否”': 'migrantWorker',
      学历: 'education',
      政治面貌: 'politics',
    });
  });

  it('maps 会籍变化类型/会籍变化日期 to the join or leave date, 工作单位 naming a unit to 所属工会', async () => {
    const { sheets } = await validate('会员信息采集表（已填）.xlsx');
    const s = sheets[0]!;
    expect(fieldsOf(s)).toMatchObject({ 工作单位: 'unit', 工号: 'staffNo' });
    const rowIssues = (row: number) => s.issues.filter((i) => i.row === row && i.severity === 'error');
    expect(rowIssues(5)).toEqual([]);
    expect(rowIssues(6)).toEqual([]);
    // 转出 gives the leave date; the form has no join date for it.
    expect(rowIssues(7).map((i) => i.message)).toEqual(['「入会日期」不能为空']);
  });

  it('reads expense claims as a 支出明细账 with the mappings a person makes', async () => {
    const { sheets } = await validate('费用报销明细.xlsx');
    const s = sheets[0]!;
    expect(s).toMatchObject({ kind: 'expenses', headerRow: 2, rows: 3, valid: 3, invalid: 0 });
    expect(fieldsOf(s)).toEqual({
      发生时间: 'date',
      报销部门: 'unit',
      报销类别: 'account',
      费用明细: 'summary',
      '报销金额(元)': 'amount',
      报销人: 'handler',
      领款人: 'payee',
      审批编号: 'voucher',
      备注: 'remarks',
    });
  });

  it('reads a DingTalk approval export as a 支出明细账', async () => {
    const { sheets } = await validate('钉钉审批导出.xlsx');
    const s = sheets[0]!;
    expect(s).toMatchObject({ kind: 'expenses', headerRow: 1, rows: 2, valid: 2, invalid: 0 });
    expect(fieldsOf(s)).toMatchObject({
      审批编号: 'voucher',
      发起人姓名: 'handler',
      发起人部门: 'unit',
      业务类型: 'account',
      费用明细: 'summary',
      '报销金额(元)': 'amount',
      发生时间: 'date',
      领款人: 'payee',
      审批结果: 'approvalResult',
      审批状态: 'approvalStatus',
    });
  });

  it('reads HR rosters: 中文名, 工作单位, 部门名称, 移动电话, 证件号, 离职日期, English tails', async () => {
    const { sheets } = await validate('人事花名册.xlsx');
    const [staff, exported, outside] = sheets;
    expect(staff).toMatchObject({ kind: 'members', valid: 2, invalid: 0 });
    expect(fieldsOf(staff!)).toMatchObject({
      中文名: 'name',
      工作单位: 'unit',
      部门名称: 'department',
      移动电话: 'phone',
      证件号: 'idLast4',
      离职日期: 'leaveDate',
    });
    expect(exported).toMatchObject({ kind: 'members', valid: 2, invalid: 0 });
    expect(fieldsOf(exported!)).toMatchObject({
      姓名_real_name: 'name',
      身份证号_id_card_no: 'idLast4',
      一级部门_dept: 'unit',
      联系方式_mobile: 'phone',
    });
    // 工作单位 naming a company is kept as a column of its own.
    expect(fieldsOf(outside!)).not.toHaveProperty('工作单位');
  });
});

describe('note rows are not data', () => {
  it('reads the blank provincial form as no data row: its merged 填表说明 is a note', async () => {
    const { sheets } = await validate('海南省工会会员信息采集表.xlsx');
    expect(sheets[0]).toMatchObject({ kind: 'members', headerRow: 4, rows: 0, valid: 0, invalid: 0 });
    expect(sheets[0]!.issues.filter((i) => i.row > 4)).toEqual([]);
    const filled = await validate('会员信息采集表（已填）.xlsx');
    expect(filled.sheets[0]!.rows).toBe(3);
    expect(filled.sheets[0]!.issues.filter((i) => i.row > 7)).toEqual([]);
  });
});
