import { z } from 'zod';

export const Query = z.object({
  dimension: z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(10)]).optional()
    .describe('dx:MÃ;MÃ — ou:MÃ;LEVEL-2 — pe:2024;2024Q1;LAST_4_QUARTERS (lặp lại tham số cho từng chiều)'),
  includeUnapproved: z.enum(['true', 'false']).optional().describe('Tính cả số liệu chưa duyệt (văn phòng, quản trị, thẩm định)'),
  format: z.enum(['json', 'csv']).optional(),
});

export const Grid = z.object({
  headers: z.array(z.object({ name: z.enum(['dx', 'ou', 'pe', 'value']) })),
  rows: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])),
  metaData: z.object({
    items: z.record(z.string(), z.object({ name: z.string() })),
    dimensions: z.object({ dx: z.array(z.string()), ou: z.array(z.string()), pe: z.array(z.string()) }),
  }),
});
