import { z } from 'zod';
import { CANONICAL_FIELDS } from './canonical';
import { DATE_FORMATS } from '../shared/values';

/**
 * How one employer's payroll export maps onto the canonical row. Stored per employer;
 * the default reads the canonical headers (docs/architecture.md §6).
 */
export const mappingProfileSchema = z.object({
  name: z.string().min(1).max(100).default('canonical'),
  format: z.enum(['auto', 'csv', 'xlsx']).default('auto'),
  /** XLSX: sheet name, or 1-based position. Default: the first sheet. */
  sheet: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  /** 1-based row holding the headers (rows above it are titles). */
  headerRow: z.number().int().min(1).max(50).default(1),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  /** Source header → canonical field. Headers equal to a canonical name map to it without an entry. */
  columns: z.record(z.string().min(1), z.enum(CANONICAL_FIELDS)).default({}),
  /** Tried in order; Excel date cells and (in XLSX) date serials are always understood. */
  dateFormats: z.array(z.enum(DATE_FORMATS)).min(1).default(['yyyy-mm-dd']),
  decimalSeparator: z.enum(['.', ',']).default('.'),
  thousandsSeparator: z.enum(['', '.', ',', ' ']).default(''),
  /** Per canonical field: the payroll's code → our value (matched ignoring case and surrounding spaces). */
  valueMaps: z.partialRecord(z.enum(CANONICAL_FIELDS), z.record(z.string(), z.string())).default({}),
  /** The last-name column holds the prefix too ("van der Berg"): split it into namePrefix and lastName. */
  splitNamePrefix: z.boolean().default(false),
});

export type MappingProfile = z.output<typeof mappingProfileSchema>;

export const DEFAULT_PROFILE: MappingProfile = mappingProfileSchema.parse({});

/** Profiles for the export shapes we meet most; an employer starts from one and adjusts. */
export const PROFILE_PRESETS: Record<string, MappingProfile> = {
  canonical: DEFAULT_PROFILE,
  'nl-payroll-csv': mappingProfileSchema.parse({
    name: 'nl-payroll-csv',
    format: 'csv',
    delimiter: ';',
    columns: {
      Personeelsnummer: 'employeeNumber', BSN: 'nationalId', Achternaam: 'lastName', Voorvoegsel: 'namePrefix',
      Voornamen: 'firstName', Voorletters: 'initials', Geboortedatum: 'birthDate', Geslacht: 'gender',
      Nationaliteit: 'nationality', 'Burgerlijke staat': 'maritalStatus', Straat: 'street', Huisnummer: 'houseNumber',
      Postcode: 'postalCode', Woonplaats: 'city', Land: 'country', 'Naam partner': 'partnerLastName',
      'Voorvoegsel partner': 'partnerNamePrefix', 'Soort werknemer': 'category', Schaal: 'salaryClass',
      Deeltijdpercentage: 'workSchedulePercent', 'Bruto maandsalaris': 'grossMonthlySalary',
      'Datum in dienst': 'hireDate', 'Datum uit dienst': 'exitDate',
    },
    dateFormats: ['dd-mm-yyyy'],
    decimalSeparator: ',',
    valueMaps: {
      gender: { M: 'M', V: 'F', X: 'X' },
      maritalStatus: { O: 'single', G: 'married', SA: 'cohabiting', S: 'divorced', W: 'widowed' },
      category: { Bediende: 'white_collar', Arbeider: 'blue_collar' },
    },
  }),
  'be-payroll-xlsx': mappingProfileSchema.parse({
    name: 'be-payroll-xlsx',
    format: 'xlsx',
    sheet: 'Personnel',
    columns: {
      Matricule: 'employeeNumber', NISS: 'nationalId', Nom: 'lastName', 'Prénom': 'firstName',
      'Date de naissance': 'birthDate', Sexe: 'gender', 'Nationalité': 'nationality', 'État civil': 'maritalStatus',
      Rue: 'street', 'Numéro': 'houseNumber', 'Code postal': 'postalCode', 'Localité': 'city', Pays: 'country',
      'Nom du conjoint': 'partnerLastName', Statut: 'category', 'Classe barémique': 'salaryClass',
      'Régime de travail (%)': 'workSchedulePercent', 'Salaire mensuel brut': 'grossMonthlySalary',
      "Date d'entrée": 'hireDate', 'Date de sortie': 'exitDate',
    },
    dateFormats: ['dd/mm/yyyy', 'yyyy-mm-dd'],
    valueMaps: {
      maritalStatus: {
        'Célibataire': 'single', 'Marié(e)': 'married', 'Cohabitant légal': 'cohabiting',
        'Divorcé(e)': 'divorced', 'Veuf/Veuve': 'widowed',
      },
      category: { 'Employé': 'white_collar', Ouvrier: 'blue_collar' },
    },
    splitNamePrefix: true,
  }),
};
