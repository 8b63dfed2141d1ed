import type { LedgerKind } from '../../../../shared/ledgers/define.js';
import { ledgers } from '../../../../shared/ledgers/index.js';
import {
  HEADER_FILL,
  listAlert,
  REQUIRED_FONT,
  TEMPLATE_ROWS,
  templateColumns,
  type TemplateOptions,
} from '../../../../shared/sheet/template.js';
import { cellRef } from './sheetCells.js';
import { textCell } from './sheetXml.js';
import { escapeXml } from './xmlText.js';
import { ZipPackage } from './zipPackage.js';

/** Built-in number formats (ECMA-376 §18.8.30) the template uses; others get ids from 176. */
const BUILTIN: Record<string, number> = { General: 0, '0': 1, '#,##0.00': 4, '@': 49 };
const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
/** Office.js widths are points; a sheet part's widths are characters of the default font (≈ 5.25 pt). */
const chars = (points: number): number => Math.round((points / 5.25) * 100) / 100;

/** Where the ledger's rows start in a workbook written here: a title row, then the headers. */
export const TEMPLATE_HEADER_ROW = 2;

/**
 * An empty ledger as a new .xlsx (`union-ledger template`, and `pull NEW.xlsx`): a title row,
 * the headers of shared/sheet/template.ts, drop-downs from the ledger's enums, number and date
 * formats on the data columns (column styles, so every row the officer adds has them), the
 * header frozen. Written part by part: no library models what is not needed.
 */
export async function ledgerTemplate(kind: LedgerKind, opts: TemplateOptions = {}): Promise<Buffer> {
  const ledger = ledgers[kind];
  const columns = templateColumns(kind, opts);
  const formats = [...new Set(columns.map((c) => c.format))];
  const custom = formats.filter((f) => !(f in BUILTIN));
  const fmtId = (f: string): number => BUILTIN[f] ?? 176 + custom.indexOf(f);
  // cellXfs: 0 default, 1 title, 2 header, 3 required header, 4… one per data format.
  const dataStyle = (f: string): number => 4 + formats.indexOf(f);
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (custom.length
      ? `<numFmts count="${custom.length}">${custom.map((f) => `<numFmt numFmtId="${fmtId(f)}" formatCode="${escapeXml(f)}"/>`).join('')}</numFmts>`
      : '') +
    '<fonts count="4"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
    `<font><b/><sz val="11"/><color rgb="${argb(REQUIRED_FONT)}"/><name val="等线"/><family val="2"/><charset val="134"/></font>` +
    '<font><b/><sz val="14"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    `<fill><patternFill patternType="solid"><fgColor rgb="${argb(HEADER_FILL)}"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${4 + formats.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    '<xf numFmtId="49" fontId="3" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>' +
    '<xf numFmtId="49" fontId="2" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>' +
    formats
      .map(
        (f) =>
          `<xf numFmtId="${fmtId(f)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      )
      .join('') +
    '</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

  const h = TEMPLATE_HEADER_ROW;
  const last = columns.length;
  const first = h + 1;
  const end = h + TEMPLATE_ROWS;
  const validations = columns.filter((c) => c.list);
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${cellRef(h, last)}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${h}" topLeftCell="A${first}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${first}" sqref="A${first}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="14.25"/>' +
    `<cols>${columns.map((c) => `<col min="${c.col}" max="${c.col}" width="${chars(c.width)}" style="${dataStyle(c.format)}" customWidth="1"/>`).join('')}</cols>` +
    '<sheetData>' +
    `<row r="1">${textCell('A1', 1, ledger.title)}</row>` +
    `<row r="${h}">${columns.map((c) => textCell(cellRef(h, c.col), c.required ? 3 : 2, c.header)).join('')}</row>` +
    '</sheetData>' +
    (validations.length
      ? `<dataValidations count="${validations.length}">${validations
          .map((c) => {
            const alert = listAlert(c);
            const col = cellRef(first, c.col).replace(/\d+$/, '');
            return `<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" errorTitle="${escapeXml(alert.title)}" error="${escapeXml(alert.message)}" sqref="${col}${first}:${col}${end}"><formula1>${escapeXml(`"${c.list!.join(',')}"`)}</formula1></dataValidation>`;
          })
          .join('')}</dataValidations>`
      : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

  const name = escapeXml((opts.sheetName ?? ledger.title).slice(0, 31));
  const pkg = ZipPackage.empty();
  pkg.set(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  );
  pkg.set(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  pkg.set(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<bookViews><workbookView/></bookViews><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  pkg.set('xl/styles.xml', styles);
  pkg.set('xl/worksheets/sheet1.xml', sheet);
  return pkg.toBuffer();
}
