/**
 * The prevention advisor's accident statistics (domain/accidents/stats) as an XLSX workbook: one
 * sheet of figures per group with a total, one sheet saying how they are computed. No database, no
 * files. Numbers stay numbers (the reader's locale shows its own decimal separator).
 */
import ExcelJS from 'exceljs';
import { type AccidentReport, type AccidentReportRow, type StatsGroupBy, UNKNOWN_GROUP } from '../../domain/accidents/stats';

export type AccidentReportLang = 'nl' | 'fr' | 'en';

const TEXT = {
  nl: {
    sheet: 'Ongevallen', definitionsSheet: 'Definities', total: 'Totaal', unknown: 'Onbekend',
    group: { department: 'Afdeling', category: 'Categorie', month: 'Maand' },
    categories: { white_collar: 'Bediende', blue_collar: 'Arbeider' } as Record<string, string>,
    columns: ['Ongevallen', 'Lichte ongevallen (EHBO-register)', 'Ongevallen met ten minste 1 verloren dag', 'Verloren kalenderdagen', 'Gepresteerde uren (geschat)', 'Frequentiegraad', 'Werkelijke ernstgraad'],
    term: 'Begrip', meaning: 'Betekenis', period: 'Periode', fullTime: 'Uren per week voltijds', groupedBy: 'Gegroepeerd per',
    definitions: [
      ['Frequentiegraad', 'Aantal ongevallen met ten minste 1 verloren dag (dodelijke inbegrepen) × 1.000.000 / gepresteerde uren.'],
      ['Werkelijke ernstgraad', 'Verloren kalenderdagen × 1.000 / gepresteerde uren. Forfaitaire dagen voor blijvende ongeschiktheid of overlijden zijn niet meegeteld.'],
      ['Verloren kalenderdagen', 'Kalenderdagen arbeidsongeschiktheid vanaf de eerste dag ongeschiktheid tot de dag vóór de werkhervatting (of tot het einde van de periode), binnen de periode.'],
      ['Lichte ongevallen', 'Ongevallen die enkel in het EHBO-register staan: geteld, maar nooit als ongeval met verloren dagen.'],
      ['Gepresteerde uren (geschat)', 'Uit de loonadministratie: arbeidsregime % × uren per week voltijds × weken in dienst binnen de periode. Verlof en afwezigheden zijn niet afgetrokken.'],
      ['Geen cijfer', 'Een graad blijft leeg wanneer er geen gepresteerde uren zijn.'],
    ],
  },
  fr: {
    sheet: 'Accidents', definitionsSheet: 'Définitions', total: 'Total', unknown: 'Inconnu',
    group: { department: 'Département', category: 'Catégorie', month: 'Mois' },
    categories: { white_collar: 'Employé', blue_collar: 'Ouvrier' } as Record<string, string>,
    columns: ['Accidents', 'Accidents bénins (registre des premiers soins)', 'Accidents avec au moins 1 jour perdu', 'Jours calendrier perdus', 'Heures prestées (estimées)', 'Taux de fréquence', 'Taux de gravité réel'],
    term: 'Terme', meaning: 'Signification', period: 'Période', fullTime: 'Heures par semaine à temps plein', groupedBy: 'Regroupé par',
    definitions: [
      ['Taux de fréquence', "Nombre d'accidents avec au moins 1 jour perdu (accidents mortels compris) × 1 000 000 / heures prestées."],
      ['Taux de gravité réel', "Jours calendrier perdus × 1 000 / heures prestées. Les jours forfaitaires pour incapacité permanente ou décès ne sont pas comptés."],
      ['Jours calendrier perdus', "Jours calendrier d'incapacité de travail du premier jour d'incapacité jusqu'à la veille de la reprise du travail (ou jusqu'à la fin de la période), dans la période."],
      ['Accidents bénins', "Accidents inscrits uniquement dans le registre des premiers soins : comptés, mais jamais comme accident avec jours perdus."],
      ['Heures prestées (estimées)', "Selon la paie : régime de travail % × heures par semaine à temps plein × semaines en service dans la période. Congés et absences ne sont pas déduits."],
      ['Pas de chiffre', "Un taux reste vide lorsqu'il n'y a pas d'heures prestées."],
    ],
  },
  en: {
    sheet: 'Accidents', definitionsSheet: 'Definitions', total: 'Total', unknown: 'Unknown',
    group: { department: 'Department', category: 'Category', month: 'Month' },
    categories: { white_collar: 'White-collar', blue_collar: 'Blue-collar' } as Record<string, string>,
    columns: ['Accidents', 'Minor accidents (first-aid register)', 'Accidents with at least 1 day lost', 'Calendar days lost', 'Hours worked (estimated)', 'Frequency rate', 'Severity rate'],
    term: 'Term', meaning: 'Meaning', period: 'Period', fullTime: 'Full-time hours per week', groupedBy: 'Grouped by',
    definitions: [
      ['Frequency rate', 'Accidents with at least 1 day lost (fatal ones included) × 1,000,000 / hours worked.'],
      ['Severity rate', 'Calendar days lost × 1,000 / hours worked. Lump-sum days for permanent incapacity or death are not included.'],
      ['Calendar days lost', 'Calendar days of incapacity for work from the first day of incapacity up to the day before work resumed (or up to the end of the period), within the period.'],
      ['Minor accidents', 'Accidents only written in the first-aid register: counted, but never as an accident with days lost.'],
      ['Hours worked (estimated)', 'From the payroll: work schedule % × full-time hours per week × weeks employed within the period. Leave and absences are not subtracted.'],
      ['No figure', 'A rate is left empty when no hours were worked.'],
    ],
  },
} as const;

const RATE_FORMAT = '0.00';

function groupLabel(group: string, groupBy: StatsGroupBy, t: (typeof TEXT)[AccidentReportLang]): string {
  if (group === UNKNOWN_GROUP) return t.unknown;
  return groupBy === 'category' ? t.categories[group] ?? group : group;
}

const rowValues = (label: string, r: AccidentReportRow) =>
  [label, r.accidents, r.minorAccidents, r.accidentsWithLostDays, r.daysLost, r.hoursWorked, r.frequencyRate, r.severityRate];

export async function renderAccidentReportXlsx(report: AccidentReport, lang: AccidentReportLang): Promise<Buffer> {
  const t = TEXT[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mutaflow';

  const ws = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = [t.group[report.groupBy], ...t.columns];
  ws.columns = header.map((label, i) => ({
    width: Math.min(28, Math.max(12, label.length + 2)),
    // Hours and rates: numbers shown with two decimals; counts as integers.
    style: i >= 5 ? { numFmt: RATE_FORMAT } : i >= 1 ? { numFmt: '0' } : {},
  }));
  const headerRow = ws.addRow(header);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'top' };
  // Group names come from payroll data: exceljs writes them as strings, never as formulas.
  for (const r of report.rows) ws.addRow(rowValues(groupLabel(r.group, report.groupBy, t), r));
  ws.addRow(rowValues(t.total, report.total)).font = { bold: true };

  const defs = workbook.addWorksheet(t.definitionsSheet);
  defs.columns = [{ width: 30 }, { width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  defs.addRow([t.term, t.meaning]).font = { bold: true };
  for (const [term, meaning] of t.definitions) defs.addRow([term, meaning]);
  defs.addRow([]);
  defs.addRow([t.period, `${report.from} – ${report.to}`]);
  defs.addRow([t.fullTime, report.fullTimeWeeklyHours]);
  defs.addRow([t.groupedBy, t.group[report.groupBy]]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
