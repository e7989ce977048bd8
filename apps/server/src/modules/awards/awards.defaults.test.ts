/**
 * Every default row the migration seeds, checked against the research notes on awards (design/research/
 * awards-documents-portal.md, next to the repository: ../shared/design/research/). Each expected row below names
 * the line of the notes it comes from and quotes it. The test fails on a seeded row that has no entry here, on an
 * entry with no row, on a row whose values differ, and — where the notes are present — on a quote that is not on
 * its line. A point the notes mark [UNCONFIRMED] must be a 'setting' row, never law.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';

const NOTES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/design/research/awards-documents-portal.md');
const lines = fs.existsSync(NOTES) ? fs.readFileSync(NOTES, 'utf8').split('\n') : null;

type Src = [line: number, quote: string];

// ───────────── legal bases ─────────────
const BASES: Record<string, { kind: string; number: string; issuedOn: string | null; validFrom: string; validTo: string | null; src: Src[] }> = {
  LUAT_TDKT_2022: { kind: 'law', number: '06/2022/QH15', issuedOn: '2022-06-15', validFrom: '2024-01-01', validTo: null,
    src: [[14, 'Luật Thi đua, khen thưởng số 06/2022/QH15 (15/6/2022) | in force from 01/01/2024']] },
  ND_98_2023: { kind: 'decree', number: '98/2023/NĐ-CP', issuedOn: '2023-12-31', validFrom: '2024-01-01', validTo: '2025-06-30',
    src: [[15, 'Nghị định 98/2023/NĐ-CP (31/12/2023) | in force 01/01/2024, **no longer in force from 01/07/2025**']] },
  ND_152_2025: { kind: 'decree', number: '152/2025/NĐ-CP', issuedOn: '2025-06-14', validFrom: '2025-07-01', validTo: null,
    src: [[16, '**Nghị định 152/2025/NĐ-CP (14/6/2025)**'], [16, '**in force 01/07/2025**; Điều 59 k2 repeals NĐ 98/2023 and NĐ 28/2024']] },
  ND_129_2025: { kind: 'decree', number: '129/2025/NĐ-CP', issuedOn: '2025-06-11', validFrom: '2025-07-01', validTo: null,
    src: [[17, 'Nghị định 129/2025/NĐ-CP (11/6/2025)'], [17, 'Điều 59: the Chủ tịch UBND cấp xã takes over the awarding powers of the former district level'],
      [10, 'the legal baseline changed on 01/07/2025']] },
  QD_2490_2022_BTTTT: { kind: 'decision', number: '2490/QĐ-BTTTT', issuedOn: '2022-12-30', validFrom: '2022-12-30', validTo: null,
    src: [[145, '**QĐ 2490/QĐ-BTTTT (30/12/2022)** issued the rules (Quy chế) for this medal'], [154, 'Whether TT 25/2025 expressly abolishes KNC TT&TT or QĐ 2490']] },
  TT_25_2025_BKHCN: { kind: 'circular', number: '25/2025/TT-BKHCN', issuedOn: '2025-10-31', validFrom: '2025-10-31', validTo: null,
    src: [[146, '**TT 25/2025/TT-BKHCN (31/10/2025)**']] },
  ND_73_2024: { kind: 'decree', number: '73/2024/NĐ-CP', issuedOn: null, validFrom: '2024-07-01', validTo: null, src: [[116, 'from 01/07/2024 (NĐ 73/2024 Đ3 k2']] },
  ND_161_2026: { kind: 'decree', number: '161/2026/NĐ-CP', issuedOn: '2026-05-15', validFrom: '2026-07-01', validTo: null,
    src: [[117, '**2,530,000 đ from 01/07/2026** under **NĐ 161/2026/NĐ-CP (15/5/2026)**']] },
};

// ───────────── award types ─────────────
const TYPES: Record<string, { name: string; category: string; subject: string; recurrences: string[]; src: Src[] }> = {
  LDTT: { name: 'Lao động tiên tiến', category: 'title', subject: 'individual', recurrences: ['annual'], src: [[44, '| LDTT | "Lao động tiên tiến" |'], [44, '| annually |']] },
  CSTD_CS: { name: 'Chiến sĩ thi đua cơ sở', category: 'title', subject: 'individual', recurrences: ['annual'], src: [[45, '| CSTDCS | "Chiến sĩ thi đua cơ sở" |']] },
  CSTD_TINH: { name: 'Chiến sĩ thi đua cấp tỉnh', category: 'title', subject: 'individual', recurrences: ['annual'],
    src: [[46, '| CSTDT | Chiến sĩ thi đua Bộ, ban, ngành, tỉnh ("CSTĐ cấp tỉnh") |'], [46, '| annually |']] },
  TTLDTT: { name: 'Tập thể lao động tiên tiến', category: 'title', subject: 'collective', recurrences: ['annual'], src: [[47, '| TTLDTT | "Tập thể lao động tiên tiến" |']] },
  TTLDXS: { name: 'Tập thể lao động xuất sắc', category: 'title', subject: 'collective', recurrences: ['annual'], src: [[48, '| TTLDXS | "Tập thể lao động xuất sắc" |']] },
  CO_TINH: { name: 'Cờ thi đua của Ủy ban nhân dân tỉnh', category: 'title', subject: 'collective', recurrences: ['annual', 'periodic'],
    src: [[49, '| CO_TINH | Cờ thi đua của UBND tỉnh |'], [49, '| annually, or at the end of a chuyên đề |']] },
  GK_SO: { name: 'Giấy khen của Giám đốc Sở', category: 'form', subject: 'both', recurrences: ['annual', 'periodic', 'sudden'],
    src: [[51, '| GK_SO | Giấy khen of the Giám đốc Sở |'], [51, '| any time (annual, chuyên đề, đột xuất) |'], [51, 'Collective: the same plus nội bộ đoàn kết']] },
  BK_UBND_TINH: { name: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', category: 'form', subject: 'both', recurrences: ['annual', 'periodic', 'sudden'],
    src: [[52, '| BK_CT | Bằng khen của Chủ tịch UBND tỉnh |'], [52, '| any time |'], [52, '**Collective, one of:**']] },
  BK_BO: { name: 'Bằng khen của Bộ trưởng', category: 'form', subject: 'both', recurrences: ['annual', 'periodic', 'sudden'],
    src: [[53, '| BK_BT | Bằng khen của Bộ trưởng |'], [53, '| any time |'], [53, '| 1.5 / 3.0 |']] },
  KNC: { name: 'Kỷ niệm chương', category: 'form', subject: 'individual', recurrences: ['once_per_person'],
    src: [[54, '| KNC | Kỷ niệm chương of a Bộ/ngành (or of a tỉnh) |'], [54, '| once per person |']] },
};

// ───────────── versions: one per legal period (KNC: per medal) ─────────────
type V = {
  validTo: string | null; article: string | null; basis: string;
  vote: [num: number, den: number, source: 'law' | 'setting'] | null;
  reward: [individual: number | null, collective: number | null, max: boolean, source: 'law' | 'setting', basis: string, article: string | null];
  src: Src[];
};
const P98 = '2024-01-01';
const P152 = '2025-07-01';
const TITLE_ART: Src = [30, 'Đ21 CSTĐ toàn quốc; Đ22 CSTĐ Bộ, ban, ngành, tỉnh; Đ23 CSTĐ cơ sở; Đ24 LĐTT'];
const COLL_ART: Src = [31, 'Đ25 Cờ thi đua của Chính phủ; Đ26 Cờ thi đua Bộ/ban/ngành/tỉnh; Đ27 TTLĐXS; Đ28 TTLĐTT'];
const FORM_ART: Src = [32, 'Đ71 Kỷ niệm chương (k2 is delegated to ministries and provinces); Đ72 kinds of Bằng khen; Đ74 Bằng khen Bộ/ban/ngành/tỉnh; Đ75 Giấy khen'];
const SAME_98: Src = [113, 'NĐ 98 (valid to 30/6/2025) had the same title coefficients'];
const V80: Src = [131, '**≥80% of total membership** for CSTĐ cơ sở, Cờ thi đua Bộ/tỉnh and Cờ thi đua CP.'];
const V90: Src = [130, '**≥90% of the council\'s total membership** for Anh hùng, CSTĐ toàn quốc and CSTĐ Bộ/tỉnh.'];
const V152: Src = [134, '**Whether NĐ 152 keeps 90/80: [UNCONFIRMED].**'];
const FORMS_98: Src = [113, 'had the same title coefficients'];
const VERSIONS: Record<string, V> = {
  [`LDTT ${P98}`]: { validTo: '2025-06-30', article: 'Điều 24', basis: 'LUAT_TDKT_2022', vote: null, reward: [0.3, null, false, 'law', 'ND_98_2023', null],
    src: [TITLE_ART, SAME_98, [44, '| not in the secret-ballot list | 0.3 (NĐ 152 Đ50 k1 d) |']] },
  [`LDTT ${P152}`]: { validTo: null, article: 'Điều 24', basis: 'LUAT_TDKT_2022', vote: null, reward: [0.3, null, false, 'law', 'ND_152_2025', 'Điều 50 khoản 1 điểm d'],
    src: [TITLE_ART, [94, '| LĐTT / Chiến sĩ tiên tiến | 0.3 | – | Đ50 k1 d |']] },
  [`CSTD_CS ${P98}`]: { validTo: '2025-06-30', article: 'Điều 23', basis: 'LUAT_TDKT_2022', vote: [80, 100, 'law'], reward: [1, null, false, 'law', 'ND_98_2023', null],
    src: [TITLE_ART, V80, [45, 'NĐ 98 Đ30 k7: secret ballot, **≥80% of ALL council members**'], [45, '| 1.0, plus Bằng chứng nhận and khung'], SAME_98] },
  [`CSTD_CS ${P152}`]: { validTo: null, article: 'Điều 23', basis: 'LUAT_TDKT_2022', vote: [80, 100, 'setting'], reward: [1, null, false, 'law', 'ND_152_2025', 'Điều 50 khoản 1 điểm c'],
    src: [TITLE_ART, V152, [45, 'NĐ 152: **[UNCONFIRMED]** | 1.0'], [93, '| CSTĐ cơ sở | 1.0 | – | Đ50 k1 c |']] },
  [`CSTD_TINH ${P98}`]: { validTo: '2025-06-30', article: 'Điều 22', basis: 'LUAT_TDKT_2022', vote: [90, 100, 'law'], reward: [3, null, false, 'law', 'ND_98_2023', null],
    src: [TITLE_ART, V90, [46, 'NĐ 98 Đ30 k7: **≥90% of ALL members** of HĐTĐKT tỉnh'], [46, '| 3.0, plus certificate, frame, badge and badge box'], SAME_98] },
  [`CSTD_TINH ${P152}`]: { validTo: null, article: 'Điều 22', basis: 'LUAT_TDKT_2022', vote: [90, 100, 'setting'], reward: [3, null, false, 'law', 'ND_152_2025', 'Điều 50 khoản 1 điểm b'],
    src: [TITLE_ART, V152, [92, '| CSTĐ Bộ/ban/ngành/tỉnh | 3.0 | – | Đ50 k1 b |']] },
  [`TTLDTT ${P98}`]: { validTo: '2025-06-30', article: 'Điều 28', basis: 'LUAT_TDKT_2022', vote: null, reward: [null, 0.8, false, 'law', 'ND_98_2023', null],
    src: [COLL_ART, [47, '| annually | none | 0.8 (NĐ 152 Đ50 k2 b) |'], SAME_98] },
  [`TTLDTT ${P152}`]: { validTo: null, article: 'Điều 28', basis: 'LUAT_TDKT_2022', vote: null, reward: [null, 0.8, false, 'law', 'ND_152_2025', 'Điều 50 khoản 2 điểm b'],
    src: [COLL_ART, [96, '| TTLĐTT / Đơn vị tiên tiến | – | 0.8 | Đ50 k2 b |']] },
  [`TTLDXS ${P98}`]: { validTo: '2025-06-30', article: 'Điều 27', basis: 'LUAT_TDKT_2022', vote: null, reward: [null, 1.5, false, 'law', 'ND_98_2023', null],
    src: [COLL_ART, [48, '| annually | none | 1.5, plus certificate and frame (NĐ 152 Đ50 k2 a) |'], SAME_98] },
  [`TTLDXS ${P152}`]: { validTo: null, article: 'Điều 27', basis: 'LUAT_TDKT_2022', vote: null, reward: [null, 1.5, false, 'law', 'ND_152_2025', 'Điều 50 khoản 2 điểm a'],
    src: [COLL_ART, [95, '| TTLĐXS / Đơn vị quyết thắng | – | 1.5 | Đ50 k2 a |']] },
  [`CO_TINH ${P98}`]: { validTo: '2025-06-30', article: 'Điều 26', basis: 'LUAT_TDKT_2022', vote: [80, 100, 'law'], reward: [null, 8, false, 'law', 'ND_98_2023', null],
    src: [COLL_ART, V80, [49, 'NĐ 98 Đ30 k7: **≥80%** of all members'], [49, '| 8.0, plus the flag'], SAME_98] },
  [`CO_TINH ${P152}`]: { validTo: null, article: 'Điều 26', basis: 'LUAT_TDKT_2022', vote: [80, 100, 'setting'], reward: [null, 8, false, 'law', 'ND_152_2025', 'Điều 50 khoản 2 điểm e'],
    src: [COLL_ART, V152, [49, 'NĐ 152: [UNCONFIRMED] | 8.0, plus the flag (NĐ 152 Đ50 k2 e) |'], [100, '| Cờ thi đua Bộ/ban/ngành/tỉnh | – | 8.0 | Đ50 k2 e |']] },
  [`GK_SO ${P98}`]: { validTo: '2025-06-30', article: 'Điều 75', basis: 'LUAT_TDKT_2022', vote: null, reward: [0.3, 0.6, false, 'setting', 'ND_98_2023', null],
    src: [FORM_ART, FORMS_98, [103, '| Giấy khen (Law Đ75 k1 a–d issuers) | **0.3** | **0.6** | Đ54 |']] },
  [`GK_SO ${P152}`]: { validTo: null, article: 'Điều 75', basis: 'LUAT_TDKT_2022', vote: null, reward: [0.3, 0.6, false, 'setting', 'ND_152_2025', 'Điều 54'],
    src: [FORM_ART, [103, '| Giấy khen (Law Đ75 k1 a–d issuers) | **0.3** | **0.6** | Đ54 |'], [111, 'Giấy khen 0.3: only in a machine-translated Japanese version'],
      [51, '| none | individual **0.3**, collective **0.6** (NĐ 152 Đ54; see 1.3) |']] },
  [`BK_UBND_TINH ${P98}`]: { validTo: '2025-06-30', article: 'Điều 74', basis: 'LUAT_TDKT_2022', vote: null, reward: [1.5, 3, false, 'setting', 'ND_98_2023', null],
    src: [FORM_ART, FORMS_98, [102, '| Bằng khen Bộ/ban/ngành/tỉnh | **1.5** | **3.0** | Đ54 |']] },
  [`BK_UBND_TINH ${P152}`]: { validTo: null, article: 'Điều 74', basis: 'LUAT_TDKT_2022', vote: null, reward: [1.5, 3, false, 'law', 'ND_152_2025', 'Điều 54'],
    src: [FORM_ART, [102, '| Bằng khen Bộ/ban/ngành/tỉnh | **1.5** | **3.0** | Đ54 |'], [52, '| none | individual **1.5**, collective **3.0** (NĐ 152 Đ54) |']] },
  [`BK_BO ${P98}`]: { validTo: '2025-06-30', article: 'Điều 74', basis: 'LUAT_TDKT_2022', vote: null, reward: [1.5, 3, false, 'setting', 'ND_98_2023', null],
    src: [FORM_ART, FORMS_98, [53, '| 1.5 / 3.0 |']] },
  [`BK_BO ${P152}`]: { validTo: null, article: 'Điều 74', basis: 'LUAT_TDKT_2022', vote: null, reward: [1.5, 3, false, 'law', 'ND_152_2025', 'Điều 54'],
    src: [FORM_ART, [53, '| 1.5 / 3.0 |'], [102, '| Bằng khen Bộ/ban/ngành/tỉnh | **1.5** | **3.0** | Đ54 |']] },
  [`KNC ${P98}`]: { validTo: '2025-06-30', article: null, basis: 'QD_2490_2022_BTTTT', vote: null, reward: [0.6, null, true, 'setting', 'ND_98_2023', null],
    src: [[143, '## 2. Kỷ niệm chương "Vì sự nghiệp Thông tin và Truyền thông" and what replaced it'], [54, '"không quá **0,6** lần" (NĐ 152 Đ54 k1; see 1.3)'], FORMS_98] },
  [`KNC ${P152}`]: { validTo: '2025-10-30', article: null, basis: 'QD_2490_2022_BTTTT', vote: null, reward: [0.6, null, true, 'law', 'ND_152_2025', 'Điều 54 khoản 1 điểm d'],
    src: [[145, '**QĐ 2490/QĐ-BTTTT (30/12/2022)**'], [104, '| Kỷ niệm chương Bộ/ban/ngành/tỉnh | ≤0.6 | – | Đ54 k1 d |'], [154, '[UNCONFIRMED]']] },
  'KNC 2025-10-31': { validTo: null, article: 'Điều 15 – 18', basis: 'TT_25_2025_BKHCN', vote: null, reward: [0.6, null, true, 'law', 'ND_152_2025', 'Điều 54 khoản 1 điểm d'],
    src: [[146, 'which regulates **KNC "Vì sự nghiệp Khoa học và Công nghệ"** (Đ15–18'], [104, '| Kỷ niệm chương Bộ/ban/ngành/tỉnh | ≤0.6 | – | Đ54 k1 d |']] },
};

// ───────────── criteria (the same rows in every period of a code, unless `periods` says) ─────────────
type C = {
  kind: string; appliesTo: string; params: Record<string, unknown>; alt: [string, string] | null; severity: 'block' | 'flag'; source: 'law' | 'setting';
  basis: string | null; article: string | null; src: Src[]; periods?: string[];
};
const law = (article: string, kind: string, params: Record<string, unknown>, src: Src[], o: Partial<C> = {}): C => ({
  kind, appliesTo: 'individual', params, alt: null, severity: 'block', source: 'law', basis: 'LUAT_TDKT_2022', article, src, ...o,
});
const ANNUAL = ['LDTT', 'CSTD_CS', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'CO_TINH'];
const BK = ['BK_UBND_TINH', 'BK_BO'];
const CRITERIA: [codes: string[], code: string, c: C][] = [
  [['LDTT'], 'hoan_thanh_tot', law('Điều 24 khoản 1 điểm a', 'performance_rating', { min: 'tot' }, [[44, 'a) "Hoàn thành tốt nhiệm vụ trở lên"']])],
  [['LDTT'], 'tinh_than', law('Điều 24 khoản 1 điểm b', 'manual', { mode: 'assume' }, [[44, 'b) "Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua"']])],
  [['LDTT'], 'moi_tuyen_dung', law('', 'service_years', { months: 6 }, [[70, 'barred newly recruited staff with **<6 months** of service'], [70, 'Whether the 6-month rule survives: [UNCONFIRMED]']],
    { source: 'setting', basis: null, article: null })],
  [['CSTD_CS'], 'tieu_chuan_ldtt', law('Điều 23', 'meets_standard', { code: 'LDTT' }, [[45, 'Law Đ23: (1) meets the LĐTT standard'], [61, 'LĐTT → CSTĐCS (same year)']])],
  [['CSTD_CS'], 'htxs', law('Điều 23', 'performance_rating', { min: 'xuat_sac' }, [[45, '(2) "Hoàn thành xuất sắc nhiệm vụ **hoặc** có sáng kiến được cơ sở công nhận']], { alt: ['thanh_tich', 'a'] })],
  [['CSTD_CS'], 'sang_kien', law('Điều 23', 'initiative', { minScope: 'co_so', window: 1, count: 1 }, [[45, 'có sáng kiến được cơ sở công nhận'], [45, 'So an initiative (sáng kiến) is no longer mandatory.']],
    { alt: ['thanh_tich', 'b'] })],
  [['CSTD_CS'], 'de_tai', law('Điều 23', 'manual', { mode: 'claim' }, [[45, 'có đề tài khoa học, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu hoặc mưu trí, sáng tạo']],
    { alt: ['thanh_tich', 'c'] })],
  [['CSTD_TINH'], 'chuoi_cstd_cs', law('Điều 22 khoản 1 điểm a', 'prerequisite_title', { codes: ['CSTD_CS'], years: 3 },
    [[46, 'a) "lựa chọn trong số những cá nhân có **03 lần liên tục** được tặng danh hiệu \'Chiến sĩ thi đua cơ sở\'"'], [61, '3 consecutive CSTĐCS → CSTĐ tỉnh']])],
  [['CSTD_TINH'], 'sang_kien_tinh', law('Điều 22 khoản 1 điểm b', 'initiative', { minScope: 'tinh', window: 3, count: 1 },
    [[46, 'b) sáng kiến "đã được áp dụng hiệu quả và có khả năng nhân rộng trong Bộ, ban, ngành, tỉnh"'], [60, 'The product should track which award consumed which sáng kiến.']],
    { alt: ['sang_kien', 'a'] })],
  [['CSTD_TINH'], 'de_tai_tinh', law('Điều 22 khoản 1 điểm b', 'manual', { mode: 'claim' }, [[46, 'or an accepted and applied research topic/project with influence across the province']],
    { alt: ['sang_kien', 'b'] })],
  [['TTLDTT'], 'hoan_thanh_tot', law('Điều 28', 'performance_rating', { min: 'tot' }, [[47, 'hoàn thành tốt nhiệm vụ;']], { appliesTo: 'collective' })],
  [['TTLDTT'], 'ty_le_ldtt', law('Điều 28', 'member_ratio', { code: 'LDTT', ratio: 0.7 }, [[47, '**≥70% of members are LĐTT**']], { appliesTo: 'collective' })],
  [['TTLDTT'], 'phong_trao', law('Điều 28', 'manual', { mode: 'assume' }, [[47, 'phong trào thi đua thường xuyên, thiết thực, hiệu quả;'], [47, 'nội bộ đoàn kết']], { appliesTo: 'collective' })],
  [['TTLDXS'], 'hoan_thanh_xuat_sac', law('Điều 27', 'performance_rating', { min: 'xuat_sac' }, [[48, 'hoàn thành xuất sắc nhiệm vụ;']], { appliesTo: 'collective' })],
  [['TTLDXS'], 'thanh_vien_hoan_thanh', law('Điều 27', 'member_ratio', { minRating: 'hoan_thanh', ratio: 1 }, [[48, '**100% of members complete their tasks, of whom ≥70% are LĐTT**']], { appliesTo: 'collective' })],
  [['TTLDXS'], 'ty_le_ldtt', law('Điều 27', 'member_ratio', { code: 'LDTT', ratio: 0.7 }, [[48, 'of whom ≥70% are LĐTT']], { appliesTo: 'collective' })],
  [['TTLDXS'], 'co_cstd_cs', law('Điều 27', 'member_ratio', { code: 'CSTD_CS', atLeast: 1 }, [[48, '**at least one member is CSTĐ cơ sở**']], { appliesTo: 'collective' })],
  [['TTLDXS'], 'phong_trao', law('Điều 27', 'manual', { mode: 'assume' }, [[48, 'phong trào thi đua...;'], [48, 'nội bộ đoàn kết']], { appliesTo: 'collective' })],
  [['CO_TINH'], 'dan_dau_cum', law('Điều 26 khoản 1', 'cluster_rank', { maxRank: 1 }, [[49, '"tặng hằng năm cho tập thể **dẫn đầu phong trào thi đua của Cụm, Khối thi đua** do tỉnh tổ chức"']],
    { appliesTo: 'collective', alt: ['con_duong', 'a'] })],
  [['CO_TINH'], 'tieu_bieu', law('Điều 26 khoản 1', 'manual', { mode: 'assume' }, [[49, '"là tập thể tiêu biểu xuất sắc trong tỉnh"; nội bộ đoàn kết']],
    { appliesTo: 'collective', alt: ['con_duong', 'a'] })],
  [['CO_TINH'], 'chuyen_de', law('', 'manual', { mode: 'claim' }, [[49, 'A second route: leading a **chuyên đề** movement lasting **≥3 years**, awarded at the movement\'s final review (TT 15/2025/TT-BXD wording']],
    { appliesTo: 'collective', alt: ['con_duong', 'b'], source: 'setting', basis: null, article: null })],
  [['GK_SO'], 'hoan_thanh_tot', law('Điều 75', 'performance_rating', { min: 'tot' }, [[51, 'hoàn thành tốt nhiệm vụ, **and one of**']], { appliesTo: 'any' })],
  [['GK_SO'], 'chap_hanh', law('Điều 75', 'manual', { mode: 'assume' }, [[51, 'Individual: follows Party and State rules']])],
  [['GK_SO'], 'doan_ket', law('Điều 75', 'manual', { mode: 'assume' }, [[51, 'Collective: the same plus nội bộ đoàn kết']], { appliesTo: 'collective' })],
  [['GK_SO'], 'thanh_tich_phong_trao', law('Điều 75', 'manual', { mode: 'claim' }, [[51, '"Có thành tích được bình xét trong phong trào thi đua"']], { appliesTo: 'any', alt: ['thanh_tich', 'a'] })],
  [['GK_SO'], 'thanh_tich_dot_xuat', law('Điều 75', 'manual', { mode: 'claim' }, [[51, '"Lập được nhiều thành tích hoặc thành tích đột xuất, có phạm vi ảnh hưởng..."']], { appliesTo: 'any', alt: ['thanh_tich', 'b'] })],
  [BK, 'chuoi_cstd_cs', law('Điều 74', 'prerequisite_title', { codes: ['CSTD_CS'], years: 2 }, [[52, '"**Có 02 lần liên tục** được tặng danh hiệu \'Chiến sĩ thi đua cơ sở\''], [61, 'For a Bằng khen tỉnh/Bộ: 2 consecutive CSTĐCS']],
    { alt: ['tieu_chuan', 'a'] })],
  [BK, 'htxs_hai_nam', law('Điều 74', 'performance_rating', { min: 'xuat_sac', years: 2 }, [[52, 'có liên tục từ **02 năm** trở lên được công nhận hoàn thành xuất sắc nhiệm vụ']], { alt: ['tieu_chuan', 'b'] })],
  [BK, 'hai_sang_kien', law('Điều 74', 'initiative', { minScope: 'co_so', window: 2, count: 2 }, [[52, 'trong thời gian đó có **02 sáng kiến** được công nhận và áp dụng có hiệu quả trong phạm vi cơ sở']],
    { alt: ['tieu_chuan', 'b'] })],
  [BK, 'thanh_tich', law('Điều 74', 'manual', { mode: 'claim' }, [[52, 'outstanding achievement in a province-launched movement; many achievements or a sudden (đột xuất) achievement with provincial reach']],
    { alt: ['tieu_chuan', 'c'] })],
  [BK, 'chuoi_xuat_sac', law('Điều 74', 'prerequisite_title', { codes: ['TTLDXS'], years: 2, orRating: 'xuat_sac' },
    [[52, '"Có **02 năm liên tục** được công nhận hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu \'Tập thể lao động xuất sắc\'"'], [61, 'for a collective, 2 consecutive years of HTXSNV or TTLĐXS']],
    { appliesTo: 'collective', alt: ['tieu_chuan_tap_the', 'a'] })],
  [BK, 'thanh_tich_tap_the', law('Điều 74', 'manual', { mode: 'claim' }, [[52, '**Collective, one of:** ...;']], { appliesTo: 'collective', alt: ['tieu_chuan_tap_the', 'b'] })],
  [BK, 'dan_chu', law('Điều 74', 'manual', { mode: 'assume' }, [[52, 'thực hiện tốt dân chủ ở cơ sở']], { appliesTo: 'collective' })],
  [ANNUAL, 'chua_tang', law('Điều 5 khoản 2 điểm c', 'not_awarded', { within: 'year' }, [[25, 'không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được']], { appliesTo: 'any' })],
  [ANNUAL, 'dang_ky', law('', 'registration', {}, [[248, '**Annual title registration** (dangkydanhhieu']], { appliesTo: 'any', severity: 'flag', source: 'setting', basis: null, article: null })],
  [['KNC'], 'mot_lan', law('', 'not_awarded', { within: 'ever' }, [[145, '"**Mỗi cá nhân chỉ được xét tặng Kỷ niệm chương một lần, không có hình thức truy tặng**"']],
    { basis: 'QD_2490_2022_BTTTT', article: null, periods: [P98, P152] })],
  [['KNC'], 'nam_cong_tac', law('', 'service_years', { years: 20 }, [[145, 'the "20 years" figure is [UNCONFIRMED] for this medal']],
    { source: 'setting', basis: null, article: null, periods: [P98, P152] })],
  [['KNC'], 'mot_lan', law('', 'not_awarded', { within: 'ever' }, [[54, '| once per person |'], [154, '[UNCONFIRMED]']], { source: 'setting', basis: null, article: null, periods: ['2025-10-31'] })],
  [['KNC'], 'nam_cong_tac', law('Điều 15 – 18', 'service_years', { male: 20, female: 15 }, [[147, '**≥20 years of service (men) / ≥15 years (women)**']],
    { basis: 'TT_25_2025_BKHCN', alt: ['thoi_gian', 'a'], periods: ['2025-10-31'] })],
  [['KNC'], 'lanh_dao', law('Điều 15 – 18', 'manual', { mode: 'claim' }, [[148, '**5 years as head / 8 years as deputy**'], [148, 'Women: 2 years less.']],
    { basis: 'TT_25_2025_BKHCN', alt: ['thoi_gian', 'b'], periods: ['2025-10-31'] })],
  [['KNC'], 'hoan_thanh_tot', law('Điều 15 – 18', 'performance_rating', { min: 'tot' }, [[147, 'HTTNV (hoàn thành tốt nhiệm vụ) or better']], { basis: 'TT_25_2025_BKHCN', periods: ['2025-10-31'] })],
];

// ───────────── authorities ─────────────
const AUTHORITIES: [codes: string[], unitTypes: string[] | null, level: string, authority: string, from: string, to: string | null, source: string, basis: string | null, article: string | null, src: Src[]][] = [
  [['LDTT', 'CSTD_CS', 'TTLDTT', 'GK_SO'], null, 'department', 'Giám đốc Sở', '2024-01-01', null, 'law', 'LUAT_TDKT_2022', 'Điều 80 khoản 1',
    [[44, '| Giám đốc Sở (Law Đ80 k1);'], [47, '| Giám đốc Sở (Đ80 k1) |'], [51, '| Giám đốc Sở (Đ80 k1) |']]],
  [['LDTT', 'CSTD_CS'], ['commune', 'radio_station'], 'commune', 'Chủ tịch Ủy ban nhân dân cấp xã', '2024-01-01', '2025-06-30', 'law', 'LUAT_TDKT_2022', 'Điều 80 khoản 3',
    [[44, 'Chủ tịch UBND xã (Đ80 k3; NĐ 129/2025 Đ59)']]],
  [['LDTT', 'CSTD_CS'], ['district', 'district_office', 'media_centre'], 'district', 'Chủ tịch Ủy ban nhân dân cấp huyện', '2024-01-01', '2025-06-30', 'law', 'LUAT_TDKT_2022', null,
    [[17, 'takes over the awarding powers of the former district level']]],
  [['LDTT', 'CSTD_CS'], ['commune', 'radio_station', 'district', 'district_office', 'media_centre'], 'commune', 'Chủ tịch Ủy ban nhân dân cấp xã', '2025-07-01', null, 'law', 'ND_129_2025', 'Điều 59',
    [[17, 'Điều 59: the Chủ tịch UBND cấp xã takes over the awarding powers of the former district level'], [45, 'Chủ tịch UBND xã (NĐ 129/2025 Đ59)']]],
  [['CSTD_TINH', 'TTLDXS', 'CO_TINH', 'BK_UBND_TINH'], null, 'province', 'Chủ tịch Ủy ban nhân dân tỉnh', '2024-01-01', null, 'setting', null, null,
    [[46, '| Chủ tịch UBND tỉnh / Bộ trưởng.'], [48, '| Chủ tịch UBND tỉnh (Bắc Ninh QĐ 86/2025 Đ5 k2 b) |'], [49, '| UBND tỉnh / Chủ tịch UBND tỉnh'], [52, '| Chủ tịch UBND tỉnh (Bắc Ninh Đ5 k2 b;'],
      [268, 'Đ79 (powers of the Chủ tịch UBND tỉnh)']]],
  [['BK_BO', 'KNC'], null, 'ministry', 'Bộ trưởng', '2024-01-01', null, 'law', 'LUAT_TDKT_2022', null, [[53, '| Bộ trưởng | any time |'], [54, '| Bộ trưởng (a Sở director proposes) |']]],
];

const SALARIES: [amount: number, from: string, to: string | null, source: string, basis: string, src: Src[]][] = [
  [2_340_000, '2024-07-01', '2026-06-30', 'law', 'ND_73_2024', [[116, '**2,340,000 đ** from 01/07/2024 (NĐ 73/2024 Đ3 k2']]],
  [2_530_000, '2026-07-01', null, 'setting', 'ND_161_2026', [[117, '**2,530,000 đ from 01/07/2026**'], [117, '[SECONDARY, verify]']]],
];

// ─────────────────────────────────────────────

let db: Db;
let close: () => Promise<void>;
const baseCode = new Map<number, string>();
beforeAll(async () => {
  ({ db, close } = await testDb());
  for (const b of await db.query<{ id: number; code: string }>(`SELECT id, code FROM award_legal_bases`)) baseCode.set(b.id, b.code);
});
afterAll(() => close());
const code = (id: number | null) => (id === null ? null : baseCode.get(id));

/** Every quote is on its line of the notes (when the notes are next to the repository). */
function quoted(src: Src[]) {
  expect(src.length).toBeGreaterThan(0);
  if (!lines) return;
  for (const [line, quote] of src) expect(lines[line - 1] ?? '', `research line ${line}`).toContain(quote);
}

describe('default rows against the research notes', () => {
  it('finds the notes next to the repository (else only the rows are checked)', () => {
    if (!lines) console.warn(`research notes not found at ${NOTES}: quotes not checked`);
    expect(Object.keys(BASES).length).toBe(8);
  });

  it('legal bases', async () => {
    const rows = await db.query<{ code: string; kind: string; number: string; issued_on: string | null; valid_from: string; valid_to: string | null }>(`SELECT * FROM award_legal_bases ORDER BY code`);
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(BASES).sort());
    for (const r of rows) {
      const e = BASES[r.code];
      expect({ kind: r.kind, number: r.number, issuedOn: r.issued_on, validFrom: r.valid_from, validTo: r.valid_to }, r.code).toEqual({
        kind: e.kind, number: e.number, issuedOn: e.issuedOn, validFrom: e.validFrom, validTo: e.validTo,
      });
      quoted(e.src);
    }
  });

  it('award types', async () => {
    const rows = await db.query<{ code: string; name: string; category: string; subject: string; recurrences: string[] }>(`SELECT * FROM award_types`);
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(TYPES).sort());
    for (const r of rows) {
      const e = TYPES[r.code];
      expect({ name: r.name, category: r.category, subject: r.subject, recurrences: r.recurrences }, r.code).toEqual({ name: e.name, category: e.category, subject: e.subject, recurrences: e.recurrences });
      quoted(e.src);
    }
  });

  it('versions: validity, vote threshold of ALL members, reward multiple, and the unconfirmed ones as settings', async () => {
    const rows = await db.query<{
      award_code: string; valid_from: string; valid_to: string | null; article: string | null; basis_id: number | null; vote_num: number | null; vote_den: number | null;
      vote_source: string; reward_individual: number | null; reward_collective: number | null; reward_max: boolean; reward_source: string; reward_basis_id: number | null;
      reward_article: string | null; quorum_num: number | null; quorum_den: number | null; quorum_source: string;
    }>(`SELECT * FROM award_type_versions`);
    expect(rows.map((r) => `${r.award_code} ${r.valid_from}`).sort()).toEqual(Object.keys(VERSIONS).sort());
    for (const r of rows) {
      const key = `${r.award_code} ${r.valid_from}`;
      const e = VERSIONS[key];
      expect({
        validTo: r.valid_to, article: r.article, basis: code(r.basis_id), vote: r.vote_num === null ? null : [r.vote_num, r.vote_den, r.vote_source],
        reward: [r.reward_individual === null ? null : Number(r.reward_individual), r.reward_collective === null ? null : Number(r.reward_collective), r.reward_max, r.reward_source,
          code(r.reward_basis_id), r.reward_article],
      }, key).toEqual({ validTo: e.validTo, article: e.article, basis: e.basis, vote: e.vote, reward: e.reward });
      quoted(e.src);
      // The quotes carry the figures: the reward multiple, the vote threshold.
      const text = e.src.map((s) => s[1]).join(' ');
      for (const x of e.reward.slice(0, 2)) if (typeof x === 'number') expect(text, key).toMatch(new RegExp(`(^|[^0-9.,])${x.toFixed(1).replace('.', '[.,]')}`));
      if (e.vote) expect(text, key).toMatch(e.vote[2] === 'law' ? new RegExp(`${e.vote[0]}%`) : /UNCONFIRMED/);
      // A council quorum is the department's own rule: a setting wherever there is a ballot.
      expect(r.quorum_num === null ? null : [r.quorum_num, r.quorum_den, r.quorum_source], key).toEqual(e.vote ? [2, 3, 'setting'] : null);
    }
    quoted([[137, 'A quorum is ≥2/3 of members'], [139, 'chaired by the Giám đốc, who sets its membership and rules'], [140, 'quorum ≥2/3']]);
  });

  it('criteria: every row of every version', async () => {
    const rows = await db.query<{
      award_code: string; version_from: string; code: string; kind: string; applies_to: string; params: Record<string, unknown>; alt_group: string | null; alt_option: string | null;
      severity: string; source: string; basis_id: number | null; article: string | null; valid_from: string; valid_to: string | null; v_to: string | null;
    }>(`SELECT v.award_code, v.valid_from AS version_from, v.valid_to AS v_to, c.* FROM award_criteria c JOIN award_type_versions v ON v.id = c.version_id`);
    const expected = new Map<string, C>();
    const versions = await db.query<{ award_code: string; valid_from: string }>(`SELECT award_code, valid_from FROM award_type_versions`);
    for (const [codes, c, e] of CRITERIA)
      for (const v of versions.filter((x) => codes.includes(x.award_code) && (!e.periods || e.periods.includes(x.valid_from))))
        expected.set(`${v.award_code} ${v.valid_from} ${c}`, e);
    expect(rows.map((r) => `${r.award_code} ${r.version_from} ${r.code}`).sort()).toEqual([...expected.keys()].sort());
    for (const r of rows) {
      const key = `${r.award_code} ${r.version_from} ${r.code}`;
      const e = expected.get(key)!;
      expect({
        kind: r.kind, appliesTo: r.applies_to, params: r.params, alt: r.alt_group === null ? null : [r.alt_group, r.alt_option], severity: r.severity, source: r.source,
        basis: code(r.basis_id), article: r.article,
      }, key).toEqual({
        kind: e.kind, appliesTo: e.appliesTo, params: e.params, alt: e.alt, severity: e.severity, source: e.source, basis: e.basis, article: e.article || null,
      });
      // A criterion lives as long as its version.
      expect([r.valid_from, r.valid_to], key).toEqual([r.version_from, r.v_to]);
      quoted(e.src);
    }
  });

  it('authorities, with Decree 129/2025 moving the district powers to the commune chair from 01/07/2025', async () => {
    const rows = await db.query<{ award_code: string; unit_types: string[] | null; level: string; authority: string; valid_from: string; valid_to: string | null; source: string; basis_id: number | null; article: string | null }>(
      `SELECT * FROM award_authorities`);
    const expected = AUTHORITIES.flatMap(([codes, ...rest]) => codes.map((c) => ({ c, rest })));
    expect(rows.length).toBe(expected.length);
    for (const { c, rest } of expected) {
      const [unitTypes, level, authority, from, to, source, basis, article, src] = rest;
      const r = rows.find((x) => x.award_code === c && x.level === level && x.valid_from === from);
      expect(r, `${c} ${level} ${from}`).toBeDefined();
      expect({ unitTypes: r!.unit_types, authority: r!.authority, to: r!.valid_to, source: r!.source, basis: code(r!.basis_id), article: r!.article }).toEqual({ unitTypes, authority, to, source, basis, article });
      quoted(src);
    }
  });

  it('base salaries, dated', async () => {
    const rows = await db.query<{ amount: number; valid_from: string; valid_to: string | null; source: string; basis_id: number }>(`SELECT * FROM award_base_salaries ORDER BY valid_from`);
    expect(rows.map((r) => [Number(r.amount), r.valid_from, r.valid_to, r.source, code(r.basis_id)])).toEqual(SALARIES.map(([a, f, t, s, b]) => [a, f, t, s, b]));
    for (const s of SALARIES) quoted(s[5]);
    quoted([[84, '**rounded UP to the nearest 10,000 đ**'], [119, 'Keep the base salary as a dated table, not a constant.']]);
  });

  it('holds no cap by default: the notes found none in force', async () => {
    expect((await db.query(`SELECT 1 FROM award_criteria WHERE kind = 'provincial_cap'`)).length).toBe(0);
    quoted([[58, 'Model caps as an optional provincial or sector parameter, default none.']]);
  });
});
