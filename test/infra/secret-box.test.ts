/**
 * Sealed values: IVs are cut from blocks of random bytes (infra/secret-box.ts `freshIv`), so
 * across block boundaries every value still gets its own IV, and every value opens again —
 * values, bytes and a stream sealed while the blocks turn over.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { SecretBox } from '../../infra/secret-box';

const box = new SecretBox(Buffer.alloc(32, 9));

describe('SecretBox', () => {
  it('gives each of 10,000 values its own IV, across the random blocks, and opens each', () => {
    const sealed = Array.from({ length: 10_000 }, (_, i) => box.seal({ value: String(i), previousValue: null }));
    const ivs = new Set(sealed.map((s) => s.split('.')[2]));
    expect(ivs.size).toBe(sealed.length);
    sealed.forEach((s, i) => expect(box.open(s)).toEqual({ value: String(i), previousValue: null }));
  });

  it('keeps a stream\'s IV while the blocks turn over under it', async () => {
    const sealer = box.sealStream('row-1');
    const plain = Buffer.from('first chunk, then more');
    const sealing = buffer(Readable.from([plain.subarray(0, 5)]).pipe(sealer));
    // Thousands of values sealed meanwhile take the IV block past the stream's own IV.
    for (let i = 0; i < 9_000; i++) box.sealBytes(Buffer.from([i & 0xff]));
    const sealed = await sealing;
    const header = sealed.subarray(0, SecretBox.FILE_HEADER);
    const tag = sealed.subarray(sealed.length - SecretBox.FILE_TAG);
    const opened = await buffer(Readable.from([sealed.subarray(SecretBox.FILE_HEADER, sealed.length - SecretBox.FILE_TAG)]).pipe(box.openStream(header, tag, 'row-1')));
    expect(opened.toString()).toBe('first');
  });
});
