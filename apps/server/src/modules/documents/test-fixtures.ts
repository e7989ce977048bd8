/** A realistic input for the summary report of the Vân Lĩnh demo province (tests and visual checks). */
import { type SummaryReportInput, subjectLine } from './summary-report.model.js';

export function sampleSummaryReport(over: Partial<SummaryReportInput> = {}): SummaryReportInput {
  const period = over.period ?? '2023';
  return {
    parentBody: 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH',
    issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
    issuerShort: 'SKHCN',
    number: null,
    place: 'Vân Lĩnh',
    date: '2024-01-04',
    periodKind: 'year',
    period,
    subject: subjectLine(period),
    sectors: [
      {
        name: 'Bưu chính, viễn thông',
        narrative: [
          {
            unitName: 'Phòng Văn hóa và Thông tin huyện Hòa An',
            paragraphs: [
              'Phối hợp với các doanh nghiệp viễn thông rà soát vùng lõm sóng; trong năm lắp mới 14 trạm thu phát sóng di động, nâng số thôn có Internet băng rộng cáp quang lên 212/219 thôn.',
              '- Hướng dẫn 03 điểm bưu điện văn hóa xã chuyển sang cung cấp dịch vụ công trực tuyến;',
              '- Kiểm tra 06 đại lý Internet, không phát hiện vi phạm.',
            ],
          },
          {
            unitName: 'Phòng Văn hóa và Thông tin thành phố Vân Lĩnh',
            paragraphs: [
              'Hạ tầng viễn thông trên địa bàn thành phố tiếp tục được chỉnh trang, ngầm hóa 4,2 km cáp treo tại các tuyến phố chính.',
            ],
          },
        ],
        figures: [
          {
            name: 'Số vị trí trạm thu phát sóng (BTS)',
            uom: 'vị trí',
            current: 1332,
            previous: 1298,
            lastYear: 1287,
            target: 1350,
            achievedPct: 98.7,
            decimals: 0,
          },
          {
            name: 'Số thôn có Internet băng rộng cáp quang',
            uom: 'thôn',
            current: 1634,
            previous: 1601,
            lastYear: 1540,
            target: 1733,
            achievedPct: 94.3,
            decimals: 0,
          },
          {
            name: 'Tỷ lệ thôn có Internet băng rộng cáp quang',
            uom: '%',
            current: 94.29,
            previous: 92.38,
            lastYear: 88.86,
            target: 100,
            achievedPct: 94.3,
            decimals: 1,
          },
          {
            name: 'Số doanh nghiệp bưu chính hoạt động',
            uom: 'doanh nghiệp',
            current: 21,
            previous: 20,
            lastYear: null,
            target: null,
            achievedPct: null,
            decimals: 0,
          },
        ],
      },
      {
        name: 'Chuyển đổi số',
        narrative: [
          {
            unitName: 'Trung tâm Công nghệ thông tin và Truyền thông',
            paragraphs: [
              'Vận hành ổn định Trung tâm giám sát, điều hành thông minh của tỉnh; nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính, kết nối với Cổng Dịch vụ công quốc gia.',
              'Tổ chức 12 lớp tập huấn kỹ năng số cho 1.046 lượt cán bộ, công chức cấp xã.',
            ],
          },
          {
            unitName: 'Phòng Văn hóa và Thông tin huyện Bạch Sơn',
            paragraphs: [
              '- Thành lập 105 tổ công nghệ số cộng đồng tại 105/105 thôn, bản;',
              '- Hướng dẫn người dân cài đặt, kích hoạt tài khoản định danh điện tử mức độ 2.',
            ],
          },
          {
            unitName: 'Ủy ban nhân dân xã Nà Phặc',
            paragraphs: ['Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến đạt 41,5%, tăng 9,2 điểm phần trăm so với năm 2022.'],
          },
        ],
        figures: [
          {
            name: 'Tỷ lệ hồ sơ TTHC phát sinh trực tuyến',
            uom: '%',
            current: 48.6,
            previous: 45.1,
            lastYear: 37.9,
            target: 50,
            achievedPct: 97.2,
            decimals: 1,
          },
          {
            name: 'Số tài khoản định danh điện tử được kích hoạt',
            uom: 'tài khoản',
            current: 215480,
            previous: 190233,
            lastYear: 61205,
            target: 240000,
            achievedPct: 89.8,
            decimals: 0,
          },
        ],
      },
      {
        name: 'Thông tin cơ sở, báo chí, xuất bản',
        narrative: [
          {
            unitName: 'Trung tâm Văn hóa, Thể thao và Truyền thông huyện Hòa An',
            paragraphs: [
              'Sản xuất 156 chương trình phát thanh và 48 phóng sự truyền hình; duy trì tiếp âm chương trình của Đài Phát thanh - Truyền hình tỉnh.',
            ],
          },
          {
            unitName: 'Phòng Văn hóa và Thông tin huyện Bạch Sơn',
            paragraphs: ['Đưa vào sử dụng 18 cụm loa truyền thanh ứng dụng công nghệ thông tin - viễn thông tại các xã vùng cao.'],
          },
        ],
        figures: [
          {
            name: 'Số đài truyền thanh cấp xã ứng dụng CNTT - VT',
            uom: 'đài',
            current: 64,
            previous: 52,
            lastYear: 40,
            target: 70,
            achievedPct: 91.4,
            decimals: 0,
          },
        ],
      },
    ],
    difficulties: [
      {
        sector: 'Chuyển đổi số',
        points: [
          {
            text: 'Nhân lực công nghệ thông tin ở cấp xã còn thiếu, phần lớn kiêm nhiệm;',
            units: ['Phòng Văn hóa và Thông tin huyện Bạch Sơn', 'Ủy ban nhân dân xã Nà Phặc'],
          },
          {
            text: 'Còn lúng túng khi lập hồ sơ đề xuất cấp độ an toàn hệ thống thông tin.',
            units: ['Trung tâm Công nghệ thông tin và Truyền thông'],
          },
        ],
      },
      {
        sector: 'Thông tin cơ sở, báo chí, xuất bản',
        points: [
          {
            text: 'Trang thiết bị sản xuất chương trình truyền thanh xuống cấp',
            units: ['Trung tâm Văn hóa, Thể thao và Truyền thông huyện Hòa An'],
          },
        ],
      },
    ],
    nextTasks: [
      'Hoàn thành phủ sóng di động 4G tại các thôn còn vùng lõm, ưu tiên các xã vùng cao',
      'Nâng tỷ lệ hồ sơ thủ tục hành chính phát sinh trực tuyến đạt trên 50%',
      'Tiếp tục chuyển đổi các đài truyền thanh cấp xã sang ứng dụng công nghệ thông tin - viễn thông',
    ],
    proposals: [
      {
        sector: 'Chuyển đổi số',
        points: [
          {
            text: 'Đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí đào tạo nhân lực chuyển đổi số cấp xã.',
            units: ['Phòng Văn hóa và Thông tin huyện Bạch Sơn', 'Phòng Văn hóa và Thông tin huyện Hòa An'],
          },
        ],
      },
    ],
    appendix: [
      {
        title: 'Biểu 01. Hạ tầng bưu chính, viễn thông theo đơn vị hành chính',
        columns: ['Đơn vị', 'Số vị trí BTS', 'Số thôn', 'Thôn có Internet cáp quang', 'Tỷ lệ (%)', 'Ghi chú'],
        rows: [
          ['Thành phố Vân Lĩnh', 402, 311, 311, 100, null],
          ['Huyện Hòa An', 468, 219, 212, 96.8, 'Còn 07 thôn vùng lõm'],
          ['Huyện Bạch Sơn', 462, 1203, 1111, 92.35, null],
          ['Toàn tỉnh', 1332, 1733, 1634, 94.29, null],
        ],
      },
      {
        title: 'Biểu 02. Chuyển đổi số',
        columns: ['Chỉ tiêu', 'Năm 2022', 'Năm 2023', 'Kế hoạch năm 2023'],
        rows: [
          ['Tỷ lệ hồ sơ TTHC phát sinh trực tuyến (%)', 37.9, 48.6, 50],
          ['Tài khoản định danh điện tử được kích hoạt', 61205, 215480, 240000],
        ],
      },
    ],
    signer: { title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', name: 'Lô Quang Tuấn' },
    recipients: ['UBND tỉnh (b/c)', 'Bộ Khoa học và Công nghệ (b/c)', 'Giám đốc, các Phó Giám đốc Sở', 'Phòng VH&TT các huyện, thành phố'],
    ...over,
  };
}
