/**
 * The certificates (Giấy khen of the director) of an issued department decision, as one batch: a .docx with a
 * landscape page per person or collective, and its PDF through the kit's LibreOffice (warm when available), one
 * conversion for the whole batch. Who signed and on what date come from the decision as issued.
 */
import type { Actor } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { conflict } from '../../platform/errors.js';
import { positionWithUnit } from '../conferences/documents.data.js';
import type { DecreeDocument, Signer } from '../documents/kit/model.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { type CertificateFacts, renderCertificates } from './certificate.docx.js';
import { issuerOn } from './decision.issuer.js';
import { decisionRepo } from './decision.repository.js';
import { decisionView } from './decision.service.js';

/** Award types printed as a Giấy khen. */
export const CERTIFICATE_CODES: ReadonlySet<string> = new Set(['GK_SO']);

export async function certificateFacts(db: Db, actor: Actor, decisionId: number, today: string): Promise<{ facts: CertificateFacts[]; name: string }> {
  const v = await decisionView(db, actor, decisionId, today);
  const d = v.decision;
  if (d.status !== 'issued' || d.issuer !== 'department') throw conflict('Chỉ in giấy khen của quyết định do Giám đốc Sở đã ký ban hành.');
  const lines = v.lines.filter((l) => CERTIFICATE_CODES.has(l.awardCode));
  if (!lines.length) throw conflict('Quyết định này không có Giấy khen để in.');
  const date = d.decisionDate!;
  const who = await issuerOn(db, date);
  const stored = await decisionRepo.stored(db, decisionId);
  const model = stored?.content as DecreeDocument | null;
  const signer: Signer = model?.signature.layout === 'single' ? model.signature.signer : { title: d.signerTitle ?? 'GIÁM ĐỐC', name: '' };
  const seq = d.numberSeq ?? 0;
  const achievement = (d.reason ?? `có thành tích trong thực hiện nhiệm vụ năm ${d.awardYear ?? d.year}`).replace(/^đã\s+/iu, '');
  const facts = lines.map((l, i): CertificateFacts => {
    const s = l.subject;
    const person = l.personId !== null;
    return {
      heading: 'Giấy khen',
      awarder: `Giám đốc ${who.department.name}${who.provinceName ? ` ${who.provinceName}` : ''}`,
      recipient: person ? `${s?.gender === 'female' ? 'Bà' : s?.gender === 'male' ? 'Ông' : ''} ${s?.name ?? ''}`.trim() : (s?.name ?? ''),
      detail: person ? positionWithUnit(s?.position ?? '', s?.unit?.name ?? null) : (s?.unit?.parentName ?? ''),
      achievement: l.achievement ?? `Đã ${achievement}`,
      decisionNumber: d.number!, decisionDate: date, bookNumber: `${seq}.${String(i + 1).padStart(2, '0')}`, place: who.place, signer,
    };
  });
  return { facts, name: `Giấy khen theo Quyết định số ${d.number!.replace(/\//g, '-')}` };
}

export async function certificatesDocx(db: Db, actor: Actor, decisionId: number, today: string): Promise<{ buffer: Buffer; fileName: string; count: number }> {
  const { facts, name } = await certificateFacts(db, actor, decisionId, today);
  return { buffer: await renderCertificates(facts, name), fileName: `${name}.docx`, count: facts.length };
}

export async function certificatesPdf(db: Db, actor: Actor, decisionId: number, today: string): Promise<{ buffer: Buffer; fileName: string; count: number }> {
  const { facts, name } = await certificateFacts(db, actor, decisionId, today);
  return { buffer: await docxToPdf(await renderCertificates(facts, name), { timeoutMs: 180_000 }), fileName: `${name}.pdf`, count: facts.length };
}
