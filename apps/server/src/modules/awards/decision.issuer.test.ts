import { describe, expect, it } from 'vitest';
import { directorSigner, type IssuerOnDate, isDeputy, isDirector } from './decision.issuer.js';

describe('who signs for the director', () => {
  it('reads the directorate whether the post is written "Giám đốc" or "Giám đốc Sở"', () => {
    for (const p of ['Giám đốc', 'Giám đốc Sở', ' giám đốc sở ']) expect(isDirector(p), p).toBe(true);
    for (const p of ['Phó Giám đốc', 'Phó Giám đốc Sở']) expect(isDeputy(p), p).toBe(true);
    for (const p of ['Phó Giám đốc Sở', 'Giám đốc Trung tâm', 'Giám đốc Sở Tư pháp', 'Chánh Văn phòng']) expect(isDirector(p), p).toBe(false);
    expect(isDeputy('Phó Giám đốc Trung tâm')).toBe(false);
  });

  it('signs as the director, or a deputy signs KT. GIÁM ĐỐC', () => {
    const base: IssuerOnDate = {
      issuer: { parentBody: 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', name: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', short: 'SKHCN' }, department: { id: 1, name: 'Sở Khoa học và Công nghệ' },
      provinceBody: 'Ủy ban nhân dân tỉnh Vân Lĩnh', provinceName: 'tỉnh Vân Lĩnh', place: 'Vân Lĩnh',
      director: { personId: 10, fullName: 'Ma Đình Quang', position: 'Giám đốc Sở', userId: 5 },
      deputies: [{ personId: 11, fullName: 'Nông Thị Hạnh', position: 'Phó Giám đốc Sở', userId: 6 }],
    };
    expect(directorSigner(base, 5)).toMatchObject({ personId: 10, name: 'Ma Đình Quang' });
    expect(directorSigner(base, 6)?.personId).toBe(11);
    expect(directorSigner(base, 6)?.title).toMatch(/KT/);
    expect(directorSigner({ ...base, director: null }, null)?.personId).toBe(11);
  });
});
