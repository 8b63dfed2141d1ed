import { describe, expect, it } from 'vitest';
import { demoLedgerSheets, generateDemoYears } from '../demo/index.js';
import { demoSettings } from '../settings/index.js';
import { checkSheets, storedRowsOf } from '../sheet/index.js';
import { annualSummary } from './annual.js';
import { FIGURES, figureDef, isCountFigure, REPORT_SECTIONS, rowsBehind, sourceText } from './catalogue.js';
import type { RowsByKind, StoredRow } from './rows.js';
import { draftSentences } from './sentences.js';

/** Both demo years, loaded together as `npm start` loads them. */
function demoRows(): RowsByKind {
  const sheets = generateDemoYears().flatMap((y) => demoLedgerSheets(y.books));
  return storedRowsOf(checkSheets(sheets, { settings: demoSettings, today: '2025-01-15' }));
}

const staffNos = (rows: StoredRow[]): number =>
  new Set(rows.map((r) => (r.fields as { staffNo: string }).staffNo)).size;

describe('the figure catalogue', () => {
  it('names each figure once, with a unit, a section 一…五 and a paragraph', () => {
    expect(new Set(FIGURES.map((f) => f.key)).size).toBe(FIGURES.length);
    expect(new Set(FIGURES.map((f) => f.label)).size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      expect(REPORT_SECTIONS.map((s) => s.no)).toContain(f.section);
      if (f.sentence) expect(figureDef(f.sentence)?.sentence, f.key).toBeUndefined();
    }
    // Report order: sections never go back.
    const sections = FIGURES.map((f) => f.section * 10 + f.paragraph);
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
  });

  const rows = demoRows();
  const summary = annualSummary({ rows, settings: demoSettings, year: 2023 });

  it('knows the key of every drafted sentence', () => {
    for (const s of draftSentences(summary)) {
      expect(figureDef(s.key), s.key).toBeDefined();
      expect(figureDef(s.key)!.sentence, s.key).toBeUndefined();
    }
  });

  it('finds, for every figure of the 2023 demo, the rows that make it', () => {
    const q = { rows, settings: demoSettings, year: 2023 };
    const counted: string[] = [];
    for (const f of FIGURES) {
      const behind = rowsBehind(f.key, q);
      const value = f.value(summary);
      if (!behind) continue;
      if (isCountFigure(f)) {
        expect(behind.rows.length, f.key).toBe(value);
        counted.push(f.key);
      } else if (f.measure === 'distinct') expect(staffNos(behind.rows), f.key).toBe(value);
    }
    expect(counted).toContain('welfare.personTimes');
    expect(rowsBehind('welfare.personTimes', q)!.rows).toHaveLength(3226);
    expect(rowsBehind('awards.themed', q)!.rows).toHaveLength(summary.awards.themed.length);
    expect(rowsBehind('awards.external', q)!.rows).toHaveLength(3);
    expect(rowsBehind('activities.cadreStudies', q)!.rows).toHaveLength(3);
    expect(rowsBehind('homes.pairings', q)!.rows).toHaveLength(4);
    const sports = rowsBehind('activities.subUnionParticipants', q)!.rows as StoredRow<'activities'>[];
    expect(sports.reduce((n, r) => n + (r.fields.participants ?? 0), 0)).toBe(4126);
    expect(sourceText(figureDef('welfare.personTimes')!, 3226)).toBe(
      '慰问台账：年度内全部慰问记录（一行为一人次），共3226行',
    );
  });

  it('finds the rows of every count figure of 2024 too', () => {
    const s24 = annualSummary({ rows, settings: demoSettings, year: 2024 });
    for (const f of FIGURES.filter(isCountFigure))
      expect(rowsBehind(f.key, { rows, settings: demoSettings, year: 2024 })!.rows.length, f.key).toBe(
        f.value(s24),
      );
    expect(rowsBehind('mailbox.received', { rows, settings: demoSettings, year: 2024 })!.rows).toHaveLength(
      18,
    );
  });

  it("scopes the rows to a unit as the unit's summary scopes its figures", () => {
    const unit = 'mech-info';
    const mine = annualSummary({ rows, settings: demoSettings, year: 2023, unit });
    for (const f of FIGURES.filter(isCountFigure)) {
      const value = f.value(mine);
      if (value === undefined) continue;
      expect(rowsBehind(f.key, { rows, settings: demoSettings, year: 2023, unit })!.rows.length, f.key).toBe(
        value,
      );
    }
  });
});
