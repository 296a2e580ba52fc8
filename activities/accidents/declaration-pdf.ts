/**
 * The work-accident declaration as a PDF (infra/pdf/pdf-writer.ts): a header with title, case
 * reference and deadline, the sections of domain/accidents/declaration as label/value rows.
 * The case reference identifies the file in its metadata; the victim's name stays inside.
 */
import { type DeclarationContent, declarationLabels, declarationSections, declarationTitle, formatDeclarationDate } from '../../domain/accidents/declaration';
import { renderPdf } from '../../infra/pdf/pdf-writer';

export function renderDeclarationPdf(content: DeclarationContent): Promise<Buffer> {
  const L = declarationLabels(content.lang);
  const title = declarationTitle(content.lang);
  return renderPdf({
    lang: content.lang,
    createdOn: content.preparedOn,
    title,
    infoTitle: `${title} ${content.reference}`,
    header: [
      { label: L.reference, value: content.reference, bold: true },
      { label: L.deadline, value: formatDeclarationDate(content.deadlineDate, content.lang), bold: true },
      { label: L.preparedOn, value: formatDeclarationDate(content.preparedOn, content.lang) },
    ],
    sections: declarationSections(content).map((s) => ({ title: s.title, blocks: [{ kind: 'rows', rows: s.rows }] })),
    runningHeader: `${title} — ${content.reference}`,
    footer: content.reference,
  });
}
