/**
 * The slots of a sentence pattern ("Số liệu thành lời" of the draft summary report: reports/figure-sentences.ts on the
 * server), with their meaning as the catalog screen shows it to the office.
 */
export const SENTENCE_SLOTS = {
  name: 'tên chỉ tiêu (chữ đầu viết thường)',
  object: 'đối tượng được đếm: tên bỏ "Số"/"Tổng số" ("vị trí trạm BTS"); với tỷ lệ, đối tượng của tử số',
  value: 'số liệu kỳ báo cáo',
  during: 'kỳ báo cáo nói gọn: "trong năm", "trong quý", "trong 6 tháng", "trong 9 tháng"',
  uom: 'đơn vị tính',
  percent: 'số liệu kỳ báo cáo kèm dấu % (chỉ tiêu tỷ lệ)',
  previous: 'số liệu kỳ liền trước',
  lastYear: 'số liệu cùng kỳ năm trước',
  previousLabel: 'kỳ so sánh: "năm 2024" hoặc "cùng kỳ năm 2024"',
  change: 'so sánh với cùng kỳ: "tăng 8,6% so với năm 2024" (tỷ lệ: điểm phần trăm), kèm nhận xét theo chiều tốt',
  changePct: 'mức tăng/giảm so với cùng kỳ, theo phần trăm: "8,6%"',
  delta: 'chênh lệch tuyệt đối so với cùng kỳ: "tăng 134 vị trí so với năm 2024", kèm nhận xét theo chiều tốt',
  target: 'kế hoạch năm',
  achieved: 'phần trăm thực hiện kế hoạch năm: "102,4%"',
  plan: 'nhận xét về kế hoạch năm: "vượt kế hoạch năm (102,4%)", "đạt 96,1% kế hoạch năm"',
  numerator: 'tử số của chỉ số tỷ lệ',
  denominator: 'mẫu số của chỉ số tỷ lệ',
} as const;
export type SentenceSlot = keyof typeof SENTENCE_SLOTS;
