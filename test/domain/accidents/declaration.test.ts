import type { DeclarationContent } from '../../../domain/accidents/declaration';
import { declarationContent } from '../../support/declaration-content';
import { EMPTY, declarationSections, declarationTitle, formatDeclarationDate } from '../../../domain/accidents/declaration';

const content = declarationContent;

const rows = (c: DeclarationContent) => new Map<string, string>(declarationSections(c).flatMap((s) => s.rows.map((r) => [`${s.title}/${r.label}`, r.value] as const)));

describe('declarationSections', () => {
  it('gives the sections in the order of the form, in each language', () => {
    expect(declarationSections(content('nl')).map((s) => s.title)).toEqual(['Werkgever', 'Slachtoffer', 'Ongeval', 'Letsels', 'Medische verzorging', 'Gevolgen', 'Preventiemaatregelen', 'Verzekeraar']);
    expect(declarationSections(content('fr')).map((s) => s.title)).toEqual(['Employeur', 'Victime', 'Accident', 'Lésions', 'Soins médicaux', 'Conséquences', 'Mesures de prévention', 'Assureur']);
    expect(declarationSections(content('en')).map((s) => s.title)).toEqual(['Employer', 'Victim', 'Accident', 'Injuries', 'Medical care', 'Consequences', 'Prevention', 'Insurer']);
  });

  it('has a title per language', () => {
    expect(declarationTitle('nl')).toBe('Aangifte van arbeidsongeval');
    expect(declarationTitle('fr')).toBe("Déclaration d'accident du travail");
    expect(declarationTitle('en')).toBe('Work accident declaration');
  });

  it('labels and formats the Dutch declaration', () => {
    const r = rows(content('nl'));
    expect(r.get('Werkgever/Ondernemingsnummer (KBO)')).toBe('0403170701');
    expect(r.get('Werkgever/Land')).toBe('België');
    expect(r.get('Slachtoffer/Identificatienummer sociale zekerheid (INSZ)')).toBe('85073003328');
    expect(r.get('Slachtoffer/Geboortedatum')).toBe('30-07-1985');
    expect(r.get('Slachtoffer/Geslacht')).toBe('Vrouw');
    expect(r.get('Slachtoffer/Categorie')).toBe('Arbeider');
    expect(r.get('Slachtoffer/Arbeidsregime')).toBe('80 %');
    expect(r.get('Slachtoffer/Adres')).toBe('Kerkstraat 7, 9000 Gent, België');
    expect(r.get('Ongeval/Datum en uur van het ongeval')).toBe('03-03-2026 14:25');
    expect(r.get('Ongeval/Getuige')).toBe('Jan Peeters (+32 470 12 34 56)');
    expect(r.get('Letsels/Plaats van de verwonding')).toBe('linkerpols');
    expect(r.get('Letsels/Aard van de verwonding')).toBe('verstuiking');
    expect(r.get('Gevolgen/Arbeidsongeschikt vanaf')).toBe('04-03-2026');
    expect(r.get('Gevolgen/Dodelijk ongeval')).toBe('Nee');
  });

  it('labels and formats the French declaration', () => {
    const r = rows(content('fr', { consequences: { incapacityFrom: '2026-03-04', workResumedOn: '2026-03-20', fatal: false } }));
    expect(r.get("Employeur/Numéro d'entreprise (BCE)")).toBe('0403170701');
    expect(r.get('Victime/Date de naissance')).toBe('30/07/1985');
    expect(r.get('Victime/Sexe')).toBe('Femme');
    expect(r.get('Victime/Catégorie')).toBe('Ouvrier');
    expect(r.get('Victime/Prénom')).toBe('Anaïs-Françoise');
    expect(r.get("Accident/Date et heure de l'accident")).toBe('03/03/2026 14:25');
    expect(r.get('Conséquences/Reprise du travail le')).toBe('20/03/2026');
    expect(r.get('Lésions/Siège de la lésion')).toBe('linkerpols');
  });

  it('labels and formats the English declaration', () => {
    const r = rows(content('en', { victim: { ...content('en').victim, gender: 'm', category: 'white_collar' } }));
    expect(r.get('Victim/Date of birth')).toBe('1985-07-30');
    expect(r.get('Victim/Gender')).toBe('Male');
    expect(r.get('Victim/Category')).toBe('White-collar worker');
    expect(r.get('Victim/Work schedule')).toBe('80%');
    expect(r.get('Accident/Date and time of the accident')).toBe('2026-03-03 14:25');
  });

  it('names the identifiers the Dutch way for a Dutch employer', () => {
    const c = content('nl', { employer: { name: 'Bakkerij de Vries', companyNumber: '12345678', country: 'NL' } });
    c.victim = { ...c.victim, namePrefix: 'van der', lastName: 'Berg', gender: 'X' };
    const r = rows(c);
    expect(r.get('Werkgever/KvK-nummer')).toBe('12345678');
    expect(r.get('Werkgever/Land')).toBe('Nederland');
    expect(r.get('Slachtoffer/Burgerservicenummer (BSN)')).toBe('85073003328');
    expect(r.get('Slachtoffer/Naam')).toBe('van der Berg');
    expect(r.get('Slachtoffer/Geslacht')).toBe('Niet gespecificeerd (X)');
  });

  it('shows "—" for every empty or unknown value, and leaves the claim number out until it is known', () => {
    const c = content('nl', {
      employer: { name: 'ACME', companyNumber: null, country: 'BE' },
      victim: { employeeNumber: 'E1', lastName: 'Peeters', firstName: 'Jan' },
      accident: { occurredAt: '2026-03-03 08:00', place: '', description: '  ', witnesses: [], firstAid: null },
      injuries: [], medicalCare: null, consequences: {}, prevention: undefined,
      insurer: { name: 'Ethias' },
    });
    const r = rows(c);
    for (const key of ['Werkgever/Ondernemingsnummer (KBO)', 'Slachtoffer/Geboortedatum', 'Slachtoffer/Geslacht', 'Slachtoffer/Adres', 'Slachtoffer/Categorie',
      'Slachtoffer/Arbeidsregime', 'Slachtoffer/Datum van indiensttreding', 'Ongeval/Plaats van het ongeval', 'Ongeval/Beschrijving van het ongeval', 'Ongeval/Getuigen',
      'Ongeval/Eerste hulp', 'Letsels/Plaats van de verwonding', 'Medische verzorging/Verstrekte zorgen (arts, ziekenhuis)', 'Gevolgen/Arbeidsongeschikt vanaf',
      'Gevolgen/Werk hervat op', 'Preventiemaatregelen/Genomen maatregelen om herhaling te voorkomen', 'Verzekeraar/Polisnummer']) {
      expect([key, r.get(key)]).toEqual([key, EMPTY]);
    }
    expect(r.has('Verzekeraar/Dossiernummer verzekeraar')).toBe(false);
    expect(rows(content('nl', { insurer: { name: 'Ethias', claimNumber: 'CL-2026-55' } })).get('Verzekeraar/Dossiernummer verzekeraar')).toBe('CL-2026-55');
  });

  it('numbers several witnesses and injuries, and shows an unknown code as given', () => {
    const c = content('en', {
      accident: { occurredAt: '2026-03-03 14:25', place: 'Yard', description: 'Fell', witnesses: [{ name: 'A' }, { name: 'B', contact: 'b@example.com' }] },
      injuries: [{ bodyPart: 'head', nature: 'bruise' }, { bodyPart: 'knee', nature: 'cut' }],
    });
    c.victim = { ...c.victim, category: 'student' };
    const r = rows(c);
    expect(r.get('Accident/Witness 1')).toBe('A');
    expect(r.get('Accident/Witness 2')).toBe('B (b@example.com)');
    expect(r.get('Injuries/Injured body part (2)')).toBe('knee');
    expect(r.get('Injuries/Nature of the injury (2)')).toBe('cut');
    expect(r.get('Victim/Category')).toBe('student');
  });
});

describe('formatDeclarationDate', () => {
  it('writes dates the way each language does', () => {
    expect(formatDeclarationDate('2026-03-11', 'nl')).toBe('11-03-2026');
    expect(formatDeclarationDate('2026-03-11', 'fr')).toBe('11/03/2026');
    expect(formatDeclarationDate('2026-03-11', 'en')).toBe('2026-03-11');
    expect(formatDeclarationDate(null, 'fr')).toBe(EMPTY);
    expect(formatDeclarationDate('', 'nl')).toBe(EMPTY);
  });
});
