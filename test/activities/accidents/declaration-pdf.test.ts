import { declarationContent } from '../../support/declaration-content';
import { type ParsedPdf, flat, parsePdf } from '../../support/pdf-text';
import { renderDeclarationPdf } from '../../../activities/accidents/declaration-pdf';
import { toWinAnsi } from '../../../infra/pdf/pdf-writer';
import type { DeclarationContent } from '../../../domain/accidents/declaration';

/** The pages' text without running header and footer, so that a value flowing over a page break reads whole. */
const allText = (parsed: ParsedPdf) => flat(parsed.pages.map((page) => flat(page)
  .replace(/(Aangifte van arbeidsongeval|Déclaration d'accident du travail|Work accident declaration) — ACC-\d{4}-\d{6}/g, ' ')
  .replace(/ACC-\d{4}-\d{6} \d+\/\d+/g, ' ')).join(' '));

const content = (over: Partial<DeclarationContent> = {}) => declarationContent(over.lang ?? 'nl', over);

describe('renderDeclarationPdf', () => {
  it('renders a Dutch declaration that reads back with its content, accents intact', async () => {
    const pdf = await renderDeclarationPdf(content());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parsed = await parsePdf(pdf);
    const text = allText(parsed);
    expect(text).toContain('Aangifte van arbeidsongeval');
    expect(text).toContain('ACC-2026-000123');
    expect(text).toContain('Brouwerij Van Steenberge');
    expect(text).toContain('Lefèvre');
    expect(text).toContain('Anaïs-Françoise');
    expect(text).toContain('Brouwzaal hal 2, bij ketel 3');
    expect(text).toContain('Uitgegleden op een natte vloer na het spoelen van de ketel; viel op de linkerpols.');
    expect(text).toContain('linkerpols');
    expect(text).toContain('verstuiking');
    expect(text).toContain('röntgenfoto');
    expect(text).toMatch(/Aan te geven uiterlijk op\s+11-03-2026/);
    expect(text).not.toContain('2026-03-11');
    expect(text).not.toContain('Dossiernummer verzekeraar');
    expect(parsed.pages).toHaveLength(1);
    expect(flat(parsed.pages[0])).toContain('1/1');
  });

  it('writes the French deadline the French way and shows the claim number once known', async () => {
    const parsed = await parsePdf(await renderDeclarationPdf(content({ lang: 'fr', insurer: { name: 'AG Insurance', policyNumber: 'P-778', claimNumber: 'SIN-2026-4711' } })));
    const text = allText(parsed);
    expect(text).toContain("Déclaration d'accident du travail");
    expect(text).toMatch(/À déclarer au plus tard le\s+11\/03\/2026/);
    expect(text).toContain("Numéro de dossier de l'assureur");
    expect(text).toContain('SIN-2026-4711');
    expect(text).toContain('Lésions');
    expect(text).toContain('Ouvrier');
  });

  it('numbers the pages of a long declaration and keeps a long description whole', async () => {
    const description = Array.from({ length: 120 }, (_, i) => `Stap ${i + 1}: de medewerker controleerde de kraan en de ladder.`).join(' ');
    const witnesses = Array.from({ length: 40 }, (_, i) => ({ name: `Getuige Nummer${i + 1}`, contact: `getuige${i + 1}@example.be` }));
    const parsed = await parsePdf(await renderDeclarationPdf(content({ accident: { ...content().accident, description, witnesses } })));
    const n = parsed.pages.length;
    expect(n).toBeGreaterThan(1);
    parsed.pages.forEach((page, i) => expect(flat(page)).toContain(`${i + 1}/${n}`));
    const text = allText(parsed);
    expect(text).toContain(description);
    expect(text).toContain('Getuige Nummer40 (getuige40@example.be)');
    // The last section still made it, after the overflow.
    expect(text).toContain('Ethias');
  });

  it('puts the declaration title and reference in the metadata, never the victim', async () => {
    const parsed = await parsePdf(await renderDeclarationPdf(content()));
    expect(parsed.info.Title).toBe('Aangifte van arbeidsongeval ACC-2026-000123');
    const metadata = JSON.stringify(parsed.info);
    for (const personal of ['Lefèvre', 'Lefevre', 'Anaïs', '85073003328', 'E042']) expect(metadata).not.toContain(personal);
  });

  it('gives the same bytes for the same content', async () => {
    const a = await renderDeclarationPdf(content());
    const b = await renderDeclarationPdf(content());
    expect(a.equals(b)).toBe(true);
  });

  it('prints a letter outside the standard fonts without its accent rather than garbled', async () => {
    expect(toWinAnsi('Łukasz Şahin Čech — é ë ç ï € ß')).toBe('Lukasz Sahin Cech — é ë ç ï € ß');
    expect(toWinAnsi('王')).toBe('?');
    const parsed = await parsePdf(await renderDeclarationPdf(content({ victim: { ...content().victim, firstName: 'Łukasz', lastName: 'Şahin' } })));
    expect(allText(parsed)).toContain('Sahin');
    expect(allText(parsed)).toContain('Lukasz');
  });
});
