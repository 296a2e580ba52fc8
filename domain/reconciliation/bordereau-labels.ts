import type { DifferenceKind } from './bordereau';

export type ReportLang = 'nl' | 'fr' | 'en';

interface Labels {
  sheet: string;
  summarySheet: string;
  columns: string[];
  kinds: Record<DifferenceKind, string>;
  status: { open: string; recurring_accepted: string };
  noCommunication: string;
  period: string;
  open: string;
  total: string;
}

/** The report's words per language; typed so that a key missing in one language does not compile. */
export const BORDEREAU_LABELS: Record<ReportLang, Labels> = {
  nl: {
    sheet: 'Verschillen', summarySheet: 'Samenvatting', period: 'Periode', open: 'Open', total: 'Totaal',
    columns: ['Deel', 'Soort', 'INSZ', 'Gezinslid', 'Rij', 'Veld / wijziging', 'Gefactureerd', 'Verwacht', 'Binnen correctietermijn', 'Status', 'Oplossing'],
    kinds: {
      left_still_billed: 'Uit dienst, nog gefactureerd', billed_not_enrolled: 'Gefactureerd, niet aangesloten',
      enrolled_not_billed: 'Aangesloten, niet gefactureerd', family_member_billed_only: 'Gezinslid alleen bij verzekeraar',
      family_member_enrolled_only: 'Gezinslid alleen bij ons', data_mismatch: 'Gegeven verschilt', premium_mismatch: 'Premie verschilt',
      unknown_movement_code: 'Onbekende mutatiecode', change_not_communicated: 'Wijziging zonder melding van ons',
      communication_not_reflected: 'Melding niet verwerkt door verzekeraar',
    },
    status: { open: 'Open', recurring_accepted: 'Terugkerend, aanvaard' },
    noCommunication: 'Aan deze verzekeraar is tot deze periode nog niets gemeld: er is niets om mee te vergelijken.',
  },
  fr: {
    sheet: 'Différences', summarySheet: 'Résumé', period: 'Période', open: 'Ouvert', total: 'Total',
    columns: ['Partie', 'Type', 'NISS', 'Membre de la famille', 'Ligne', 'Champ / changement', 'Facturé', 'Attendu', 'Dans le délai de correction', 'Statut', 'Résolution'],
    kinds: {
      left_still_billed: 'Sorti, toujours facturé', billed_not_enrolled: 'Facturé, non affilié',
      enrolled_not_billed: 'Affilié, non facturé', family_member_billed_only: 'Membre de la famille seulement chez l\'assureur',
      family_member_enrolled_only: 'Membre de la famille seulement chez nous', data_mismatch: 'Donnée différente', premium_mismatch: 'Prime différente',
      unknown_movement_code: 'Code mouvement inconnu', change_not_communicated: 'Changement sans communication de notre part',
      communication_not_reflected: 'Communication non reprise par l\'assureur',
    },
    status: { open: 'Ouvert', recurring_accepted: 'Récurrent, accepté' },
    noCommunication: 'Rien n\'a encore été communiqué à cet assureur jusqu\'à cette période : rien à comparer.',
  },
  en: {
    sheet: 'Differences', summarySheet: 'Summary', period: 'Period', open: 'Open', total: 'Total',
    columns: ['Part', 'Kind', 'National id', 'Family member', 'Row', 'Field / change', 'Billed', 'Expected', 'Within correction window', 'Status', 'Resolution'],
    kinds: {
      left_still_billed: 'Left, still billed', billed_not_enrolled: 'Billed, not enrolled',
      enrolled_not_billed: 'Enrolled, not billed', family_member_billed_only: 'Family member on the insurer\'s side only',
      family_member_enrolled_only: 'Family member on our side only', data_mismatch: 'Data differs', premium_mismatch: 'Premium differs',
      unknown_movement_code: 'Unknown movement code', change_not_communicated: 'Change without a communication from us',
      communication_not_reflected: 'Communication not reflected by the insurer',
    },
    status: { open: 'Open', recurring_accepted: 'Recurring, accepted' },
    noCommunication: 'Nothing has been communicated to this insurer up to this period yet: there is nothing to reconcile against.',
  },
};
