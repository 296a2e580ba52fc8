/**
 * A hire, as the import sees it next month or as HR reports it the day it happens: the person's
 * enrollments in the plans of the employer's onboarding profiles that fit them.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { MessageRow, Tx } from '../../db/queries/messages';
import { createEnrollmentMessages } from '../../db/queries/messages';
import { employerTodayAt } from '../../db/queries/employers';
import { enrollments, onboardingProfiles, persons } from '../../db/schema';
import { onboardingStart } from '../../domain/enrollments/onboarding';
import { compileFilter, personReader } from '../../domain/eligibility/filter';

type Profile = typeof onboardingProfiles.$inferSelect;

/**
 * Whether a profile fits a hire: its category (profiles from before the eligibility filter) and
 * its eligibility filter over the hire's data on the hire date — the same engine as benefits and audit populations.
 */
function fits(profile: Profile, hire: Hire): boolean {
  if (profile.category && profile.category !== hire.category) return false;
  if (!profile.eligibility) return true;
  return compileFilter(profile.eligibility)(personReader({ ...hire.data, category: hire.category ?? hire.data?.category ?? null }, hire.hireDate));
}

type Hire = { personId: string; hireDate: string; category?: string | null; data?: Record<string, unknown> };

/**
 * Enrolls hires in every plan of the fitting profiles (category and eligibility, or every hire), each starting
 * as the profile says; a plan the person is already openly enrolled in is left alone (the
 * monthly import that later shows the same hire enrolls nothing twice), and so is a plan a second
 * profile names again. Returns the new enrollments' ids, in the order of the hires, profiles and plans.
 * Three statements whatever the number of hires: an import's hires went one lookup and one insert
 * per hire and plan (the round trips, not the work, were the cost: see from-import.ts `endEnrollments`).
 */
export async function onboardHires(tx: Tx, profiles: Profile[], hires: readonly Hire[]): Promise<string[]> {
  const wanted = new Map<string, { personId: string; planId: string; startDate: string }>();
  for (const hire of hires) {
    for (const profile of profiles) {
      if (!fits(profile, hire)) continue;
      for (const p of profile.plans) {
        const key = `${hire.personId}:${p.planId}`;
        if (!wanted.has(key)) wanted.set(key, { personId: hire.personId, planId: p.planId, startDate: onboardingStart(hire.hireDate, p) });
      }
    }
  }
  if (!wanted.size) return [];
  const personIds = [...new Set([...wanted.values()].map((w) => w.personId))];
  const open = await tx.execute<{ person_id: string; plan_id: string }>(sql`
    select ${enrollments.personId} as person_id, ${enrollments.planId} as plan_id from ${enrollments}
     where ${enrollments.personId} = any(${sql.param(personIds)}::uuid[]) and ${enrollments.familyMemberId} is null and ${enrollments.endDate} is null`);
  for (const o of open.rows) wanted.delete(`${o.person_id}:${o.plan_id}`);
  const rows = [...wanted.values()].map((w) => ({ ...w, source: 'onboarding' as const }));
  const ids: string[] = [];
  // Four parameters a row: well under PostgreSQL's 65,535 a statement.
  for (let i = 0; i < rows.length; i += 1000) {
    ids.push(...(await tx.insert(enrollments).values(rows.slice(i, i + 1000)).returning({ id: enrollments.id })).map((e) => e.id));
  }
  return ids;
}

export interface HireEvent {
  employerId: string;
  employeeNumber: string;
  hireDate: string;
  category?: string | null;
  /** Canonical person fields HR knows today (the payroll brings the rest, and the truth, later). */
  data: Record<string, string | null>;
}

/**
 * Records a hire the day it happens: the person (new, or a leaver hired again) with what HR
 * gives, and their onboarding enrollments with their messages — in one transaction; the caller
 * starts the messages' workflows after the commit. A person already active keeps their data and
 * only gets the enrollments still missing (the same event twice changes nothing).
 */
export async function recordHire(db: Db, e: HireEvent, actor: string, at: number): Promise<{ personId: string; created: boolean; messages: MessageRow[] }> {
  return db.transaction(async (tx) => {
    // The employer's lock keeps two reports of one hire (or an import) from creating the person twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`hire:${e.employerId}`}))`);
    const [existing] = await tx.select().from(persons).where(and(eq(persons.employerId, e.employerId), eq(persons.employeeNumber, e.employeeNumber))).for('update');
    let personId: string;
    let category = e.category ?? null;
    let data: Record<string, unknown> = { ...e.data, hireDate: e.hireDate };
    if (!existing) {
      const data = { ...e.data, employeeNumber: e.employeeNumber, hireDate: e.hireDate, exitDate: null, ...(category ? { category } : {}) };
      // Not from an import: a last_import_id no import has, so that replacing an import never takes this person along.
      const [row] = await tx.insert(persons).values({ employerId: e.employerId, employeeNumber: e.employeeNumber, data, status: 'active', lastImportId: sql`gen_random_uuid()` })
        .returning({ id: persons.id });
      personId = row.id;
    } else {
      personId = existing.id;
      const old = existing.data as Record<string, string | null>;
      category = category ?? old.category ?? null;
      data = { ...old, ...e.data, hireDate: e.hireDate };
      if (existing.status !== 'active') {
        const data = { ...old, ...e.data, hireDate: e.hireDate, exitDate: null, ...(category ? { category } : {}) };
        await tx.update(persons).set({ data, status: 'active', updatedAt: new Date() }).where(eq(persons.id, existing.id));
      }
    }
    const profiles = await tx.select().from(onboardingProfiles).where(eq(onboardingProfiles.employerId, e.employerId));
    const ids = await onboardHires(tx, profiles, [{ personId, hireDate: e.hireDate, category, data }]);
    const messages = await createEnrollmentMessages(tx, ids, 'enrollment', actor, await employerTodayAt(tx, e.employerId, at));
    return { personId, created: !existing, messages };
  });
}
