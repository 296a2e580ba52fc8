import { z } from 'zod';

/**
 * A plan's premium formula: what the insurer should bill per month for one insured person, and
 * how it is split between employer and employee (the employee's share is the personal
 * contribution payroll deducts, domain/contributions/contributions.ts).
 *
 * Money is integer cents, never binary floating point. Rounding is half up (0.5 cent → 1 cent),
 * once per step, in this order:
 * 1. the term: a percentage of the (capped) salary, or a band's / family members' amount;
 * 2. pro rata work time (`proRataWorkSchedule`): base × work-time % (of the salary for
 *    `percent_of_salary`, before the rate; of the amount for the other kinds);
 * 3. the split: the employer's share = total × employerShareBasisPoints, rounded half up, and the
 *    employee pays the rest — or, with `employeeFixedCents`, the employee pays that fixed amount
 *    (never more than the total) and the employer the rest.
 * So employer + employee = total exactly, and a bordereau line and our expectation agree to the cent.
 *
 * Ages (age bands) are counted on the reference date of the month: its FIRST day. A person whose
 * birthday falls on the 1st is in the new band that month; a birthday on any later day moves them
 * in the next month (the insurers' "leeftijd op de eerste van de maand" rule).
 */
const cents = z.number().int().min(0);
const basisPoints = z.number().int().min(0).max(10_000);

export const premiumFormulaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amountCents: cents }),
  z.object({
    kind: z.literal('percent_of_salary'),
    /** 1 basis point = 0.01 %. */
    rateBasisPoints: basisPoints,
    /** Monthly salary above the ceiling is not insured. */
    ceilingCents: cents.optional(),
  }),
  z.object({
    kind: z.literal('per_family_member'),
    insuredCents: cents,
    partnerCents: cents,
    childCents: cents,
    /** Children beyond this count are free (common in hospitalisation plans). */
    maxPaidChildren: z.number().int().min(0).optional(),
  }),
  z.object({
    kind: z.literal('age_bands'),
    /** Age on the first day of the period (inclusive bounds); an age outside every band is an input error. */
    bands: z.array(z.object({ fromAge: z.number().int().min(0), toAge: z.number().int().min(0), amountCents: cents })).min(1),
  }),
]).and(z.object({
  employerShareBasisPoints: basisPoints.default(10_000),
  /** The employee pays this fixed amount a month (capped at the total) instead of a percentage share. */
  employeeFixedCents: cents.optional(),
  /** Pro rata of the work schedule: the salary or amount given is the full-time one. */
  proRataWorkSchedule: z.boolean().default(false),
}));

export type PremiumFormula = z.output<typeof premiumFormulaSchema>;

export interface PremiumInput {
  salaryCents?: number | null;
  workSchedulePercent?: number | null;
  birthDate?: string | null;
  partners?: number;
  children?: number;
  /** First day of the period (yyyy-mm-dd): the reference date for ages. */
  asOf: string;
}

export interface Premium {
  totalCents: number;
  employerCents: number;
  employeeCents: number;
}

export class PremiumInputError extends Error {
  constructor(readonly field: 'salary' | 'birthDate' | 'ageBand') {
    super(`premium cannot be computed: ${field} missing or out of the plan's bands`);
    this.name = 'PremiumInputError';
  }
}

/** a × b / d rounded half up, for non-negative integers (exact below 2^53). */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  return Math.floor((a * b * 2 + d) / (2 * d));
}

export function ageOn(birthDate: string, asOf: string): number {
  // Fixed positions of yyyy-mm-dd (no split: this runs for every person, plan and month).
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

export function computePremium(formula: PremiumFormula, input: PremiumInput): Premium {
  let totalCents = total(formula, input);
  if (formula.proRataWorkSchedule && formula.kind !== 'percent_of_salary') totalCents = mulDivHalfUp(totalCents, workTimeBasisPoints(input), 10_000);
  return split(formula, totalCents);
}

/** The employer/employee split of a total (step 3 above). */
function split(formula: Pick<PremiumFormula, 'employerShareBasisPoints' | 'employeeFixedCents'>, totalCents: number): Premium {
  if (formula.employeeFixedCents !== undefined) {
    const employeeCents = Math.min(formula.employeeFixedCents, totalCents);
    return { totalCents, employerCents: totalCents - employeeCents, employeeCents };
  }
  const employerCents = mulDivHalfUp(totalCents, formula.employerShareBasisPoints, 10_000);
  return { totalCents, employerCents, employeeCents: totalCents - employerCents };
}

/** Work time in basis points (80 % → 8000); absent counts as full time. */
const workTimeBasisPoints = (input: PremiumInput) => Math.round((input.workSchedulePercent ?? 100) * 100);

function total(formula: PremiumFormula, input: PremiumInput): number {
  switch (formula.kind) {
    case 'fixed':
      return formula.amountCents;
    case 'percent_of_salary': {
      if (input.salaryCents == null) throw new PremiumInputError('salary');
      let base = input.salaryCents;
      if (formula.ceilingCents !== undefined) base = Math.min(base, formula.ceilingCents);
      if (formula.proRataWorkSchedule) base = mulDivHalfUp(base, workTimeBasisPoints(input), 10_000);
      return mulDivHalfUp(base, formula.rateBasisPoints, 10_000);
    }
    case 'per_family_member': {
      const children = formula.maxPaidChildren === undefined ? input.children ?? 0 : Math.min(input.children ?? 0, formula.maxPaidChildren);
      return formula.insuredCents + (input.partners ?? 0) * formula.partnerCents + children * formula.childCents;
    }
    case 'age_bands': {
      if (!input.birthDate) throw new PremiumInputError('birthDate');
      const age = ageOn(input.birthDate, input.asOf);
      const band = formula.bands.find((b) => age >= b.fromAge && age <= b.toAge);
      if (!band) throw new PremiumInputError('ageBand');
      return band.amountCents;
    }
  }
}
