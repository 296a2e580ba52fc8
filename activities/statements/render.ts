/**
 * A statement as a PDF through the one PDF writer (infra/pdf/pdf-writer.ts). The file's metadata
 * names the statement and the employer, never the person: it travels wherever the file is forwarded.
 */
import type { Statement } from '../../domain/statements/statement';
import { renderPdf } from '../../infra/pdf/pdf-writer';

export interface StatementFile { statement: Statement; issuedOn: string; employerName: string; employeeNumber: string }

export function renderStatementPdf({ statement, issuedOn, employerName, employeeNumber }: StatementFile): Promise<Buffer> {
  return renderPdf({
    lang: statement.lang,
    createdOn: issuedOn,
    title: statement.title,
    infoTitle: `${statement.title} ${employerName}`,
    header: statement.header.map((row, i) => ({ ...row, bold: i < 2 })),
    sections: statement.sections,
    runningHeader: `${statement.title} — ${employerName} — ${employeeNumber}`,
    footer: `${employerName} — ${employeeNumber}`,
  });
}

/** The file name of a person's statement: the employee number only (no name in a file name). */
export const statementFileName = (employeeNumber: string, issuedOn: string) =>
  `statement-${employeeNumber.replace(/[^A-Za-z0-9_-]+/g, '_')}-${issuedOn}.pdf`;
