/**
 * Who issues the awards documents on a date, as the conference documents do: the department valid that day (the
 * 2025 merger shows by itself), its province, the place documents are dated at, and who signs for the director.
 */
import type { Db } from '../../platform/db/index.js';
import { type Issuer, type Signer, signerTitle, upperVi } from '../documents/kit/model.js';
import { issuerShort } from '../reports/summary-report.service.js';
import { orgIdentity } from '../settings/settings.service.js';
import { decisionRepo } from './decision.repository.js';

export type IssuerOnDate = {
  issuer: Issuer;
  department: { id: number | null; name: string };
  /** 'Ủy ban nhân dân tỉnh Vân Lĩnh' in a sentence. */
  provinceBody: string;
  /** 'tỉnh Vân Lĩnh' */
  provinceName: string;
  place: string;
  /** The director that day, else a deputy (who then signs KT.). */
  director: { personId: number; fullName: string; position: string; userId: number | null } | null;
  deputies: { personId: number; fullName: string; position: string; userId: number | null }[];
};

// The directory names the post 'Giám đốc' or, as the demo and many departments do, 'Giám đốc Sở'.
export const isDirector = (position: string) => /^giám đốc(?: sở)?$/iu.test(position.trim());
export const isDeputy = (position: string) => /^phó giám đốc(?: sở)?$/iu.test(position.trim());

export async function issuerOn(db: Db, date: string): Promise<IssuerOnDate> {
  const identity = await orgIdentity(db, date);
  const department = identity.department.name;
  const staff = identity.department.id !== null ? await decisionRepo.directorate(db, identity.department.id, date) : [];
  const d = staff.find((p) => isDirector(p.position));
  const provinceName = identity.province.name;
  return {
    issuer: { parentBody: upperVi(identity.province.parentBody || 'Ủy ban nhân dân tỉnh'), name: upperVi(department), short: issuerShort(department) },
    department: { id: identity.department.id, name: department },
    provinceBody: provinceName ? `Ủy ban nhân dân ${provinceName.charAt(0).toLocaleLowerCase('vi')}${provinceName.slice(1)}` : 'Ủy ban nhân dân tỉnh',
    provinceName: provinceName ? `${provinceName.charAt(0).toLocaleLowerCase('vi')}${provinceName.slice(1)}` : '',
    place: identity.province.place || provinceName.replace(/^(?:tỉnh|thành phố)\s+/iu, ''),
    director: d ? { personId: d.id, fullName: d.full_name, position: d.position, userId: d.user_id } : null,
    deputies: staff.filter((p) => isDeputy(p.position)).map((p) => ({ personId: p.id, fullName: p.full_name, position: p.position, userId: p.user_id })),
  };
}

/**
 * Who signs for the director: the signed-in user's own person when they are the director or a deputy that day
 * (a deputy signs "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"), else the director. Null when the department has neither.
 */
export function directorSigner(o: IssuerOnDate, userId: number | null): (Signer & { personId: number }) | null {
  if (userId !== null) {
    if (o.director?.userId === userId) return { personId: o.director.personId, name: o.director.fullName, title: signerTitle({ of: 'Giám đốc' }) };
    const dep = o.deputies.find((p) => p.userId === userId);
    if (dep) return { personId: dep.personId, name: dep.fullName, title: signerTitle({ authority: 'KT', of: 'Giám đốc', position: 'Phó Giám đốc' }) };
  }
  if (o.director) return { personId: o.director.personId, name: o.director.fullName, title: signerTitle({ of: 'Giám đốc' }) };
  const dep = o.deputies[0];
  return dep ? { personId: dep.personId, name: dep.fullName, title: signerTitle({ authority: 'KT', of: 'Giám đốc', position: 'Phó Giám đốc' }) } : null;
}

/** The council's own issuer line: the department over "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", its own symbol. */
export function councilIssuer(o: IssuerOnDate): Issuer {
  return { parentBody: o.issuer.name, name: 'HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG', short: 'HĐTĐKT' };
}
