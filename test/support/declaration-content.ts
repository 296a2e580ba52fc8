/**
 * A Belgian work-accident declaration with accents in every name: the domain and the PDF tests
 * share it, so both read the same content.
 */
import type { DeclarationContent, DeclarationLang } from '../../domain/accidents/declaration';

export const declarationContent = (lang: DeclarationLang = 'nl', over: Partial<DeclarationContent> = {}): DeclarationContent => ({
  lang,
  reference: 'ACC-2026-000123',
  preparedOn: '2026-03-04',
  deadlineDate: '2026-03-11',
  employer: { name: 'Brouwerij Van Steenberge', companyNumber: '0403170701', country: 'BE' },
  victim: {
    employeeNumber: 'E042', lastName: 'Lefèvre', firstName: 'Anaïs-Françoise', nationalId: '85073003328', birthDate: '1985-07-30', gender: 'F',
    street: 'Kerkstraat', houseNumber: '7', postalCode: '9000', city: 'Gent', country: 'BE', category: 'blue_collar', workSchedulePercent: '80', hireDate: '2019-09-01',
  },
  accident: {
    occurredAt: '2026-03-03 14:25', place: 'Brouwzaal hal 2, bij ketel 3',
    description: 'Uitgegleden op een natte vloer na het spoelen van de ketel; viel op de linkerpols.',
    witnesses: [{ name: 'Jan Peeters', contact: '+32 470 12 34 56' }], firstAid: 'Koude kompres, EHBO-post',
  },
  injuries: [{ bodyPart: 'linkerpols', nature: 'verstuiking' }],
  medicalCare: 'Huisarts, röntgenfoto in AZ Sint-Lucas',
  consequences: { incapacityFrom: '2026-03-04', workResumedOn: null, fatal: false },
  prevention: 'Antislipmatten gelegd; spoelprocedure herzien.',
  insurer: { name: 'Ethias', policyNumber: 'P-778', claimNumber: null },
  ...over,
});
