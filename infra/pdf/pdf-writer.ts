/**
 * The one PDF writer: A4 documents of readable text (not pictures) — a title, header rows, then
 * sections of label/value rows, tables or paragraphs, a running header from page 2 and page
 * numbers "n/N". Used by the work-accident declaration and the benefit statements.
 *
 * No file, no database: content in, bytes out. The output is byte-for-byte reproducible — pdfkit
 * derives the file id from the document info, whose dates come from `createdOn`.
 *
 * The standard Helvetica fonts (no font file to ship) cover WinAnsi only — all of Dutch and French,
 * é ë ç ï ß ø œ € included. pdfkit garbles a character outside it beyond reading, so such a character
 * is printed without its accent (Ł → L, ş → s) or, failing that, as '?'.
 */
import PDFDocument from 'pdfkit';

export type PdfLang = 'nl' | 'fr' | 'en';

export interface PdfRow { label: string; value: string }

/** A block of a section: label/value rows, a table (header row and cells), or a paragraph. */
export type PdfBlock =
  | { kind: 'rows'; rows: readonly PdfRow[] }
  | { kind: 'table'; columns: readonly string[]; rows: readonly (readonly string[])[]; widths?: readonly number[] }
  | { kind: 'text'; text: string };

export interface PdfSection { title: string; blocks: readonly PdfBlock[] }

export interface PdfDocumentSpec {
  lang: PdfLang;
  /** yyyy-mm-dd: the document's dates in its metadata (midnight UTC), so the same content gives the same bytes. */
  createdOn: string;
  title: string;
  /** The metadata title: travels with the file wherever it is forwarded, so no personal data in it. */
  infoTitle: string;
  header: readonly (PdfRow & { bold?: boolean })[];
  sections: readonly PdfSection[];
  /** Printed at the top of every page but the first. */
  runningHeader: string;
  /** Printed at the bottom left of every page (the page number goes right). */
  footer: string;
}

const MARGIN = { top: 45, bottom: 55, left: 50, right: 50 };
const LABEL_WIDTH = 170;
const COLUMN_GAP = 12;
const CELL_GAP = 6;
const ROW_GAP = 2.5;
const SECTION_GAP = 8;
/** About ten lines. */
const KEEP_WHOLE_HEIGHT = 120;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BODY_SIZE = 9.5;
const TABLE_SIZE = 8.5;
/** Rows of a table are measured before printing only when fewer lines than this remain on the page. */
const ROOMY_LINES = 8;
const ACCENT = '#1f3a5f';

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

const LOCALES: Record<PdfLang, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en' };

export async function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  // Midnight UTC of the day: the same content always gives the same bytes.
  const createdAt = new Date(`${spec.createdOn}T00:00:00Z`);
  if (Number.isNaN(createdAt.getTime())) throw new RangeError(`createdOn is not a yyyy-mm-dd date: ${spec.createdOn}`);

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: LOCALES[spec.lang],
    displayTitle: true,
    info: { Title: toWinAnsi(spec.infoTitle), Producer: 'Mutaflow', Creator: 'Mutaflow', CreationDate: createdAt, ModDate: createdAt },
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
  doc.font(BOLD).fontSize(16).text(toWinAnsi(spec.title), left, MARGIN.top, { width: contentWidth });
  doc.moveDown(0.4);
  for (const row of spec.header) {
    const y = doc.y;
    doc.font(FONT).fontSize(10).text(toWinAnsi(row.label), left, y, { width: LABEL_WIDTH });
    const labelEnd = doc.y;
    doc.font(row.bold ? BOLD : FONT).fontSize(10).text(toWinAnsi(row.value), valueX, y, { width: valueWidth });
    doc.x = left;
    doc.y = Math.max(labelEnd, doc.y);
  }
  doc.moveDown(0.4);

  const writeRows = (rows: readonly PdfRow[]) => {
    for (const row of rows) {
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
  };

  const writeTable = (block: Extract<PdfBlock, { kind: 'table' }>) => {
    const n = block.columns.length;
    const weights = block.widths && block.widths.length === n ? block.widths : block.columns.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const usable = contentWidth - CELL_GAP * (n - 1);
    const widths = weights.map((w) => (usable * w) / total);
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0) + CELL_GAP * i);
    // Rows are kept whole (table cells are short); the column headings repeat on a new page.
    // Measuring a cell costs as much as printing it: a row is measured first only near the page's
    // end; with room for ROOMY_LINES lines left it is printed and its height taken from where it ended.
    const draw = (cells: readonly string[], bold: boolean, color: string, force = false) => {
      const texts = cells.map((c) => toWinAnsi(c));
      doc.font(bold ? BOLD : FONT).fontSize(TABLE_SIZE);
      const lineHeight = doc.currentLineHeight(true);
      if (!force && doc.y + ROOMY_LINES * lineHeight > bottom()) {
        const height = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: widths[i] })));
        if (doc.y + height > bottom()) return false;
      }
      const y = doc.y;
      let end = y;
      doc.fillColor(color);
      texts.forEach((t, i) => {
        doc.text(t, xs[i], y, { width: widths[i] });
        end = Math.max(end, doc.y);
      });
      doc.fillColor('black');
      doc.x = left;
      doc.y = end + ROW_GAP;
      return true;
    };
    const head = () => draw(block.columns, true, ACCENT);
    doc.font(BOLD).fontSize(TABLE_SIZE);
    ensureRoom(3 * doc.currentLineHeight(true));
    head();
    for (const cells of block.rows) {
      if (!draw(cells, false, 'black')) {
        doc.addPage();
        head();
        // Taller than a page: printed anyway, flowing on.
        draw(cells, false, 'black', true);
      }
    }
  };

  for (const section of spec.sections) {
    const heading = toWinAnsi(section.title);
    doc.font(BOLD).fontSize(11.5);
    const headingHeight = doc.heightOfString(heading, { width: contentWidth }) + 6;
    // A heading never ends a page alone: keep room for it and a line of its first row.
    ensureRoom(SECTION_GAP + headingHeight + 2 * BODY_SIZE);
    const headingY = doc.y + SECTION_GAP;
    doc.fillColor(ACCENT).text(heading, left, headingY, { width: contentWidth }).fillColor('black');
    const ruleY = doc.y + 1;
    doc.moveTo(left, ruleY).lineTo(left + contentWidth, ruleY).lineWidth(0.5).strokeColor(ACCENT).stroke().strokeColor('black');
    doc.y = ruleY + 4;

    for (const block of section.blocks) {
      if (block.kind === 'rows') writeRows(block.rows);
      else if (block.kind === 'table') writeTable(block);
      else {
        doc.font(FONT).fontSize(BODY_SIZE).text(toWinAnsi(block.text), left, doc.y, { width: contentWidth });
        doc.x = left;
        doc.y += ROW_GAP;
      }
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
    if (i > range.start) doc.text(toWinAnsi(spec.runningHeader), left, 22, { width: contentWidth, lineBreak: false });
    const footerY = doc.page.height - 35;
    doc.text(toWinAnsi(spec.footer), left, footerY, { width: contentWidth / 2, lineBreak: false });
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
