import { z } from 'zod';
import { MAX_ROWS_PER_CHUNK, rowIdSchema, syncRowSchema, type SyncRow } from '../../../shared/api/index.js';
import { error, type Issue } from '../../../shared/ledgers/issue.js';
import { refuse, ServiceError } from './errors.js';
import { ERROR_CODES } from '../../../shared/api/index.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/**
 * A push body, read row by row: the envelope must be right, but one malformed row only makes
 * that row `invalid` — every other row of the chunk still gets its own result (issue 4 §9).
 * A row without a usable row id cannot be answered on its own, so it fails the request.
 */
const envelopeSchema = z
  .object({
    headers: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), z.string().max(200)).default({}),
    rows: z.array(z.unknown()).min(1),
  })
  .strict();

export type ParsedRow =
  { ok: true; row: SyncRow } | { ok: false; rowId: string; sheetRow?: number; issues: Issue[] };

export interface ParsedPush {
  headers: Record<string, string>;
  rows: ParsedRow[];
}

export function parsePush(body: unknown): ParsedPush {
  const envelope = envelopeSchema.safeParse(body, { error: zhErrorMap });
  if (!envelope.success) throw refuse.invalid('提交内容格式不正确', zodDetails(envelope.error));
  const { headers, rows } = envelope.data;
  if (rows.length > MAX_ROWS_PER_CHUNK)
    throw new ServiceError(
      ERROR_CODES.tooManyRows,
      `每次最多提交${MAX_ROWS_PER_CHUNK}行，本次${rows.length}行，请分批提交`,
      {
        max: MAX_ROWS_PER_CHUNK,
        received: rows.length,
      },
    );
  const badIds: number[] = [];
  const parsed = rows.map((raw, index): ParsedRow => {
    const row = syncRowSchema.safeParse(raw, { error: zhErrorMap });
    if (row.success) return { ok: true, row: row.data };
    const rowId = rowIdSchema.safeParse((raw as { rowId?: unknown } | null)?.rowId);
    if (!rowId.success) {
      badIds.push(index);
      return { ok: false, rowId: '', issues: [] };
    }
    const sheetRow = (raw as { sheetRow?: unknown }).sheetRow;
    const problems = zodDetails(row.error).problems.map((p) => `${p.path || '本行'}：${p.message}`);
    return {
      ok: false,
      rowId: rowId.data,
      // Echoed only when the wire schema can carry it back: a positive safe integer.
      ...(Number.isSafeInteger(sheetRow) && (sheetRow as number) > 0 ? { sheetRow: sheetRow as number } : {}),
      issues: [error(null, 'row.format', `本行数据格式不正确（${problems.join('；')}）`)],
    };
  });
  if (badIds.length)
    throw refuse.badRequest('提交的行缺少有效的行编号（rowId）', {
      problems: badIds
        .slice(0, 50)
        .map((i) => ({ path: `rows.${i}.rowId`, message: '应为8至64位字母、数字或连字符' })),
    });
  return { headers, rows: parsed };
}
