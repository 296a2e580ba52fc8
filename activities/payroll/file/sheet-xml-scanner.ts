/*
 * The worksheet's XML, scanned. A 100k-row × 40-column sheet is ~130 MB of XML and ~10 million
 * elements; a general SAX parser (saxes) spent ~3.5 s of a ~6 s read building a tag object, an
 * attribute object and a text string for each of them, most never looked at. This scanner reads
 * the same XML with `indexOf` and hands the sheet only what it asks for: names, the attributes it
 * reads, and text only while it captures.
 *
 * It is strict where a damaged sheet must be refused — every element closed by its own name, one
 * root, attributes quoted and not repeated, `<` never inside a value, `&` only as a known entity or
 * a character reference, nothing but markup and white space outside the root, nothing left open
 * at the end, names made of name characters, no `--` in a comment nor `]]>` in text — and reads line
 * ends and attribute values as XML defines them. What it does not check: the XML declaration, and
 * which characters beyond ASCII a name may hold. A DOCTYPE is refused: a workbook never has one,
 * and its entities are how XML is made to read files or expand without bound.
 * The other parts of a workbook (a few kilobytes) stay with saxes.
 */

/** What the scanner tells the sheet. `wantsText` is read before each piece of text. */
export interface SheetXmlHandler {
  wantsText: boolean;
  /** `name` without its prefix (`x:c` → `c`); `tag.attr(name)` reads an attribute of this tag. */
  open(name: string, tag: SheetTag, selfClosing: boolean): void;
  /** Also called right after `open` for a self-closing element. */
  close(name: string): void;
  /** Text with its references decoded, or a CDATA section as it stands. */
  text(text: string): void;
}

export interface SheetTag {
  attr(name: string): string | undefined;
}

export class SheetXmlError extends Error {}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' };

/**
 * Text or an attribute value as XML defines it: references (`&amp;`, `&#38;`, `&#x26;`) decoded, any
 * other `&` an error; line ends (CR LF, CR) read as LF; in an attribute value, literal tabs and line
 * ends read as spaces (what a reference stands for stays as it is).
 */
function decode(s: string, start: number, end: number, attribute: boolean): string {
  let out = '';
  let from = start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 /* & */) {
      const semi = s.indexOf(';', i + 1);
      if (semi < 0 || semi >= end || semi - i > 12) throw new SheetXmlError('a reference without its ";"');
      out += s.slice(from, i) + reference(s.slice(i + 1, semi));
      i = semi;
      from = semi + 1;
    } else if (c === 13 /* CR */) {
      out += s.slice(from, i) + (attribute ? ' ' : '\n');
      if (i + 1 < end && s.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
    } else if (attribute && (c === 9 || c === 10)) {
      out += `${s.slice(from, i)} `;
      from = i + 1;
    }
  }
  return out + s.slice(from, end);
}

function reference(ref: string): string {
  if (ref.charCodeAt(0) !== 35 /* # */) {
    const ch = PREDEFINED[ref];
    if (ch === undefined) throw new SheetXmlError('an undeclared entity');
    return ch;
  }
  const code = ref[1] === 'x' ? /^x[0-9a-fA-F]+$/.test(ref.slice(1)) && parseInt(ref.slice(2), 16) : /^[0-9]+$/.test(ref.slice(1)) && parseInt(ref.slice(1), 10);
  if (code === false || !(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) {
    throw new SheetXmlError('a character reference to no allowed character');
  }
  return String.fromCodePoint(code);
}

/** True when an attribute value can be taken as it stands (no reference, tab or line end). */
function plainValue(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c < 32) return false;
  }
  return true;
}

const NONE = Number.MAX_SAFE_INTEGER;

/** ASCII in names: 2 may start one, 1 may follow (XML's NameStartChar and NameChar); beyond ASCII any character is taken. */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  NAME[c] = /[A-Za-z_:]/.test(ch) ? 2 : /[0-9.-]/.test(ch) ? 1 : 0;
}

/** Whether s[start..end) is a name, as far as its ASCII characters go. */
function isName(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const first = s.charCodeAt(start);
  if (first < 128 && NAME[first] !== 2) return false;
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && NAME[c] === 0) return false;
  }
  return true;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function allSpace(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** Feed it the sheet's text in chunks (`write`), then `close`; errors are thrown as SheetXmlError. */
export class SheetXmlScanner implements SheetTag {
  /** Text not yet scanned: an incomplete construct at the end of the last chunk. */
  private rest = '';
  /** Open elements, qualified names. */
  private readonly stack: string[] = [];
  private rootSeen = false;
  private first = true;
  // The current tag's attributes.
  private names: string[] = [];
  private values: string[] = [];
  private count = 0;
  /** The next "&" and CR in the text being scanned, at or after the last position asked; NONE when there is none. */
  private amp = -1;
  private cr = -1;
  /** The next "]]>", which text may not hold. */
  private cdataEnd = -1;

  constructor(private readonly handler: SheetXmlHandler) {}

  attr(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }

  write(chunk: string): void {
    let s = this.rest + chunk;
    if (this.first && s.length > 0) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    this.amp = this.cr = this.cdataEnd = -1;
    this.rest = s.slice(this.scan(s));
  }

  /** Whether s[start..end) holds an "&" or a CR: one search per chunk for each, not one per text. */
  private special(s: string, start: number, end: number): boolean {
    if (this.amp !== NONE && this.amp < start) {
      const at = s.indexOf('&', start);
      this.amp = at < 0 ? NONE : at;
    }
    if (this.cr !== NONE && this.cr < start) {
      const at = s.indexOf('\r', start);
      this.cr = at < 0 ? NONE : at;
    }
    return this.amp < end || this.cr < end;
  }

  close(): void {
    const s = this.rest;
    this.rest = '';
    const lt = s.indexOf('<');
    if (lt >= 0) throw new SheetXmlError('the XML ends inside a tag');
    this.amp = this.cr = this.cdataEnd = -1;
    this.textOf(s, 0, s.length);
    if (this.stack.length > 0) throw new SheetXmlError('the XML ends with an element left open');
    if (!this.rootSeen) throw new SheetXmlError('the XML has no root element');
  }

  /** Scans what is complete in `s`; returns where the incomplete rest starts. */
  private scan(s: string): number {
    const h = this.handler;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      // Text up to the end may go on in the next chunk (a reference may be cut): keep it.
      if (lt < 0) return i;
      if (lt > i) this.textOf(s, i, lt);
      if (lt + 1 >= n) return lt;
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) return lt;
        let end = gt;
        while (end > lt + 2 && isSpace(s.charCodeAt(end - 1))) end--;
        const qname = s.slice(lt + 2, end);
        const open = this.stack.pop();
        if (open !== qname) throw new SheetXmlError('an element closed by another name');
        h.close(localName(qname));
        i = gt + 1;
      } else if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        let target = lt + 2;
        while (target < end && !isSpace(s.charCodeAt(target))) target++;
        if (!isName(s, lt + 2, target)) throw new SheetXmlError('a processing instruction without a target');
        i = end + 2;
      } else if (c === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          if (s.indexOf('--', lt + 4) < end) throw new SheetXmlError('"--" inside a comment');
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          if (this.stack.length === 0) throw new SheetXmlError('CDATA outside the root element');
          if (h.wantsText) {
            const cdata = s.slice(lt + 9, end);
            h.text(cdata.includes('\r') ? cdata.replace(/\r\n?/g, '\n') : cdata);
          }
          i = end + 3;
        } else if (n - lt < 9 && '<![CDATA['.startsWith(s.slice(lt)) || n - lt < 4 && '<!--'.startsWith(s.slice(lt))) {
          return lt;
        } else {
          throw new SheetXmlError('a DOCTYPE or declaration in a worksheet');
        }
      } else {
        const next = this.openTag(s, lt);
        if (next < 0) return lt;
        i = next;
      }
    }
    return n;
  }

  private textOf(s: string, start: number, end: number): void {
    const h = this.handler;
    if (this.stack.length === 0) {
      if (!allSpace(s, start, end)) throw new SheetXmlError('text outside the root element');
      return;
    }
    if (this.cdataEnd !== NONE && this.cdataEnd < start) {
      const at = s.indexOf(']]>', start);
      this.cdataEnd = at < 0 ? NONE : at;
    }
    if (this.cdataEnd < end) throw new SheetXmlError('"]]>" in text');
    const plain = !this.special(s, start, end);
    if (h.wantsText) h.text(plain ? s.slice(start, end) : decode(s, start, end, false));
    else if (!plain) decode(s, start, end, false);
  }

  /** An open tag at `lt`: returns the index after it, or -1 when it is not complete in `s`. */
  private openTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 62 /* > */ || c === 47 /* / */ || isSpace(c)) break;
      if (c === 60 /* < */ || c === 61 /* = */ || c === 34 || c === 39) throw new SheetXmlError('a malformed tag');
      i++;
    }
    if (i >= n) return -1;
    if (!isName(s, lt + 1, i)) throw new SheetXmlError('a tag without a name');
    const qname = s.slice(lt + 1, i);
    this.count = 0;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === 62 /* > */) return this.opened(qname, false, i + 1);
      if (c === 47 /* / */) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== 62) throw new SheetXmlError('a malformed tag');
        return this.opened(qname, true, i + 2);
      }
      // An attribute: name, "=", a quoted value.
      const nameStart = i;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d === 61 /* = */ || isSpace(d)) break;
        if (d === 62 || d === 47 || d === 60 || d === 34 || d === 39) throw new SheetXmlError('a malformed attribute');
        i++;
      }
      const nameEnd = i;
      if (!isName(s, nameStart, nameEnd)) throw new SheetXmlError('an attribute without a name');
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (s.charCodeAt(i) !== 61) throw new SheetXmlError('an attribute without a value');
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const quote = s.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw new SheetXmlError('an attribute value without quotes');
      const close = s.indexOf(quote === 34 ? '"' : '\'', i + 1);
      if (close < 0) return -1;
      const lt2 = s.indexOf('<', i + 1);
      if (lt2 >= 0 && lt2 < close) throw new SheetXmlError('"<" in an attribute value');
      const name = s.slice(nameStart, nameEnd);
      for (let k = 0; k < this.count; k++) if (this.names[k] === name) throw new SheetXmlError('an attribute given twice');
      this.names[this.count] = name;
      this.values[this.count] = plainValue(s, i + 1, close) ? s.slice(i + 1, close) : decode(s, i + 1, close, true);
      this.count++;
      i = close + 1;
      const after = i < n ? s.charCodeAt(i) : -1;
      if (after >= 0 && after !== 62 && after !== 47 && !isSpace(after)) throw new SheetXmlError('attributes not separated by white space');
    }
  }

  private opened(qname: string, selfClosing: boolean, next: number): number {
    if (this.stack.length === 0) {
      if (this.rootSeen) throw new SheetXmlError('a second root element');
      this.rootSeen = true;
    }
    const name = localName(qname);
    this.handler.open(name, this, selfClosing);
    if (selfClosing) this.handler.close(name);
    else this.stack.push(qname);
    return next;
  }
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}
