/*
 * The worksheet's XML, scanned as bytes. A 100k-row × 40-column sheet is ~130 MB of XML and ~10
 * million elements; a general SAX parser (saxes) spent ~3.5 s of a ~6 s read building a tag
 * object, an attribute object and a text string for each of them, most never looked at, after the
 * whole sheet had been decoded to text. This scanner reads the inflated bytes where they are and
 * hands the sheet what it asks for: element names (interned: a sheet uses a few dozen), the
 * attributes it reads (decoded when read), and text only while it captures.
 *
 * It is as strict as saxes where a damaged sheet must be refused — every element closed by its own
 * name, one root, attributes quoted and not repeated, `<` never inside a value, `&` only as one of
 * the five entities or a character reference, nothing but markup and white space outside the root,
 * nothing left open at the end, names made of name characters, no control character, no `--` in a
 * comment nor `]]>` in text — and reads line ends and attribute values as XML defines them (the
 * property tests hold it to saxes). Where it differs: it does not check the XML declaration (nor an
 * `xml` processing instruction elsewhere), which characters beyond ASCII a name may hold, nor
 * U+FFFE and U+FFFF; bytes that are not UTF-8 read as U+FFFD, as the text decoder before saxes
 * reads them, but two such names compare as bytes. And it refuses what no spreadsheet program
 * writes and what would cost without bound: a DOCTYPE (its entities are how XML is made to read
 * files or expand), a tag, text or comment still unfinished after 1 MiB (it is scanned again with
 * each chunk; Excel's own limits are 32,767 characters a cell and 8,192 a formula), and more than
 * 4,096 different names. The other parts of a workbook (a few kilobytes) stay with saxes.
 */

/** What the scanner tells the sheet. `wantsText` is read before each piece of text. */
export interface SheetXmlHandler {
  wantsText: boolean;
  /** `name` without its prefix (`x:c` → `c`); `tag.attr(name)` reads an attribute of this tag, during the call. */
  open(name: string, tag: SheetTag, selfClosing: boolean): void;
  /** Also called right after `open` for a self-closing element. */
  close(name: string): void;
  /** Text with its references decoded, or a CDATA section as it stands. */
  text(text: string): void;
}

export interface SheetTag {
  attr(name: string): string | undefined;
}

class SheetXmlError extends Error {}

/** The five entities XML predefines (a Map: `&constructor;` is no entity). */
const PREDEFINED = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', '\'']]);

/**
 * Text or an attribute value as XML defines it: references (`&amp;`, `&#38;`, `&#x26;`) decoded, any
 * other `&` an error; line ends (CR LF, CR) read as LF; in an attribute value, literal tabs and line
 * ends read as spaces (what a reference stands for stays as it is).
 */
function decode(s: string, attribute: boolean): string {
  let out = '';
  let from = 0;
  const end = s.length;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 /* & */) {
      const semi = s.indexOf(';', i + 1);
      // A named entity is one of five short names; a character reference may carry leading zeros.
      if (semi < 0 || (semi - i > 12 && s.charCodeAt(i + 1) !== 35)) throw new SheetXmlError('a reference without its ";"');
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
    const ch = PREDEFINED.get(ref);
    if (ch === undefined) throw new SheetXmlError('an undeclared entity');
    return ch;
  }
  const code = ref[1] === 'x' ? /^x[0-9a-fA-F]+$/.test(ref.slice(1)) && parseInt(ref.slice(2), 16) : /^[0-9]+$/.test(ref.slice(1)) && parseInt(ref.slice(1), 10);
  if (code === false || !(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) {
    throw new SheetXmlError('a character reference to no allowed character');
  }
  return String.fromCodePoint(code);
}

/** ASCII bytes in names: 2 may start one, 1 may follow (XML's NameStartChar and NameChar); any byte beyond ASCII is taken. */
const NAME = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  NAME[c] = c >= 128 ? 2 : /[A-Za-z_:]/.test(ch) ? 2 : /[0-9.-]/.test(ch) ? 1 : 0;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

// What a range of text or a value holds (ORed), so that plain ASCII is taken as it stands.
const NEEDS_DECODING = 1; // "&", CR (and in a value, tab or LF)
const NOT_ASCII = 2;

/** The longest tag, text, comment or CDATA section a sheet may hold. */
const MAX_UNFINISHED = 1 << 20;
/** Different element and attribute names a sheet may use (Excel's use a few dozen). */
const MAX_NAMES = 4096;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COMMENT_END = Buffer.from('-->');
const CDATA_START = Buffer.from('<![CDATA[');
const CDATA_END = Buffer.from(']]>');
const COMMENT_START = Buffer.from('<!--');
const PI_END = Buffer.from('?>');

/** A name as the sheet sees it, once per distinct name. */
interface Name {
  bytes: Buffer;
  qualified: string;
  local: string;
  /** The last tag (SheetXmlScanner.tags) that gave it as an attribute: tells a repeated attribute in one step. */
  tag: number;
}

/** Feed it the sheet's bytes in chunks (`write`), then `close`; errors are thrown as SheetXmlError. */
export class SheetXmlScanner implements SheetTag {
  /** Bytes not yet scanned: an incomplete construct at the end of the last chunk. */
  private rest: Buffer = Buffer.alloc(0);
  /** Open elements. */
  private readonly stack: Name[] = [];
  private rootSeen = false;
  private first = true;
  /** Interned names, by the name's bytes read as Latin-1 (string keys: V8 seeds their hashes, so no upload can make them collide). */
  private readonly names = new Map<string, Name>();
  /** Tags opened so far. */
  private tags = 0;
  /** The name last interned per length and first byte (see `intern`). */
  private readonly recent: (Name | undefined)[] = new Array<Name | undefined>(32 << 8).fill(undefined);
  // The current tag's attributes, decoded only when read.
  private buf: Buffer = this.rest;
  private attrNames: Name[] = [];
  private attrStart: number[] = [];
  private attrEnd: number[] = [];
  private attrKind: number[] = [];
  private count = 0;
  /** `latin1Of` read as Latin-1, when some ASCII text of it was asked for. */
  private latin1Of: Buffer | undefined;
  private latin1 = '';

  constructor(private readonly handler: SheetXmlHandler) {}

  attr(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) {
      if (this.attrNames[i].qualified === name) return this.textAt(this.buf, this.attrStart[i], this.attrEnd[i], this.attrKind[i], true);
    }
    return undefined;
  }

  write(chunk: Buffer): void {
    let buf = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    if (this.first && buf.length > 0) {
      if (buf.length < 3 && buf[0] === 0xef) {
        this.rest = Buffer.from(buf);
        return;
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const at = this.scan(buf);
    // An unfinished tag, text or comment is scanned again with each chunk: bounded, that stays
    // linear. Excel's own limits are 32,767 characters a cell and 8,192 a formula.
    if (buf.length - at > MAX_UNFINISHED) throw new SheetXmlError('a tag, text or comment longer than 1 MiB');
    this.latin1Of = undefined;
    this.latin1 = '';
    // A copy: the chunk's memory is the stream's.
    this.rest = Buffer.from(buf.subarray(at));
  }

  close(): void {
    const buf = this.rest;
    this.rest = Buffer.alloc(0);
    if (buf.indexOf(LT) >= 0) throw new SheetXmlError('the XML ends inside a tag');
    this.textOf(buf, 0, buf.length);
    if (this.stack.length > 0) throw new SheetXmlError('the XML ends with an element left open');
    if (!this.rootSeen) throw new SheetXmlError('the XML has no root element');
  }

  /** Scans what is complete in `buf`; returns where the incomplete rest starts. */
  private scan(buf: Buffer): number {
    const h = this.handler;
    const n = buf.length;
    let i = 0;
    while (i < n) {
      // A loop, not Buffer#indexOf: its call costs more than the few bytes of text between two tags.
      let lt = i;
      while (lt < n && buf[lt] !== LT) lt++;
      // Text up to the end may go on in the next chunk: keep it.
      if (lt === n) return i;
      if (lt > i) this.textOf(buf, i, lt);
      if (lt + 1 >= n) return lt;
      const c = buf[lt + 1];
      if (c === SLASH) {
        let gt = lt + 2;
        while (gt < n && buf[gt] !== GT) gt++;
        if (gt === n) return lt;
        let end = gt;
        while (end > lt + 2 && isSpace(buf[end - 1])) end--;
        const open = this.stack.pop();
        if (open === undefined || !sameBytes(open.bytes, buf, lt + 2, end)) throw new SheetXmlError('an element closed by another name');
        h.close(open.local);
        i = gt + 1;
      } else if (c === QUESTION) {
        const end = buf.indexOf(PI_END, lt + 2);
        if (end < 0) return lt;
        let target = lt + 2;
        while (target < end && !isSpace(buf[target])) target++;
        if (!isName(buf, lt + 2, target)) throw new SheetXmlError('a processing instruction without a target');
        checkCharacters(buf, target, end);
        i = end + 2;
      } else if (c === BANG) {
        if (startsWith(buf, lt, COMMENT_START)) {
          const end = buf.indexOf(COMMENT_END, lt + 4);
          if (end < 0) return lt;
          const dashes = buf.indexOf('--', lt + 4);
          if (dashes < end) throw new SheetXmlError('"--" inside a comment');
          checkCharacters(buf, lt + 4, end);
          i = end + 3;
        } else if (startsWith(buf, lt, CDATA_START)) {
          const end = buf.indexOf(CDATA_END, lt + 9);
          if (end < 0) return lt;
          if (this.stack.length === 0) throw new SheetXmlError('CDATA outside the root element');
          checkCharacters(buf, lt + 9, end);
          if (h.wantsText) {
            const cdata = buf.toString('utf8', lt + 9, end);
            h.text(cdata.includes('\r') ? cdata.replace(/\r\n?/g, '\n') : cdata);
          }
          i = end + 3;
        } else if (isPrefixOf(buf, lt, CDATA_START) || isPrefixOf(buf, lt, COMMENT_START)) {
          return lt;
        } else {
          throw new SheetXmlError('a DOCTYPE or declaration in a worksheet');
        }
      } else {
        const next = this.openTag(buf, lt);
        if (next < 0) return lt;
        i = next;
      }
    }
    return n;
  }

  private textOf(buf: Buffer, start: number, end: number): void {
    if (start === end) return;
    if (this.stack.length === 0) {
      for (let i = start; i < end; i++) if (!isSpace(buf[i])) throw new SheetXmlError('text outside the root element');
      return;
    }
    const kind = textKind(buf, start, end);
    if (this.handler.wantsText) this.handler.text(this.textAt(buf, start, end, kind, false));
    else if (kind & NEEDS_DECODING) this.textAt(buf, start, end, kind, false);
  }

  private textAt(buf: Buffer, start: number, end: number, kind: number, attribute: boolean): string {
    if (kind === 0) {
      // ASCII: a slice of the chunk read as Latin-1 once (a byte per character, so offsets hold);
      // a decoder call per value cost ~0.15 µs, 4 million times for a 100k × 40 sheet.
      if (this.latin1Of !== buf) {
        this.latin1Of = buf;
        this.latin1 = buf.toString('latin1');
      }
      // From 13 characters on, V8 keeps a slice as a view of the whole chunk's string: a value kept
      // by the sink would hold the chunk. Such values are read as their own string.
      return end - start < 13 ? this.latin1.slice(start, end) : buf.toString('latin1', start, end);
    }
    const s = buf.toString('utf8', start, end);
    return kind & NEEDS_DECODING ? decode(s, attribute) : s;
  }

  /** An open tag at `lt`: returns the index after it, or -1 when it is not complete in `buf`. */
  private openTag(buf: Buffer, lt: number): number {
    const n = buf.length;
    let i = lt + 1;
    while (i < n) {
      const c = buf[i];
      if (c === GT || c === SLASH || isSpace(c)) break;
      if (NAME[c] === 0) throw new SheetXmlError('a malformed tag');
      i++;
    }
    if (i >= n) return -1;
    if (i === lt + 1 || NAME[buf[lt + 1]] !== 2) throw new SheetXmlError('a tag without a name');
    const nameStart = lt + 1;
    const nameEnd = i;
    this.count = 0;
    this.tags++;
    for (;;) {
      while (i < n && isSpace(buf[i])) i++;
      if (i >= n) return -1;
      const c = buf[i];
      if (c === GT) return this.opened(buf, nameStart, nameEnd, false, i + 1);
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (buf[i + 1] !== GT) throw new SheetXmlError('a malformed tag');
        return this.opened(buf, nameStart, nameEnd, true, i + 2);
      }
      // An attribute: name, "=", a quoted value.
      const attrStart = i;
      while (i < n) {
        const d = buf[i];
        if (d === 61 /* = */ || isSpace(d)) break;
        if (NAME[d] === 0) throw new SheetXmlError('a malformed attribute');
        i++;
      }
      if (i >= n) return -1;
      const attrEnd = i;
      if (attrEnd === attrStart || NAME[buf[attrStart]] !== 2) throw new SheetXmlError('an attribute without a name');
      while (i < n && isSpace(buf[i])) i++;
      if (i >= n) return -1;
      if (buf[i] !== 61) throw new SheetXmlError('an attribute without a value');
      i++;
      while (i < n && isSpace(buf[i])) i++;
      if (i >= n) return -1;
      const quote = buf[i];
      if (quote !== 34 && quote !== 39) throw new SheetXmlError('an attribute value without quotes');
      const valueStart = i + 1;
      let kind = 0;
      for (i = valueStart; i < n; i++) {
        const d = buf[i];
        if (d === quote) break;
        if (d === LT) throw new SheetXmlError('"<" in an attribute value');
        if (d < 32) {
          if (d !== 9 && d !== 10 && d !== 13) throw new SheetXmlError('a control character');
          kind |= NEEDS_DECODING;
        } else if (d === 38) kind |= NEEDS_DECODING;
        else if (d >= 128) kind |= NOT_ASCII;
      }
      if (i >= n) return -1;
      const name = this.intern(buf, attrStart, attrEnd);
      if (name.tag === this.tags) throw new SheetXmlError('an attribute given twice');
      name.tag = this.tags;
      this.attrNames[this.count] = name;
      this.attrStart[this.count] = valueStart;
      this.attrEnd[this.count] = i;
      this.attrKind[this.count] = kind;
      this.count++;
      // A reference is checked now, read or not.
      if (kind & NEEDS_DECODING) this.textAt(buf, valueStart, i, kind, true);
      i++;
      const after = i < n ? buf[i] : -1;
      if (after >= 0 && after !== GT && after !== SLASH && !isSpace(after)) throw new SheetXmlError('attributes not separated by white space');
    }
  }

  private opened(buf: Buffer, nameStart: number, nameEnd: number, selfClosing: boolean, next: number): number {
    if (this.stack.length === 0) {
      if (this.rootSeen) throw new SheetXmlError('a second root element');
      this.rootSeen = true;
    }
    const name = this.intern(buf, nameStart, nameEnd);
    this.buf = buf;
    this.handler.open(name.local, this, selfClosing);
    this.count = 0;
    if (selfClosing) this.handler.close(name.local);
    else this.stack.push(name);
    return next;
  }

  private intern(buf: Buffer, start: number, end: number): Name {
    // The name last seen with this length and first byte, most often the one (c, v, r, s, t, row).
    const slot = end - start < 32 ? ((end - start) << 8) | buf[start] : -1;
    const last = slot >= 0 ? this.recent[slot] : undefined;
    if (last !== undefined && sameBytes(last.bytes, buf, start, end)) return last;
    const name = this.internSlow(buf, start, end);
    if (slot >= 0) this.recent[slot] = name;
    return name;
  }

  private internSlow(buf: Buffer, start: number, end: number): Name {
    const key = buf.toString('latin1', start, end);
    const known = this.names.get(key);
    if (known !== undefined) return known;
    if (this.names.size >= MAX_NAMES) throw new SheetXmlError('more different element and attribute names than a sheet has');
    const bytes = Buffer.from(buf.subarray(start, end));
    const qualified = bytes.toString('utf8');
    const colon = qualified.indexOf(':');
    const name: Name = { bytes, qualified, local: colon < 0 ? qualified : qualified.slice(colon + 1), tag: 0 };
    this.names.set(key, name);
    return name;
  }
}

/** Refuses the control characters XML does not allow (all below 32 but tab, LF and CR). */
function checkCharacters(buf: Buffer, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) throw new SheetXmlError('a control character');
  }
}

/** What a range of text holds; throws on "]]>". */
function textKind(buf: Buffer, start: number, end: number): number {
  let kind = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c < 32) {
      if (c === 13) kind |= NEEDS_DECODING;
      else if (c !== 9 && c !== 10) throw new SheetXmlError('a control character');
    } else if (c === 38) kind |= NEEDS_DECODING;
    else if (c >= 128) kind |= NOT_ASCII;
    else if (c === 93 /* ] */ && buf[i + 1] === 93 && buf[i + 2] === GT && i + 2 < end) throw new SheetXmlError('"]]>" in text');
  }
  return kind;
}

function isName(buf: Buffer, start: number, end: number): boolean {
  if (end <= start || NAME[buf[start]] !== 2) return false;
  for (let i = start + 1; i < end; i++) if (NAME[buf[i]] === 0) return false;
  return true;
}

function sameBytes(a: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (end - start !== a.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

function startsWith(buf: Buffer, at: number, what: Buffer): boolean {
  return at + what.length <= buf.length && sameBytes(what, buf, at, at + what.length);
}

/** Whether buf[at..] is all there is so far of `what` (more may come). */
function isPrefixOf(buf: Buffer, at: number, what: Buffer): boolean {
  return buf.length - at < what.length && sameBytes(what.subarray(0, buf.length - at), buf, at, buf.length);
}
