import { z } from 'zod';

/**
 * A plan's premium formula: what the insurer should bill per month for one insured person.
 * Money is integer cents; every division rounds half up (0.5 cent → 1 cent) once, at the end of
 * each term, so a bordereau line and our expectation agree to the cent.
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
    /** Pro rata of the work schedule: the salary given is the full-time salary. */
    proRataWorkSchedule: z.boolean().default(false),
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
    /** Age on the first day of the period; bands must cover every age that can occur. */
    bands: z.array(z.object({ fromAge: z.number().int().min(0), toAge: z.number().int().min(0), amountCents: cents })).min(1),
  }),
]).and(z.object({ employerShareBasisPoints: basisPoints.default(10_000) }));

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
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = asOf.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function computePremium(formula: PremiumFormula, input: PremiumInput): Premium {
  const totalCents = total(formula, input);
  const employerCents = mulDivHalfUp(totalCents, formula.employerShareBasisPoints, 10_000);
  return { totalCents, employerCents, employeeCents: totalCents - employerCents };
}

function total(formula: PremiumFormula, input: PremiumInput): number {
  switch (formula.kind) {
    case 'fixed':
      return formula.amountCents;
    case 'percent_of_salary': {
      if (input.salaryCents == null) throw new PremiumInputError('salary');
      let base = input.salaryCents;
      if (formula.ceilingCents !== undefined) base = Math.min(base, formula.ceilingCents);
      if (formula.proRataWorkSchedule) base = mulDivHalfUp(base, Math.round((input.workSchedulePercent ?? 100) * 100), 10_000);
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
