/**
 * Narrative sections of the demo submissions (results / difficulties / proposals) and reviewers'
 * comments. Sentences are written for this demo; each report draws a few of them, filled with its own
 * figures and place names, so no two reports read the same.
 */
import { formatNumber, formatPercent, type Period, periodLabel } from '@nhip/contracts';
import type { FormCode } from './forms.js';
import type { Unit } from './org.js';
import type { Rng } from './rng.js';
import type { Values } from './values.js';

export type Narrative = { results: string; difficulties: string; proposals: string };
type Ctx = { form: FormCode; unit: Unit; period: Period; v: Values; rng: Rng };

const n = (x: number | undefined) => formatNumber(x ?? 0, { maxDecimals: 1 });
const pct = (a: number | undefined, b: number | undefined) => formatPercent(b ? ((a ?? 0) / b) * 100 : 0);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** 'xã Khê Thượng', 'huyện Nà Lũng', 'thành phố Vân Lĩnh'. */
function area(u: Unit): string {
  const m = /(thành phố|huyện|Phường|Xã) (.+)$/.exec(u.name);
  return m ? `${m[1].toLowerCase()} ${m[2]}` : u.name;
}

/** How a unit is named mid-sentence: a commune acts through its People's Committee. */
const who = (u: Unit) => (u.type === 'commune' ? `UBND ${area(u)}` : u.name);

function theme(p: Period): string {
  const q = Math.floor((Number(p.start.slice(5, 7)) - 1) / 3) + 1;
  if (p.year === 2025 && (q === 2 || q === 3)) return 'tuyên truyền việc sắp xếp đơn vị hành chính, tổ chức chính quyền địa phương hai cấp';
  if (p.year === 2026 && q === 1) return 'tuyên truyền cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp nhiệm kỳ 2026 – 2031';
  return [
    'tuyên truyền mừng Đảng, mừng Xuân và phòng, chống cháy nổ dịp Tết Nguyên đán',
    'tuyên truyền kỷ niệm ngày Giải phóng miền Nam 30/4, Quốc tế Lao động 1/5 và ngày sinh Chủ tịch Hồ Chí Minh',
    'tuyên truyền kỷ niệm Cách mạng Tháng Tám, Quốc khánh 2/9 và phòng, chống thiên tai mùa mưa lũ',
    'hưởng ứng Ngày Chuyển đổi số quốc gia 10/10 và tuyên truyền nhiệm vụ những tháng cuối năm',
  ][q - 1];
}

const bullets = (lines: (string | null | false)[]) => lines.filter((x): x is string => !!x).join('\n');

function districtNarrative({ unit, period, v, rng }: Ctx): Narrative {
  const a = area(unit);
  const pl = lower(periodLabel(period));
  const isNew = unit.type === 'commune';
  const firstAfterReform = isNew && period.id === '2025Q3';
  const missing = (v.get('THON_TONG') ?? 0) - (v.get('THON_CAPQUANG') ?? 0);
  const online = pct(v.get('HS_TTHC_TRUCTUYEN'), v.get('HS_TTHC_TONG'));
  const intro = firstAfterReform
    ? `Đây là kỳ báo cáo đầu tiên của ${a} sau khi chính quyền địa phương hai cấp đi vào hoạt động; bộ phận văn hóa – xã hội của xã đã tiếp nhận nhiệm vụ thông tin và truyền thông từ cấp huyện trước đây và duy trì ổn định các hoạt động.`
    : rng.pick([
        `Trong ${pl}, ${who(unit)} đã ${unit.type === 'commune' ? 'chỉ đạo' : 'tham mưu chỉ đạo'} triển khai đồng bộ các nhiệm vụ thông tin và truyền thông, tập trung vào chuyển đổi số và thông tin cơ sở; các chỉ tiêu chủ yếu đạt hoặc vượt so với cùng kỳ.`,
        `${periodLabel(period)}, hoạt động thông tin và truyền thông trên địa bàn ${a} được duy trì ổn định; đơn vị chủ động phối hợp với các doanh nghiệp viễn thông và các cơ quan liên quan để thực hiện kế hoạch đã đề ra.`,
        `Bám sát kế hoạch công tác năm, ${who(unit)} hoàn thành phần lớn nhiệm vụ trọng tâm của ${pl}; những nội dung còn chậm được nêu cụ thể tại phần khó khăn, vướng mắc.`,
      ]);
  const pool = [
    `- Hạ tầng băng rộng: ${n(v.get('THON_CAPQUANG'))}/${n(v.get('THON_TONG'))} thôn, bản, tổ dân phố đã có cáp quang đến thôn (${pct(v.get('THON_CAPQUANG'), v.get('THON_TONG'))}); ${n(v.get('THON_PHUSONG'))} thôn được phủ sóng 4G.`,
    `- Trên địa bàn có ${n(v.get('BTS_VITRI'))} vị trí trạm BTS, trong đó ${n(v.get('BTS_DUNGCHUNG'))} vị trí dùng chung hạ tầng giữa các doanh nghiệp.`,
    `- Tiếp nhận ${n(v.get('HS_TTHC_TONG'))} hồ sơ thủ tục hành chính, trong đó ${n(v.get('HS_TTHC_TRUCTUYEN'))} hồ sơ nộp trực tuyến (${online}); ${n(v.get('HS_TTHC_SOHOA'))} hồ sơ đã được số hóa kết quả giải quyết.`,
    `- Phát hành ${n(v.get('VB_DI_TONG'))} văn bản đi, ${pct(v.get('VB_DIENTU'), v.get('VB_DI_TONG'))} gửi dưới dạng điện tử; ${pct(v.get('VB_KYSO'), v.get('VB_DIENTU'))} văn bản điện tử được ký số.`,
    `- ${n(v.get('CDS_TCN_SO'))} tổ công nghệ số cộng đồng với ${n(v.get('CDS_TCN_TV'))} thành viên tiếp tục "cầm tay chỉ việc" cho người dân; trong kỳ hỗ trợ ${n(v.get('CDS_TAPHUAN'))} lượt người cài đặt ứng dụng, nộp hồ sơ trực tuyến.`,
    `- Lũy kế ${n(v.get('CDS_TK_DINHDANH'))} tài khoản định danh điện tử mức 2 đã được kích hoạt; ${n(v.get('CDS_HKD_KTTM'))} hộ kinh doanh chấp nhận thanh toán không dùng tiền mặt.`,
    `- ${n(v.get('DTT_UDCNTT'))}/${n(v.get('DTT_SO'))} đài truyền thanh cấp xã đã ứng dụng CNTT – viễn thông, có thể phát bản tin từ xa; ${n(v.get('DTT_CUMLOA'))} cụm loa ở thôn duy trì phát sóng theo lịch.`,
    `- Đăng ${n(v.get('TTCS_TIN_TTDT'))} tin, bài trên trang thông tin điện tử, treo ${n(v.get('TTCS_PANO'))} pa-nô, băng rôn và cấp phát ${n(v.get('TTCS_TAILIEU'))} bản tài liệu ${theme(period)}.`,
    (v.get('ATTT_HT_PHEDUYET') ?? 0) > 0 &&
      `- ${n(v.get('ATTT_HT_PHEDUYET'))}/${n(v.get('ATTT_HT_TONG'))} hệ thống thông tin đã được phê duyệt hồ sơ cấp độ; ${n(v.get('ATTT_MAY_PCMD'))}/${n(v.get('ATTT_MAYTINH'))} máy tính cài phần mềm phòng chống mã độc tập trung.`,
    `- Phối hợp kiểm tra ${n(Math.max(1, v.get('VT_KIEMTRA') ?? 0))} lượt các điểm kinh doanh trò chơi điện tử công cộng và điểm bán SIM; nhắc nhở các cơ sở chấp hành giờ hoạt động, đăng ký thông tin thuê bao.`,
    (v.get('BCHI_TT_SAILECH') ?? 0) > 0 &&
      `- Phát hiện và phối hợp xử lý ${n(v.get('BCHI_TT_SAILECH'))} tin sai sự thật liên quan đến địa phương trên mạng xã hội; cung cấp thông tin kịp thời cho báo chí.`,
  ].filter((x): x is string => !!x);
  const diff = [
    v.has('HS_TTHC_TONG') && `- Tỷ lệ hồ sơ nộp trực tuyến mới đạt ${online}; nhiều người cao tuổi, người dân vùng cao vẫn quen nộp trực tiếp, một bộ phận chưa có điện thoại thông minh.`,
    missing > 0 && `- Còn ${n(missing)} thôn chưa có cáp quang đến thôn, chủ yếu ở vùng sâu, đường vào khó khăn, doanh nghiệp chưa bố trí được vốn đầu tư.`,
    '- Nhiều cụm loa lắp đặt từ trước năm 2018 đã xuống cấp, hay hỏng bộ thu; kinh phí sửa chữa thường xuyên chưa được bố trí.',
    v.has('CB_CNTT') && `- Cả địa bàn chỉ có ${n(v.get('CB_CNTT'))} cán bộ phụ trách CNTT, chủ yếu kiêm nhiệm, thiếu chuyên môn sâu về an toàn thông tin.`,
    '- Cán bộ chưa nắm vững quy trình lập hồ sơ xác định cấp độ an toàn cho hệ thống thông tin, việc thẩm định còn kéo dài.',
    '- Việc số hóa kết quả giải quyết thủ tục hành chính tốn nhiều công sức do hồ sơ giấy lưu trữ nhiều năm; máy quét tại bộ phận một cửa đã cũ.',
    '- Đường truyền Internet tại một số nhà văn hóa thôn không ổn định vào mùa mưa, ảnh hưởng đến hoạt động của cụm loa thông minh.',
    '- Tổ công nghệ số cộng đồng hoạt động chưa đều, thành viên phần lớn là cán bộ thôn kiêm nhiệm, không có phụ cấp.',
    '- Thiết bị sản xuất chương trình truyền thanh (máy tính dựng, bàn trộn âm) đã hư hỏng, chưa có nguồn kinh phí thay thế.',
  ].filter((x): x is string => !!x);
  if (isNew)
    diff.unshift('- Sau sắp xếp, địa bàn xã rộng, số thôn lớn; dữ liệu của các xã cũ và của huyện trước đây chưa được bàn giao đầy đủ nên việc tổng hợp số liệu còn mất nhiều thời gian.');
  const prop = [
    missing > 0 && `- Đề nghị Sở làm việc với các doanh nghiệp viễn thông ưu tiên kéo cáp quang đến ${n(missing)} thôn còn lại trong năm ${period.year}.`,
    '- Đề nghị Sở tổ chức tập huấn và cung cấp mẫu hồ sơ cấp độ an toàn thông tin dùng chung cho cấp cơ sở.',
    '- Kiến nghị UBND tỉnh bố trí kinh phí thay thế cụm loa hư hỏng, chuyển dần sang truyền thanh ứng dụng CNTT – viễn thông.',
    '- Đề nghị có cơ chế hỗ trợ phụ cấp cho thành viên tổ công nghệ số cộng đồng và cán bộ truyền thanh cơ sở.',
    '- Đề nghị Trung tâm CNTT&TT hỗ trợ kỹ thuật trực tuyến khi hệ thống một cửa điện tử gặp sự cố, rút ngắn thời gian khắc phục.',
    '- Đề nghị tiếp tục giảm phí, lệ phí đối với hồ sơ nộp trực tuyến để khuyến khích người dân sử dụng dịch vụ công.',
    '- Đề nghị tăng cường bồi dưỡng nhân lực CNTT cho cơ sở; cho phép bố trí công chức chuyên trách CNTT.',
  ].filter((x): x is string => !!x);
  if (isNew) prop.unshift('- Đề nghị Sở sớm ban hành hướng dẫn thống nhất về chỉ tiêu, biểu mẫu báo cáo cho cấp xã sau sắp xếp.');
  return {
    results: `${intro}\n${bullets(rng.sample(pool, rng.int(4, 6)))}`,
    difficulties: bullets(isNew ? [diff[0], ...rng.sample(diff.slice(1), rng.int(1, 2))] : rng.sample(diff, rng.int(2, 3))),
    proposals: bullets(rng.sample(prop, rng.int(2, 3))),
  };
}

function enterpriseNarrative({ unit, period, v, rng }: Ctx): Narrative {
  const pl = lower(periodLabel(period));
  const telecom = v.has('DN_TB_DD');
  if (!telecom) {
    return {
      results: `${rng.pick([`Trong ${pl}, ${unit.shortName} duy trì mạng lưới bưu chính ổn định, bảo đảm chuyển phát công văn, tài liệu của các cơ quan Đảng, Nhà nước an toàn, đúng thời gian.`,
        `${unit.shortName} tiếp tục mở rộng dịch vụ chuyển phát phục vụ thương mại điện tử và nông sản địa phương trong ${pl}.`])}\n${bullets([
        `- Khai thác ${n(v.get('BC_SANLUONG'))} bưu gửi; doanh thu dịch vụ bưu chính đạt ${n(v.get('BC_DOANHTHU'))} triệu đồng, nộp ngân sách ${n(v.get('DN_NOPNS'))} triệu đồng.`,
        v.has('BC_HCC') && `- Tiếp nhận và trả kết quả ${n(v.get('BC_HCC'))} hồ sơ thủ tục hành chính qua dịch vụ bưu chính công ích.`,
      ])}`,
      difficulties: bullets(rng.sample([
        '- Người dân chưa quen nhận kết quả thủ tục hành chính qua bưu điện nên sản lượng dịch vụ hành chính công chưa tương xứng.',
        '- Cạnh tranh gay gắt với các doanh nghiệp chuyển phát tư nhân về giá cước giao hàng thương mại điện tử.',
        '- Mạng lưới điểm phục vụ ở vùng cao có doanh thu thấp, chi phí vận chuyển lớn.',
      ], 2)),
      proposals: bullets(rng.sample([
        '- Đề nghị các cơ quan hành chính tăng cường giới thiệu dịch vụ nhận, trả kết quả qua bưu chính công ích.',
        '- Đề nghị Sở hỗ trợ kết nối sàn thương mại điện tử với hợp tác xã để tiêu thụ nông sản qua mạng bưu chính.',
      ], rng.int(1, 2))),
    };
  }
  const g5 = v.get('DN_TRAM_5G') ?? 0;
  return {
    results: `${rng.pick([`${unit.shortName} tiếp tục mở rộng hạ tầng, bảo đảm thông tin liên lạc thông suốt phục vụ chỉ đạo, điều hành và nhu cầu của người dân trong ${pl}.`,
      `Trong ${pl}, ${unit.shortName} tập trung nâng cao chất lượng mạng di động, phát triển thuê bao băng rộng và hỗ trợ chuyển đổi thiết bị 2G.`])}\n${bullets([
      `- Đang vận hành ${n(v.get('DN_TRAM_4G'))} trạm 4G${g5 > 0 ? ` và ${n(g5)} trạm 5G` : ''}; số trạm 2G còn ${n(v.get('DN_TRAM_2G'))} trạm theo lộ trình dừng công nghệ 2G.`,
      `- Có ${n(v.get('DN_TB_DD'))} thuê bao di động (phát triển mới ${n(v.get('DN_TB_DD_MOI'))}) và ${n(v.get('DN_TB_BR'))} thuê bao băng rộng cố định.`,
      `- Doanh thu dịch vụ viễn thông đạt ${n(v.get('VT_DOANHTHU'))} triệu đồng; nộp ngân sách ${n(v.get('DN_NOPNS'))} triệu đồng.`,
      rng.chance(0.6) && `- Tốc độ truy cập di động trung bình đạt ${n(v.get('DN_TOCDO_DD'))} Mbps; tổng chiều dài tuyến cáp quang ${n(v.get('DN_CAPQUANG_KM'))} km.`,
    ])}`,
    difficulties: bullets(rng.sample([
      '- Tuyến cáp quang thường bị đứt do thi công mở rộng đường giao thông, nhất là các tuyến đi vùng cao.',
      `- Mưa lũ gây mất điện kéo dài; thời gian mất liên lạc dài nhất trong kỳ là ${n(v.get('VT_MAT_LL_MAX'))} giờ.`,
      '- Thủ tục thuê vị trí, xin phép xây dựng trạm tại khu dân cư còn kéo dài; có nơi người dân chưa đồng thuận vì lo ngại sóng điện từ.',
      '- Sức mua ở vùng cao thấp, đầu tư hạ tầng đến thôn xa khó hoàn vốn.',
      '- Còn nhiều máy điện thoại chỉ hỗ trợ 2G, việc vận động khách hàng đổi máy còn chậm.',
    ], rng.int(2, 3))),
    proposals: bullets(rng.sample([
      '- Đề nghị Sở phối hợp với chính quyền cấp xã hỗ trợ doanh nghiệp tháo gỡ vướng mắc về mặt bằng lắp đặt trạm.',
      '- Đề nghị tỉnh yêu cầu chủ đầu tư công trình giao thông thông báo trước khi thi công để doanh nghiệp di dời tuyến cáp.',
      '- Kiến nghị có cơ chế dùng chung cột điện lực, hạ tầng kỹ thuật để ngầm hóa cáp viễn thông tại đô thị.',
      '- Đề nghị Sở hỗ trợ truyền thông về lộ trình dừng công nghệ 2G để người dân chủ động chuyển đổi máy.',
    ], rng.int(2, 3))),
  };
}

function pressNarrative({ unit, period, v, rng }: Ctx): Narrative {
  const pl = lower(periodLabel(period));
  return {
    results: `${unit.name} bám sát định hướng tuyên truyền của tỉnh, phản ánh kịp thời các sự kiện chính trị, kinh tế – xã hội nổi bật trong ${pl}.\n${bullets([
      `- Đăng, phát ${n(v.get('BCHI_TINBAI'))} tin, bài và ${n(v.get('BCHI_PHONGSU'))} phóng sự, chuyên đề; ${n(v.get('BCHI_TRUYCAP'))} lượt truy cập trên nền tảng số.`,
      v.has('BCHI_THOILUONG') && `- Sản xuất ${n(v.get('BCHI_THOILUONG'))} giờ chương trình phát thanh, truyền hình; tăng thời lượng phát trên nền tảng số.`,
      `- Duy trì ${n(v.get('BCHI_CHUYENMUC'))} chuyên trang, chuyên mục, trong đó có chuyên mục chuyển đổi số và xây dựng nông thôn mới.`,
      period.year === 2025 && '- Tuyên truyền đậm nét việc sắp xếp tổ chức bộ máy, đơn vị hành chính và đại hội đảng bộ các cấp.',
    ])}`,
    difficulties: bullets(rng.sample([
      '- Nguồn thu quảng cáo tiếp tục giảm do cạnh tranh của mạng xã hội, ảnh hưởng đến nhuận bút và thu nhập của phóng viên.',
      '- Thiết bị quay dựng, phát sóng đã khấu hao hết, thường xuyên phải sửa chữa.',
      '- Thiếu phóng viên có kỹ năng sản xuất nội dung đa phương tiện, video ngắn.',
    ], 2)),
    proposals: bullets(rng.sample([
      '- Đề nghị tỉnh tăng kinh phí đặt hàng sản phẩm báo chí, nhất là các chuyên mục chính sách.',
      '- Đề nghị Sở tổ chức bồi dưỡng kỹ năng báo chí số, sản xuất video ngắn cho phóng viên, biên tập viên.',
      '- Đề nghị các sở, ngành cung cấp thông tin cho báo chí đầy đủ, đúng hạn theo quy chế phát ngôn.',
    ], 2)),
  };
}

function radioNarrative({ unit, period, v, rng }: Ctx): Narrative {
  const hong = v.get('TT_CUMLOA_HONG') ?? 0;
  return {
    results: `${unit.name} duy trì phát sóng ổn định, tiếp sóng đầy đủ chương trình thời sự của Đài Trung ương và Đài tỉnh; tập trung ${theme(period)}.\n${bullets([
      `- Phát ${n(v.get('TT_TIN_PHAT'))} tin, bài; sản xuất ${n(v.get('TT_CHUONGTRINH'))} chương trình với tổng thời lượng ${n(v.get('TT_THOILUONG'))} giờ; tiếp sóng ${n(v.get('TT_TIEPSONG'))} giờ.`,
      `- Có ${n(v.get('TT_CUMLOA_HD'))} cụm loa đang hoạt động, trong đó ${n(v.get('TT_CUMLOA_TM'))} cụm loa ứng dụng CNTT – viễn thông, phát được bản tin từ xa qua điện thoại thông minh.`,
    ])}`,
    difficulties: bullets([
      hong > 0 && `- Còn ${n(hong)} cụm loa hư hỏng, xuống cấp; một số cụm loa FM không dây thu lẫn tín hiệu của đài khác.`,
      ...rng.sample([
        `- Cán bộ truyền thanh chỉ có ${n(v.get('TT_NHANLUC'))} người, kiêm nhiều việc, phụ cấp thấp nên khó giữ người.`,
        '- Máy tính dựng chương trình và micro phòng thu đã cũ, chất lượng âm thanh chưa bảo đảm.',
        '- Chi phí SIM, đường truyền cho cụm loa thông minh chưa có nguồn chi ổn định.',
      ], rng.int(1, 2)),
    ]),
    proposals: bullets([
      hong > 0 && `- Đề nghị hỗ trợ kinh phí thay thế ${n(hong)} cụm loa hư hỏng bằng cụm loa ứng dụng CNTT – viễn thông.`,
      rng.pick([
        '- Đề nghị Sở mở lớp bồi dưỡng nghiệp vụ biên tập, đọc bản tin cho cán bộ truyền thanh cơ sở.',
        '- Đề nghị quy định mức chi nhuận bút thống nhất cho tin, bài phát trên đài truyền thanh cấp xã.',
      ]),
    ]),
  };
}

function itCentreNarrative({ period, v, rng }: Ctx): Narrative {
  return {
    results: `Trong ${lower(periodLabel(period))}, Trung tâm bảo đảm vận hành an toàn, liên tục ${n(v.get('CNTT_HT_VANHANH'))} hệ thống thông tin dùng chung của tỉnh; thời gian hoạt động thấp nhất đạt ${formatPercent(v.get('CNTT_UPTIME_MIN'), 2)}.\n${bullets([
      `- Cổng thông tin điện tử tỉnh có ${n(v.get('CNTT_TRUYCAP_CONG'))} lượt truy cập; cấp mới ${n(v.get('CKS_CAP'))} chứng thư số cho cán bộ, công chức.`,
      `- Hệ thống giải quyết thủ tục hành chính cung cấp ${n(v.get('DVC_TOANTRINH'))} dịch vụ công trực tuyến toàn trình, ${n(v.get('DVC_PHATSINH'))} dịch vụ có phát sinh hồ sơ.`,
      `- Giám sát, xử lý ${n(v.get('ATTT_CANHBAO'))} cảnh báo tấn công mạng; gỡ mã độc trên ${n(v.get('ATTT_MADOC'))} máy tính.`,
      `- ${n(v.get('ATTT_HT_PHEDUYET'))}/${n(v.get('ATTT_HT_TONG'))} hệ thống thông tin của tỉnh đã được phê duyệt hồ sơ cấp độ.`,
      (v.get('ATTT_DIENTAP') ?? 0) > 0 && '- Chủ trì diễn tập ứng cứu sự cố an toàn thông tin mạng với sự tham gia của các sở, ngành và doanh nghiệp viễn thông.',
    ])}`,
    difficulties: bullets(rng.sample([
      '- Nhân lực kỹ thuật mỏng; trong năm có kỹ sư chuyển sang doanh nghiệp do chênh lệch thu nhập.',
      '- Máy chủ, thiết bị lưu trữ tại Trung tâm dữ liệu của tỉnh đã vận hành nhiều năm, dung lượng gần hết.',
      '- Nhiều dịch vụ công toàn trình chưa phát sinh hồ sơ vì quy trình nội bộ ở các sở, ngành chưa được số hóa đầy đủ.',
    ], 2)),
    proposals: bullets(rng.sample([
      '- Đề nghị bố trí kinh phí nâng cấp Trung tâm dữ liệu tỉnh theo hướng điện toán đám mây.',
      '- Đề nghị có chính sách thu hút, đãi ngộ nhân lực chất lượng cao về CNTT, an toàn thông tin.',
      '- Đề nghị các sở, ngành rà soát, đưa vào khai thác các dịch vụ công toàn trình chưa phát sinh hồ sơ.',
    ], 2)),
  };
}

function yearlyNarrative(ctx: Ctx): Narrative {
  const { unit, period, v } = ctx;
  const dti = v.get('CDS_DTI');
  const dtiText = dti ? `; điểm đánh giá chuyển đổi số (DTI) đạt ${formatNumber(dti, { decimals: 4 })}` : '';
  const closing = unit.validTo !== null && unit.validTo < period.end;
  const intro = closing
    ? `Tính đến ngày ${unit.validTo?.split('-').reverse().join('/')}, thời điểm kết thúc hoạt động cấp huyện, ${unit.name} đã hoàn thành các nhiệm vụ của 6 tháng đầu năm${dtiText}; hồ sơ, dữ liệu đã được bàn giao cho UBND các xã, phường tiếp nhận.`
    : `Năm ${period.year}, ${who(unit)} cơ bản hoàn thành các chỉ tiêu, nhiệm vụ được giao${dtiText}.`;
  const results = `${intro}\n${bullets([
    `- Tổng kinh phí chi cho ứng dụng CNTT, chuyển đổi số: ${n(v.get('CNTT_KINHPHI'))} triệu đồng.`,
    `- Bồi dưỡng kỹ năng số, an toàn thông tin cho ${n(v.get('CB_DAOTAO'))} lượt cán bộ.`,
    (v.get('TD_CSTD') ?? 0) > 0
      ? `- Đề nghị công nhận ${n(v.get('TD_CSTD'))} cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở và tặng Giấy khen cho ${n(v.get('TD_GIAYKHEN'))} lượt tập thể, cá nhân.`
      : `- Đề nghị tặng Giấy khen cho ${n(v.get('TD_GIAYKHEN'))} lượt tập thể, cá nhân có thành tích trong năm.`,
  ])}`;
  const rest = unit.type === 'it_centre' ? itCentreNarrative({ ...ctx, v: new Map() }) : districtNarrative(ctx);
  return { results, difficulties: rest.difficulties, proposals: rest.proposals };
}

export function narrativeFor(ctx: Ctx): Narrative {
  switch (ctx.form) {
    case 'BC-VHTT-Q':
      return districtNarrative(ctx);
    case 'BC-DN-Q':
      return enterpriseNarrative(ctx);
    case 'BC-BCHI-6T':
      return pressNarrative(ctx);
    case 'BC-TT-Q':
      return radioNarrative(ctx);
    case 'BC-CNTT-Q':
      return itCentreNarrative(ctx);
    case 'BC-NAM':
      return yearlyNarrative(ctx);
    case 'TK-NAM':
      return { results: '', difficulties: '', proposals: '' };
  }
}

export function returnComment(form: FormCode, rng: Rng): string {
  if (form === 'BC-DN-Q')
    return 'Số thuê bao di động phát triển mới trong quý vượt 10% tổng số thuê bao đang hoạt động; đề nghị doanh nghiệp kiểm tra lại hoặc ghi chú giải thích trước khi nộp lại.';
  if (form === 'BC-TT-Q') return 'Đề nghị bổ sung số cụm loa hư hỏng theo từng thôn và kế hoạch khắc phục trong phần kiến nghị.';
  return rng.pick([
    'Số hồ sơ trực tuyến chưa khớp với số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; đề nghị đối chiếu, cập nhật và nộp lại.',
    'Phần khó khăn, vướng mắc còn chung chung; đề nghị nêu cụ thể thôn, cụm loa, hệ thống cần hỗ trợ để Sở giao phòng chuyên môn xử lý.',
    'Đề nghị rà soát lại số thôn có cáp quang: số liệu thấp hơn quý trước nhưng không có ghi chú giải thích.',
  ]);
}
