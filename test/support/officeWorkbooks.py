#!/usr/bin/python3
"""Officer-style workbooks made by another program than the CLI (openpyxl), for issue 15.

Run with Debian's /usr/bin/python3 (python3-openpyxl; no Pillow needed):

    officeWorkbooks.py OUT.xlsx|OUT.xlsm --rows N [--first N] [--whole-column N] [--extras] [--macro]

--whole-column N  N whole-column drop-downs (K3:K1048576 style) and one whole-column
                  conditional format on the ledger sheet, as HR templates have them.
--extras          a 统计 sheet with a bar chart and a picture, a colleague's comment, a
                  defined name, a pivot table with its cache and a custom XML part (the
                  pivot and custom XML parts are added to the zip by hand: openpyxl cannot
                  write them).
--macro           an .xlsm: xl/vbaProject.bin and the macro-enabled content type, by hand.
"""
import argparse
import io
import zipfile

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

HEADERS = ['慰问日期', '工号', '姓名', '所属工会', '慰问类别', '慰问形式', '金额', '事由', '经办人', '备注']
UNITS = ['机电学院', '文新学院工会', '工商学院', '管理学院', '护理学院']
# A 1x1 red PNG: the union's "logo".
PNG = bytes.fromhex(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000'
    '000d4944415478da63fccfc0f01f00050502005fc8f1d20000000049454e44ae426082'
)


class Png(Image):
    """openpyxl's Image without Pillow: the bytes and size are known."""

    def __init__(self, data, width, height):
        self.ref = data
        self.width, self.height = width, height
        self.format = 'png'

    def _data(self):
        return self.ref


def ledger(ws, rows, whole_column, first=0):
    ws.append(['2023年慰问台账'])
    ws.merge_cells('A1:J1')
    ws.append(HEADERS + ['发放确认'])
    for c in range(1, 12):
        ws.cell(row=2, column=c).font = Font(bold=True)
    for i in range(first, first + rows):
        month, day = i % 12 + 1, i % 28 + 1
        ws.append([
            f'2023-{month:02d}-{day:02d}', str(30000000 + i), f'职工{i}', UNITS[i % len(UNITS)],
            '生育慰问', '慰问品', 500, '生育', '王老师', None, '是' if i % 2 else None,
        ])
        ws.cell(row=3 + i - first, column=7).number_format = '#,##0.00'
    ws.column_dimensions['A'].width = 12
    ws.column_dimensions['K'].width = 10
    ws.freeze_panes = 'A3'
    lists = ['"生育慰问,生日慰问,节日慰问,困难帮扶"', '"慰问品,慰问金"', '"是,否"']
    for n in range(whole_column):
        col = ['E', 'F', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z',
               'AA', 'AB', 'AC', 'AD', 'AE', 'AF', 'AG'][n]
        dv = DataValidation(type='list', formula1=lists[min(n, 2)], allow_blank=True)
        dv.add(f'{col}3:{col}1048576')
        ws.add_data_validation(dv)
    if whole_column:
        ws.conditional_formatting.add(
            'G3:G1048576',
            CellIsRule(operator='greaterThan', formula=['1000'], font=Font(color='FF9C0006'),
                       fill=PatternFill(start_color='FFFFC7CE', end_color='FFFFC7CE', fill_type='solid')))


def extras(wb, ws):
    ws['C3'].comment = Comment('请核对姓名（李老师）', '李老师')
    wb.defined_names.append(DefinedName('慰问金额', attr_text="'慰问台账'!$G$3:$G$100"))
    st = wb.create_sheet('统计')
    st.append(['类别', '金额', '=SUM(\'慰问台账\'!G3:G14)'])
    for row in [['生育', 1500], ['生病', 2600], ['困难', 4000]]:
        st.append(row)
    chart = BarChart()
    chart.title = '慰问金额'
    chart.add_data(Reference(st, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(st, min_col=1, min_row=2, max_row=4))
    st.add_chart(chart, 'D8')
    logo = Png(PNG, 40, 40)
    st.add_image(logo, 'H1')


CT = 'http://schemas.openxmlformats.org/package/2006/content-types'
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def rels(*items):
    body = ''.join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in items)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>')


def by_hand(data, pivot, macro):
    """Adds the parts no tool here writes: a pivot table and its cache, custom XML, a VBA project."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: src.read(n) for n in src.namelist()}
    ct = parts['[Content_Types].xml'].decode()
    wb = parts['xl/workbook.xml'].decode()
    wbrels = parts['xl/_rels/workbook.xml.rels'].decode()
    overrides = []
    if pivot:
        parts['xl/pivotCache/pivotCacheDefinition1.xml'] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheDefinition xmlns="{MAIN}" '
            f'xmlns:r="{REL}" r:id="rId1" refreshOnLoad="1" recordCount="3">'
            '<cacheSource type="worksheet"><worksheetSource ref="A1:B4" sheet="统计"/></cacheSource>'
            '<cacheFields count="2"><cacheField name="类别" numFmtId="0"><sharedItems count="3">'
            '<s v="生育"/><s v="生病"/><s v="困难"/></sharedItems></cacheField>'
            '<cacheField name="金额" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" '
            'containsNumber="1" containsInteger="1" minValue="1500" maxValue="4000"/></cacheField></cacheFields>'
            '</pivotCacheDefinition>').encode()
        parts['xl/pivotCache/pivotCacheRecords1.xml'] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheRecords xmlns="{MAIN}" '
            f'xmlns:r="{REL}" count="3"><r><x v="0"/><n v="1500"/></r><r><x v="1"/><n v="2600"/></r>'
            '<r><x v="2"/><n v="4000"/></r></pivotCacheRecords>').encode()
        parts['xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels'] = rels(
            ('rId1', f'{REL}/pivotCacheRecords', 'pivotCacheRecords1.xml')).encode()
        parts['xl/pivotTables/pivotTable1.xml'] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotTableDefinition xmlns="{MAIN}" '
            'name="数据透视表1" cacheId="7" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" '
            'applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" '
            'updatedVersion="6" minRefreshableVersion="3" createdVersion="6" useAutoFormatting="1" '
            'itemPrintTitles="1" indent="0" outline="1" outlineData="1">'
            '<location ref="D1:E5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>'
            '<pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="4"><item x="0"/>'
            '<item x="1"/><item x="2"/><item t="default"/></items></pivotField>'
            '<pivotField dataField="1" showAll="0"/></pivotFields>'
            '<rowFields count="1"><field x="0"/></rowFields>'
            '<rowItems count="4"><i><x/></i><i><x v="1"/></i><i><x v="2"/></i><i t="grand"><x/></i></rowItems>'
            '<colItems count="1"><i/></colItems>'
            '<dataFields count="1"><dataField name="求和项:金额" fld="1" baseField="0" baseItem="0"/></dataFields>'
            '</pivotTableDefinition>').encode()
        parts['xl/pivotTables/_rels/pivotTable1.xml.rels'] = rels(
            ('rId1', f'{REL}/pivotCacheDefinition', '../pivotCache/pivotCacheDefinition1.xml')).encode()
        # The 统计 sheet (the second worksheet openpyxl wrote) holds the pivot table.
        sheet_rels = 'xl/worksheets/_rels/sheet2.xml.rels'
        existing = parts.get(sheet_rels, rels().encode()).decode()
        parts[sheet_rels] = existing.replace(
            '</Relationships>',
            f'<Relationship Id="rIdPivot1" Type="{REL}/pivotTable" Target="../pivotTables/pivotTable1.xml"/>'
            '</Relationships>').encode()
        wbrels = wbrels.replace(
            '</Relationships>',
            f'<Relationship Id="rIdPc1" Type="{REL}/pivotCacheDefinition" '
            'Target="pivotCache/pivotCacheDefinition1.xml"/>'
            f'<Relationship Id="rIdCx1" Type="{REL}/customXml" Target="../customXml/item1.xml"/>'
            '</Relationships>')
        wb = wb.replace('</workbook>', '<pivotCaches><pivotCache cacheId="7" r:id="rIdPc1"/></pivotCaches></workbook>')
        root = wb[wb.index('<workbook'):wb.index('>', wb.index('<workbook'))]
        if 'xmlns:r=' not in root:
            wb = wb.replace('<workbook ', f'<workbook xmlns:r="{REL}" ', 1)
        parts['customXml/item1.xml'] = '<?xml version="1.0" encoding="UTF-8"?><工会 xmlns="urn:union:test"><编号>A-17</编号></工会>'.encode()
        overrides += [
            ('/xl/pivotCache/pivotCacheDefinition1.xml',
             'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml'),
            ('/xl/pivotCache/pivotCacheRecords1.xml',
             'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml'),
            ('/xl/pivotTables/pivotTable1.xml',
             'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml'),
        ]
    if macro:
        # Not a working VBA project (no tool here makes one), but a compound file header and
        # bytes no writer would produce by chance: what matters is that they come back unchanged.
        parts['xl/vbaProject.bin'] = bytes.fromhex('d0cf11e0a1b11ae1') + bytes((i * 37 + 11) % 256 for i in range(4088))
        ct = ct.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
                        'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
        if 'Extension="bin"' not in ct:
            ct = ct.replace('<Default ', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1)
        wbrels = wbrels.replace(
            '</Relationships>',
            '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="vbaProject.bin"/></Relationships>')
    for name, kind in overrides:
        ct = ct.replace('</Types>', f'<Override PartName="{name}" ContentType="{kind}"/></Types>')
    parts['[Content_Types].xml'] = ct.encode()
    parts['xl/workbook.xml'] = wb.encode()
    parts['xl/_rels/workbook.xml.rels'] = wbrels.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        # [Content_Types].xml first, as Office writes it.
        for name in ['[Content_Types].xml'] + [n for n in parts if n != '[Content_Types].xml']:
            z.writestr(name, parts[name])
    return out.getvalue()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--rows', type=int, default=12)
    p.add_argument('--whole-column', type=int, default=0)
    p.add_argument('--first', type=int, default=0, help='number of the first person (staffNo 30000000 + n)')
    p.add_argument('--extras', action='store_true')
    p.add_argument('--macro', action='store_true')
    a = p.parse_args()
    wb = Workbook()
    ws = wb.active
    ws.title = '慰问台账'
    ledger(ws, a.rows, a.whole_column, a.first)
    if a.extras:
        extras(wb, ws)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if a.extras or a.macro:
        data = by_hand(data, a.extras, a.macro)
    with open(a.out, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    main()
