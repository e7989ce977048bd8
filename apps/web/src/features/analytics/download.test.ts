import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download';

describe('file name of a download', () => {
  it('prefers the UTF-8 name (Vietnamese with diacritics) over the ASCII fallback', () => {
    const header = `attachment; filename="Phu_luc_so_lieu_nam_2025.xlsx"; filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%20s%E1%BB%91%20li%E1%BB%87u%20n%C4%83m%202025.xlsx`;
    expect(fileNameFromDisposition(header, 'x.xlsx')).toBe('Phụ lục số liệu năm 2025.xlsx');
  });

  it('falls back to the plain name, then to the given name', () => {
    expect(fileNameFromDisposition('attachment; filename="Bang_tong_hop.xlsx"', 'x.xlsx')).toBe('Bang_tong_hop.xlsx');
    expect(fileNameFromDisposition('attachment; filename=report.docx', 'x.docx')).toBe('report.docx');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'x.docx')).toBe('x.docx');
    expect(fileNameFromDisposition(null, 'Dự thảo.docx')).toBe('Dự thảo.docx');
  });
});
