import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLedgerSheets, generateDemoYears } from '../../shared/demo/index.js';
import { demoSettings } from '../../shared/settings/index.js';
import { checkSheets, storedRowsOf } from '../../shared/sheet/index.js';
import type { RowsByKind } from '../../shared/summary/index.js';
import { buildWorkReport, TODO } from '../../functions/src/services/reports/workReport.js';
import { SEED_SECTION1_SENTENCES } from '../support/seedSection1.js';
import { convert, INSTALL, SOFFICE, sofficeVersion } from './soffice.js';

/**
 * Issue 16 "Done when": the 2023 work report draft, converted to PDF by LibreOffice, holds every
 * figure sentence of the seed's section 一 (whitespace ignored); each figure names its source
 * in a Word comment; paragraphs without data say 【待补充】; the layout is a Chinese official
 * document's.
 */
const generatedAt = new Date('2024-01-15T02:00:00Z');
let dir: string;
let rows: RowsByKind;
let docx: Buffer;
let pdfText: string;

const compact = (s: string): string => s.replace(/\s+/g, '');
/** The PDF's text without the page numbers (— 2 —) that pdftotext puts where a page breaks. */
const flowing = (s: string): string => compact(s.replace(/—\s*\d+\s*—/g, ''));

async function xml(buffer: Buffer, part: string): Promise<string> {
  const file = (await JSZip.loadAsync(buffer)).file(part);
  if (!file) throw new Error(`no ${part}`);
  return file.async('string');
}

beforeAll(async () => {
  if (sofficeVersion() === null) throw new Error(`${INSTALL} (no working "${SOFFICE}" on PATH)`);
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-docx-'));
  // Both demo years, as `npm start` loads them: the 2023 draft reads 2023's rows only.
  const sheets = generateDemoYears().flatMap((y) => demoLedgerSheets(y.books));
  rows = storedRowsOf(checkSheets(sheets, { settings: demoSettings, today: '2025-01-15' }));
  docx = await buildWorkReport({ rows, settings: demoSettings, year: 2023, generatedAt });
  const file = path.join(dir, '2023年工作报告.docx');
  await writeFile(file, docx);
  const pdf = await convert(file, 'pdf', path.join(dir, 'pdf'), path.join(dir, 'profile'));
  pdfText = (await promisify(execFile)('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 1 << 24 })).stdout;
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the work report draft as Word (2023)', () => {
  it.each(SEED_SECTION1_SENTENCES.map((s) => [s.key, s]))(
    'holds the seed sentence of %s in the PDF LibreOffice makes of it',
    (_key, s) => {
      expect(flowing(pdfText)).toContain(compact(s.clause ?? s.text));
    },
  );

  it('follows the seed: 一 in five parts, 一是…二是…三是…, then 二、2024年工作思路 with the plan figures', () => {
    const text = flowing(pdfText);
    const order = [
      '一、过去一年的工作',
      '（一）强化政治引领，凝聚思想共识',
      '二是发挥先进典型示范引领作用',
      '（二）参与民主管理，推动学校高质量发展',
      '（三）做实关爱工作，提升教职工幸福感',
      '（四）丰富文体活动，营造良好氛围',
      '（五）夯实自身建设，激发工会工作活力',
      '二、2024年工作思路',
      '2023年工会经费预算执行率为89.8%，2024年力争达到90%以上；分工会活动经费按每名会员200元拨付',
    ];
    const at = order.map((o) => text.indexOf(o));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // (一)一 has no drafted figure (思想政治学习 is counted, not worded): it is left to the writer.
    expect(text).toContain(`一是强化教职工思想政治引领，把握工会正确政治方向。${TODO}`);
  });

  it('names the source of every figure in a Word comment: ledger, filter, row count', async () => {
    const comments = await xml(docx, 'word/comments.xml');
    const texts = [...comments.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('\n');
    expect(texts).toContain(
      '慰问教职工（3226人次）——来源：慰问台账：年度内全部慰问记录（一行为一人次），共3226行',
    );
    expect(texts).toContain('提案总数（47件）——来源：教代会提案登记表：年度内全部提案，共47行');
    expect(texts).toContain('提案答复率（100%）——来源：教代会提案登记表：审查结果为立案，共26行');
    expect(texts).toContain('金点子（1个）——来源：金点子征集表：评审结果为金点子，共1行');
    expect(comments).toContain('w:author="工会台账系统"');
    const document = await xml(docx, 'word/document.xml');
    const starts = document.match(/<w:commentRangeStart /g) ?? [];
    // One comment per drafted sentence (22) and one for the plan's figures.
    expect(starts).toHaveLength(SEED_SECTION1_SENTENCES.length + 1);
  });

  it('is laid out as a Chinese official document: A4, CJK serif, 16 pt body, fixed 28 pt lines, page numbers', async () => {
    const document = await xml(docx, 'word/document.xml');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toContain('w:eastAsia="Noto Serif CJK SC"');
    expect(document).toMatch(/<w:spacing w:line="560" w:lineRule="exact"\/>/);
    expect(document).toContain('<w:sz w:val="32"/>');
    const footer = await xml(docx, 'word/footer1.xml');
    expect(footer).toMatch(/PAGE/);
    expect(compact(pdfText)).toMatch(/—2—[\s\S]*—3—/);
  });
});

describe("an officer's draft", () => {
  it("holds only the unit's figures; the school's parts say 【待补充】 and nothing is invented", async () => {
    const unit = await buildWorkReport({
      rows,
      settings: demoSettings,
      year: 2023,
      unit: 'mech-info',
      generatedAt,
    });
    const document = await xml(unit, 'word/document.xml');
    const text = [...document.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');
    expect(text).toContain('机电学院工会2023年工作报告');
    expect(text).not.toContain('共提出提案');
    expect(text).not.toContain('3226');
    expect(text).toContain(`二是搭建平台，积极创造参与民主监督条件。${TODO}`);
    const welfare = rows.welfare!.filter((r) => r.year === 2023 && r.unit === 'mech-info').length;
    expect(text).toContain(`全年慰问教职工${welfare}人次`);
  });
});
