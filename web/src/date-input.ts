import { type Attrs, h } from './dom.js';
import { datePlaceholder, fmtDate, parseDate, t } from './i18n.js';

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;

/**
 * A date field written the way the UI's language writes dates (31-12-2026 in Dutch, 31/12/2026 in
 * French and English), not the way the browser's locale does: Chromium's <input type=date> shows
 * mm/dd/yyyy to a Dutch user of an American browser whatever the page's lang. A text input with
 * the language's placeholder, checked as typed (a translated message names the format); yyyy-mm-dd
 * pasted is accepted too.
 *
 * Its `value` is the ISO date (yyyy-mm-dd, '' when empty) both ways, like a date input's, so the
 * code reading or setting it does not change; what the user sees and types stays in their format.
 */
export function dateInput(attrs: Attrs & { value?: string | null } = {}): HTMLInputElement {
  const { value, ...rest } = attrs;
  const input = h('input', { ...rest, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 10, size: 10, placeholder: datePlaceholder(), 'data-date': '' });
  const shown = () => nativeValue.get!.call(input) as string;
  const show = (text: string) => nativeValue.set!.call(input, text);
  Object.defineProperty(input, 'value', {
    configurable: true,
    get: () => {
      const iso = parseDate(shown());
      return iso === null ? shown().trim() : iso;
    },
    set: (iso: string) => show(fmtDate(iso)),
  });
  const check = () => input.setCustomValidity(parseDate(shown()) === null
    ? t('date.invalid', { format: datePlaceholder(), example: fmtDate('2026-12-31') }) : '');
  input.addEventListener('input', check);
  // Once left, a date typed loosely (1-2-2027, or ISO) is shown written out (01-02-2027).
  input.addEventListener('change', () => {
    check();
    const iso = parseDate(shown());
    if (iso) show(fmtDate(iso));
  });
  if (value) input.value = value;
  return input;
}
