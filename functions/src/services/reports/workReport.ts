import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Settings } from '../../../../shared/settings/index.js';
import { unitName } from '../../../../shared/settings/index.js';
import {
  annualSummary,
  draftSentences,
  figureDef,
  FIGURES,
  percent,
  REPORT_SECTIONS,
  rowsBehind,
  sourceText,
  type DraftSentence,
  type RowsByKind,
} from '../../../../shared/summary/index.js';

/**
 * The work report draft (工作报告起草稿) as a Word document (ADR 0022): section 一 in the seed's
 * five parts and paragraph pattern (（一）… 一是…二是…三是…), each paragraph drafted from the
 * data with the figures in the text and a Word comment naming where every figure comes from;
 * a paragraph without data says 【待补充】. Section 二 is a skeleton with the plan items that
 * have figures. Laid out as a Chinese official document (GB/T 9704): A4, title in a serif
 * (小标宋's substitute), body 16 pt (三号) serif (仿宋's), fixed 28 pt lines, page numbers.
 */
export interface WorkReportInput {
  rows: RowsByKind;
  settings: Settings;
  year: number;
  /** A unit id: that unit's draft (school-only parts say 【待补充】). */
  unit?: string | undefined;
  generatedAt: Date;
}

export const TODO = '【待补充】';
/** Who the comments are from, as Word shows it beside each one. */
const COMMENT_AUTHOR = '工会台账系统';

const TITLE_FONT = 'Noto Serif CJK SC';
const HEADING_FONT = 'Noto Sans CJK SC';
const BODY_FONT = 'Noto Serif CJK SC';
/** Half-points: 二号 22 pt for the title, 三号 16 pt for the body. */
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
/** Fixed line spacing of 28 pt, in twentieths of a point. */
const LINE = 560;
/** Two characters of 16 pt: the first-line indent of a body paragraph. */
const INDENT = 640;

/** The plan of section 二 as the seed words it (二、2024年工作思路), by part. */
const PLAN_PARTS = [
  '（一）坚持党的全面领导，把牢正确的政治方向',
  '（二）加强民主管理监督，推进教代会职权落细',
  '（三）围绕学校高质量发展，助力职工能力素质提升',
  '（四）聚焦教职工实际需求，持续提升教职工获得感',
  '（五）抓好基层基础工作，推进工会组织自身建设',
];

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

function run(text: string, opts: { bold?: boolean; font?: string; size?: number } = {}): TextRun {
  return new TextRun({
    text,
    font: font(opts.font ?? BODY_FONT),
    size: opts.size ?? BODY_SIZE,
    ...(opts.bold ? { bold: true } : {}),
  });
}

function body(children: ParagraphChild[], indent = true): Paragraph {
  return new Paragraph({
    children,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    ...(indent ? { indent: { firstLine: INDENT } } : {}),
    alignment: AlignmentType.JUSTIFIED,
  });
}

function heading(text: string, level: 1 | 2): Paragraph {
  return body([run(text, level === 1 ? { font: HEADING_FONT } : { bold: true })]);
}

export async function buildWorkReport(input: WorkReportInput): Promise<Buffer> {
  const { rows, settings, year, unit } = input;
  const summary = annualSummary({ rows, settings, year, unit });
  const sentences = draftSentences(summary);
  const scope = unit ? unitName(settings, unit) : settings.orgName;

  const comments: { id: number; author: string; date: Date; children: Paragraph[] }[] = [];
  /** A drafted sentence with a comment naming the source of every figure it holds. */
  const sourced = (s: DraftSentence): ParagraphChild[] => {
    const lines = FIGURES.filter((f) => f.key === s.key || f.sentence === s.key).flatMap((f) => {
      const behind = rowsBehind(f.key, { rows, settings, year, unit });
      const value = f.value(summary);
      if (!behind || value === undefined) return [];
      const shown =
        typeof value === 'number' ? (f.unit === '%' ? percent(value) : `${value}${f.unit}`) : (value ?? '');
      return [`${f.label}${shown ? `（${shown}）` : ''}——来源：${sourceText(f, behind.rows.length)}`];
    });
    if (lines.length === 0) return [run(s.text)];
    const id = comments.length;
    comments.push({
      id,
      author: COMMENT_AUTHOR,
      date: input.generatedAt,
      children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })),
    });
    return [
      new CommentRangeStart(id),
      run(s.text),
      new CommentRangeEnd(id),
      new TextRun({ children: [new CommentReference(id)] }),
    ];
  };

  const bySlot = new Map<string, DraftSentence[]>();
  for (const s of sentences) {
    const f = figureDef(s.key)!;
    const slot = `${f.section}.${f.paragraph}`;
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), s]);
  }

  const paragraphs: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 800, lineRule: LineRuleType.EXACT },
      children: [
        new TextRun({
          text: `${scope}${year}年工作报告`,
          font: font(TITLE_FONT),
          size: TITLE_SIZE,
          bold: true,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run('（起草稿：数字取自已入库台账，批注注明来源；【待补充】处请执笔人撰写）', { size: 28 })],
    }),
    body([run('各位代表、同志们：')], false),
    heading('一、过去一年的工作', 1),
    body([run(TODO)]),
  ];
  const ORDINAL = ['一是', '二是', '三是'];
  for (const section of REPORT_SECTIONS) {
    paragraphs.push(heading(section.title, 2));
    section.paragraphs.forEach((lead, i) => {
      const drafted = bySlot.get(`${section.no}.${i + 1}`) ?? [];
      const children: ParagraphChild[] = [run(lead)];
      if (drafted.length === 0) children.push(run(TODO));
      else
        drafted.forEach((s, k) => {
          children.push(...sourced(s));
          children.push(run(k === drafted.length - 1 ? '。' : '，'));
        });
      // The lead is the seed's wording of the part; a paragraph without a lead has its ordinal only.
      if (!lead.startsWith(ORDINAL[i]!)) children.unshift(run(ORDINAL[i]!));
      paragraphs.push(body(children));
    });
  }

  paragraphs.push(heading(`二、${year + 1}年工作思路`, 1), body([run(TODO)]));
  PLAN_PARTS.forEach((part, i) => {
    paragraphs.push(heading(part, 2));
    if (i < PLAN_PARTS.length - 1) {
      paragraphs.push(body([run(TODO)]));
      return;
    }
    // The plan items with figures (§7.3): the execution rate and the sub-union allocation.
    const allocation = settings.subUnionAllocationPerMember[String(year + 1)];
    const rate = summary.budget.total > 0 ? percent(summary.budget.rate) : null;
    const budget = rowsBehind('budget.rate', { rows, settings, year, unit });
    const id = comments.length;
    comments.push({
      id,
      author: COMMENT_AUTHOR,
      date: input.generatedAt,
      children: [
        new Paragraph({
          children: [
            new TextRun(
              `预算执行率（${rate ?? '无预算'}）——来源：${sourceText(figureDef('budget.rate')!, budget?.rows.length ?? 0)}；目标执行率与分工会拨款标准取自系统设置`,
            ),
          ],
        }),
      ],
    });
    paragraphs.push(
      body([
        run('抓细经费管理。'),
        new CommentRangeStart(id),
        run(
          `${year}年工会经费预算执行率为${rate ?? TODO}，${year + 1}年力争达到${settings.targetExecutionRate}%以上；` +
            (allocation !== undefined
              ? `分工会活动经费按每名会员${allocation}元拨付`
              : `分工会活动经费拨付标准${TODO}`) +
            '，加强对分工会经费使用指导。',
        ),
        new CommentRangeEnd(id),
        new TextRun({ children: [new CommentReference(id)] }),
      ]),
      body([run(TODO)]),
    );
  });

  const doc = new Document({
    creator: 'union-ledger',
    title: `${scope}${year}年工作报告（起草稿）`,
    styles: {
      default: { document: { run: { font: font(BODY_FONT), size: BODY_SIZE } } },
    },
    comments: { children: comments },
    sections: [
      {
        properties: {
          page: {
            // A4, margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, footer: 992 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font(BODY_FONT),
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
