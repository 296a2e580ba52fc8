/**
 * POST /api/persons/:id/correction-preview: what a correction of a person's data would do to their
 * messages, shown to HR before saving — and nothing stored. The saved correction (PATCH) then does
 * what the preview said.
 */
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { createSetup, daysFromToday, insertPerson } from '../support/enrollment-fixture';
import { tokenFor } from '../support/scoped-world';

describe('person correction preview', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers = h.auth) =>
    h.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const messageRow = async (id: string) => (await h.db.$client.query(
    'select status, version, missing_fields, changed_since_sent from messages where id = $1', [id])).rows[0];

  it('tells which incomplete messages a correction completes and which sent ones it re-sends or marks, storing nothing', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'P-1', { street: null, houseNumber: null });
    const enrolled = await call('POST', '/api/enrollments', { personId, planId: s.planId, startDate: daysFromToday(-5) });
    const incompleteId = enrolled.json().messages[0].id;
    expect(enrolled.json().messages[0]).toMatchObject({ status: 'incomplete', missingFields: ['street', 'houseNumber'] });
    // A second, sent message of the person (an earlier enrollment in another plan period).
    const earlier = await call('POST', '/api/enrollments', { personId, planId: s.planId, startDate: daysFromToday(-100), endDate: daysFromToday(-50) });
    const sentId = earlier.json().messages[0].id;
    await h.db.$client.query(`update messages set status = 'sent' where id = $1`, [sentId]);

    // The street alone: the incomplete message still lacks the house number; the sent one is marked (address).
    const half = await call('POST', `/api/persons/${personId}/correction-preview`, { street: 'Kerkstraat' });
    expect(half.statusCode).toBe(200);
    expect(half.json()).toEqual({
      changedFields: ['street'],
      messages: [ // oldest first
        { id: incompleteId, supplierId: s.supplierId, enrollmentId: enrolled.json().enrollment.id, kind: 'enrollment', status: 'incomplete', outcome: 'stays_incomplete', missing: ['houseNumber'], flagged: [] },
        { id: sentId, supplierId: s.supplierId, enrollmentId: earlier.json().enrollment.id, kind: 'enrollment', status: 'sent', outcome: 'changed_since_sent', missing: [], flagged: ['street'] },
      ],
    });
    // Street and number: complete.
    const full = (await call('POST', `/api/persons/${personId}/correction-preview`, { street: 'Kerkstraat', houseNumber: '7' })).json();
    expect(full.messages.find((m: { id: string }) => m.id === incompleteId)).toMatchObject({ outcome: 'completes', missing: [] });
    // A birth date: the sent message goes out again by itself.
    const birth = (await call('POST', `/api/persons/${personId}/correction-preview`, { birthDate: '1985-04-13' })).json();
    expect(birth.messages.find((m: { id: string }) => m.id === sentId)).toMatchObject({ outcome: 'resent' });
    // The same values as stored: nothing changes, nothing listed.
    expect((await call('POST', `/api/persons/${personId}/correction-preview`, { lastName: 'Jansen' })).json()).toEqual({ changedFields: [], messages: [] });

    // Nothing was stored by the previews.
    const person = (await call('GET', `/api/persons/${personId}`)).json();
    expect(person.data).toMatchObject({ street: null, houseNumber: null, birthDate: '1985-04-12' });
    expect(person.corrections).toEqual([]);
    expect(await messageRow(incompleteId)).toMatchObject({ status: 'incomplete', missing_fields: ['street', 'houseNumber'] });
    expect(await messageRow(sentId)).toMatchObject({ status: 'sent', version: 1, changed_since_sent: [] });

    // Saved, the correction does what the preview said to the sent message (the incomplete one re-checks in its workflow).
    expect((await call('PATCH', `/api/persons/${personId}`, { street: 'Kerkstraat', houseNumber: '7' })).statusCode).toBe(200);
    expect(await messageRow(sentId)).toMatchObject({ status: 'sent', version: 1, changed_since_sent: ['street', 'houseNumber'] });
  });

  it('says when a completed message would still fail on the 120-day rule', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'P-2', { street: null });
    const enrolled = (await call('POST', '/api/enrollments', { personId, planId: s.planId, startDate: daysFromToday(-150) })).json();
    const preview = (await call('POST', `/api/persons/${personId}/correction-preview`, { street: 'Markt' })).json();
    expect(preview.messages).toEqual([expect.objectContaining({ id: enrolled.messages[0].id, outcome: 'will_fail', missing: [] })]);
  });

  it('is in the OpenAPI document, with the start advice and the 120-day figures of a message', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const preview = doc.paths['/api/persons/{id}/correction-preview'].post;
    expect(Object.keys(preview.responses)).toContain('200');
    expect(JSON.stringify(preview.responses['200'])).toContain('changed_since_sent');
    expect(doc.paths['/api/enrollments/{id}/start-advice'].get).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/messages/{id}'].get.responses['200'])).toContain('earliestStart');
  });

  it('refuses a role without persons.edit, another employer\'s person, and a bad national id', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'P-3');
    const viewer = { authorization: `Bearer ${await tokenFor(h, 'viewer', [s.employerId])}` };
    expect((await call('POST', `/api/persons/${personId}/correction-preview`, { street: 'X' }, viewer)).statusCode).toBe(403);
    const other = await createEmployer(h);
    const hrElsewhere = { authorization: `Bearer ${await tokenFor(h, 'hr', [other])}` };
    expect((await call('POST', `/api/persons/${personId}/correction-preview`, { street: 'X' }, hrElsewhere)).statusCode).toBe(404);
    const hr = { authorization: `Bearer ${await tokenFor(h, 'hr', [s.employerId])}` };
    expect((await call('POST', `/api/persons/${personId}/correction-preview`, { street: 'X' }, hr)).statusCode).toBe(200);
    const bad = await call('POST', `/api/persons/${personId}/correction-preview`, { nationalId: '123456789' }, hr);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^body\.nationalId: /);
    expect(bad.body).not.toContain('123456789');
  });
});
