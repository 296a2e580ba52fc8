/**
 * What the activities are built from. Types only: infra and the worker provide the values, so
 * this module pulls nothing of theirs into the activities.
 */
import type { Db } from '../db/client';
import type { FileStore } from '../infra/file-store';
import type { CycleWorkflows } from '../infra/workflow-clients/cycles';
import type { MessageWorkflows } from '../infra/workflow-clients/messages';
import type { OutboundPolicy } from '../infra/outbound';
import type { SecretBox } from '../infra/secret-box';
import type { RetentionMonths } from '../domain/retention/policy';

export interface ActivityDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
  /** Starts message workflows for the messages an import or a cycle creates. */
  messageWorkflows: MessageWorkflows;
  /** Tells a running cycle that its payroll import is in. */
  cycleWorkflows: CycleWorkflows;
  /** Where suppliers reach our callbacks. */
  publicUrl: string;
  /** Reports by e-mail: the SMTP server and sender (absent: e-mail delivery fails clearly). */
  mail?: { smtpUrl?: string; from: string };
  /** Which supplier addresses may be reached and whether insecure transports are allowed (absent: the strict default). */
  outbound?: OutboundPolicy;
  /** How far an uploaded XLSX may inflate (MUTAFLOW_MAX_XLSX_INFLATED_MB; absent: the default). */
  xlsxInflatedBytes?: number;
  /** Mutaflow's armoured OpenPGP signing key, resolved on first use. */
  signingKey?: () => Promise<string>;
  /** How long each kind is kept (MUTAFLOW_RETENTION); absent: the defaults of domain/retention/policy.ts. */
  retention?: RetentionMonths;
}
