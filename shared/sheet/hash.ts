import { toWireCell } from '../api/wire.js';
import type { RawRow } from '../ledgers/define.js';

/**
 * The content hash of a row's bound cells, kept per row id in the state sheet, so that a
 * re-push of an unchanged row sends nothing. It hashes what the wire would carry: rich text
 * flattened, dates as ISO days, strings trimmed, numbers canonical; blank cells count as
 * absent, so adding an empty column changes no row. Headers and positions are not content.
 */
export function rowHash(raw: RawRow): string {
  return fnv1a64(canonicalJson(raw));
}

/** The canonical form hashed by `rowHash`: `[[key, value], …]` sorted by key. */
export function canonicalJson(raw: RawRow): string {
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(raw.cells).sort()) {
    const v = canonicalCell(raw.cells[key]);
    if (v !== null) entries.push([key, v]);
  }
  return JSON.stringify(entries);
}

function canonicalCell(cell: unknown): string | number | boolean | { error: string } | null {
  const v = toWireCell(cell);
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  return v;
}

const encoder = new TextEncoder();

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes; 16 hex digits. Computed in four 16-bit limbs so
 * that every product stays exact in a double: the prime is 2^40 + 0x1b3.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of encoder.encode(text)) {
    h0 ^= byte;
    // (h3 h2 h1 h0) × (0x0100 at limb 2 + 0x01b3 at limb 0), mod 2^64.
    let t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + h0 * 0x100;
    let t3 = h3 * 0x1b3 + h1 * 0x100;
    t1 += t0 >>> 16;
    t0 &= 0xffff;
    t2 += t1 >>> 16;
    t1 &= 0xffff;
    t3 += t2 >>> 16;
    t2 &= 0xffff;
    h0 = t0;
    h1 = t1;
    h2 = t2;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((h) => h.toString(16).padStart(4, '0')).join('');
}
