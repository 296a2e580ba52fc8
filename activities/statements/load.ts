/**
 * Loads what a statement shows (domain/statements/statement.ts) for some persons of one employer,
 * a few queries for the whole page of persons (the bulk run loads 10,000 people in pages):
 * their data, family members, enrollments with plan and supplier, and per supplier the last
 * message sent about them with the person's data as it went (the sealed body of that version).
 */
import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { employers, enrollments, familyMembers, messageBodies, messages, persons, plans, suppliers } from '../../db/schema';
import { internalBenefitsOfPersons } from '../../db/queries/benefits';
import { TIME_ZONES, localDate } from '../../domain/shared/calendar';
import type { StatementCommunication, StatementInput, StatementLang } from '../../domain/statements/statement';
import { statementLanguage } from '../../domain/statements/statement';
import type { SecretBox } from '../../infra/secret-box';

export interface StatementEmployer { id: string; name: string; country: 'NL' | 'BE'; companyNumber: string | null; language: StatementLang }

export async function loadStatementEmployer(db: Db, employerId: string): Promise<StatementEmployer | undefined> {
  const [e] = await db.select({ id: employers.id, name: employers.name, country: employers.country, companyNumber: employers.companyNumber, language: employers.language })
    .from(employers).where(eq(employers.id, employerId));
  return e;
}

/**
 * Statement inputs for these persons of the employer, in the order given (persons of another
 * employer are left out). `lang`: one language for all; absent: each person's own, else the employer's.
 */
export async function loadStatementInputs(
  db: Db, secrets: SecretBox, employer: StatementEmployer, personIds: readonly string[], issuedOn: string, lang?: StatementLang,
): Promise<{ personId: string; input: StatementInput }[]> {
  if (!personIds.length) return [];
  const people = await db.select().from(persons).where(and(eq(persons.employerId, employer.id), inArray(persons.id, [...personIds])));
  const ids = people.map((p) => p.id);
  if (!ids.length) return [];
  const [members, enrolled, sent, benefitsOf] = await Promise.all([
    db.select().from(familyMembers).where(inArray(familyMembers.personId, ids)).orderBy(asc(familyMembers.createdAt)),
    db.select({
      personId: enrollments.personId, familyMemberId: enrollments.familyMemberId, planId: plans.id, planName: plans.name, planCode: plans.code,
      premiumFormula: plans.premiumFormula, supplierName: suppliers.name, startDate: enrollments.startDate, endDate: enrollments.endDate,
    }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).innerJoin(suppliers, eq(suppliers.id, plans.supplierId))
      .where(inArray(enrollments.personId, ids)),
    // Newest first: the first message per person and supplier is the last one sent.
    db.selectDistinctOn([messages.personId, messages.supplierId], {
      personId: messages.personId, supplierId: messages.supplierId, supplierName: suppliers.name, messageId: messages.id, version: messages.version, sentAt: messages.sentAt,
    }).from(messages).innerJoin(suppliers, eq(suppliers.id, messages.supplierId))
      .where(and(inArray(messages.personId, ids), isNotNull(messages.sentAt), ne(messages.status, 'cancelled')))
      .orderBy(messages.personId, messages.supplierId, desc(messages.sentAt)),
    internalBenefitsOfPersons(db, ids, issuedOn),
  ]);
  const bodies = sent.length
    ? await db.selectDistinctOn([messageBodies.messageId], { messageId: messageBodies.messageId, version: messageBodies.version, bodySealed: messageBodies.bodySealed })
      .from(messageBodies).where(inArray(messageBodies.messageId, sent.map((s) => s.messageId)))
      .orderBy(messageBodies.messageId, desc(messageBodies.version))
    : [];
  const bodyOf = new Map(bodies.map((b) => [b.messageId, b]));

  const group = <T extends { personId: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.personId) ?? m.set(r.personId, []).get(r.personId)!).push(r);
    return m;
  };
  const membersOf = group(members);
  const enrolledOf = group(enrolled);
  const sentOf = group(sent);
  const zone = TIME_ZONES[employer.country];

  const communication = (s: (typeof sent)[number]): StatementCommunication => {
    const body = bodyOf.get(s.messageId);
    let person: Record<string, unknown> | null = null;
    if (body) {
      const parsed = JSON.parse(secrets.open<string>(body.bodySealed)) as { person?: Record<string, unknown> };
      person = parsed.person ?? null;
    }
    return { supplierName: s.supplierName, sentOn: localDate(s.sentAt!.getTime(), zone), person };
  };

  const byId = new Map(people.map((p) => [p.id, p]));
  return personIds.filter((id) => byId.has(id)).map((id) => {
    const p = byId.get(id)!;
    const data = p.data as Record<string, unknown>;
    return {
      personId: id,
      input: {
        lang: lang ?? statementLanguage(data, employer.language),
        issuedOn,
        employer: { name: employer.name, country: employer.country, companyNumber: employer.companyNumber },
        person: { employeeNumber: p.employeeNumber, status: p.status, data },
        familyMembers: (membersOf.get(id) ?? []).map((m) => ({ id: m.id, relation: m.relation, data: m.data as Record<string, unknown>, endDate: m.endDate })),
        enrollments: (enrolledOf.get(id) ?? []).map(({ personId: _, ...e }) => e),
        communications: (sentOf.get(id) ?? []).map(communication),
        internalBenefits: benefitsOf.get(id) ?? [],
      },
    };
  });
}
