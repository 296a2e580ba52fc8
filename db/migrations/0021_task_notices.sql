-- The employer's escalation contact: an overdue cycle task is e-mailed there (reminders go to the assignee).
ALTER TABLE "employer_schedules" ADD COLUMN "escalation_email" text;
