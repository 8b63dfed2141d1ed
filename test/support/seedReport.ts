import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** `../shared/` beside the repository holds the specs and the seed report; it is not copied in. */
export const SPEC_DIR = path.resolve(fileURLToPath(new URL('../../../shared/', import.meta.url)));

/** The 2023 work report (Chinese), whitespace removed: DOMAIN.md §6 compares sentences that way. */
export function seedReportCompact(): string {
  const dir = path.join(SPEC_DIR, 'seed');
  const file = readdirSync(dir).find((f) => f.endsWith('.txt'));
  if (!file) throw new Error(`no seed report in ${dir}`);
  return readFileSync(path.join(dir, file), 'utf8').replace(/\s+/g, '');
}
