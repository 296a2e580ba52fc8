/**
 * Group commit: callers hand in one item each and wait until it is durably written; items that
 * arrive while a write is in flight go together in the next one. Nothing waits on a timer, so an
 * idle system writes each item at once, and a busy one writes many per round trip.
 *
 * Why: every audit record takes the audit chain's one lock until its transaction commits, so one
 * insert per request serialises all requests on the commit's WAL flush; under load (an import
 * writing WAL) that capped the whole API at ~50 requests/s.
 */
export class GroupCommit<T> {
  private pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  /**
   * @param write writes a batch in one transaction (all or nothing).
   * @param maxBatch the most items in one write.
   */
  constructor(private readonly write: (items: T[]) => Promise<void>, private readonly maxBatch = 500) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (err) {
          if (batch.length === 1) { batch[0].reject(err); continue; }
          // One bad item must not fail its neighbours: each is tried alone.
          for (const b of batch) await this.write([b.item]).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
