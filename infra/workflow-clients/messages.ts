import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../../db/client';
import { UNSENT_STATUSES } from '../../domain/messages/lifecycle';
import { heldPersonCondition } from '../../db/queries/findings';
import type { insurerMessage } from '../../workflows/insurer-message';
import {
  type InsurerMessageInput, messageCancelled, messageDataChanged, messageWorkflowId, resendRequested, supplierAnswered,
} from '../../workflows/shared';

/**
 * Starting and nudging message workflows from outside (API, activities). Every call is safe to
 * repeat: a start of a running message is a no-op, a resend signal for an older version is ignored.
 */
export class MessageWorkflows {
  constructor(private readonly client: Client, private readonly taskQueue: string) {}

  async start(messages: InsurerMessageInput[]): Promise<void> {
    await inParallel(messages, async (input) => { await this.startOne(input, 'ALLOW_DUPLICATE'); });
  }

  /**
   * Starts workflows that should be running and are not; one that ended normally is not started
   * again (nothing is sent twice), one that failed or was terminated is.
   */
  async ensure(messages: InsurerMessageInput[]): Promise<{ started: number; running: number }> {
    const counts = { started: 0, running: 0 };
    await inParallel(messages, async (input) => { counts[await this.startOne(input, 'ALLOW_DUPLICATE_FAILED_ONLY')]++; });
    return counts;
  }

  private async startOne(input: InsurerMessageInput, workflowIdReusePolicy: 'ALLOW_DUPLICATE' | 'ALLOW_DUPLICATE_FAILED_ONLY'): Promise<'started' | 'running'> {
    try {
      await this.client.workflow.start<typeof insurerMessage>('insurerMessage', {
        workflowId: messageWorkflowId(input.messageId), taskQueue: this.taskQueue, args: [input], workflowIdReusePolicy,
      });
      return 'started';
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return 'running';
    }
  }

  /** A new version: the running workflow continues as it; a finished one starts again. */
  async resend(messages: InsurerMessageInput[]): Promise<void> {
    await inParallel(messages, async (input) => {
      await this.client.workflow.signalWithStart<typeof insurerMessage, [{ version: number }]>('insurerMessage', {
        workflowId: messageWorkflowId(input.messageId), taskQueue: this.taskQueue, args: [input],
        signal: resendRequested, signalArgs: [{ version: input.version }],
      });
    });
  }

  async wake(messageIds: string[]): Promise<void> {
    await this.signalRunning(messageIds, (h) => h.signal(messageDataChanged));
  }

  async cancelled(messageIds: string[]): Promise<void> {
    await this.signalRunning(messageIds, (h) => h.signal(messageCancelled));
  }

  /** The supplier answered this version (the answer is on record already). */
  async answered(messageId: string, version: number): Promise<void> {
    await this.handle(messageId).signal(supplierAnswered, { version })
      .catch((err: Error) => {
        // The workflow ended already (e.g. cancelled, or a newer version took over): the answer stays on record.
        if (err.name !== 'WorkflowNotFoundError') throw err;
      });
  }

  handle(messageId: string) {
    return this.client.workflow.getHandle(messageWorkflowId(messageId));
  }

  private async signalRunning(ids: string[], send: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<void>) {
    await inParallel(ids, async (id) => {
      // A message whose workflow already ended has nothing to wake.
      await send(this.handle(id)).catch((err: Error) => {
        if (err.name !== 'WorkflowNotFoundError') throw err;
      });
    });
  }
}

/**
 * Every message not sent yet has its workflow, except those a running monthly cycle holds for
 * its messages stage (the rule createImportMessages follows): a start lost between the commit
 * that created a message and Temporal (a crash, Temporal away during an API call) is made good
 * when a worker starts. A workflow that ended normally is not started again (nothing is sent
 * twice); one that failed or was terminated is. People held by an open blocking audit finding
 * stay held (db/queries/findings.ts). `employerIds` narrows it (tests share a database).
 */
export async function resumeMessages(db: Db, workflows: MessageWorkflows, opts: { employerIds?: string[] } = {}): Promise<{ started: number; running: number }> {
  const { rows } = await db.$client.query<{ id: string; version: number }>(
    `select m.id, m.version from messages m
     where m.status = any($1::text[]) and ($2::uuid[] is null or m.employer_id = any($2::uuid[]))
       and not exists (
         select 1 from payroll_imports i
         join cycles c on c.employer_id = i.employer_id and c.period = i.period and c.status = 'running'
         where i.id = m.import_id)
       and not ${heldPersonCondition('m.person_id')}`,
    [UNSENT_STATUSES, opts.employerIds ?? null]);
  return workflows.ensure(rows.map((r) => ({ messageId: r.id, version: r.version })));
}

/** A month's messages start in parallel: one at a time, a 50,000-employee import waited minutes on round trips. */
async function inParallel<T>(items: T[], run: (item: T) => Promise<void>, concurrency = 32): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  }));
}
