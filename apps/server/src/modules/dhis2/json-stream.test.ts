import fs from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValueSetJsonParser, JsonSyntaxError } from './json-stream.js';
import { csvBatches, spoolBody, textPieces } from './text-input.js';

function parseInPieces(text: string, cuts: number[]) {
  const rows: unknown[] = [];
  const top: Record<string, unknown> = {};
  const p = new DataValueSetJsonParser(
    (r) => rows.push(r),
    (k, v) => (top[k] = v),
  );
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.write(text.slice(at, c));
    at = c;
  }
  p.write(text.slice(at));
  p.end();
  return { rows: JSON.parse(JSON.stringify(rows)), top, sawDataValues: p.sawDataValues };
}

describe('DataValueSetJsonParser', () => {
  it('gives the same rows as JSON.parse wherever the body is cut', () => {
    const row = fc.record(
      {
        dataElement: fc.string(),
        period: fc.string(),
        orgUnit: fc.string(),
        value: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
        comment: fc.string({ unit: 'binary' }),
        nested: fc.jsonValue(),
      },
      { requiredKeys: ['dataElement'] },
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 8 }),
        fc.string(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.jsonValue(),
        (rows, period, cutSeeds, extra) => {
          const text = JSON.stringify({ period, skipped: extra, dataValues: rows, orgUnit: 'OU' }, null, cutSeeds.length % 2 ? 1 : 0);
          const cuts = cutSeeds.map((n) => n % (text.length + 1));
          const r = parseInPieces(text, cuts);
          expect(r.rows).toEqual(JSON.parse(JSON.stringify(rows)));
          const scalar = extra === null || typeof extra !== 'object';
          // compare with what JSON itself carries: -0 is written as 0
          expect(r.top).toEqual({ period, orgUnit: 'OU', ...(scalar ? { skipped: JSON.parse(JSON.stringify(extra)) } : {}) });
          expect(r.sawDataValues).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('decodes escapes split across pieces', () => {
    const text = '{"dataValues":[{"comment":"X\\u00e3 \\"A\\"\\n\\ud83d\\ude00"}]}';
    for (let cut = 0; cut <= text.length; cut++) expect(parseInPieces(text, [cut]).rows[0].comment).toBe('Xã "A"\n😀');
  });

  it('rejects what is not strict JSON, with the position', () => {
    for (const bad of [
      '{"dataValues":[1,]}',
      '{"a":1 "b":2}',
      "{'a':1}",
      '{"a":tru}',
      '{"a":01}',
      '{"a":"x\ny"}',
      '{"a":1}}',
      '[{"a":1}]',
      '{"a":"\\x"}',
    ]) {
      expect(() => parseInPieces(bad, []), bad).toThrow(JsonSyntaxError);
    }
    expect(() => parseInPieces('{"dataValues":[', [])).toThrow(/kết thúc đột ngột/);
    try {
      parseInPieces('{"dataValues": [ }', []);
    } catch (e) {
      expect((e as JsonSyntaxError).position).toBe(17);
    }
  });
});

describe('csvBatches', () => {
  it('keeps quoted line breaks and quotes whatever the cut', async () => {
    const text = 'a,b\r\n1,"x, ""y""\nz"\r\n2,w\n';
    for (let cut = 0; cut <= text.length; cut++) {
      async function* pieces() {
        yield text.slice(0, cut);
        yield text.slice(cut);
      }
      const rows: string[][] = [];
      for await (const b of csvBatches(pieces())) rows.push(...b);
      expect(rows, `cut ${cut}`).toEqual([
        ['a', 'b'],
        ['1', 'x, "y"\nz'],
        ['2', 'w'],
      ]);
    }
  });
});

describe('spoolBody', () => {
  it('keeps small bodies in memory and large ones in a temporary file it removes afterwards', async () => {
    const small = await spoolBody(Readable.from([Buffer.from('{"dataValues":[]}')]));
    expect(Buffer.isBuffer(small.body)).toBe(true);
    const piece = Buffer.alloc(1024 * 1024, 'a');
    const big = await spoolBody(Readable.from(Array.from({ length: 5 }, () => piece)));
    expect(Buffer.isBuffer(big.body)).toBe(false);
    const path = (big.body as fs.ReadStream).path as string;
    expect(fs.existsSync(path)).toBe(true);
    let n = 0;
    for await (const t of textPieces(big.body as Readable)) n += t.length;
    expect(n).toBe(5 * 1024 * 1024);
    await big.cleanup();
    expect(fs.existsSync(path)).toBe(false);
  });

  it('refuses a body over the limit with 413', async () => {
    await expect(spoolBody(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), 15)).rejects.toMatchObject({ status: 413 });
    await expect(
      spoolBody(Readable.from(Array.from({ length: 6 }, () => Buffer.alloc(1024 * 1024))), 5 * 1024 * 1024),
    ).rejects.toMatchObject({ status: 413 });
    async function* text() {
      yield 'x'.repeat(20);
    }
    await expect(async () => {
      for await (const _ of textPieces(Readable.from(text()), 10));
    }).rejects.toMatchObject({ status: 413 });
  });
});
