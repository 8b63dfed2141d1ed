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
  if (year !== YEAR) throw new RangeError(`no demo data for ${year}: only ${YEAR}`);
  const rng = new Rng(seed);
  const roster = generateRoster(rng);
  const staff = officeStaff(rng, roster.names);
  const welfare = generateWelfare(rng, roster, staff.handlers);
  const { activities, awards } = generateActivities(rng, roster);
  const expenses = generateExpenses(rng, welfare, activities);
  return [
    membersWorkbook(roster.all, staff),
    welfareWorkbook(welfare.festival, welfare.individual, staff),
    checkupsWorkbook(generateCheckups(rng, roster), demoSettings.checkupInstitution, staff),
    activitiesWorkbook(activities, staff),
    awardsWorkbook(awards),
    honoursWorkbook(generateHonours(rng, roster, UNIT_NAMES)),
    proposalsWorkbook(generateProposals(rng, roster)),
    ideasWorkbook(generateIdeas(rng, roster)),
    meetingsWorkbook(),
    participationWorkbook(generateParticipation(rng, roster)),
    enrolmentWorkbook(generateEnrolment(rng, roster)),
    mailboxWorkbook(),
    homesWorkbook(generateHomes(rng)),
    budgetWorkbook(generateBudget()),
    expensesWorkbook(expenses, staff),
  ];
}

/** The 校工会 office staff who sign the sheets: drawn from the name pool, so never a member's name. */
function officeStaff(rng: Rng, names: { draw(g: '男' | '女'): string }): Staff {
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
