/**
 * The e-mails an accident case sends: a reference, the date that matters and a link — never the
 * victim's name or anything medical (mail travels and is kept outside Mutaflow).
 */
import type { CaseStep } from '../../domain/accidents/plan';

export function stepNotice(step: CaseStep, c: { reference: string; deadlineDate: string | null; link: string }): { subject: string; text: string } {
  const lines = (...l: string[]) => [...l, '', `Open the case: ${c.link}`, '', 'Sent by Mutaflow.', ''].join('\n');
  switch (step.kind) {
    case 'declaration_reminder':
      return {
        subject: `Reminder: declare work accident ${c.reference} by ${c.deadlineDate}`,
        text: lines(`Work accident ${c.reference} has not been declared to the insurer yet.`, `The declaration is due by ${c.deadlineDate} (day ${step.key} of the term).`),
      };
    case 'declaration_overdue':
      return {
        subject: `Overdue: work accident ${c.reference} was not declared by ${c.deadlineDate}`,
        text: lines(`The declaration term of work accident ${c.reference} ended on ${c.deadlineDate} without a declaration.`, 'Declare it now; a late declaration must state the reason for the delay.'),
      };
    case 'sick_note_ending':
      return {
        subject: `Sick note ending: work accident ${c.reference}`,
        text: lines(`A sick note in work accident ${c.reference} ends soon.`, 'Upload an extension or record the return to work.'),
      };
    case 'payment_check':
      return {
        subject: `Allowance missing for ${step.key}: work accident ${c.reference}`,
        text: lines(`No allowance payment from the insurer is recorded for ${step.key} in work accident ${c.reference}.`, 'Check with the insurer and record the payment.'),
      };
  }
}
