import { demoSettings } from '../settings/index.js';
import { SCHOOL_SHORT, UNIT_FIGURES } from './figures.js';

/** The canonical name of a unit (§2), from the demo settings. */
export function canonical(unitId: string): string {
  const unit = demoSettings.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`unknown demo unit ${unitId}`);
  return unit.name;
}

/** The short alias officers type (机电学院, 马院, 机关); 校工会 for the school. */
export function short(unitId: string): string {
  if (unitId === 'school') return SCHOOL_SHORT;
  const f = UNIT_FIGURES.find((x) => x.id === unitId);
  if (!f) throw new Error(`unknown demo unit ${unitId}`);
  return f.short;
}

export const UNIT_NAMES: ReadonlyMap<string, string> = new Map(demoSettings.units.map((u) => [u.id, u.name]));
