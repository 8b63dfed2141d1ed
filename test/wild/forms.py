"""Workbooks shaped like the real forms of issue 18, written by openpyxl (not ExcelJS).

Usage: /usr/bin/python3 test/wild/forms.py OUT_DIR

Each workbook copies the layout of a form found in the wild: the official provincial member
form (title rows, header on row 4, line breaks inside header cells, a merged 填表说明 note
below the table), monthly attendance sheets, expense claims, a DingTalk approval export, HR
rosters, a roster without 所属工会 and 入会日期, dates without a year and group dates written
once. The people, numbers and amounts are invented. No charts: ExcelJS cannot read them.
"""

import csv
import datetime as dt
import os
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

OUT = sys.argv[1]
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"]


def person(i):
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def save(wb, name):
    wb.save(os.path.join(OUT, name))


# ---------------------------------------------------------------- 海南省工会会员信息采集表

MEMBER_FORM_HEADERS = [
    "序号",
    "姓名",
    "性别",
    "出生日期（格式：yyyy/MM/dd）",
    "民族",
    "证件号码\n(填写18位身份证)",
    "移动电话",
    "会籍变化类型",
    "会籍变化日期（格式：yyyy/MM/dd）",
    "工作单位",
    "是否农民工会员\n填写“是”或“否”",
    "学历",
    "政治面貌",
]

MEMBER_FORM_NOTE = (
    "填表说明：1.会籍变化类型填写：入会、转入、转出、退会、除名；2.证件号码填写18位居民身份证号码，"
    "如460100199001011234；3.日期格式为yyyy/MM/dd，如2023/09/01；4.是否农民工会员填写“是”或“否”。"
)


def member_form(name, rows, extra_headers=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "会员信息"
    headers = MEMBER_FORM_HEADERS + list(extra_headers)
    last = len(headers)
    ws.cell(1, 1, "海南省工会会员信息采集表").font = Font(size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(2, 1, "基层工会名称（盖章）：")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=6)
    ws.cell(2, 7, "填报日期：    年  月  日")
    ws.merge_cells(start_row=2, start_column=7, end_row=2, end_column=last)
    for c, h in enumerate(headers, start=1):
        ws.cell(4, c, h).alignment = WRAP
    ws.row_dimensions[4].height = 45
    r = 5
    for i, row in enumerate(rows, start=1):
        ws.cell(r, 1, i)
        for c, v in enumerate(row, start=2):
            cell = ws.cell(r, c, v)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy/mm/dd"
        r += 1
    r += 1  # one blank row, then the note across the whole table
    ws.cell(r, 1, MEMBER_FORM_NOTE).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=r, start_column=1, end_row=r + 2, end_column=last)
    dv = DataValidation(type="list", formula1='"入会,转入,转出,退会,除名"', allow_blank=True)
    dv.add("H5:H200")
    ws.add_data_validation(dv)
    save(wb, name)


member_form("海南省工会会员信息采集表.xlsx", [])
member_form(
    "会员信息采集表（已填）.xlsx",
    [
        ["王伟", "男", dt.date(1988, 5, 12), "汉族", "460100198805121234", "13800000001", "入会",
         dt.date(2023, 9, 1), "机电学院", "否", "本科", "中共党员", "20230101"],
        ["李芳", "女", dt.date(1992, 3, 8), "黎族", "460100199203081246", "13800000002", "转入",
         dt.date(2023, 10, 15), "机电学院", "是", "硕士研究生", "群众", "20230102"],
        ["张敏", "女", dt.date(1985, 11, 2), "汉族", "460100198511021225", "13800000003", "转出",
         dt.date(2023, 11, 20), "机电学院", "否", "本科", "共青团员", "20150032"],
    ],
    extra_headers=["工号"],
)


# ---------------------------------------------------------------- attendance sheets

def attendance():
    wb = Workbook()
    wb.remove(wb.active)
    names = [person(i) for i in range(3)]
    for k in range(15):
        year, month = 2023 + (k // 12), k % 12 + 1
        ws = wb.create_sheet(f"{year}年{month}月")
        ws.cell(1, 1, f"员工考勤签到表（{year}年{month}月）")
        ws.merge_cells("A1:K1")
        for c, h in ((1, "日期"), (2, "星期"), (3, "姓名")):
            ws.cell(2, c, h)
            ws.merge_cells(start_row=2, start_column=c, end_row=4, end_column=c)
        for base, half in ((4, "上午"), (8, "下午")):
            ws.cell(2, base, half)
            ws.merge_cells(start_row=2, start_column=base, end_row=2, end_column=base + 3)
            for j, shift in enumerate(("上班", "下班")):
                ws.cell(3, base + 2 * j, shift)
                ws.merge_cells(start_row=3, start_column=base + 2 * j, end_row=3, end_column=base + 2 * j + 1)
                ws.cell(4, base + 2 * j, "时间")
                ws.cell(4, base + 2 * j + 1, "签名")
        ws.cell(2, 12, "备注")
        ws.merge_cells("L2:L4")
        r = 5
        day = dt.date(year, month, 1)
        workdays = 0
        while workdays < 19:
            if day.weekday() < 5:
                workdays += 1
                for n in names:
                    ws.cell(r, 1, day).number_format = "yyyy-mm-dd"
                    ws.cell(r, 2, "一二三四五"[day.weekday()])
                    ws.cell(r, 3, n)
                    ws.cell(r, 4, "08:0%d" % (r % 10))
                    ws.cell(r, 6, "12:00")
                    ws.cell(r, 8, "14:30")
                    ws.cell(r, 10, "17:3%d" % (r % 10))
                    r += 1
            day += dt.timedelta(days=1)
    save(wb, "考勤签到表.xlsx")


attendance()


# ---------------------------------------------------------------- expense claims

def expense_claims():
    wb = Workbook()
    ws = wb.active
    ws.title = "报销明细"
    ws.cell(1, 1, "2023年工会经费报销明细")
    ws.merge_cells("A1:J1")
    headers = ["序号", "发生时间", "报销部门", "报销类别", "费用明细", "报销金额(元)", "报销人", "领款人", "审批编号", "备注"]
    for c, h in enumerate(headers, start=1):
        ws.cell(2, c, h)
    rows = [
        (dt.date(2023, 3, 8), "机电学院", "文体活动支出", "三八节女职工健步走活动用水及奖品", 1860.5, "王伟", "某某体育用品店", "202303081015000123"),
        (dt.date(2023, 4, 20), "机电学院", "培训费", "工会干部培训资料印制", 420, "李芳", "某某图文", "202304201630000456"),
        (dt.date(2023, 6, 2), "机电学院", "会议费", "分工会会员大会场地", 800, "王伟", "某某酒店", "202306020905000789"),
    ]
    for i, row in enumerate(rows, start=1):
        ws.cell(2 + i, 1, i)
        for c, v in enumerate(row, start=2):
            cell = ws.cell(2 + i, c, v)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.cell(3 + len(rows), 1, "合计")
    ws.cell(3 + len(rows), 6, sum(r[4] for r in rows))
    save(wb, "费用报销明细.xlsx")


def dingtalk_export():
    wb = Workbook()
    ws = wb.active
    ws.title = "工会经费报销"
    headers = [
        "审批编号", "标题", "审批状态", "审批结果", "发起时间", "完成时间", "发起人工号", "发起人姓名",
        "发起人部门", "历史审批人姓名", "业务类型", "费用明细", "报销金额(元)", "发生时间", "领款人",
    ]
    for c, h in enumerate(headers, start=1):
        ws.cell(1, c, h)
    rows = [
        ["202309011432000123456", "王伟提交的工会经费报销", "已完成", "同意", "2023-09-01 14:32:10",
         "2023-09-03 09:10:00", "20230101", "王伟", "机电学院", "李芳,张敏", "文体活动支出",
         "教职工篮球赛服装", "2400.00", "2023-08-28", "某某体育用品店"],
        ["202310121011000654321", "李芳提交的工会经费报销", "已完成", "同意", "2023-10-12 10:11:45",
         "2023-10-13 16:00:00", "20230102", "李芳", "机电学院", "张敏", "会议费",
         "二级教代会会场布置", "650.00", "2023-10-10", "某某广告公司"],
    ]
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    save(wb, "钉钉审批导出.xlsx")


expense_claims()
dingtalk_export()


# ---------------------------------------------------------------- HR rosters

def hr_rosters():
    wb = Workbook()
    ws = wb.active
    ws.title = "在职员工"
    headers = ["工号", "中文名", "性别", "工作单位", "部门名称", "移动电话", "证件号", "入会日期", "离职日期"]
    for c, h in enumerate(headers, start=1):
        ws.cell(1, c, h)
    rows = [
        ["20180011", "赵强", "男", "工商学院", "财务管理教研室", "13900000011", "500101198001011234", dt.date(2018, 9, 1), None],
        ["20190012", "孙丽", "女", "工商学院", "市场营销教研室", "13900000012", "500101199002021247", dt.date(2019, 9, 1), dt.date(2023, 7, 31)],
    ]
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, v)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws2 = wb.create_sheet("员工导出")
    headers2 = ["工号_job_number", "姓名_real_name", "性别_gender", "一级部门_dept", "联系方式_mobile", "身份证号_id_card_no", "入会日期_join_date"]
    for c, h in enumerate(headers2, start=1):
        ws2.cell(1, c, h)
    ws2.append(["20200013", "周杰", "男", "管理学院", "13900000013", "500101199103031238", "2020-09-01"])
    ws2.append(["20200014", "吴娟", "女", "管理学院", "13900000014", "500101199204041249", "2020-09-01"])
    # 工作单位 naming a company, not a unit of the union: the column is kept, not bound.
    ws3 = wb.create_sheet("外单位")
    for c, h in enumerate(["工号", "姓名", "性别", "工作单位", "入会日期"], start=1):
        ws3.cell(1, c, h)
    ws3.append(["20210015", "郭明", "男", "海口某某科技有限公司", "2021-03-01"])
    save(wb, "人事花名册.xlsx")


hr_rosters()


def roster_without_unit_and_join_date():
    """Written as CSV: the test saves it as .xlsx with LibreOffice Calc."""
    with open(os.path.join(OUT, "会员名册115.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["工号", "姓名", "性别", "部门", "手机号码"])
        for i in range(115):
            w.writerow([f"2019{i:04d}", person(i) + ("" if i < 20 else str(i // 20)), "男女"[i % 2], "综合办公室", f"1370000{i:04d}"])


roster_without_unit_and_join_date()


def roster_with_whole_column_dropdowns():
    """Drop-downs on whole columns (C1:C1048576, F1:F1048576), as HR templates set them: a million-row range."""
    wb = Workbook()
    ws = wb.active
    ws.title = "会员名册"
    for c, h in enumerate(["工号", "姓名", "性别", "所属工会", "入会日期", "人员类别"], start=1):
        ws.cell(1, c, h)
    ws.append(["20170001", "林涛", "男", "艺术学院", "2017-09-01", "专任教师"])
    ws.append(["20170002", "何静", "女", "艺术学院", "2017-09-01", "辅导员"])
    gender = DataValidation(type="list", formula1='"男,女"', allow_blank=True)
    gender.add("C1:C1048576")
    kind = DataValidation(type="list", formula1='"专任教师,辅导员,行政管理,教辅,工勤,其他"', allow_blank=True)
    kind.add("F1:F1048576")
    ws.add_data_validation(gender)
    ws.add_data_validation(kind)
    save(wb, "整列下拉名册.xlsx")


roster_with_whole_column_dropdowns()


# ---------------------------------------------------------------- dates

def dates_without_year():
    wb = Workbook()
    ws = wb.active
    ws.title = "活动"
    ws.cell(1, 1, "机电学院工会2023年活动台账")
    ws.merge_cells("A1:F1")
    for c, h in enumerate(["活动名称", "活动类别", "活动级别", "组织单位", "活动日期", "参与人次"], start=1):
        ws.cell(2, c, h)
    ws.append(["教职工趣味运动会", "文体活动", "二级工会", "机电学院", "9/1", 80])
    ws.append(["中秋游园", "文体活动", "二级工会", "机电学院", "9月28日", 60])
    ws.append(["青年教师联谊", "联谊活动", "二级工会", "机电学院", dt.date(2023, 10, 20), 30])
    ws["E5"].number_format = "yyyy-mm-dd"
    # What 10/1 becomes in a program that fills in no year: a date in 1900.
    ws.append(["国庆观影", "文体活动", "二级工会", "机电学院", dt.date(1900, 10, 1), 45])
    ws["E6"].number_format = "m/d"
    save(wb, "活动台账（日期无年份）.xlsx")


def group_dates():
    wb = Workbook()
    ws = wb.active
    ws.title = "体检"
    ws.cell(1, 1, "2023年教职工体检名单")
    ws.merge_cells("A1:F1")
    for c, h in enumerate(["体检日期", "工号", "姓名", "所属工会", "体检套餐", "体检机构"], start=1):
        ws.cell(2, c, h)
    rows = [
        (dt.date(2023, 5, 10), "20150001", "王伟", "机电学院", "男职工套餐", "市人民医院"),
        (None, "20150002", "李芳", "机电学院", "女职工（已婚）套餐", "市人民医院"),
        (None, "20150003", "张敏", "机电学院", "女职工（已婚）套餐", "市人民医院"),
        (dt.date(2023, 5, 11), "20150004", "刘强", "机电学院", "男职工套餐", "市人民医院"),
    ]
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, v)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
    save(wb, "体检名单（日期只写一次）.xlsx")


dates_without_year()
group_dates()


# ---------------------------------------------------------------- a no-header sheet

def no_header():
    wb = Workbook()
    ws = wb.active
    ws.title = "随手记"
    ws.append(["三月份买了水和奖品"])
    ws.append(["合计 1860.5"])
    save(wb, "随手记.xlsx")


no_header()
