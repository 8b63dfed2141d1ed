import { normalizeText } from '../cells/index.js';
import type { Account, Settings, Unit } from './schema.js';

/** §2 unit matching: normalised cell, then canonical name, aliases, and the name with or without 工会/分工会. */
export function findUnit(settings: Settings, cell: unknown): Unit | null {
  const text = unitKey(cell);
  if (!text) return null;
  const index = unitIndex(settings);
  return index.exact.get(text) ?? index.bare.get(stripUnionSuffix(text)) ?? index.byId.get(text) ?? null;
}

interface UnitIndex {
  exact: Map<string, Unit>;
  bare: Map<string, Unit>;
  byId: Map<string, Unit>;
}

// Every row names a unit: index the names once per settings object, first unit in order wins.
const unitIndexes = new WeakMap<Settings, UnitIndex>();
function unitIndex(settings: Settings): UnitIndex {
  let index = unitIndexes.get(settings);
  if (index) return index;
  index = { exact: new Map(), bare: new Map(), byId: new Map() };
  for (const unit of settings.units) {
    for (const name of [unit.name, ...unit.aliases].map(unitKey)) {
      if (!index.exact.has(name)) index.exact.set(name, unit);
      if (!index.bare.has(stripUnionSuffix(name))) index.bare.set(stripUnionSuffix(name), unit);
    }
    index.byId.set(unit.id, unit);
  }
  unitIndexes.set(settings, index);
  return index;
}

export function unitById(settings: Settings, id: string): Unit | undefined {
  return settings.units.find((u) => u.id === id);
}

export function unitName(settings: Settings, id: string): string {
  return unitById(settings, id)?.name ?? id;
}

function unitKey(cell: unknown): string {
  return (normalizeText(cell) ?? '').replace(/\s+/g, '');
}

function stripUnionSuffix(name: string): string {
  return name.replace(/(分工会|工会)$/, '');
}

/**
 * §3.14: an account cell may hold the code, the name, "code name", or the name without a
 * trailing 支出/费.
 */
export function findAccount(settings: Settings, cell: unknown): Account | null {
  const text = unitKey(cell);
  if (!text) return null;
  const codeMatch = /^(\d{3,5})/.exec(text);
  if (codeMatch) {
    const byCode = settings.accounts.find((a) => a.code === codeMatch[1]);
    if (byCode) return byCode;
  }
  const name = text.replace(/^\d+/, '');
  const bare = (s: string): string => s.replace(/(支出|费)$/, '');
  for (const account of settings.accounts) {
    const names = [account.name, ...account.aliases];
    if (names.includes(name) || names.map(bare).includes(bare(name))) return account;
  }
  return null;
}

export function accountByCode(settings: Settings, code: string): Account | undefined {
  return settings.accounts.find((a) => a.code === code);
}

/** The top-level (3-digit) account of a sub-account; a top-level account is its own parent. */
export function topLevelCode(code: string): string {
  return code.slice(0, 3);
}

export function hasSubAccounts(settings: Settings, code: string): boolean {
  return code.length === 3 && settings.accounts.some((a) => a.code.length === 5 && a.code.startsWith(code));
}
