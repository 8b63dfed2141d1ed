import type { LedgerKind } from '../ledgers/define.js';
import type { AnnualSummary } from './annual.js';
import { FIGURES, REPORT_SECTIONS, type FigureDef, type FigureUnit } from './catalogue.js';
import type { DraftSentence } from './sentences.js';
import type { RowsByKind } from './rows.js';

/**
 * The first sheet a leader reads (年度汇总 in the leadership workbook; 汇总 for finance and the
 * leader in the pane): a headline block, then the report's five parts (（一）…（五）), each
 * figure with its value, unit, the previous year's value, 增减 and 增幅 when the previous year
 * has data, and the sentence it fills. Pure data: the workbook (ExcelJS) and the pane
 * (Office.js) each only draw it.
 */
export interface ReviewLine {
  key: string;
  label: string;
  unit: FigureUnit;
  value: number | string | null;
  previous?: number | string | null;
  /** value − previous (for a rate: the difference of the ratios). */
  change?: number | null;
  /** change ÷ previous; null when the previous value is 0 or the figure is a rate. */
  growth?: number | null;
  sentence?: string;
  /** The ledger of the rows behind the figure, when it has rows. */
  ledger?: LedgerKind;
}

export interface YearReview {
  year: number;
  /** Whether the previous year has rows: only then the 上年, 增减 and 增幅 columns. */
  compared: boolean;
  headline: ReviewLine[];
  sections: { title: string; lines: ReviewLine[] }[];
  warnings: string[];
}

/** The figures a leader sees first, in this order. */
export const HEADLINE_KEYS = [
  'members.total',
  'welfare.personTimes',
  'welfare.amount',
  'proposals.total',
  'activities.schoolSports',
  'activities.subUnionParticipants',
  'budget.rate',
] as const;

/** Ledgers of standing state: their rows of a year (a certification, a join) are not a year of work. */
const STANDING: ReadonlySet<string> = new Set(['members', 'homes']);

/** Whether any ledger of the year's work holds rows of `year`. */
export function hasYear(rows: RowsByKind, year: number): boolean {
  return Object.entries(rows).some(
    ([kind, list]) => !STANDING.has(kind) && (list ?? []).some((r) => !r.deleted && r.year === year),
  );
}

/** The same question asked of a summary: does any figure of the year's work count something? */
export function summaryHasYear(s: AnnualSummary): boolean {
  return FIGURES.some((f) => {
    const v = f.value(s);
    return f.source !== undefined && !STANDING.has(f.source.ledger) && typeof v === 'number' && v > 0;
  });
}

export interface YearReviewInput {
  summary: AnnualSummary;
  sentences: readonly DraftSentence[];
  /** The previous year's summary, when that year has data. */
  previous?: AnnualSummary | undefined;
}

export function yearReview({ summary, sentences, previous }: YearReviewInput): YearReview {
  const text = new Map(sentences.map((s) => [s.key, s.text]));
  const line = (f: FigureDef): ReviewLine | null => {
    const raw = f.value(summary);
    if (raw === undefined) return null;
    const value = raw === '' ? null : raw;
    const out: ReviewLine = { key: f.key, label: f.label, unit: f.unit, value };
    const sentence = text.get(f.sentence ?? f.key);
    if (sentence) out.sentence = sentence;
    if (f.source) out.ledger = f.source.ledger;
    if (previous) {
      const before = f.value(previous);
      out.previous = before === undefined || before === '' ? null : before;
      if (typeof value === 'number' && typeof before === 'number') {
        out.change = round(value - before);
        out.growth = f.unit === '%' || before === 0 ? null : round((value - before) / before);
      } else {
        out.change = null;
        out.growth = null;
      }
    }
    return out;
  };
  const lines = new Map<string, ReviewLine>();
  for (const f of FIGURES) {
    const l = line(f);
    if (l) lines.set(f.key, l);
  }
  return {
    year: summary.year,
    compared: previous !== undefined,
    headline: HEADLINE_KEYS.flatMap((k) => lines.get(k) ?? []),
    sections: REPORT_SECTIONS.map((s) => ({
      title: s.title,
      lines: FIGURES.filter((f) => f.section === s.no).flatMap((f) => lines.get(f.key) ?? []),
    })),
    warnings: summary.warnings,
  };
}

/** Ratios and 元 keep 4 decimals: enough for 0.01% and 0.01元, free of binary noise. */
function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
