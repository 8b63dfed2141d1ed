import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICON_SIZES, iconFileName, iconPng } from './icons.js';

/** Run once (`npx tsx test/manifest/makeIcons.ts`): writes addin/assets/icon-{16,32,64,80}.png. */
const dir = fileURLToPath(new URL('../../addin/assets/', import.meta.url));
for (const size of ICON_SIZES) {
  const file = path.join(dir, iconFileName(size));
  writeFileSync(file, iconPng(size));
  process.stdout.write(`${file}\n`);
}
