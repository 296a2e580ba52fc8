/**
 * The statements half of the demo: one demo person with enrollments, their statement read
 * through the API like the web page does, and where to see it (page, PDF, JSON, bulk ZIP).
 */
export async function loadDemoStatements(opts: { base: string; token: string; employerId: string; say: (line: string) => void }) {
  const headers = { authorization: `Bearer ${opts.token}` };
  const call = async (path: string) => {
    const res = await fetch(`${opts.base}${path}`, { headers });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${json.message}`);
    return json;
  };
  const enrolled = await call(`/api/enrollments?employerId=${opts.employerId}&limit=1`);
  const personId: string | undefined = enrolled.items[0]?.personId ?? (await call(`/api/persons?employerId=${opts.employerId}&limit=1`)).items[0]?.id;
  if (!personId) throw new Error('the demo employer has no persons');
  const statement = await call(`/api/persons/${personId}/statement`);
  const enrollments = statement.sections.find((s: { id: string }) => s.id === 'enrollments')?.blocks[0];
  const auth = `-H "Authorization: Bearer ${opts.token}"`;
  opts.say(`demo statement (${statement.title}, ${statement.lang}) for employee ${statement.employeeNumber}: ${enrollments?.rows?.length ?? 0} enrollment(s)`);
  opts.say(`  statement page: ${opts.base}/#/statements/${personId}`);
  opts.say(`  curl ${auth} -o statement.pdf "${opts.base}/api/persons/${personId}/statement/pdf"`);
  opts.say(`  curl ${auth} -H 'content-type: application/json' -d '{"delivery":"download"}' ${opts.base}/api/employers/${opts.employerId}/statement-batches      (everyone, one ZIP)`);
  return { personId };
}
