import { z } from 'zod';
import type { SheetState } from './port.js';

/**
 * The very-hidden `_union_ledger` sheet (DESIGN.md "Where sync state lives"): a header row,
 * then one row per ledger sheet. Both adapters read and write it as plain text, so a
 * workbook moved between Excel and the CLI keeps its state.
 *
 * Columns: sheet | kind | bindings (JSON) | since | hashes (JSON, continued in the cells to
 * its right: an Excel cell holds at most 32767 characters).
 */
export const STATE_SHEET = '_union_ledger';
export const STATE_HEADERS = ['sheet', 'kind', 'bindings', 'since', 'hashes'] as const;
/** Characters per cell of the hashes JSON, below Excel's 32767. */
export const STATE_CELL_CHARS = 32_000;

const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/);

const stateSchema = z.object({
  sheet: z.string().min(1),
  kind: z.string().min(1),
  // Field keys are identifiers; anything else (a tampered `__proto__`) is not a binding.
  bindings: z.record(fieldKey, z.number().int().positive()).optional(),
  since: z.string().min(1).optional(),
  hashes: z.record(z.string(), z.string()),
});

export function stateToValues(states: readonly SheetState[]): string[][] {
  const rows: string[][] = [[...STATE_HEADERS]];
  for (const s of states) {
    const hashes = JSON.stringify(s.hashes);
    const parts: string[] = [];
    for (let i = 0; i < hashes.length; i += STATE_CELL_CHARS)
      parts.push(hashes.slice(i, i + STATE_CELL_CHARS));
    const bindings = s.bindings && Object.keys(s.bindings).length ? JSON.stringify(s.bindings) : '';
    rows.push([s.sheet, s.kind, bindings, s.since ?? '', ...(parts.length ? parts : ['{}'])]);
  }
  // Office.js writes rectangles only.
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

export interface StateRead {
  states: SheetState[];
  /** Something could not be read: a missing header, a broken row, a repeated sheet. */
  damaged: boolean;
}

/**
 * Reads the state sheet's values. Never throws: a sheet without the header row yields no
 * state; a broken row is dropped (its sheet then pushes as if never pushed, which the server
 * answers with `unchanged`); either way `damaged` is set so the add-in can say so.
 */
export function stateFromValues(values: unknown): StateRead {
  try {
    return read(values);
  } catch {
    return { states: [], damaged: true };
  }
}

function read(values: unknown): StateRead {
  if (!Array.isArray(values) || values.length === 0) return { states: [], damaged: false };
  const rows = values.map((r) => (Array.isArray(r) ? r.map(text) : []));
  const header = rows[0]!;
  const at = (name: string): number => header.indexOf(name);
  if (STATE_HEADERS.some((h) => at(h) < 0)) {
    const blank = rows.every((r) => r.every((c) => c === ''));
    return { states: [], damaged: !blank };
  }
  const states: SheetState[] = [];
  const sheets = new Set<string>();
  let damaged = false;
  for (const row of rows.slice(1)) {
    if (row.every((c) => c === '')) continue;
    const get = (name: string): string => row[at(name)] ?? '';
    const state = parseRow(
      get('sheet'),
      get('kind'),
      get('bindings'),
      get('since'),
      row.slice(at('hashes')).join(''),
    );
    if (state === null || sheets.has(state.sheet)) {
      damaged = true;
      continue;
    }
    sheets.add(state.sheet);
    states.push(state);
  }
  return { states, damaged };
}

function parseRow(
  sheet: string,
  kind: string,
  bindings: string,
  since: string,
  hashes: string,
): SheetState | null {
  const candidate = {
    sheet,
    kind,
    ...(bindings ? { bindings: json(bindings) } : {}),
    ...(since ? { since } : {}),
    hashes: hashes ? json(hashes) : {},
  };
  const parsed = stateSchema.safeParse(candidate);
  if (!parsed.success) return null;
  const s = parsed.data;
  return {
    sheet: s.sheet,
    kind: s.kind,
    ...(s.bindings ? { bindings: s.bindings } : {}),
    ...(s.since ? { since: s.since } : {}),
    hashes: s.hashes,
  };
}

function json(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}
