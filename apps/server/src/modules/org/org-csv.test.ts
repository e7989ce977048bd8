import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors.js';
import { decodeCsv, parseCsv, toCsv } from './org-csv.js';

const HEADER = 'code,name,type,parentCode,validFrom,validTo,predecessorCodes';

describe('org CSV', () => {
  it('gives each row the line it starts on, across quoted line breaks and blank lines', () => {
    const text = `${HEADER}\r\nA,"Hai\r\ndòng",other,,2020-01-01,,\r\n\r\nB,Một,other,A,2020-01-01,,\r\n,,,,,,\r\nC,"Ba ""kép""",other,,2020-01-01,,`;
    const { rows, errors } = parseCsv(text);
    // Every column is a one-line field: the text boundary names the line and the column of the line break.
    expect(errors).toEqual([{ line: 2, message: 'Cột "name" không được chứa ký tự xuống dòng hoặc tab (U+000D); chỉ trường văn bản nhiều dòng mới cho phép.' }]);
    expect(rows.map((r) => [r.line, r.values.code, r.values.name])).toEqual([[5, 'B', 'Một'], [7, 'C', 'Ba "kép"']]);
  });

  it('reads columns in any order, semicolon-separated files, and undoes formula escaping', () => {
    const { rows } = parseCsv(`name;code;type;parentCode;validFrom;validTo;predecessorCodes\n'=SUM(A1);X;other;;01/01/2020;;`);
    expect(rows[0].values).toMatchObject({ code: 'X', name: '=SUM(A1)', validFrom: '01/01/2020' });
  });

  it('writes what it reads', () => {
    const rec = { code: 'A', name: 'Tên, có "ngoặc"; và dấu chấm phẩy', type: 'other', parentCode: '', validFrom: '2020-01-01', validTo: '', predecessorCodes: 'B;C' };
    const csv = toCsv([rec, { ...rec, code: 'B', name: '+84 là mã vùng' }]);
    expect(csv.split('\r\n')[0]).toBe(HEADER);
    expect(parseCsv(decodeCsv(csv)).rows.map((r) => r.values)).toEqual([rec, { ...rec, code: 'B', name: '+84 là mã vùng' }]);
  });

  it('refuses what is not CSV text', () => {
    const status = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).status;
      }
      return 200;
    };
    expect(status(() => decodeCsv(Buffer.alloc(0)))).toBe(400);
    expect(status(() => decodeCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2])))).toBe(415);
    expect(status(() => decodeCsv(Buffer.from([0xff, 0xfe, 0x41, 0x00])))).toBe(400);
    expect(status(() => decodeCsv('a\u0000b'.repeat(9)))).toBe(400);
    // A few control characters are cells to correct: parseCsv names their line and column.
    expect(status(() => decodeCsv('a\u0000b'))).toBe(200);
    expect(status(() => decodeCsv(Buffer.from('\uFEFFcode')))).toBe(200);
    expect(status(() => parseCsv('code,name\nA,B'))).toBe(400);
    expect(status(() => parseCsv(`${HEADER},extra\nA,B,other,,2020-01-01,,,`))).toBe(400);
  });

  it('reports an unclosed quote and surplus fields by line', () => {
    const { errors } = parseCsv(`${HEADER}\nA,B,other,,2020-01-01,,,surplus\n"C,D,other,,2020-01-01,,\n`);
    expect(errors).toEqual([
      { line: 2, message: 'Có 8 cột, nhiều hơn dòng tiêu đề (7 cột). Ô có dấu phẩy phải đặt trong ngoặc kép.' },
      { line: 3, message: 'Sai cú pháp CSV: dấu ngoặc kép (") chưa được đóng.' },
    ]);
  });
});
