/**
 * A synthetic province for the import benchmark: districts and communes, numeric data elements of
 * every value type, one quarterly form assigned to every unit — described as a DHIS2 metadata file —
 * and a generator of data value sets over it (JSON or CSV), deterministic for a given size.
 */

export type Province = {
  metadata: Record<string, unknown>;
  units: string[];
  elements: { code: string; valueType: 'INTEGER' | 'NUMBER' | 'PERCENTAGE' }[];
  form: string;
};

export function syntheticProvince(opts: { districts: number; communesPerDistrict: number; elements: number }): Province {
  const units: { code: string; name: string; type: string; parent: string }[] = [];
  for (let d = 1; d <= opts.districts; d++) {
    const dc = `H${String(d).padStart(2, '0')}`;
    units.push({ code: dc, name: `Phòng Văn hóa và Thông tin huyện số ${d}`, type: 'district_office', parent: 'TINH' });
    for (let c = 1; c <= opts.communesPerDistrict; c++)
      units.push({
        code: `${dc}_X${String(c).padStart(3, '0')}`,
        name: `Ủy ban nhân dân xã số ${c}, huyện số ${d}`,
        type: 'commune',
        parent: dc,
      });
  }
  const types = ['INTEGER', 'INTEGER', 'NUMBER', 'PERCENTAGE'] as const;
  const elements = Array.from({ length: opts.elements }, (_, i) => ({
    code: `CT${String(i + 1).padStart(3, '0')}`,
    name: `Chỉ tiêu thử nghiệm số ${i + 1} (lượt, đơn vị)`,
    valueType: types[i % types.length],
    aggregationType: 'SUM',
    min: 0,
    max: types[i % types.length] === 'PERCENTAGE' ? 100 : 10_000_000,
  }));
  return {
    metadata: {
      organisationUnits: [
        { code: 'TINH', name: 'Tỉnh thử nghiệm', type: 'province', parent: null, openingDate: '1990-01-01' },
        ...units.map((u) => ({ ...u, openingDate: '1990-01-01' })),
      ],
      dataElements: elements,
      dataSets: [
        {
          code: 'BM_QUY',
          name: 'Biểu mẫu báo cáo quý (thử tải)',
          periodType: 'Quarterly',
          kind: 'administrative',
          dataElements: elements.map((e) => e.code),
          organisationUnits: units.map((u) => u.code),
        },
      ],
    },
    units: units.map((u) => u.code),
    elements: elements.map((e) => ({ code: e.code, valueType: e.valueType })),
    form: 'BM_QUY',
  };
}

/** Quarters going back from `last`, oldest first: 2024Q4, 4 → 2024Q1..2024Q4. */
export function quartersBack(last: { year: number; quarter: number }, count: number): string[] {
  const out: string[] = [];
  let y = last.year;
  let q = last.quarter;
  for (let i = 0; i < count; i++) {
    out.push(`${y}Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out.reverse();
}

/**
 * `n` values as a DHIS2 data value set, in pieces of about 64 KB (period × unit × element order,
 * as DHIS2 exports them). Every 97th value carries a Vietnamese comment.
 */
export function dataValueSet(p: Province, periods: string[], n: number, format: 'json' | 'csv'): Buffer[] {
  const pieces: Buffer[] = [];
  let buf: string[] = [];
  let size = 0;
  const push = (s: string) => {
    buf.push(s);
    size += s.length;
    if (size >= 64 * 1024) {
      pieces.push(Buffer.from(buf.join('')));
      buf = [];
      size = 0;
    }
  };
  push(format === 'json' ? '{"dataValues":[' : 'dataElement,period,orgUnit,value,comment\n');
  let i = 0;
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  outer: for (const period of periods)
    for (const ou of p.units)
      for (const e of p.elements) {
        if (i >= n) break outer;
        const r = rand();
        const value =
          e.valueType === 'INTEGER'
            ? String(r % 5000)
            : e.valueType === 'PERCENTAGE'
              ? ((r % 1000) / 10).toFixed(1)
              : ((r % 1_000_000) / 100).toFixed(2);
        const comment = i % 97 === 0 ? `Số liệu ước tính của xã, đã đối chiếu ngày ${(r % 28) + 1}` : '';
        if (format === 'json') {
          push(
            `${i ? ',' : ''}{"dataElement":"${e.code}","period":"${period}","orgUnit":"${ou}","value":"${value}"${comment ? `,"comment":"${comment}"` : ''}}`,
          );
        } else push(`${e.code},${period},${ou},${value},${comment}\n`);
        i++;
      }
  push(format === 'json' ? ']}' : '');
  if (buf.length) pieces.push(Buffer.from(buf.join('')));
  if (i < n) throw new Error(`the province holds only ${i} values for ${periods.length} periods`);
  return pieces;
}
