/**
 * The worksheet scanner against saxes (the XML parser the rest of the workbook is read with):
 * on generated documents fed in random chunks it reports the same elements, attributes and text,
 * and on damaged ones it refuses what saxes refuses. Seeds are fixed: a failure repeats.
 */
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { type SheetXmlHandler, SheetXmlScanner } from '../../../activities/payroll/file/sheet-xml-scanner';

type Event = ['open', string, [string, string][], boolean] | ['close', string] | ['text', string];

const ATTRIBUTES = ['r', 's', 't', 'spans', 'x14ac:dyDescent'];

/** Adjacent texts as one (where a parser splits text is its own business). */
function merged(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
    else if (e[0] !== 'text' || e[1] !== '') out.push(e);
  }
  return out;
}

function withSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    depth++;
    const name = tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name;
    events.push(['open', name, ATTRIBUTES.flatMap((a): [string, string][] => (tag.attributes[a] === undefined ? [] : [[a, tag.attributes[a] as string]])), tag.isSelfClosing]);
  });
  parser.on('closetag', (tag) => {
    depth--;
    events.push(['close', tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name]);
  });
  parser.on('text', (t) => { if (depth > 0) events.push(['text', t]); });
  parser.on('cdata', (t) => events.push(['text', t]));
  parser.write(xml);
  parser.close();
  return merged(events);
}

function withScanner(chunks: Buffer[]): Event[] {
  const events: Event[] = [];
  const handler: SheetXmlHandler = {
    wantsText: true,
    open: (name, tag, selfClosing) => events.push(['open', name, ATTRIBUTES.flatMap((a): [string, string][] => (tag.attr(a) === undefined ? [] : [[a, tag.attr(a)!]])), selfClosing]),
    close: (name) => events.push(['close', name]),
    text: (t) => events.push(['text', t]),
  };
  const scanner = new SheetXmlScanner(handler);
  for (const c of chunks) scanner.write(c);
  scanner.close();
  return merged(events);
}

/** The document's UTF-8 bytes cut at the given places (within a character too, as a zip stream may cut it). */
function cut(xml: string, at: number[]): Buffer[] {
  const bytes = Buffer.from(xml);
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

const outcome = (read: () => Event[]): Event[] | 'refused' => {
  try {
    return read();
  } catch {
    return 'refused';
  }
};

// Characters as a spreadsheet program writes them: escaped one way or another.
const textChar = fc.constantFrom('a', 'Z', '0', ' ', '\n', '\t', 'é', '€', '😀', ']', '&amp;', '&#38;', '&#x26;', '&lt;', '&#60;', 'a>', '&gt;', '\r\n', '\r', '"', '&quot;', '\'', '&apos;', '&#233;', '&#x1F600;', '&#0000000065;', '&#x00000000041;');
const text = fc.array(textChar, { maxLength: 6 }).map((a) => a.join('').replace(/]]>/g, ']]&gt;'));
const space = fc.constantFrom('', ' ', '\n', '  ', '\r\n\t');
const attribute = fc.record({ name: fc.constantFrom(...ATTRIBUTES), value: text, quote: fc.constantFrom('"', '\''), before: fc.constantFrom(' ', '\n', ' \t'), eq: fc.constantFrom('=', ' = ') });

interface Element { name: string; attributes: { name: string; value: string; quote: string; before: string; eq: string }[]; children: (Element | string)[]; selfClose: boolean; end: string }

const { element } = fc.letrec<{ element: Element; node: Element | string }>((tie) => ({
  element: fc.record({
    name: fc.constantFrom('row', 'c', 'v', 't', 'is', 'x:c', 'r', 'rPh', 'sheetData'),
    attributes: fc.uniqueArray(attribute, { selector: (a) => a.name, maxLength: 4 }),
    children: fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }),
    selfClose: fc.boolean(),
    end: space,
  }),
  // Leaves first: past the depth, fast-check takes the first.
  node: fc.oneof({ depthSize: 'small', depthIdentifier: 'tree', maxDepth: 4 },
    text,
    tie('element'),
    text.map((t) => `<![CDATA[${t.replace(/]]>/g, '')}<&>]]>`),
    fc.constantFrom('<!-- a comment - ->- -->', '<?pi some data?>', '<!---->')),
}));

function serialise(e: Element): string {
  // Quotes of the attribute's own kind are escaped; "<" never stands in a value.
  const value = (v: string, q: string) => v.replace(/</g, '&lt;').replace(q === '"' ? /"/g : /'/g, q === '"' ? '&quot;' : '&apos;');
  const open = `<${e.name}${e.attributes.map((a) => `${a.before}${a.name}${a.eq}${a.quote}${value(a.value, a.quote)}${a.quote}`).join('')}${e.end}`;
  if (e.children.length === 0 && e.selfClose) return `${open}/>`;
  return `${open}>${e.children.map((c) => (typeof c === 'string' ? c : serialise(c))).join('')}</${e.name}${e.end}>`;
}

const documentOf = fc.record({
  bom: fc.boolean(),
  declaration: fc.boolean(),
  before: fc.constantFrom('', '\n', '<!-- before -->\n'),
  root: element,
  after: fc.constantFrom('', '\n', ' <!-- after --> \n'),
}).map((d) => `${d.bom ? '\uFEFF' : ''}${d.declaration ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' : ''}${d.before}${serialise(d.root)}${d.after}`);

describe('SheetXmlScanner', () => {
  it('reads generated documents, in any chunks, as saxes reads them whole (property)', () => {
    fc.assert(fc.property(documentOf, fc.array(fc.nat(), { maxLength: 6 }), (xml, at) => {
      expect(withScanner(cut(xml, at))).toEqual(withSaxes(xml));
    }), { seed: 2412, numRuns: 2000 });
  });

  it('refuses a damaged document exactly when saxes does (property)', () => {
    let refused = 0;
    const damage = fc.record({ at: fc.nat(), kind: fc.constantFrom('drop', 'insert', 'truncate'), char: fc.constantFrom('<', '>', '/', '&', '"', '\'', '=', ';', ' ', 'x', '\u0001') });
    fc.assert(fc.property(documentOf, damage, fc.array(fc.nat(), { maxLength: 4 }), (xml, d, at) => {
      // By characters, not UTF-16 units: the sheet's text comes from UTF-8, which holds no half character.
      const chars = Array.from(xml);
      // The XML declaration is not checked (what it may say changes nothing in a sheet): damage falls after it.
      const from = xml.includes('<?xml') ? Array.from(xml.slice(0, xml.indexOf('?>') + 2)).length : 0;
      const p = from + (d.at % (chars.length - from));
      const bad = (d.kind === 'drop' ? [...chars.slice(0, p), ...chars.slice(p + 1)] : d.kind === 'insert' ? [...chars.slice(0, p), d.char, ...chars.slice(p)] : chars.slice(0, p)).join('');
      const reference = outcome(() => withSaxes(bad));
      const ours = outcome(() => withScanner(cut(bad, at)));
      if (ours === 'refused') refused++;
      expect(ours).toEqual(reference);
    }), { seed: 77, numRuns: 3000 });
    // Most damage is damage.
    expect(refused).toBeGreaterThan(1000);
  });

  it.each([
    ['an element closed by another name', '<a><b></a></b>'],
    ['an element left open', '<a><b></b>'],
    ['a tag cut off', '<a><b x="1"'],
    ['text outside the root', '<a/>text'],
    ['a second root', '<a/><b/>'],
    ['no root', '  '],
    ['a value without quotes', '<a x=1/>'],
    ['an attribute given twice', '<a x="1" x="2"/>'],
    ['"<" in a value', '<a x="<"/>'],
    ['an undeclared entity', '<a>&nbsp;</a>'],
    ['a bare "&"', '<a>fish & chips</a>'],
    ['a reference to no character', '<a>&#0;</a>'],
    ['a DOCTYPE (its entities read files or expand without bound)', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['a control character in text', '<a>\u0001</a>'],
    ['a control character in a value', '<a x="\u0008"/>'],
    ['a control character in CDATA', '<a><![CDATA[\u0001]]></a>'],
    ['a control character in a comment', '<a><!--\u0001--></a>'],
    ['a control character in a processing instruction', '<a><?pi \u0001?></a>'],
    ['an object\'s property as an entity', '<a>&constructor;</a>'],
    ['an object\'s property as an entity in a value', '<a x="&__proto__;"/>'],
  ])('refuses %s', (_what, xml) => {
    expect(() => withScanner([Buffer.from(xml)])).toThrow();
    expect(() => withSaxes(xml)).toThrow();
  });

  it('refuses what no spreadsheet program writes and would cost without bound: a piece over 1 MiB, thousands of names', () => {
    const long = `<a><v>${'x'.repeat(2 << 20)}</v></a>`;
    expect(withSaxes(long)).toHaveLength(5);
    expect(() => withScanner(cut(long, Array.from({ length: 140 }, (_, i) => i * 16_384)))).toThrow('longer than 1 MiB');
    // Just under the bound, in chunks: read whole.
    const under = `<a><v>${'é'.repeat(500_000)}</v></a>`;
    expect(withScanner(cut(under, Array.from({ length: 70 }, (_, i) => i * 16_384)))).toEqual(withSaxes(under));
    const names = `<a>${Array.from({ length: 4100 }, (_, i) => `<n${i}/>`).join('')}</a>`;
    expect(() => withScanner([Buffer.from(names)])).toThrow('names');
    // Many attributes on one tag, a repeated one found among them.
    const attributes = Array.from({ length: 3000 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(() => withScanner([Buffer.from(`<a ${attributes}/>`)])).not.toThrow();
    expect(() => withScanner([Buffer.from(`<a ${attributes} a2999="x"/>`)])).toThrow('twice');
  });

  it('reads bytes that are not UTF-8 as U+FFFD, as a text decoder does for saxes', () => {
    const bytes = Buffer.concat([Buffer.from('<a x="\u00e9'), Buffer.from([0xff]), Buffer.from('">caf'), Buffer.from([0xe9]), Buffer.from('</a>')]);
    expect(withScanner([bytes.subarray(0, 9), bytes.subarray(9)])).toEqual(withSaxes(bytes.toString('utf8')));
  });

  it('reads only the text it is asked for, and decodes it once', () => {
    const texts: string[] = [];
    let capture = false;
    const scanner = new SheetXmlScanner({
      get wantsText() { return capture; },
      open: (name) => { capture = name === 'v'; },
      close: () => { capture = false; },
      text: (t) => texts.push(t),
    });
    scanner.write(Buffer.from('<c><f>1&amp;2</f><v>&amp;lt;</v></c>'));
    scanner.close();
    expect(texts).toEqual(['&lt;']);
  });
});
