import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { demoSettings, settingsSchema, type Settings } from '../../shared/settings/index.js';
import { UserError } from './userError.js';

/**
 * The organisation settings for an offline run: `--settings FILE`, else a settings.json
 * beside the first workbook (what `union-ledger demo` writes), else the demo organisation.
 */
export async function loadSettings(
  explicit: string | undefined,
  files: readonly string[],
): Promise<Settings> {
  const candidate = explicit ?? (files[0] ? path.join(path.dirname(files[0]), 'settings.json') : undefined);
  if (!candidate) return demoSettings;
  if (!explicit && !(await exists(candidate))) return demoSettings;
  let text: string;
  try {
    text = await readFile(candidate, 'utf8');
  } catch {
    throw new UserError(`找不到设置文件：${candidate}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`设置文件不是有效的 JSON：${candidate}`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserError(`设置文件内容不正确（${first?.path.join('.') ?? ''}）：${candidate}`);
  }
  return parsed.data;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
