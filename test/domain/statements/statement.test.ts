import {
  STATEMENT_SECTION_SOURCES, type StatementSectionSource, buildStatement, decimalToCents, defaultEmployerLanguage,
  formatMoney, formatStatementDate, statementLanguage,
} from '../../../domain/statements/statement';
import { statementInput } from '../../support/statement-fixture';

const table = (s: ReturnType<typeof buildStatement>, id: string) => {
  const block = s.sections.find((x) => x.id === id)!.blocks[0];
  if (block.kind !== 'table') throw new Error(`${id} is not a table`);
  return block;
};

describe('statement language', () => {
  it("takes the person's language where the payroll has one, else the employer's", () => {
    expect(statementLanguage({ language: 'FR' }, 'nl')).toBe('fr');
    expect(statementLanguage({ language: 'en-GB' }, 'nl')).toBe('en');
    expect(statementLanguage({ language: 'de' }, 'fr')).toBe('fr');
    expect(statementLanguage({}, 'fr')).toBe('fr');
    expect(defaultEmployerLanguage('NL')).toBe('nl');
  });
});

describe('formats', () => {
  it('writes money from integer cents the way each language does', () => {
    expect(formatMoney(123456, 'nl')).toBe('€ 1.234,56');
    expect(formatMoney(123456, 'fr')).toBe('1 234,56 €');
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
    expect(formatMoney(5, 'nl')).toBe('€ 0,05');
  });
  it('reads decimal salaries into cents exactly, half up on the third decimal', () => {
    expect(decimalToCents('4250.50')).toBe(425050);
    expect(decimalToCents('4250,5')).toBe(425050);
    expect(decimalToCents('0.105')).toBe(11);
    expect(decimalToCents('0.104')).toBe(10);
    expect(decimalToCents('abc')).toBeNull();
    expect(decimalToCents(null)).toBeNull();
  });
  it('writes dates per language', () => {
    expect(formatStatementDate('2026-10-03', 'nl')).toBe('03-10-2026');
    expect(formatStatementDate('2026-10-03', 'fr')).toBe('03/10/2026');
    expect(formatStatementDate('2026-10-03', 'en')).toBe('2026-10-03');
  });
});

describe('buildStatement', () => {
  it('heads the statement with employer, person, employee number and date of issue', () => {
    const s = buildStatement(statementInput());
    expect(s.title).toBe('Infofiche');
    expect(s.header).toEqual(expect.arrayContaining([
      { label: 'Werkgever', value: 'Brouwerij Van Steenberge' }, { label: 'Medewerker', value: 'Anaïs Lefèvre' },
      { label: 'Personeelsnummer', value: 'E-001' }, { label: 'Datum van uitgifte', value: '15-11-2026' },
    ]));
  });

  it('shows the payroll value and, where a supplier was told otherwise, that value with the supplier and the day sent', () => {
    const t = table(buildStatement(statementInput()), 'personal-data');
    const street = t.rows.find((r) => r[0] === 'Straat')!;
    expect(street[1]).toBe('Kerkstraat');
    expect(street[2]).toBe('Veldstraat (DKV, verzonden op 03-10-2026)');
    // The national id differs only in its separators: not a difference.
    expect(t.rows.find((r) => r[0] === 'BSN/INSZ')![2]).toBe('');
    expect(t.rows.find((r) => r[0] === 'Bruto maandsalaris')![1]).toBe('€ 4.250,50');
    const comms = table(buildStatement(statementInput()), 'communications');
    expect(comms.rows).toEqual([['AG Insurance', '20-09-2026', 'geen'], ['DKV', '03-10-2026', 'Straat, Huisnummer']]);
  });

  it('says so when a message was sent but its content was not kept, and when nothing was sent', () => {
    const unknown = table(buildStatement(statementInput({ communications: [{ supplierName: 'DKV', sentOn: '2026-10-03', person: null }] })), 'communications');
    expect(unknown.rows).toEqual([['DKV', '03-10-2026', 'inhoud niet bewaard']]);
    const none = buildStatement(statementInput({ communications: [] })).sections.find((x) => x.id === 'communications')!;
    expect(none.blocks).toEqual([{ kind: 'text', text: 'Nog niets doorgegeven aan een leverancier.' }]);
  });

  it('lists the enrollments of the employee first, then the family, with the contribution per plan', () => {
    const t = table(buildStatement(statementInput()), 'enrollments');
    expect(t.rows.map((r) => r[0])).toEqual([
      'Werknemer: Anaïs Lefèvre', 'Werknemer: Anaïs Lefèvre', 'Werknemer: Anaïs Lefèvre', 'Partner: Jan Peeters', 'Kind: Lotte Peeters',
    ]);
    const hosp = t.rows.find((r) => r[1] === 'DKV' && r[0].startsWith('Werknemer'))!;
    // 40 + 30 (partner) + 15 (child) = 85.00, half paid by the employee.
    expect(hosp[5]).toBe('€ 42,50 eigen bijdrage / € 85,00 totaal');
    expect(hosp[2]).toBe('Hospitalisatie (H1)');
    // 1.5 % of 4 250.50 = 63.7575 → 63.76, all paid by the employer.
    expect(t.rows.find((r) => r[1] === 'AG Insurance')![5]).toBe('€ 0,00 eigen bijdrage / € 63,76 totaal');
    const car = t.rows.find((r) => r[1] === 'Leasing NV')!;
    expect([car[3], car[4], car[5]]).toEqual(['01-03-2019', '29-02-2024', '']);
    expect(t.rows.find((r) => r[0].startsWith('Kind'))![5]).toBe('inbegrepen bij de werknemer');
  });

  it('counts only family members covered on the day of issue', () => {
    const input = statementInput();
    const ended = { ...input, enrollments: input.enrollments.map((e) => (e.familyMemberId === 'fm-partner' ? { ...e, endDate: '2026-06-30' } : e)) };
    const hosp = table(buildStatement(ended), 'enrollments').rows.find((r) => r[1] === 'DKV' && r[0].startsWith('Werknemer'))!;
    expect(hosp[5]).toBe('€ 27,50 eigen bijdrage / € 55,00 totaal');
  });

  it('names what is missing when a formula cannot be computed, rather than showing zero', () => {
    const input = statementInput();
    const noSalary = { ...input, person: { ...input.person, data: { ...input.person.data, grossMonthlySalary: null } } };
    const row = table(buildStatement({ ...noSalary, lang: 'en' }), 'enrollments').rows.find((r) => r[1] === 'AG Insurance')!;
    expect(row[5]).toBe('cannot be computed: salary missing');
  });

  it('is written in French and English with the same content', () => {
    const fr = buildStatement(statementInput({ lang: 'fr' }));
    expect(fr.title).toBe("Fiche d'information");
    expect(table(fr, 'personal-data').rows.find((r) => r[0] === 'Rue')![2]).toBe('Veldstraat (DKV, envoyé le 03/10/2026)');
    expect(table(fr, 'enrollments').columns).toContain('Prime mensuelle');
    const en = buildStatement(statementInput({ lang: 'en' }));
    expect(en.title).toBe('Benefit statement');
    expect(en.sections.map((s) => s.id)).toEqual(fr.sections.map((s) => s.id));
  });

  it('takes its sections from the list of sources, so another capability can add one', () => {
    const extra: StatementSectionSource = (input, L) => ({ id: 'internal-benefits', title: `${L.enrollments}+`, blocks: [{ kind: 'text', text: input.person.employeeNumber }] });
    const s = buildStatement(statementInput(), [...STATEMENT_SECTION_SOURCES, extra]);
    expect(s.sections.map((x) => x.id)).toEqual(['personal-data', 'communications', 'family', 'enrollments', 'internal-benefits']);
    expect(buildStatement(statementInput({ familyMembers: [] })).sections.map((x) => x.id)).not.toContain('family');
  });
});

describe('internal benefits on the statement', () => {
  const card = {
    typeName: 'Creditcard', startDate: '2026-03-01', endDate: null,
    fields: [
      { label: 'Kaartnummer', type: 'text', value: '**** 4242' }, { label: 'Limiet', type: 'money', value: 250000 },
      { label: 'Vervaldatum', type: 'date', value: '2029-02-28' }, { label: 'Privégebruik', type: 'yes_no', value: false },
      { label: 'Opmerking', type: 'text', value: null },
    ],
    calculation: { kind: 'yearly_budget' as const, year: 2026, budgetCents: 100000, spentCents: 25050, remainingCents: 74950 },
  };

  it('lists each running benefit with its fields in the language\'s formats and its budget', () => {
    const t = table(buildStatement({ ...statementInput(), internalBenefits: [card] }), 'internal-benefits');
    expect(t.columns).toEqual(['Voordeel', 'Begindatum', 'Einddatum', 'Gegevens']);
    expect(t.rows).toEqual([[
      'Creditcard', '01-03-2026', '',
      'Kaartnummer: **** 4242; Limiet: € 2.500,00; Vervaldatum: 28-02-2029; Privégebruik: nee; Budget 2026: € 1.000,00, gebruikt € 250,50, resterend € 749,50',
    ]]);
    const fr = table(buildStatement({ ...statementInput(), lang: 'fr', internalBenefits: [card] }), 'internal-benefits');
    expect(fr.rows[0][3]).toContain('Limiet: 2 500,00 €');
  });

  it('has no section without internal benefits', () => {
    expect(buildStatement(statementInput()).sections.map((s) => s.id)).not.toContain('internal-benefits');
  });
});
