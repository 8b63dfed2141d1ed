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

describe('say once what is missing', () => {
  it('reports a 115-row roster without 所属工会 and 入会日期 once, not 230 times', async () => {
    const { sheets } = await validate('会员名册115.xlsx');
    const s = sheets[0]!;
    expect(s).toMatchObject({ kind: 'members', headerRow: 1, rows: 115, valid: 0, invalid: 115 });
    expect(s.issues).toEqual([
      {
        row: 1,
        cell: null,
        field: null,
        severity: 'error',
        code: 'sheet.missingColumns',
        message: '表中没有必填列「所属工会」「入会日期」：115行因此不能保存，请补充这些列',
      },
    ]);
    const text = await runCli(['validate', forms.file('会员名册115.xlsx')]);
    expect(text.stdout).toMatch(/整表 +错误 {2}表中没有必填列「所属工会」「入会日期」/);
  });

  it('reads a roster with drop-downs on whole columns', async () => {
    const { sheets } = await validate('整列下拉名册.xlsx');
    expect(sheets[0]).toMatchObject({ kind: 'members', rows: 2, valid: 2, invalid: 0 });
  });
});

describe('the CLI contract', () => {
  it('gives the reason when no header is found, never 「表头：第null行」, and exits 1', async () => {
    const run = await runCli(['validate', forms.file('随手记.xlsx'), '--kind', 'expenses']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('null');
    expect(run.stdout).toContain(
      '原因：指定为「支出明细账」，但前10行中没有表头行：需有至少两列表头与该台账相符（如：日期、所属工会、支出科目、摘要、金额）',
    );
    const json = await validate('随手记.xlsx', '--kind', 'expenses');
    expect(json.sheets[0]).toMatchObject({ kind: 'expenses', headerRow: null, rows: 0 });
    expect(json.sheets[0]!.detection.source).toBe('chosen');
  });

  it('exits 1 when no sheet of a file is recognised, 0 when every row is fine', async () => {
    expect((await validate('考勤签到表.xlsx')).code).toBe(1);
    expect((await validate('费用报销明细.xlsx')).code).toBe(0);
    expect((await validate('会员名册115.xlsx')).code).toBe(1);
  });

  it('speaks Chinese in usage errors, with exit 2', async () => {
    const noYear = await runCli(['summary', forms.file('费用报销明细.xlsx')]);
    expect(noYear).toMatchObject({ code: 2, stdout: '' });
    expect(noYear.stderr).toBe('错误：缺少必填选项 --year <年度>（用 --help 查看用法）\n');
    const bogus = await runCli(['validate', '--bogus', forms.file('费用报销明细.xlsx')]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toBe('错误：未知选项 --bogus（用 --help 查看用法）\n');
    const noFiles = await runCli(['validate']);
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toBe('错误：缺少参数 <文件>（用 --help 查看用法）\n');
    const unknown = await runCli(['bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^错误：未知命令 bogus（可用命令：demo、validate、/);
  });

  it('speaks Chinese in help, --version included', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法： union-ledger \[选项\] \[命令\]/);
    expect(help.stdout).toContain('选项：');
    expect(help.stdout).toContain('命令：');
    expect(help.stdout).toMatch(/-V, --version +显示版本号/);
    expect(help.stdout).toMatch(/-h, --help +显示帮助/);
    expect(help.stdout).toMatch(/help \[命令\] +显示某个命令的帮助/);
    const sub = await runCli(['summary', '--help']);
    expect(sub.stdout).toContain('参数：');
    expect(sub.stdout).toMatch(/--year <年度> +年度，如 2023/);
    const english = /\b(Usage|Options|Arguments|Commands|display help|output the version|default:|error:)\b/;
    for (const text of [help.stdout, sub.stdout]) expect(text).not.toMatch(english);
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('summary --json carries the rows left out per ledger, and exits 1 for them', async () => {
    const run = await runCli([
      'summary',
      forms.file('会员名册115.xlsx'),
      forms.file('费用报销明细.xlsx'),
      forms.file('考勤签到表.xlsx'),
      '--year',
      '2023',
      '--json',
    ]);
    expect(run.code).toBe(1);
    const s = JSON.parse(run.stdout) as {
      leftOut: {
        rows: number;
        byLedger: Record<string, number>;
        sheets: { file: string; sheet: string; reason: string }[];
      };
    };
    expect(s.leftOut.rows).toBe(115);
    expect(s.leftOut.byLedger).toEqual({ members: 115 });
    expect(s.leftOut.sheets).toHaveLength(15);
    expect(s.leftOut.sheets[0]).toMatchObject({ file: '考勤签到表.xlsx', sheet: '2023年1月' });
  });
});

describe('date messages', () => {
  it('a date without a year says 缺少年份 and suggests the year of the title', async () => {
    const { sheets } = await validate('活动台账（日期无年份）.xlsx');
    const s = sheets[0]!;
    expect(s).toMatchObject({ kind: 'activities', rows: 4, valid: 1, invalid: 3 });
    expect(s.issues.map((i) => `${i.cell} ${i.code} ${i.message}`)).toEqual([
      'E3 date.noYear 「活动日期」缺少年份：表头标题为2023年，应为 2023-09-01？请填写完整日期',
      'E4 date.noYear 「活动日期」缺少年份：表头标题为2023年，应为 2023-09-28？请填写完整日期',
      'E6 date.noYear 「活动日期」缺少年份：表头标题为2023年，应为 2023-10-01？请填写完整日期',
    ]);
  });

  it('a blank date under a dated row of a group suggests filling or merging the cells', async () => {
    const { sheets } = await validate('体检名单（日期只写一次）.xlsx');
    expect(sheets[0]!.issues.map((i) => `${i.cell} ${i.message}`)).toEqual([
      'A4 「体检日期」不能为空：若与第3行是同一天，请在每行填写日期，或合并这几行的单元格',
      'A5 「体检日期」不能为空：若与第3行是同一天，请在每行填写日期，或合并这几行的单元格',
    ]);
    expect(sheets[0]).toMatchObject({ valid: 2, invalid: 2 });
  });
});
