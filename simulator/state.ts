import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnswerStatus, MessageKind, SupplierMessage } from './schema';
import type { Decision, RegistryView } from './rules';

export type CallbackState = 'none' | 'pending' | 'delivered' | 'failed';

export interface ReceivedMessage {
  idempotencyKey: string;
  reference: string;
  receiptDate: string;
  message: SupplierMessage;
  status: AnswerStatus;
  errorCode: string | null;
  errorText: string | null;
  callback: CallbackState;
  callbackAttempts: number;
}

export interface Insurance {
  collectiveNumber: string;
  open: boolean;
}

export type FaultMode = 'http500' | 'timeout' | 'drop-after-accept';

export interface FaultSetting {
  mode: FaultMode;
  /** Requests still to hit; null while a time window applies instead. */
  remaining: number | null;
  /** Epoch ms the window ends; null for a counted fault. */
  until: number | null;
  /** How long `timeout` holds an answer. */
  delayMs: number;
}

/** The fault that applies to one POST /messages. */
export interface AppliedFault {
  mode: FaultMode;
  delayMs: number;
}

/**
 * Everything the simulator remembers. In memory; with a `path` (the demo keeps it under its data
 * folder) also in a JSON file, written soon after each change and read back on start, as a real
 * insurer keeps what it received across a restart. Faults are never kept.
 */
export class SimulatorState implements RegistryView {
  readonly messages = new Map<string, ReceivedMessage>();
  readonly insured = new Map<string, Insurance>();
  readonly collectives = new Map<string, { companyNumber: string }>();
  fault: FaultSetting | null = null;
  private sequence = 0;
  private saving: NodeJS.Immediate | null = null;

  constructor(private readonly path?: string) {}

  /** The state kept at `path`, or a fresh one when there is none yet. */
  static open(path: string): SimulatorState {
    const state = new SimulatorState(path);
    if (!existsSync(path)) return state;
    const saved = JSON.parse(readFileSync(path, 'utf8')) as {
      sequence: number; messages: ReceivedMessage[]; insured: [string, Insurance][]; collectives: [string, { companyNumber: string }][];
    };
    state.sequence = saved.sequence;
    for (const m of saved.messages) state.messages.set(m.idempotencyKey, m);
    for (const [k, v] of saved.insured) state.insured.set(k, v);
    for (const [k, v] of saved.collectives) state.collectives.set(k, v);
    return state;
  }

  /** Something changed: written to `path` once the current burst of changes is over. */
  changed(): void {
    if (!this.path || this.saving) return;
    this.saving = setImmediate(() => this.save());
  }

  /** Writes the state now (a temporary file, then a rename: a crash leaves the old or the new one). */
  save(): void {
    if (this.saving) clearImmediate(this.saving);
    this.saving = null;
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const text = JSON.stringify({ sequence: this.sequence, messages: [...this.messages.values()], insured: [...this.insured], collectives: [...this.collectives] });
    writeFileSync(`${this.path}.tmp`, text, { mode: 0o600 });
    renameSync(`${this.path}.tmp`, this.path);
  }

  nextReference(): string {
    this.sequence += 1;
    return `SIM-${String(this.sequence).padStart(6, '0')}`;
  }

  collective(collectiveNumber: string) {
    return this.collectives.get(collectiveNumber);
  }

  insurance(nationalId: string) {
    return this.insured.get(nationalId);
  }

  /** Records the decision on the message and its effect on the insured registry. */
  apply(record: ReceivedMessage, decision: Decision): void {
    record.status = decision.status;
    if (decision.status === 'rejected') {
      record.errorCode = decision.errorCode;
      record.errorText = decision.errorText;
      return;
    }
    const { nationalId } = record.message.person;
    if (decision.effect === 'open') this.insured.set(nationalId, { collectiveNumber: record.message.collectiveNumber, open: true });
    if (decision.effect === 'close') this.insured.set(nationalId, { collectiveNumber: record.message.collectiveNumber, open: false });
  }

  /** Takes the fault for one POST /messages, counting it down. */
  takeFault(now: number): AppliedFault | null {
    const fault = this.fault;
    if (!fault) return null;
    if (fault.until !== null) {
      if (now < fault.until) return { mode: fault.mode, delayMs: fault.delayMs };
      this.fault = null;
      return null;
    }
    if (fault.remaining === null || fault.remaining <= 0) {
      this.fault = null;
      return null;
    }
    fault.remaining -= 1;
    if (fault.remaining === 0) this.fault = null;
    return { mode: fault.mode, delayMs: fault.delayMs };
  }

  reset(): void {
    this.messages.clear();
    this.insured.clear();
    this.collectives.clear();
    this.fault = null;
    this.sequence = 0;
    this.changed();
  }
}

/** The admin listing: identifiers and outcome only, no personal data. */
export function summarise(record: ReceivedMessage) {
  return {
    idempotencyKey: record.idempotencyKey,
    messageId: record.message.messageId,
    version: record.message.version,
    kind: record.message.kind as MessageKind,
    status: record.status,
    reference: record.reference,
    receiptDate: record.receiptDate,
    errorCode: record.errorCode,
    callback: record.callback,
    callbackAttempts: record.callbackAttempts,
  };
}
