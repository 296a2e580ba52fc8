import { renderStatementPdf } from '../../../activities/statements/render';
import { buildStatement } from '../../../domain/statements/statement';
import { statementInput } from '../../support/statement-fixture';
import { flat, parsePdf } from '../../support/pdf-text';

const render = (lang: 'nl' | 'fr' | 'en') => {
  const input = statementInput({ lang });
  return renderStatementPdf({ statement: buildStatement(input), issuedOn: input.issuedOn, employerName: input.employer.name, employeeNumber: input.person.employeeNumber });
};

describe('renderStatementPdf', () => {
  it.each([
    ['nl', ['Infofiche', 'Werkgever', 'Brouwerij Van Steenberge', 'Anaïs Lefèvre', 'Datum van uitgifte', '15-11-2026', 'Persoons- en contractgegevens',
      'Veldstraat (DKV, verzonden op 03-10-2026)', 'Aansluitingen', 'Hospitalisatie (H1)', '€ 42,50 eigen bijdrage / € 85,00 totaal', 'Kind: Lotte Peeters']],
    ['fr', ["Fiche d'information", 'Employeur', 'Anaïs Lefèvre', "Date d'émission", '15/11/2026', 'Données personnelles et contractuelles',
      'Veldstraat (DKV, envoyé le 03/10/2026)', 'Affiliations', '42,50 € part personnelle / 85,00 € total', 'Enfant: Lotte Peeters']],
    ['en', ['Benefit statement', 'Employer', 'Date of issue', '2026-11-15', 'Personal and contract data',
      'Veldstraat (DKV, sent on 2026-10-03)', 'Enrollments', '€42.50 your share / €85.00 total', 'Child: Lotte Peeters']],
  ] as const)('prints a readable %s statement whose text reads back', async (lang, expected) => {
    const pdf = await render(lang);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parsed = await parsePdf(pdf);
    const text = flat(parsed.pages.join(' '));
    for (const piece of expected) expect(text).toContain(piece);
    // The metadata names the statement and the employer, never the person.
    expect(String(parsed.info.Title)).toContain('Brouwerij Van Steenberge');
    expect(JSON.stringify(parsed.info)).not.toContain('Lefèvre');
  });

  it('gives the same bytes for the same statement', async () => {
    expect((await render('nl')).equals(await render('nl'))).toBe(true);
  });
});
