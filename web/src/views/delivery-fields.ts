import type { Sent } from '../api.js';
import { field, h } from '../dom.js';
import { label, t } from '../i18n.js';
import { checkField } from './common.js';

/** Where a file goes (a supplier's monthly report, an employer's contribution file): the API's one shape for both. */
type Delivery = Sent<'put', '/api/suppliers/{id}/report-settings'>['delivery'];
/** The secrets of that delivery: entered, never shown back; null removes them. */
type DeliveryCredentials = Sent<'put', '/api/suppliers/{id}/report-settings'>['deliveryCredentials'];

const TRANSPORTS = ['download', 'sftp', 'email', 'http'];

/**
 * The delivery part of a settings form: the transport, the fields it needs (the others hidden and
 * not required), and its credentials. `prefix` keeps the input names apart when a page holds two.
 */
export function deliveryFields(current: Partial<{ transport: string; host: string; port: number; username: string; directory: string; to: string[]; url: string }> | undefined, prefix = '') {
  const d = current ?? {};
  const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n);
  const text = (n: string, value: string | undefined) => h('input', { type: 'text', name: name(n), value: value ?? '', autocomplete: 'off' });
  const secret = (n: string) => h('input', { type: 'password', name: name(n), autocomplete: 'new-password', value: '' });
  const transport = h('select', { name: name('transport') }, TRANSPORTS.map((v) => h('option', { value: v, selected: v === (d.transport ?? 'download') }, label('deliveryTransport', v))));
  const host = text('host', d.host);
  const port = h('input', { type: 'number', name: name('port'), min: 1, max: 65535, value: d.port ?? 22 });
  const username = text('username', d.username);
  const directory = text('directory', d.directory ?? '.');
  const to = text('to', (d.to ?? []).join(', '));
  const url = h('input', { type: 'url', name: name('url'), value: d.url ?? '', autocomplete: 'off' });
  const sftpBox = h('div', {}, field(t('sup.host'), host), field(t('sup.port'), port), field(t('sup.username'), username), field(t('sup.directory'), directory));
  const emailBox = h('div', {}, field(t('sup.emailTo'), to, t('sup.emailToHint')));
  const httpBox = h('div', {}, field(t('sup.url'), url));
  const show = () => {
    sftpBox.hidden = transport.value !== 'sftp';
    emailBox.hidden = transport.value !== 'email';
    httpBox.hidden = transport.value !== 'http';
    host.required = username.required = transport.value === 'sftp';
    to.required = transport.value === 'email';
    url.required = transport.value === 'http';
  };
  transport.addEventListener('change', show);
  show();
  const sftpPassword = secret('sftpPassword');
  const bearer = secret('bearerToken');
  const removeCreds = h('input', { type: 'checkbox', name: name('removeDeliveryCredentials') });
  return {
    /** The fields, headed, in form order. */
    elements: [
      h('h4', {}, t('sup.delivery')), field(t('sup.transport'), transport), sftpBox, emailBox, httpBox,
      h('h4', {}, t('sup.deliveryCredentials')), h('p', { class: 'hint' }, t('sup.secretHint')),
      field(t('sup.sftpPassword'), sftpPassword), field(t('sup.bearerToken'), bearer), checkField(t('sup.removeCredentials'), removeCreds),
    ],
    delivery(): Delivery {
      return transport.value === 'sftp' ? { transport: 'sftp', host: host.value.trim(), port: Number(port.value), username: username.value.trim(), directory: directory.value.trim() || '.' }
        : transport.value === 'email' ? { transport: 'email', to: to.value.split(/[,;\s]+/).filter(Boolean) }
          : transport.value === 'http' ? { transport: 'http', url: url.value.trim() } : { transport: 'download' };
    },
    /** null to remove them, undefined to keep what is stored, else the new ones. */
    credentials(): DeliveryCredentials | undefined {
      if (removeCreds.checked) return null;
      if (!sftpPassword.value && !bearer.value) return undefined;
      return { ...(sftpPassword.value ? { password: sftpPassword.value } : {}), ...(bearer.value ? { bearerToken: bearer.value } : {}) };
    },
  };
}
