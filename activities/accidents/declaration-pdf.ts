/**
 * The work-accident declaration as a PDF: A4, a header with title, case reference and
 * deadline, the sections of domain/accidents/declaration as label/value rows, page numbers "n/N".
 *
 * No file, no database: content in, bytes out. The output is byte-for-byte reproducible — pdfkit
 * derives the file id from the document info, whose dates come from `preparedOn`.
 *
 * The standard Helvetica fonts (no font file to ship) cover WinAnsi only — all of Dutch and French,
 * é ë ç ï ß ø œ € included. pdfkit garbles a character outside it beyond reading, so such a character
 * is printed without its accent (Ł → L, ş → s) or, failing that, as '?'.
 */
import PDFDocument from 'pdfkit';
import { type DeclarationContent, declarationLabels, declarationSections, declarationTitle, formatDeclarationDate } from '../../domain/accidents/declaration';

const MARGIN = { top: 45, bottom: 55, left: 50, right: 50 };
const LABEL_WIDTH = 170;
const COLUMN_GAP = 12;
const ROW_GAP = 2.5;
const SECTION_GAP = 8;
/** About ten lines. */
const KEEP_WHOLE_HEIGHT = 120;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BODY_SIZE = 9.5;

/** The 0x80–0x9F code points of Windows-1252 beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters whose accent Unicode decomposition does not strip. */
const NO_DECOMPOSITION: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', ĸ: 'k' };

const inWinAnsi = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || WIN_ANSI_EXTRA.has(ch);
};

/** Text the standard PDF fonts can show. */
export function toWinAnsi(value: string): string {
  let out = '';
  for (const ch of value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (inWinAnsi(ch)) out += ch;
    else if (NO_DECOMPOSITION[ch]) out += NO_DECOMPOSITION[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every(inWinAnsi) ? base : '?';
    }
  }
  return out;
}

export async function renderDeclarationPdf(content: DeclarationContent): Promise<Buffer> {
  const L = declarationLabels(content.lang);
  const title = declarationTitle(content.lang);
  // Midnight UTC of the preparation day: the same content always gives the same bytes.
  const preparedAt = new Date(`${content.preparedOn}T00:00:00Z`);
  if (Number.isNaN(preparedAt.getTime())) throw new RangeError(`preparedOn is not a yyyy-mm-dd date: ${content.preparedOn}`);

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: { nl: 'nl-BE', fr: 'fr-BE', en: 'en' }[content.lang],
    displayTitle: true,
    // The metadata travels with the file wherever it is forwarded: the reference identifies the
    // case, the victim's name stays inside the document.
    info: { Title: `${title} ${content.reference}`, Producer: 'Mutaflow', Creator: 'Mutaflow', CreationDate: preparedAt, ModDate: preparedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN.left;
  const contentWidth = doc.page.width - MARGIN.left - MARGIN.right;
  const valueX = left + LABEL_WIDTH + COLUMN_GAP;
  const valueWidth = contentWidth - LABEL_WIDTH - COLUMN_GAP;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureRoom = (height: number) => { if (doc.y + height > bottom()) doc.addPage(); };

  // Header.
  doc.font(BOLD).fontSize(16).text(toWinAnsi(title), left, MARGIN.top, { width: contentWidth });
  doc.moveDown(0.4);
  const headerRow = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(FONT).fontSize(10).text(toWinAnsi(label), left, y, { width: LABEL_WIDTH });
    doc.font(bold ? BOLD : FONT).fontSize(10).text(toWinAnsi(value), valueX, y, { width: valueWidth });
    doc.x = left;
  };
  headerRow(L.reference, content.reference, true);
  headerRow(L.deadline, formatDeclarationDate(content.deadlineDate, content.lang), true);
  headerRow(L.preparedOn, formatDeclarationDate(content.preparedOn, content.lang));
  doc.moveDown(0.4);

  for (const section of declarationSections(content)) {
    const heading = toWinAnsi(section.title);
    doc.font(BOLD).fontSize(11.5);
    const headingHeight = doc.heightOfString(heading, { width: contentWidth }) + 6;
    // A heading never ends a page alone: keep room for it and a line of its first row.
    ensureRoom(SECTION_GAP + headingHeight + 2 * BODY_SIZE);
    const headingY = doc.y + SECTION_GAP;
    doc.fillColor('#1f3a5f').text(heading, left, headingY, { width: contentWidth }).fillColor('black');
    const ruleY = doc.y + 1;
    doc.moveTo(left, ruleY).lineTo(left + contentWidth, ruleY).lineWidth(0.5).strokeColor('#1f3a5f').stroke().strokeColor('black');
    doc.y = ruleY + 4;

    for (const row of section.rows) {
      const label = toWinAnsi(row.label);
      const value = toWinAnsi(row.value);
      doc.font(FONT).fontSize(BODY_SIZE);
      const labelHeight = doc.heightOfString(label, { width: LABEL_WIDTH });
      const valueHeight = doc.heightOfString(value, { width: valueWidth });
      const height = Math.max(labelHeight, valueHeight);
      // A short row is kept whole; a long one (a description) starts here rather than leaving half
      // a page blank, and pdfkit flows its value on over the next pages, in the value column.
      ensureRoom(height <= KEEP_WHOLE_HEIGHT ? height : Math.max(labelHeight, 3 * BODY_SIZE));
      const y = doc.y;
      doc.fillColor('#444444').text(label, left, y, { width: LABEL_WIDTH }).fillColor('black');
      const labelEnd = { page: currentPage(doc), y: doc.y };
      doc.text(value, valueX, y, { width: valueWidth });
      const valueEnd = { page: currentPage(doc), y: doc.y };
      doc.x = left;
      doc.y = (valueEnd.page === labelEnd.page ? Math.max(labelEnd.y, valueEnd.y) : valueEnd.y) + ROW_GAP;
    }
  }

  // Running header (from page 2) and footer, written once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not make pdfkit start a new page.
    const margins = { ...doc.page.margins };
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(8).fillColor('#666666');
    if (i > range.start) doc.text(toWinAnsi(`${title} — ${content.reference}`), left, 22, { width: contentWidth, lineBreak: false });
    const footerY = doc.page.height - 35;
    doc.text(toWinAnsi(content.reference), left, footerY, { width: contentWidth / 2, lineBreak: false });
    doc.text(`${i - range.start + 1}/${range.count}`, left + contentWidth / 2, footerY, { width: contentWidth / 2, align: 'right', lineBreak: false });
    doc.page.margins = margins;
  }
  doc.fillColor('black');
  doc.end();
  return finished;
}

/** pdfkit tracks pages as buffered page numbers; the index of the page being written. */
function currentPage(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}
