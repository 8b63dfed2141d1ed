import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  summaryRowsResponseSchema,
  type ErrorBody,
  type SummaryRowsResponse,
} from '../../shared/api/index.js';
import { FIGURES, isCountFigure, type AnnualSummary } from '../../shared/summary/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, testStack } from './helpers.js';

/**
 * Issue 16 "Every figure traceable": GET /api/summary/rows over the seeded demo years. For
 * every count figure the rows' total is the figure GET /api/summary gives, for the whole
 * organisation and for an officer's own unit; pages join up to all rows, once each.
 */
const YEARS = [2023, 2024] as const;
let stack: LocalStack;
const as = (user: string) => client(stack.url, stack.tokens[user]);

beforeAll(async () => {
  stack = await testStack({ demo: true });
}, 300_000);
afterAll(async () => {
  await stack?.close();
});

async function rows(user: string, query: Record<string, string>) {
  return as(user).get<SummaryRowsResponse & ErrorBody>(`summary/rows?${new URLSearchParams(query)}`);
}

describe('GET /api/summary/rows', () => {
  for (const year of YEARS)
    it(`gives, for every count figure of ${year}, as many rows as the figure`, async () => {
      const summary = (await as('admin').get<AnnualSummary>(`summary?year=${year}`)).body;
      const counts = FIGURES.filter(isCountFigure);
      expect(counts.length).toBeGreaterThan(20);
      for (const f of counts) {
        const r = await rows('admin', { year: String(year), key: f.key, size: '1' });
        expect(r.status, f.key).toBe(200);
        expect(summaryRowsResponseSchema.parse(r.body)).toEqual(r.body);
        expect(r.body.total, `${year} ${f.key}`).toBe(f.value(summary));
      }
      // Both years hold data (ADR 0023 for 2024's figures).
      expect(summary.welfare.personTimes).toBe(year === 2023 ? 3226 : 3243);
    });

  it('answers 3226人次 with the 3226 welfare rows of 2023, page by page, each once', async () => {
    const seen = new Set<string>();
    for (let page = 1; page < 10; page++) {
      const r = await rows('admin', {
        year: '2023',
        key: 'welfare.personTimes',
        page: String(page),
        size: '1000',
      });
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(3226);
      for (const row of r.body.rows) seen.add(row.rowId);
      if (!r.body.more) break;
    }
    expect(seen.size).toBe(3226);
    const first = await rows('admin', { year: '2023', key: 'welfare.personTimes', size: '1' });
    expect(first.body).toMatchObject({ label: '慰问教职工', ledger: 'welfare', unit: null, more: true });
    expect(first.body.source).toBe('慰问台账：年度内全部慰问记录（一行为一人次），共3226行');
  });

  it("limits an officer to their own unit's rows, which make their unit's figures", async () => {
    const officer = 'officer-mech-info';
    const mine = (await as(officer).get<AnnualSummary>('summary?year=2023')).body;
    for (const f of FIGURES.filter(isCountFigure)) {
      const value = f.value(mine);
      if (value === undefined) continue;
      const r = await rows(officer, { year: '2023', key: f.key, size: '1000' });
      expect(r.status, f.key).toBe(200);
      expect(r.body.unit).toBe('mech-info');
      expect(r.body.total, f.key).toBe(value);
      expect(
        r.body.rows.every((row) => row.unit === 'mech-info'),
        f.key,
      ).toBe(true);
    }
    const other = await rows(officer, { year: '2023', key: 'welfare.personTimes', unit: 'lit-news' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
  });

  it('refuses what is not a figure, with a Chinese message and a stable code', async () => {
    const unknown = await rows('admin', { year: '2023', key: 'welfare.nothing' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'bad_request' });
    expect(unknown.body.error.message).toContain('welfare.nothing');
    const noRows = await rows('admin', { year: '2023', key: 'enrolment.byStage' });
    expect(noRows.status).toBe(400);
    const bad = await rows('admin', { year: 'abc', key: 'welfare.personTimes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
