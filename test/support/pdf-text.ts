import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface ParsedPdf { info: Record<string, unknown>; pages: string[] }

/**
 * Reads a PDF back with Mozilla's pdf.js. pdfjs-dist is an ES module that loads its worker with a
 * dynamic import, which jest's CommonJS runtime cannot do (without --experimental-vm-modules): it
 * runs in a plain Node child process instead, the PDF on stdin, JSON on stdout.
 */
const EXTRACT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const { info } = await doc.getMetadata();
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const text = await (await doc.getPage(i)).getTextContent();
  pages.push(text.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : ' ') : '')).join(''));
}
await doc.destroy();
process.stdout.write(JSON.stringify({ info, pages }));
`;

export function parsePdf(pdf: Buffer): Promise<ParsedPdf> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', EXTRACT], { cwd: join(__dirname, '../..'), maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pdf.js failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as ParsedPdf);
    });
    child.stdin!.end(pdf);
  });
}

/** Lines wrap at spaces: joined back with single spaces, a wrapped value reads as written. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');
