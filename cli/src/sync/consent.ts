import { createInterface } from 'node:readline/promises';

/**
 * Deletions need the officer's consent (DOMAIN.md §4.7): `--yes` gives it for every sheet; on a
 * terminal the CLI asks, per sheet, with §4.7's question for each cleared row; otherwise (a
 * script, a pipe) nothing is deleted and the report says how to.
 */
export interface DeleteQuestion {
  file: string;
  sheet: string;
  /** Sheet rows whose bound cells were all cleared. */
  cleared: number[];
  /** Rows pushed before and no longer in the sheet. */
  removed: number;
}

export type Consent = (q: DeleteQuestion) => Promise<boolean>;

export interface ConsentStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

export function deleteConsent(yes: boolean, streams: ConsentStreams): Consent {
  if (yes) return async () => true;
  if (!streams.input.isTTY) return async () => false;
  return async (q) => {
    const lines = [`「${q.sheet}」（${q.file}）：`];
    for (const row of q.cleared) lines.push(`  第${row}行：该行内容已清空，是否从服务器删除？`);
    if (q.removed > 0) lines.push(`  另有 ${q.removed} 行已从表格中删除，服务器上仍有。`);
    const rl = createInterface({ input: streams.input, output: streams.output, terminal: true });
    try {
      const answer = await rl.question(
        `${lines.join('\n')}\n从服务器删除以上 ${q.cleared.length + q.removed} 行？(y/N) `,
      );
      return /^(y|yes|是|确认)$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}
