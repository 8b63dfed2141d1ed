import { FIGURES } from '../../../../shared/summary/catalogue.js';
import type { AnnualSummary, DraftSentence } from '../../../../shared/summary/index.js';
import { countFormat, FORMAT } from './sheetLayout.js';

/**
 * The figures of the 年度汇总 sheet: one per figure of the catalogue (shared/summary
 * catalogue.ts) that the summary holds, in its order, each with the value as a number
 * (counts with their measure word, 元 amounts, rates as percentages) or a text, and the
 * drafted report sentence it appears in.
 */
export interface FigureRow {
  key: string;
  name: string;
  value: number | string | null;
  /** Number format of a numeric value. */
  format?: string;
  sentence?: string;
}

export function formatOf(unit: string): string {
  return unit === '元' ? FORMAT.yuan : unit === '%' ? FORMAT.percent : countFormat(unit);
}

export function figureRows(s: AnnualSummary, sentences: readonly DraftSentence[]): FigureRow[] {
  const text = new Map(sentences.map((x) => [x.key, x.text]));
  const rows: FigureRow[] = [];
  for (const f of FIGURES) {
    const value = f.value(s);
    if (value === undefined) continue;
    const sentence = text.get(f.sentence ?? f.key);
    rows.push({
      key: f.key,
      name: f.label,
      value: value === '' || value === null ? '—' : value,
      ...(typeof value === 'number' ? { format: formatOf(f.unit) } : {}),
      ...(sentence ? { sentence } : {}),
    });
  }
  return rows;
}
