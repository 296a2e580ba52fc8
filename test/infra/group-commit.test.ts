import { GroupCommit } from '../../infra/group-commit';

describe('GroupCommit', () => {
  it('writes an item alone when nothing is in flight, and what arrives meanwhile together', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const g = new GroupCommit<number>(async (items) => { writes.push(items); if (writes.length === 1) await gate; });
    const first = g.add(1);
    const rest = [2, 3, 4].map((n) => g.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps batches under the limit', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const g = new GroupCommit<number>(async (items) => { writes.push(items); if (writes.length === 1) await gate; }, 2);
    const all = [0, 1, 2, 3, 4].map((n) => g.add(n));
    release();
    await Promise.all(all);
    expect(writes).toEqual([[0], [1, 2], [3, 4]]);
  });

  it('fails only the item that cannot be written, not its batch neighbours', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let calls = 0;
    const g = new GroupCommit<number>(async (items) => {
      calls++;
      if (calls === 1) await gate;
      if (items.includes(13)) throw new Error('bad item');
    });
    const first = g.add(1);
    const outcomes = Promise.allSettled([12, 13, 14].map((n) => g.add(n)));
    release();
    await first;
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
