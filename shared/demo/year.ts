import { demoSettings } from '../settings/index.js';
import { generateActivities } from './activities.js';
import {
  generateCheckups,
  generateEnrolment,
  generateHomes,
  generateHonours,
  generateIdeas,
  generateParticipation,
  generateProposals,
} from './congress.js';
import { DEFAULT_SEED, YEAR } from './figures.js';
import { generateDemoYear2024, NEXT_YEAR } from './year2024.js';
import { generateBudget, generateExpenses } from './finance.js';
import { generateRoster } from './people.js';
import { Rng } from './prng.js';
import type { DemoWorkbook } from './types.js';
import { UNIT_NAMES } from './units.js';
import { generateWelfare } from './welfare.js';
import {
  activitiesWorkbook,
  awardsWorkbook,
  budgetWorkbook,
  checkupsWorkbook,
  enrolmentWorkbook,
  expensesWorkbook,
  homesWorkbook,
  honoursWorkbook,
  ideasWorkbook,
  mailboxWorkbook,
  meetingsWorkbook,
  membersWorkbook,
  participationWorkbook,
  proposalsWorkbook,
  welfareWorkbook,
  type Staff,
} from './workbooks.js';

export interface DemoYearOptions {
  year: number;
  seed?: number;
}

/**
 * DOMAIN.md §8: the 2023 demo year as one workbook per ledger, in the order of §3.
 * Deterministic: the same seed gives the same workbooks, cell for cell; another seed changes
 * names, staff numbers, dates within their windows and who gets which row, never a count or
 * a total of §8.
 */
export function generateDemoYear({ year, seed = DEFAULT_SEED }: DemoYearOptions): DemoWorkbook[] {
  if (year === NEXT_YEAR) return generateDemoYear2024(demoBase(seed));
  if (year !== YEAR) throw new RangeError(`no demo data for ${year}: only ${YEAR} and ${NEXT_YEAR}`);
  const b = demoBase(seed);
  return [
    membersWorkbook(b.roster.all, b.staff),
    welfareWorkbook(b.welfare.festival, b.welfare.individual, b.staff),
    checkupsWorkbook(b.checkups, demoSettings.checkupInstitution, b.staff),
    activitiesWorkbook(b.activities, b.staff),
    awardsWorkbook(b.awards),
    honoursWorkbook(b.honours),
    proposalsWorkbook(b.proposals),
    ideasWorkbook(b.ideas),
    meetingsWorkbook(),
    participationWorkbook(b.participation),
    enrolmentWorkbook(b.enrolment),
    mailboxWorkbook(),
    homesWorkbook(b.homes),
    budgetWorkbook(generateBudget()),
    expensesWorkbook(generateExpenses(b.rng, b.welfare, b.activities), b.staff),
  ];
}

/**
 * The typed records of the 2023 demo year before they become cells: what 2024 builds on (its
 * members are 2023's, carried over).
 */
export function demoBase(seed: number) {
  const rng = new Rng(seed);
  const roster = generateRoster(rng);
  const staff = officeStaff(rng, roster.names);
  const welfare = generateWelfare(rng, roster, staff.handlers);
  const { activities, awards } = generateActivities(rng, roster);
  return {
    rng,
    roster,
    staff,
    welfare,
    activities,
    awards,
    checkups: generateCheckups(rng, roster),
    honours: generateHonours(rng, roster, UNIT_NAMES),
    proposals: generateProposals(rng, roster),
    ideas: generateIdeas(rng, roster),
    participation: generateParticipation(rng, roster),
    enrolment: generateEnrolment(rng, roster),
    homes: generateHomes(rng),
  };
}
export type DemoBase = ReturnType<typeof demoBase>;

/** The 校工会 office staff who sign the sheets: drawn from the name pool, so never a member's name. */
export function officeStaff(rng: Rng, names: { draw(g: '男' | '女'): string }): Staff {
  const r = rng.fork('staff');
  return {
    handlers: [names.draw(r.chance(0.5) ? '女' : '男'), names.draw('女'), names.draw('男')],
    approver: names.draw('男'),
  };
}

/** The settings the demo workbooks are validated against (`settings.json`), as plain JSON. */
export function demoSettingsFile(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(demoSettings)) as Record<string, unknown>;
}

/** The demo years `npm start` loads. */
export const DEMO_YEARS: readonly number[] = [YEAR, NEXT_YEAR];

/**
 * Rosters and 职工之家 tables are standing ledgers: a later year's workbook holds every row of
 * the earlier one, so loading several years takes them from the last year only.
 */
const STANDING_FILES: ReadonlySet<string> = new Set(['会员名册.xlsx', '职工之家建设台账.xlsx']);

/** The workbooks of several demo years, to be loaded together (standing ledgers once, from the last year). */
export function generateDemoYears(
  years: readonly number[] = DEMO_YEARS,
  seed: number = DEFAULT_SEED,
): { year: number; books: DemoWorkbook[] }[] {
  const last = Math.max(...years);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      books: generateDemoYear({ year, seed }).filter((b) => year === last || !STANDING_FILES.has(b.file)),
    }));
}
