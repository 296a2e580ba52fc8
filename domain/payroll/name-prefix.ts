/**
 * Dutch and Belgian surname prefixes (tussenvoegsels), longest first so that
 * "van der" wins over "van".
 */
const PREFIXES = [
  "van de la", 'van der', 'van den', 'van de', "van 't", 'in de', "in 't", 'in het', 'op de', 'op den',
  'uit de', 'uit den', 'aan de', 'aan den', 'bij de', 'de la', 'de le', 'van', 'de', 'den', 'der', 'het',
  "'t", 'ter', 'ten', 'te', 'le', 'la', 'du', 'des', 'von', 'di', 'da', 'del', 'dos', 'el',
].sort((a, b) => b.length - a.length);

/** "van der Berg" → { prefix: "van der", lastName: "Berg" }; a name that is only a prefix stays whole. */
export function splitNamePrefix(full: string): { prefix: string | null; lastName: string } {
  const lower = full.toLowerCase();
  for (const p of PREFIXES) {
    if (lower.startsWith(`${p} `) && full.length > p.length + 1) {
      const rest = full.slice(p.length + 1).trim();
      if (rest && !PREFIXES.includes(rest.toLowerCase())) return { prefix: full.slice(0, p.length), lastName: rest };
    }
  }
  return { prefix: null, lastName: full };
}
