/**
 * The e-mails a cycle task sends to people: a reminder to whoever it is assigned to, an
 * escalation to the employer's escalation contact once it is overdue. They name the kind of task,
 * the employer and the due date, and link to the task — never a person's data (the task's subject
 * holds ids only, and an e-mail leaves our hands).
 */
export type NoticeLanguage = 'nl' | 'fr' | 'en';
export type TaskNoticeKind = 'reminder' | 'escalation';

/** Task kinds as people call them; a kind missing here reads as "a task". */
const KIND_LABELS: Record<NoticeLanguage, Record<string, string>> = {
  nl: {
    confirm_enrollment: 'aanmelding bevestigen', confirm_termination: 'afmelding bevestigen', confirm_change: 'wijziging bevestigen',
    complete_data: 'gegevens aanvullen', review_finding: 'auditbevinding beoordelen', review_missing: 'ontbrekende werknemer nagaan',
    complete_effective_date: 'ingangsdatum opgeven', resolve_correction: 'correctie en loonadministratie afstemmen',
    review_bordereau: 'premienota nakijken', answer_overdue: 'uitblijvend antwoord opvolgen',
  },
  fr: {
    confirm_enrollment: 'confirmer une affiliation', confirm_termination: 'confirmer une désaffiliation', confirm_change: 'confirmer une modification',
    complete_data: 'compléter des données', review_finding: 'examiner un constat d\'audit', review_missing: 'vérifier un travailleur absent',
    complete_effective_date: 'indiquer une date d\'effet', resolve_correction: 'concilier une correction et la paie',
    review_bordereau: 'vérifier un bordereau de primes', answer_overdue: 'suivre une réponse en retard',
  },
  en: {
    confirm_enrollment: 'confirm an enrollment', confirm_termination: 'confirm a termination', confirm_change: 'confirm a change',
    complete_data: 'complete data', review_finding: 'review an audit finding', review_missing: 'look into a missing employee',
    complete_effective_date: 'give an effective date', resolve_correction: 'settle a correction with the payroll',
    review_bordereau: 'review a premium bordereau', answer_overdue: 'follow up an overdue answer',
  },
};

const GENERIC: Record<NoticeLanguage, string> = { nl: 'taak', fr: 'tâche', en: 'task' };

const TEXTS: Record<NoticeLanguage, Record<TaskNoticeKind, { subject: string; body: string }>> = {
  nl: {
    reminder: { subject: 'Mutaflow: herinnering — {kind} ({employer})', body: 'Er staat een taak voor u open in Mutaflow: {kind}, voor {employer}. De taak vervalt op {due}.\n\nOpenen: {link}' },
    escalation: { subject: 'Mutaflow: taak over tijd — {kind} ({employer})', body: 'Een taak van {employer} is over tijd: {kind}, te doen vóór {due}. Zij is nog niet afgehandeld.\n\nOpenen: {link}' },
  },
  fr: {
    reminder: { subject: 'Mutaflow : rappel — {kind} ({employer})', body: 'Une tâche vous attend dans Mutaflow : {kind}, pour {employer}. Échéance : {due}.\n\nOuvrir : {link}' },
    escalation: { subject: 'Mutaflow : tâche en retard — {kind} ({employer})', body: 'Une tâche de {employer} est en retard : {kind}, à faire avant le {due}. Elle n\'est pas encore traitée.\n\nOuvrir : {link}' },
  },
  en: {
    reminder: { subject: 'Mutaflow: reminder — {kind} ({employer})', body: 'A task is waiting for you in Mutaflow: {kind}, for {employer}. It is due on {due}.\n\nOpen it: {link}' },
    escalation: { subject: 'Mutaflow: task overdue — {kind} ({employer})', body: 'A task of {employer} is overdue: {kind}, due on {due}. It has not been done yet.\n\nOpen it: {link}' },
  },
};

/** Dates as each language writes them (the e-mail is read, not parsed). */
function displayDate(iso: string, lang: NoticeLanguage): string {
  const [y, m, d] = iso.split('-');
  return lang === 'en' ? `${y}-${m}-${d}` : `${d}/${m}/${y}`;
}

export function taskNotice(kind: TaskNoticeKind, lang: NoticeLanguage, task: { kind: string; employerName: string; dueDate: string; link: string }): { subject: string; text: string } {
  const values: Record<string, string> = {
    kind: KIND_LABELS[lang][task.kind] ?? GENERIC[lang], employer: task.employerName, due: displayDate(task.dueDate, lang), link: task.link,
  };
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  return { subject: fill(TEXTS[lang][kind].subject), text: fill(TEXTS[lang][kind].body) };
}
