/**
 * The cycle half of the demo: a monthly schedule for the demo employer and the cycle of its
 * last imported month started now, which stops at a task — complete the missing street of the
 * incomplete message's person — until someone completes it through the API.
 */
export async function loadDemoCycle(opts: { base: string; token: string; employerId: string; period: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body?: unknown) => {
    const headers = { authorization: `Bearer ${opts.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok && res.status !== 409) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  await call('PUT', `/api/employers/${opts.employerId}/schedule`, { dayOfMonth: 5, hour: 6 });
  await call('POST', `/api/employers/${opts.employerId}/cycles/${opts.period}`);
  let cycle: any;
  for (let i = 0; i < 100; i++) {
    [cycle] = (await call('GET', `/api/cycles?employerId=${opts.employerId}&period=${opts.period}`)).items;
    if (cycle?.progress && cycle.progress.stage !== 'starting' && cycle.progress.stage !== 'waiting_for_import' && cycle.progress.stage !== 'audit' && cycle.progress.stage !== 'classification') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  opts.say(`demo cycle ${opts.period}: ${cycle?.progress?.stage ?? cycle?.stage}, waiting for ${cycle?.progress?.waitingFor ?? 'nothing'}`);
  return { cycleId: cycle?.id as string | undefined };
}
