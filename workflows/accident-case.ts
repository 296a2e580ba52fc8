import {
  ApplicationFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, proxyLocalActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CasePlan } from '../domain/accidents/plan';
import {
  ALREADY_DECLARED, type AccidentCaseInput, type AccidentEventInput, type AccidentProgress, CASE_CLOSED, CASE_NOT_SETTLED, type CompleteTaskInput, type DeclareAccidentInput,
  NOT_DECLARED, accidentChanged, closeAccident, completeAccidentTask, declareAccident, getAccidentProgress, recordAccidentEvent,
} from './shared';
import { DATABASE_STEP, OUTWARD_CALL } from './retry-policies';

// Database steps: short, local (a marker in the history, no round trip through the server).
const db = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: DATABASE_STEP,
});

// Steps that mail or deliver over other people's servers: retried with backoff for about a day.
const outward = proxyActivities<Activities>(OUTWARD_CALL);

const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * One work accident (`accident-<id>`), from registration to closing: the declaration term with
 * its reminders and escalation, sick notes ending, the insurer's monthly allowance, and closing
 * once settled. The plan (what is due when) comes from the database each time something
 * happened; this workflow sleeps until its next step or the next Update, and carries ids, dates
 * and statuses only.
 */
export async function accidentCase({ accidentId }: AccidentCaseInput): Promise<{ status: 'closed' }> {
  let plan: CasePlan = await db.openAccidentCase({ accidentId });
  let changed = false;
  let declaring = false;

  setHandler(getAccidentProgress, (): AccidentProgress => ({
    accidentId,
    status: plan.status === 'first_aid' ? 'open' : plan.status,
    deadlineDate: plan.deadlineDate,
    deadlineAt: new Date(plan.deadlineAt).toISOString(),
    nextStep: plan.steps[0] ? { kind: plan.steps[0].kind, key: plan.steps[0].key, at: new Date(plan.steps[0].at).toISOString() } : null,
    closeBlockers: plan.closeBlockers,
  }));
  setHandler(accidentChanged, () => { changed = true; });

  const notClosed = () => {
    if (plan.status === 'closed') throw refuse(CASE_CLOSED, 'the case is closed');
  };

  setHandler(declareAccident, async (input: DeclareAccidentInput) => {
    declaring = true;
    try {
      const result = await outward.declareAccident({ accidentId, ...input, requestedAt: Date.now() });
      plan = await db.reconcileAccidentCase({ accidentId });
      return result;
    } finally {
      declaring = false;
    }
  }, {
    validator: (_input: DeclareAccidentInput) => {
      notClosed();
      if (plan.status !== 'open' || declaring) throw refuse(ALREADY_DECLARED, 'the accident is declared already (or being declared)');
    },
  });

  setHandler(recordAccidentEvent, async ({ eventId }: AccidentEventInput) => {
    plan = await db.applyAccidentEvent({ accidentId, eventId });
    return { applied: true as const };
  }, {
    validator: ({ kind }: AccidentEventInput) => {
      notClosed();
      if (kind === 'payment_received' && plan.status !== 'declared') throw refuse(NOT_DECLARED, 'a payment is recorded once the accident is declared');
    },
  });

  setHandler(completeAccidentTask, async (input: CompleteTaskInput) => {
    const done = await db.completeAccidentTask({ accidentId, ...input });
    plan = done.plan;
    return { status: done.status };
  }, { validator: (_input: CompleteTaskInput) => notClosed() });

  setHandler(closeAccident, async ({ by }: { by: string }) => {
    plan = await db.closeAccidentCase({ accidentId, by });
    return { status: 'closed' as const };
  }, {
    validator: (_input: { by: string }) => {
      notClosed();
      if (plan.closeBlockers.length) throw refuse(CASE_NOT_SETTLED, `the case is not settled: ${plan.closeBlockers.join('; ')}`);
    },
  });

  while (plan.status !== 'closed') {
    if (changed) {
      changed = false;
      plan = await db.reconcileAccidentCase({ accidentId });
      continue;
    }
    const next = plan.steps[0];
    const wait = next ? next.at - Date.now() : undefined;
    if (next && wait! <= 0) {
      plan = await outward.runAccidentStep({ accidentId, step: next });
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      // Years of monthly payments: start over with a fresh history (the plan is in the database).
      await condition(allHandlersFinished);
      await continueAsNew<typeof accidentCase>({ accidentId });
    }
    const seen = plan;
    await condition(() => changed || plan !== seen, wait);
  }
  await condition(allHandlersFinished);
  return { status: 'closed' };
}
