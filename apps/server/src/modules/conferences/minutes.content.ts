/**
 * The Biên bản hội nghị (BB) from the minutes' content: time, place, chair, secretary, attendance, the content item
 * by item, the closing time, and the signatures THƯ KÝ (left) and CHỦ TỌA (right). No "Nơi nhận".
 */
import { type BodyBlock, DOCUMENT_TYPES, type DecreeDocument } from '../documents/kit/model.js';
import type { ConferenceFacts } from './documents.data.js';
import type { MinutesContent } from './minutes.service.js';

/** A multi-line text as blocks: '- ' lines become bullets, other lines paragraphs, in their order. */
export function textBlocks(text: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length) blocks.push({ kind: 'bullets', items: bullets });
    bullets = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[-–•]\s+/u.test(line)) bullets.push(line.replace(/^[-–•]\s+/u, ''));
    else {
      flush();
      blocks.push({ kind: 'para', runs: [{ text: line }] });
    }
  }
  flush();
  return blocks;
}

export function minutesDocument(f: Pick<ConferenceFacts, 'conference' | 'issuer' | 'place' | 'date' | 'chair' | 'secretary'>, m: MinutesContent, opts: { draft?: boolean } = {}): DecreeDocument {
  const items = m.items.filter((i) => i.title.trim() || i.text.trim());
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.BB,
    number: m.number,
    place: f.place,
    date: f.date,
    summary: f.conference.title,
    body: [
      ...(opts.draft ? [{ kind: 'para' as const, align: 'center' as const, runs: [{ text: '(Bản biên bản lập tự động từ ghi chép, chưa được thư ký lưu)', italic: true }] }] : []),
      {
        kind: 'fields',
        items: [
          { label: 'Thời gian', value: m.time },
          { label: 'Địa điểm', value: m.place },
          { label: 'Chủ trì', value: m.chair },
          { label: 'Thư ký', value: m.secretary },
        ].filter((x) => x.value.trim()),
      },
      { kind: 'heading', level: 1, text: 'I. THÀNH PHẦN THAM DỰ' },
      { kind: 'bullets', items: m.attendance },
      { kind: 'heading', level: 1, text: 'II. NỘI DUNG HỘI NGHỊ' },
      ...items.flatMap((i, n): BodyBlock[] => [{ kind: 'heading', level: 2, text: `${n + 1}. ${i.title.trim()}` }, ...textBlocks(i.text)]),
      { kind: 'para', runs: [{ text: m.closing, italic: true }] },
    ],
    signature: {
      layout: 'pair',
      left: { title: 'THƯ KÝ', name: f.secretary?.fullName ?? '' },
      right: { title: 'CHỦ TỌA', name: f.chair?.fullName ?? '' },
    },
    description: `Biên bản ${f.conference.title}`,
  };
}
