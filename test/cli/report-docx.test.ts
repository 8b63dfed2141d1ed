import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { testStack } from '../backend/helpers.js';
import { runCli } from '../support/cli.js';

/** `union-ledger report --docx`: the work report draft from the API into a .docx file. */
let stack: LocalStack;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-docx-cli-'));
  stack = await testStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function documentText(file: string): Promise<string> {
  const xml = await (await JSZip.loadAsync(await readFile(file))).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');
}

describe('union-ledger report --docx', () => {
  it("writes the organisation's draft for a leader and the unit's own for an officer", async () => {
    const env = { LOCAL_AUTH_SECRET: stack.secret };
    const out = path.join(dir, 'leader.docx');
    const again = await runCli(
      ['report', '--docx', '--year', '2023', '--api', stack.url, '--user', 'leader', '--out', out],
      env,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('已生成');
    const text = await documentText(out);
    expect(text).toContain('重庆人文科技学院工会2023年工作报告');
    // Nothing stored: every paragraph of section 一 is left to the writer.
    expect(text.split('【待补充】').length - 1).toBeGreaterThanOrEqual(15);

    const mine = path.join(dir, 'officer.docx');
    const officer = await runCli(
      ['report', '--docx', '--year', '2023', '--api', stack.url, '--user', 'officer-arts', '--out', mine],
      env,
    );
    expect(officer.code, officer.stderr).toBe(0);
    expect(await documentText(mine)).toContain('艺术学院工会2023年工作报告');
  }, 120_000);
});
