import type { Client} from '@temporalio/client';
import { ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { monthlyCycle } from '../../workflows/monthly-cycle';
import type { scheduledCycle } from '../../workflows/scheduled-cycle';
import type { reportRedelivery } from '../../workflows/report-redelivery';
import type {
  CompleteTaskInput, CompleteTasksInput, CycleProgress} from '../../workflows/shared';
import { comparisonFileUploaded, completeTask, completeTasks, cycleScheduleId, cycleWorkflowId, getCycleProgress, payrollImported, reportRedeliveryWorkflowId,
} from '../../workflows/shared';

/**
 * Starting and talking to monthly-cycle workflows and their Temporal Schedules from outside
 * (API, activities). A running cycle is addressed by the workflow id its row stores.
 */
export class CycleWorkflows {
  constructor(private readonly client: Client, private readonly taskQueue: string) {}

  /** Starts the cycle of a period now; 'running' when it runs already. */
  async start(employerId: string, period: string, startedBy: string): Promise<'started' | 'running'> {
    try {
      await this.client.workflow.start<typeof monthlyCycle>('monthlyCycle', {
        workflowId: cycleWorkflowId(employerId, period), taskQueue: this.taskQueue, args: [{ employerId, period, startedBy }],
      });
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
      throw err;
    }
  }

  /**
   * Creates or updates the employer's Schedule: the monthly start on a day and hour in
   * Amsterdam time, catching up after downtime, paused when not enabled.
   */
  async schedule(employerId: string, s: { dayOfMonth: number; hour: number; enabled: boolean }): Promise<string> {
    const scheduleId = cycleScheduleId(employerId);
    const spec = { calendars: [{ dayOfMonth: s.dayOfMonth, hour: s.hour, minute: 0 }], timezone: 'Europe/Amsterdam' };
    const action = {
      type: 'startWorkflow' as const, workflowType: 'scheduledCycle', taskQueue: this.taskQueue,
      args: [{ employerId }] as Parameters<typeof scheduledCycle>, workflowId: `cycle-start-${employerId}`,
    };
    const policies = { catchupWindow: '7 days', overlap: ScheduleOverlapPolicy.SKIP };
    const handle = this.client.schedule.getHandle(scheduleId);
    const exists = await handle.describe().then(() => true, () => false);
    if (exists) {
      await handle.update((prev) => ({ ...prev, spec, action, policies, state: { ...prev.state, paused: !s.enabled } }));
    } else {
      await this.client.schedule.create({ scheduleId, spec, action, policies, state: { paused: !s.enabled } });
    }
    return scheduleId;
  }

  /** Delivers a report again and waits for the outcome; 'running' when a redelivery of it runs already. */
  async redeliverReport(reportId: string): Promise<{ delivered: boolean } | 'running'> {
    try {
      const handle = await this.client.workflow.start<typeof reportRedelivery>('reportRedelivery', {
        workflowId: reportRedeliveryWorkflowId(reportId), taskQueue: this.taskQueue, args: [{ reportId }], workflowIdConflictPolicy: 'FAIL',
      });
      return await handle.result();
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
      throw err;
    }
  }

  /** The running cycle's live progress. */
  progress(workflowId: string): Promise<CycleProgress> {
    return this.client.workflow.getHandle<typeof monthlyCycle>(workflowId).query(getCycleProgress);
  }

  /** Completes one of the cycle's tasks; the validator refuses a task that is not open (WorkflowUpdateFailedError). */
  completeTask(workflowId: string, input: CompleteTaskInput): Promise<{ status: string }> {
    return this.client.workflow.getHandle<typeof monthlyCycle>(workflowId).executeUpdate(completeTask, { args: [input] });
  }

  /**
   * Completes several of the cycle's tasks (at most COMPLETE_TASKS_MAX): each task's status by id,
   * `not_open` for one not open in the cycle; refused when none is (WorkflowUpdateFailedError).
   */
  completeTasks(workflowId: string, input: CompleteTasksInput): Promise<{ statuses: Record<string, string> }> {
    return this.client.workflow.getHandle<typeof monthlyCycle>(workflowId).executeUpdate(completeTasks, { args: [input] });
  }

  /** Tells the employer's cycle for the period, if one runs, that its payroll import is in. */
  async announceImport(employerId: string, period: string, importId: string): Promise<void> {
    await this.client.workflow.getHandle(cycleWorkflowId(employerId, period)).signal(payrollImported, { importId })
      .catch((err: Error) => {
        if (err.name !== 'WorkflowNotFoundError') throw err;
      });
  }

  /** Tells the employer's cycle for the period, if one runs, that a monthly comparison's file came in. */
  async announceComparisonFile(employerId: string, period: string, definitionId: string): Promise<void> {
    await this.client.workflow.getHandle(cycleWorkflowId(employerId, period)).signal(comparisonFileUploaded, { definitionId })
      .catch((err: Error) => {
        if (err.name !== 'WorkflowNotFoundError') throw err;
      });
  }
}
