/** Builds DOM nodes without innerHTML: every value is text, never markup. */

/** A handler's event: target typed as the form control it usually is (value, checked, files). */
export type UiEvent = Event & { target: HTMLInputElement; currentTarget: HTMLElement };
type Handler = (e: UiEvent) => unknown;
type AttrValue = string | number | boolean | null | undefined | Handler;
export type Attrs = Record<string, AttrValue>;
/** What may be a child: nodes, text, numbers, nested lists; null/undefined/false are left out. */
export type Child = Node | string | number | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value as unknown as EventListener);
    else if (key === 'class') el.className = String(value);
    else if (key === 'for') (el as HTMLLabelElement).htmlFor = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key in el && typeof value !== 'string') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear<E extends Element>(el: E): E {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let uid = 0;
/** A unique id for label/input pairs. */
export const nextId = (prefix = 'f'): string => `${prefix}-${++uid}`;

/** A label and its control, associated by id. */
export function field(label: Child, control: HTMLElement, hint?: Child): HTMLDivElement {
  const id = control.id || (control.id = nextId());
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { id: hintId, class: 'hint' }, hint) : null);
}

export interface Column<T> {
  label: Child;
  render: (row: T) => Child;
  class?: string;
  /** The first column's cells are the rows' headers (th scope=row). */
  rowHeader?: boolean;
}

/** A semantic table: caption, header cells with scope, one row per item. */
export function table<T>({ caption, columns, rows, empty, captionHidden = false }: {
  caption?: Child; columns: Column<T>[]; rows: readonly T[]; empty: Child; captionHidden?: boolean;
}): HTMLElement {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  // The wrapper scrolls sideways on narrow screens: focusable, so the keyboard can scroll it too, and named by the caption.
  const captionId = caption ? nextId('caption') : null;
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId }, h('table', {},
    caption ? h('caption', { id: captionId, class: captionHidden ? 'visually-hidden' : null }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', { 'data-id': (row as { id?: string }).id ?? null }, columns.map((c, i) => {
      const value = c.render(row);
      return i === 0 && c.rowHeader ? h('th', { scope: 'row', class: c.class }, value) : h('td', { class: c.class }, value);
    })))),
  ));
}

/** A description list of [term, value] pairs (empty values left out). */
export function dl(pairs: [Child, Child][]): HTMLDListElement {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** An element index.html or the app's shell always has (its absence is a bug, not a state). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}
