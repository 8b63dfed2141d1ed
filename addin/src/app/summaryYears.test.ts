import { describe, expect, it } from 'vitest';
import { demoSettings } from '../../../shared/settings/index.js';
import { annualSummary, type AnnualSummary } from '../../../shared/summary/index.js';
import type { ApiClient } from '../api/client.js';
import { SyncController } from './syncController.js';
import { MemoryWorkbook } from './testing/memoryWorkbook.js';

/** 生成汇总 gives the 汇总 sheet the year before too, for 上年 / 增减 / 增幅 (issue 16). */
describe('生成汇总', () => {
  const of = (year: number): AnnualSummary => annualSummary({ rows: {}, settings: demoSettings, year });

  async function written(summary: (year: number) => Promise<AnnualSummary>) {
    const api = { summary } as unknown as ApiClient;
    const controller = new SyncController({
      workbook: new MemoryWorkbook(),
      api,
      session: () => ({ userId: 'leader', name: '校领导', role: 'leader', settings: demoSettings }),
    });
    const calls: unknown[][] = [];
    await controller.writeSummary({ writeSummarySheet: async (...args) => void calls.push(args) }, 2024);
    return calls[0]!;
  }

  it('passes the previous year’s figures with the year’s', async () => {
    const [summary, , previous] = await written(async (year) => of(year));
    expect((summary as AnnualSummary).year).toBe(2024);
    expect((previous as AnnualSummary).year).toBe(2023);
  });

  it('writes the year alone when the year before cannot be read', async () => {
    const [summary, , previous] = await written(async (year) => {
      if (year === 2023) throw new Error('offline');
      return of(year);
    });
    expect((summary as AnnualSummary).year).toBe(2024);
    expect(previous).toBeUndefined();
  });
});
