import type { Role } from '../../../shared/settings/schema.js';
import { STATUS_LABELS, type WritebackStatus } from '../../../shared/sheet/writeback.js';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '校工会管理员',
  officer: '分工会干部',
  finance: '财务',
  leader: '校领导',
};

/** Order in which a sync's counts are told. */
const ORDER: WritebackStatus[] = [
  'created',
  'updated',
  'deleted',
  'unchanged',
  'invalid',
  'conflict',
  'forbidden',
  'error',
];

/** e.g. 已新增 3 行 · 有错误 1 行 */
export function countsText(counts: Partial<Record<WritebackStatus, number>>): string {
  const parts = ORDER.filter((s) => counts[s]).map(
    (s) => `${s === 'error' ? '未发送' : STATUS_LABELS[s]} ${counts[s]} 行`,
  );
  return parts.length ? parts.join(' · ') : '没有需要同步的行';
}

export const FONT_FAMILY =
  '"Segoe UI", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
