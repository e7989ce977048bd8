import { writeFileSync } from 'node:fs';
import { renderCertificates } from './certificate.docx.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { stopWarmOffices } from '../documents/kit/office.js';
const names = ['Nguyễn Thị Hoa', 'Lê Văn Thành', 'Phòng Văn hóa và Thông tin huyện Khê Thượng'];
const facts = names.map((n, i) => ({
  heading: 'Giấy khen', awarder: 'Giám đốc Sở Khoa học và Công nghệ tỉnh Vân Lĩnh', recipient: i < 2 ? (i ? `Ông ${n}` : `Bà ${n}`) : n,
  detail: i < 2 ? 'Chuyên viên Phòng Văn hóa và Thông tin huyện Khê Thượng' : 'Ủy ban nhân dân huyện Khê Thượng',
  achievement: 'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025', decisionNumber: '15/QĐ-SKHCN', decisionDate: '2026-01-20', bookNumber: `15.0${i + 1}`,
  place: 'Vân Lĩnh', signer: { title: 'GIÁM ĐỐC', name: 'Nông Văn Đức' },
}));
const docx = await renderCertificates(facts, 'test');
writeFileSync('/tmp/k2/cert.docx', docx);
let t = Date.now();
const pdf = await docxToPdf(docx);
console.log('pdf ms', Date.now() - t, pdf.length);
writeFileSync('/tmp/k2/cert.pdf', pdf);
await stopWarmOffices?.();
