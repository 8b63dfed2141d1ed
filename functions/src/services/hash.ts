import { createHash } from 'node:crypto';

/**
 * The content hash of a row's validated fields: key order does not matter, so that the same
 * content pushed twice (a retry after a lost response) is recognised as unchanged.
 */
export function contentHash(fields: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('base64url').slice(0, 32);
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  // Keys sorted by code unit, `undefined` left out — as before, without the entry arrays and
  // closures (issue 17: hashing was a tenth of a push's plan).
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
