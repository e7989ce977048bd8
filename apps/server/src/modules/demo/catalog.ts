/**
 * The demo catalog: data elements (chỉ tiêu), indicators (chỉ số) and validation rules. Codes are the
 * stable keys used by forms, rules, indicators and the value model (values.ts).
 */
import type { AggregationType, ValueType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { Org } from './org.js';
import { SECTORS } from './org.js';
import { allocIds, insertRows } from './sql.js';

export type ElementDef = {
  code: string;
  name: string;
  nameEn: string;
  uom: string;
  sector: string;
  valueType: ValueType;
  agg: AggregationType;
  min: number | null;
  max: number | null;
  level: number | null;
  description?: string;
  /** The desirable direction: 'lower' for counts where less is better (incidents, outages, broken equipment). */
  better: 'higher' | 'lower';
};

type Opt = Partial<Pick<ElementDef, 'valueType' | 'agg' | 'min' | 'max' | 'level' | 'description' | 'better'>>;
const de = (code: string, name: string, nameEn: string, uom: string, sector: string, o: Opt = {}): ElementDef => ({
  code, name, nameEn, uom, sector, valueType: o.valueType ?? 'INTEGER', agg: o.agg ?? 'SUM', min: o.min ?? 0, max: o.max ?? null,
  level: o.level ?? null, description: o.description, better: o.better ?? 'higher',
});
const stock = (max: number, more: Opt = {}): Opt => ({ agg: 'LAST', max, ...more });
const flow = (max: number, more: Opt = {}): Opt => ({ agg: 'SUM', max, ...more });
const province = (o: Opt): Opt => ({ level: 1, ...o });
/** Less is better: a rise is bad news and a target is a ceiling. */
const fewer = (o: Opt): Opt => ({ ...o, better: 'lower' });

export const ELEMENTS: ElementDef[] = [
  // ── district culture & information offices / communes (BC-VHTT-Q) ──
  de('BC_DIEM_PV', 'Số điểm phục vụ bưu chính', 'Postal service points', 'điểm', 'BC', stock(500)),
  de('BC_DIEM_VHX', 'Số điểm bưu điện – văn hóa xã có kết nối Internet', 'Commune post-and-culture points with Internet', 'điểm', 'BC', stock(300)),
  de('BTS_VITRI', 'Số vị trí trạm thu phát sóng di động (BTS)', 'Mobile base station (BTS) sites', 'vị trí', 'VT', stock(3000)),
  de('BTS_DUNGCHUNG', 'Số vị trí trạm BTS dùng chung hạ tầng', 'BTS sites with shared infrastructure', 'vị trí', 'VT', stock(3000)),
  de('THON_TONG', 'Tổng số thôn, bản, tổ dân phố', 'Villages and residential groups', 'thôn', 'VT', stock(3000)),
  de('THON_CAPQUANG', 'Số thôn, bản, tổ dân phố có Internet băng rộng cáp quang', 'Villages with fibre broadband', 'thôn', 'VT', stock(3000)),
  de('THON_PHUSONG', 'Số thôn, bản, tổ dân phố được phủ sóng di động 4G', 'Villages with 4G mobile coverage', 'thôn', 'VT', stock(3000)),
  de('VT_DAILY_INTERNET', 'Số điểm cung cấp dịch vụ trò chơi điện tử công cộng', 'Public video-game service points', 'điểm', 'VT', stock(500)),
  de('VT_CAPPHEP_BTS', 'Số hồ sơ cấp phép xây dựng trạm BTS được giải quyết', 'BTS construction permits processed', 'hồ sơ', 'VT', flow(200)),
  de('VT_KIEMTRA', 'Số cuộc kiểm tra hoạt động bưu chính, viễn thông, Internet', 'Inspections of postal, telecom and Internet services', 'cuộc', 'VT', flow(50)),
  de('HS_TTHC_TONG', 'Tổng số hồ sơ thủ tục hành chính tiếp nhận', 'Administrative procedure dossiers received', 'hồ sơ', 'CDS', flow(500000)),
  de('HS_TTHC_TRUCTUYEN', 'Số hồ sơ thủ tục hành chính tiếp nhận trực tuyến', 'Dossiers received online', 'hồ sơ', 'CDS', flow(500000)),
  de('HS_TTHC_SOHOA', 'Số hồ sơ thủ tục hành chính được số hóa kết quả giải quyết', 'Dossiers with digitised results', 'hồ sơ', 'CDS', flow(500000)),
  de('HS_THANHTOAN_TT', 'Số hồ sơ thanh toán phí, lệ phí trực tuyến', 'Dossiers with fees paid online', 'hồ sơ', 'CDS', flow(500000)),
  de('VB_DI_TONG', 'Tổng số văn bản đi', 'Outgoing official documents', 'văn bản', 'CNTT', flow(200000)),
  de('VB_DIENTU', 'Số văn bản đi gửi dưới dạng điện tử', 'Outgoing documents sent electronically', 'văn bản', 'CNTT', flow(200000)),
  de('VB_KYSO', 'Số văn bản điện tử có chữ ký số', 'Electronic documents with a digital signature', 'văn bản', 'CNTT', flow(200000)),
  de('CDS_TCN_SO', 'Số tổ công nghệ số cộng đồng', 'Community digital technology teams', 'tổ', 'CDS', stock(3000)),
  de('CDS_TCN_TV', 'Số thành viên tổ công nghệ số cộng đồng', 'Members of community digital technology teams', 'người', 'CDS', stock(20000)),
  de('CDS_TAPHUAN', 'Số lượt người dân được hướng dẫn kỹ năng số', 'People coached in digital skills', 'lượt người', 'CDS', flow(100000)),
  de('CDS_TK_DINHDANH', 'Số tài khoản định danh điện tử mức 2 được kích hoạt', 'Level-2 electronic identity accounts activated', 'tài khoản', 'CDS', stock(2000000)),
  de('CDS_HKD_KTTM', 'Số hộ kinh doanh sử dụng thanh toán không dùng tiền mặt', 'Household businesses accepting cashless payment', 'hộ', 'CDS', stock(100000)),
  de('CDS_WIFI', 'Số điểm wifi công cộng miễn phí', 'Free public wifi hotspots', 'điểm', 'CDS', stock(1000)),
  de('CB_CNTT', 'Số cán bộ chuyên trách, kiêm nhiệm công nghệ thông tin', 'IT staff, dedicated or part-time', 'người', 'CNTT', stock(100)),
  de('ATTT_HT_TONG', 'Số hệ thống thông tin phải xác định cấp độ an toàn', 'Information systems requiring a security level', 'hệ thống', 'ATTT', stock(200)),
  de('ATTT_HT_PHEDUYET', 'Số hệ thống thông tin đã được phê duyệt hồ sơ cấp độ', 'Information systems with an approved security-level dossier', 'hệ thống', 'ATTT', stock(200)),
  de('ATTT_MAYTINH', 'Số máy tính của cơ quan, đơn vị', 'Office computers', 'máy', 'ATTT', stock(20000)),
  de('ATTT_MAY_PCMD', 'Số máy tính cài phần mềm phòng chống mã độc tập trung', 'Computers with centrally managed anti-malware', 'máy', 'ATTT', stock(20000)),
  de('ATTT_SUCO', 'Số sự cố an toàn thông tin mạng được ghi nhận', 'Cyber-security incidents recorded', 'sự cố', 'ATTT', fewer(flow(500))),
  de('DTT_SO', 'Số đài truyền thanh cấp xã', 'Commune radio stations', 'đài', 'PTTT', stock(500)),
  de('DTT_UDCNTT', 'Số đài truyền thanh cấp xã ứng dụng CNTT – viễn thông', 'Commune radio stations using IT and telecom (smart radio)', 'đài', 'PTTT', stock(500)),
  de('DTT_CUMLOA', 'Số cụm loa truyền thanh ở thôn, bản, tổ dân phố', 'Village loudspeaker clusters', 'cụm', 'PTTT', stock(5000)),
  de('TTCS_BANGTIN', 'Số bảng tin công cộng', 'Public notice boards', 'bảng', 'TTCS', stock(5000)),
  de('TTCS_TIN_TTDT', 'Số tin, bài đăng trên trang thông tin điện tử của đơn vị', 'Items posted on the unit\'s website', 'tin, bài', 'TTCS', flow(20000)),
  de('TTCS_PANO', 'Số pa-nô, áp phích, băng rôn tuyên truyền', 'Posters, panels and banners', 'cái', 'TTCS', flow(10000)),
  de('TTCS_TAILIEU', 'Số tài liệu tuyên truyền được cấp phát', 'Information leaflets distributed', 'bản', 'TTCS', flow(200000)),
  de('TTCS_HOINGHI', 'Số hội nghị, buổi tuyên truyền trực tiếp', 'Face-to-face information sessions', 'buổi', 'TTCS', flow(1000)),
  de('TTCS_OTT', 'Số nhóm thông tin cơ sở trên mạng xã hội', 'Grassroots information groups on social networks', 'nhóm', 'TTCS', stock(5000)),
  de('XB_BANTIN', 'Số bản tin, ấn phẩm của địa phương được phát hành', 'Local bulletins published', 'số', 'XB', flow(200)),
  de('BCHI_PHATNGON', 'Số lần phát ngôn, cung cấp thông tin cho báo chí', 'Press statements and briefings', 'lần', 'BCHI', flow(200)),
  de('BCHI_TT_SAILECH', 'Số thông tin sai lệch trên mạng được phát hiện, xử lý', 'False online information detected and handled', 'tin', 'BCHI', flow(500)),
  de('XB_KIEMTRA', 'Số cuộc kiểm tra hoạt động xuất bản, in, phát hành', 'Inspections of publishing, printing and distribution', 'cuộc', 'XB', flow(50)),
  // ── postal and telecom enterprises (BC-DN-Q) ──
  de('DN_TRAM_2G', 'Số trạm phát sóng 2G đang hoạt động', '2G base stations in service', 'trạm', 'VT', stock(3000)),
  de('DN_TRAM_4G', 'Số trạm phát sóng 4G đang hoạt động', '4G base stations in service', 'trạm', 'VT', stock(5000)),
  de('DN_TRAM_5G', 'Số trạm phát sóng 5G đang hoạt động', '5G base stations in service', 'trạm', 'VT', stock(5000)),
  de('DN_CAPQUANG_KM', 'Chiều dài tuyến cáp quang', 'Fibre-optic cable length', 'km', 'VT', stock(50000, { valueType: 'NUMBER' })),
  de('DN_TB_DD', 'Số thuê bao điện thoại di động đang hoạt động', 'Active mobile subscriptions', 'thuê bao', 'VT', stock(3000000)),
  de('DN_TB_DD_MOI', 'Số thuê bao di động phát triển mới trong kỳ', 'New mobile subscriptions in the period', 'thuê bao', 'VT', flow(1000000)),
  de('DN_TB_BR', 'Số thuê bao Internet băng rộng cố định', 'Fixed broadband subscriptions', 'thuê bao', 'VT', stock(1000000)),
  de('DN_TB_BR_MOI', 'Số thuê bao Internet băng rộng cố định phát triển mới', 'New fixed broadband subscriptions', 'thuê bao', 'VT', flow(500000)),
  de('DN_TOCDO_DD', 'Tốc độ truy cập Internet di động trung bình', 'Average mobile Internet speed', 'Mbps', 'VT', { valueType: 'NUMBER', agg: 'AVERAGE', max: 2000 }),
  de('VT_MAT_LL_MAX', 'Thời gian mất liên lạc dài nhất trong kỳ', 'Longest service outage in the period', 'giờ', 'VT', fewer({ valueType: 'NUMBER', agg: 'MAX', max: 2160 })),
  de('VT_SUCO', 'Số sự cố mất liên lạc trên 4 giờ', 'Outages longer than 4 hours', 'lần', 'VT', fewer(flow(500))),
  de('BC_SANLUONG', 'Sản lượng bưu gửi', 'Postal items handled', 'bưu gửi', 'BC', flow(10000000)),
  de('BC_HCC', 'Số hồ sơ TTHC tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích', 'Administrative dossiers carried by public postal service', 'hồ sơ', 'BC', flow(500000)),
  de('VT_DOANHTHU', 'Doanh thu dịch vụ viễn thông', 'Telecommunication service revenue', 'triệu đồng', 'VT', flow(10000000, { valueType: 'NUMBER' })),
  de('BC_DOANHTHU', 'Doanh thu dịch vụ bưu chính', 'Postal service revenue', 'triệu đồng', 'BC', flow(10000000, { valueType: 'NUMBER' })),
  de('DN_NOPNS', 'Số nộp ngân sách nhà nước', 'Taxes paid to the state budget', 'triệu đồng', 'VT', flow(10000000, { valueType: 'NUMBER' })),
  // ── press agencies (BC-BCHI-6T) ──
  de('BCHI_TINBAI', 'Số tin, bài, ảnh đã đăng, phát', 'News items, articles and photos published or aired', 'tin, bài', 'BCHI', flow(200000)),
  de('BCHI_PHONGSU', 'Số phóng sự, chuyên đề, chuyên mục', 'Features, reports and special series', 'phóng sự', 'BCHI', flow(20000)),
  de('BCHI_THOILUONG', 'Thời lượng chương trình phát thanh, truyền hình tự sản xuất', 'Self-produced radio and TV airtime', 'giờ', 'BCHI', flow(20000, { valueType: 'NUMBER' })),
  de('BCHI_TRUYCAP', 'Số lượt truy cập báo điện tử, nền tảng số', 'Visits to the online edition and digital platforms', 'lượt', 'BCHI', flow(1000000000)),
  de('BCHI_CHUYENMUC', 'Số chuyên trang, chuyên mục đang duy trì', 'Regular sections and columns', 'chuyên mục', 'BCHI', stock(500)),
  de('BCHI_THENB', 'Số người có thẻ nhà báo', 'Staff holding a press card', 'người', 'BCHI', stock(1000)),
  de('BCHI_NHANLUC', 'Tổng số người lao động', 'Total staff', 'người', 'BCHI', stock(2000)),
  de('BCHI_DOANHTHU', 'Doanh thu quảng cáo, dịch vụ', 'Advertising and service revenue', 'triệu đồng', 'BCHI', flow(1000000, { valueType: 'NUMBER' })),
  // ── radio stations and media centres (BC-TT-Q) ──
  de('TT_CUMLOA_HD', 'Số cụm loa đang hoạt động', 'Loudspeaker clusters in service', 'cụm', 'PTTT', stock(2000)),
  de('TT_CUMLOA_HONG', 'Số cụm loa hư hỏng, xuống cấp', 'Loudspeaker clusters broken or degraded', 'cụm', 'PTTT', fewer(stock(2000))),
  de('TT_CUMLOA_TM', 'Số cụm loa ứng dụng CNTT – viễn thông', 'Smart (IP/telecom) loudspeaker clusters', 'cụm', 'PTTT', stock(2000)),
  de('TT_TIN_PHAT', 'Số tin, bài được phát sóng', 'News items broadcast', 'tin, bài', 'PTTT', flow(20000)),
  de('TT_CHUONGTRINH', 'Số chương trình truyền thanh tự sản xuất', 'Self-produced radio programmes', 'chương trình', 'PTTT', flow(2000)),
  de('TT_THOILUONG', 'Thời lượng phát sóng', 'Broadcast hours', 'giờ', 'PTTT', flow(5000, { valueType: 'NUMBER' })),
  de('TT_TIEPSONG', 'Thời lượng tiếp sóng Đài Trung ương, Đài tỉnh', 'Hours relaying national and provincial radio', 'giờ', 'PTTT', flow(5000, { valueType: 'NUMBER' })),
  de('TT_NHANLUC', 'Số người làm công tác truyền thanh', 'Radio staff', 'người', 'PTTT', stock(100)),
  de('TT_NHANLUC_DT', 'Số lượt người được bồi dưỡng nghiệp vụ', 'Staff trained in the period', 'lượt người', 'PTTT', flow(500)),
  // ── IT centre (BC-CNTT-Q) ──
  de('CNTT_HT_VANHANH', 'Số hệ thống thông tin dùng chung đang vận hành', 'Shared information systems in operation', 'hệ thống', 'CNTT', stock(200)),
  de('CNTT_UPTIME_MIN', 'Tỷ lệ thời gian hoạt động thấp nhất của các hệ thống dùng chung', 'Lowest availability among shared systems', '%', 'CNTT', { valueType: 'PERCENTAGE', agg: 'MIN', max: 100 }),
  de('CNTT_TRUYCAP_CONG', 'Số lượt truy cập Cổng thông tin điện tử tỉnh', 'Visits to the provincial web portal', 'lượt', 'CNTT', flow(1000000000)),
  de('CKS_CAP', 'Số chứng thư số cấp mới cho cán bộ, công chức', 'Digital certificates issued to civil servants', 'chứng thư', 'CNTT', flow(50000)),
  de('DVC_TOANTRINH', 'Số dịch vụ công trực tuyến toàn trình đang cung cấp', 'Fully online public services offered', 'dịch vụ', 'CDS', stock(5000)),
  de('DVC_PHATSINH', 'Số dịch vụ công trực tuyến có phát sinh hồ sơ', 'Online public services that received dossiers', 'dịch vụ', 'CDS', stock(5000)),
  de('ATTT_CANHBAO', 'Số cảnh báo, tấn công mạng được phát hiện, xử lý', 'Cyber-attack alerts detected and handled', 'lượt', 'ATTT', flow(1000000)),
  de('ATTT_MADOC', 'Số máy tính nhiễm mã độc được xử lý', 'Malware-infected computers cleaned', 'máy', 'ATTT', flow(10000)),
  de('ATTT_DIENTAP', 'Số cuộc diễn tập an toàn thông tin', 'Cyber-security drills held', 'cuộc', 'ATTT', flow(50)),
  // ── yearly work report (BC-NAM) ──
  de('CDS_DTI', 'Điểm chỉ số đánh giá chuyển đổi số (DTI)', 'Digital transformation index (DTI) score', 'điểm', 'CDS', { valueType: 'NUMBER', agg: 'AVERAGE', max: 1 }),
  de('CDS_KEHOACH', 'Đã ban hành kế hoạch chuyển đổi số năm', 'Yearly digital transformation plan issued', 'có/không', 'CDS', { valueType: 'BOOLEAN', agg: 'NONE', min: null }),
  de('CNTT_KINHPHI', 'Kinh phí chi cho ứng dụng CNTT, chuyển đổi số', 'Spending on IT and digital transformation', 'triệu đồng', 'CNTT', flow(1000000, { valueType: 'NUMBER' })),
  de('CB_DAOTAO', 'Số lượt cán bộ được bồi dưỡng kỹ năng số, an toàn thông tin', 'Civil servants trained in digital skills and security', 'lượt người', 'CNTT', flow(50000)),
  de('TD_CSTD', 'Số cá nhân đề nghị danh hiệu Chiến sĩ thi đua cơ sở', 'Individuals nominated as grassroots emulation fighters', 'người', '', flow(100)),
  de('TD_GIAYKHEN', 'Số tập thể, cá nhân đề nghị tặng Giấy khen', 'Collectives and individuals nominated for a certificate of merit', 'lượt', '', flow(500)),
  // ── province-level statistics (TK-NAM) ──
  de('BC_DN_SO', 'Số doanh nghiệp bưu chính, chuyển phát hoạt động trên địa bàn', 'Postal and courier enterprises operating', 'doanh nghiệp', 'BC', province(stock(200, { description: 'Chỉ báo cáo ở cấp tỉnh: cộng theo huyện sẽ đếm trùng doanh nghiệp hoạt động ở nhiều huyện.' }))),
  de('VT_DN_SO', 'Số doanh nghiệp viễn thông, Internet hoạt động trên địa bàn', 'Telecom and Internet enterprises operating', 'doanh nghiệp', 'VT', province(stock(100))),
  de('VT_PHUSONG_DS', 'Tỷ lệ dân số được phủ sóng di động 4G trở lên', 'Population covered by 4G or better', '%', 'VT', province({ valueType: 'PERCENTAGE', agg: 'LAST', max: 100 })),
  de('BCHI_CQ_SO', 'Số cơ quan báo chí, văn phòng đại diện, phóng viên thường trú', 'Press agencies, bureaus and resident correspondents', 'cơ quan', 'BCHI', province(stock(100))),
  de('XB_CS_IN', 'Số cơ sở in hoạt động trên địa bàn', 'Printing houses operating', 'cơ sở', 'XB', province(stock(200))),
  de('XB_XUATBANPHAM', 'Số xuất bản phẩm không kinh doanh được cấp phép', 'Non-commercial publications licensed', 'xuất bản phẩm', 'XB', province(flow(1000))),
  de('DAN_SO', 'Dân số trung bình', 'Average population', 'người', '', province(stock(20000000))),
  de('HO_GD', 'Số hộ gia đình', 'Households', 'hộ', '', province(stock(5000000))),
];

export type IndicatorDef = {
  code: string; name: string; nameEn: string; num: string; den: string; factor: number; decimals: number; uom: string; sector: string; better: 'higher' | 'lower';
};
const ind = (code: string, name: string, nameEn: string, num: string, den: string, sector: string, uom = '%', factor = 100, decimals = 1): IndicatorDef =>
  ({ code, name, nameEn, num, den, factor, decimals, uom, sector, better: 'higher' });
const fewerInd = (x: IndicatorDef): IndicatorDef => ({ ...x, better: 'lower' });

export const INDICATORS: IndicatorDef[] = [
  ind('TL_THON_CAPQUANG', 'Tỷ lệ thôn, bản, tổ dân phố có Internet băng rộng cáp quang', 'Share of villages with fibre broadband', '#{THON_CAPQUANG}', '#{THON_TONG}', 'VT'),
  ind('TL_THON_4G', 'Tỷ lệ thôn, bản, tổ dân phố được phủ sóng 4G', 'Share of villages with 4G coverage', '#{THON_PHUSONG}', '#{THON_TONG}', 'VT'),
  ind('TL_BTS_DUNGCHUNG', 'Tỷ lệ vị trí trạm BTS dùng chung hạ tầng', 'Share of BTS sites with shared infrastructure', '#{BTS_DUNGCHUNG}', '#{BTS_VITRI}', 'VT'),
  ind('TB_DD_100DAN', 'Số thuê bao di động trên 100 dân', 'Mobile subscriptions per 100 inhabitants', '#{DN_TB_DD}', '#{DAN_SO}', 'VT', 'thuê bao/100 dân'),
  ind('TB_BR_100HO', 'Số thuê bao băng rộng cố định trên 100 hộ gia đình', 'Fixed broadband subscriptions per 100 households', '#{DN_TB_BR}', '#{HO_GD}', 'VT', 'thuê bao/100 hộ'),
  ind('TL_TRAM_5G', 'Tỷ lệ trạm 5G trong tổng số trạm phát sóng', 'Share of 5G among base stations', '#{DN_TRAM_5G}', '#{DN_TRAM_2G} + #{DN_TRAM_4G} + #{DN_TRAM_5G}', 'VT'),
  ind('TL_HS_TRUCTUYEN', 'Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến', 'Share of administrative dossiers received online', '#{HS_TTHC_TRUCTUYEN}', '#{HS_TTHC_TONG}', 'CDS'),
  ind('TL_HS_SOHOA', 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả', 'Share of dossiers with digitised results', '#{HS_TTHC_SOHOA}', '#{HS_TTHC_TONG}', 'CDS'),
  ind('TL_DVC_PHATSINH', 'Tỷ lệ dịch vụ công trực tuyến toàn trình có phát sinh hồ sơ', 'Share of fully online services that received dossiers', '#{DVC_PHATSINH}', '#{DVC_TOANTRINH}', 'CDS'),
  ind('TL_VB_DIENTU', 'Tỷ lệ văn bản đi được gửi dưới dạng điện tử', 'Share of outgoing documents sent electronically', '#{VB_DIENTU}', '#{VB_DI_TONG}', 'CNTT'),
  ind('TL_VB_KYSO', 'Tỷ lệ văn bản điện tử có chữ ký số', 'Share of electronic documents digitally signed', '#{VB_KYSO}', '#{VB_DIENTU}', 'CNTT'),
  ind('TL_ATTT_CAPDO', 'Tỷ lệ hệ thống thông tin được phê duyệt hồ sơ cấp độ an toàn', 'Share of information systems with an approved security level', '#{ATTT_HT_PHEDUYET}', '#{ATTT_HT_TONG}', 'ATTT'),
  ind('TL_MAY_PCMD', 'Tỷ lệ máy tính được cài phần mềm phòng chống mã độc tập trung', 'Share of computers with central anti-malware', '#{ATTT_MAY_PCMD}', '#{ATTT_MAYTINH}', 'ATTT'),
  ind('TL_DTT_UDCNTT', 'Tỷ lệ đài truyền thanh cấp xã ứng dụng CNTT – viễn thông', 'Share of commune radio stations using IT and telecom', '#{DTT_UDCNTT}', '#{DTT_SO}', 'PTTT'),
  fewerInd(ind('TL_CUMLOA_HONG', 'Tỷ lệ cụm loa hư hỏng, xuống cấp', 'Share of loudspeaker clusters broken or degraded', '#{TT_CUMLOA_HONG}', '#{TT_CUMLOA_HD} + #{TT_CUMLOA_HONG}', 'PTTT')),
];

export type RuleDef = { code: string; name: string; left: string; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; right: string; importance: 'error' | 'warning'; message: string; messageEn: string };
const le = (code: string, a: string, b: string, name: string, message: string, messageEn: string): RuleDef =>
  ({ code, name, left: `#{${a}}`, op: 'le', right: b.includes('#') ? b : `#{${b}}`, importance: 'error', message, messageEn });
const warn = (r: RuleDef): RuleDef => ({ ...r, importance: 'warning' });

export const RULES: RuleDef[] = [
  le('VR_THON_CAPQUANG', 'THON_CAPQUANG', 'THON_TONG', 'Thôn có cáp quang không vượt tổng số thôn', 'Số thôn có Internet cáp quang không được lớn hơn tổng số thôn, bản, tổ dân phố.', 'Villages with fibre cannot exceed the number of villages.'),
  le('VR_THON_PHUSONG', 'THON_PHUSONG', 'THON_TONG', 'Thôn được phủ sóng 4G không vượt tổng số thôn', 'Số thôn được phủ sóng 4G không được lớn hơn tổng số thôn, bản, tổ dân phố.', 'Villages with 4G cannot exceed the number of villages.'),
  le('VR_BTS_DUNGCHUNG', 'BTS_DUNGCHUNG', 'BTS_VITRI', 'Vị trí BTS dùng chung không vượt tổng số vị trí', 'Số vị trí BTS dùng chung không được lớn hơn tổng số vị trí trạm BTS.', 'Shared BTS sites cannot exceed BTS sites.'),
  le('VR_BC_DIEM_VHX', 'BC_DIEM_VHX', 'BC_DIEM_PV', 'Điểm BĐ-VHX là một phần của điểm phục vụ bưu chính', 'Số điểm bưu điện – văn hóa xã không được lớn hơn tổng số điểm phục vụ bưu chính.', 'Commune post-and-culture points are part of postal service points.'),
  le('VR_HS_TRUCTUYEN', 'HS_TTHC_TRUCTUYEN', 'HS_TTHC_TONG', 'Hồ sơ trực tuyến không vượt tổng số hồ sơ', 'Số hồ sơ tiếp nhận trực tuyến không được lớn hơn tổng số hồ sơ thủ tục hành chính tiếp nhận.', 'Online dossiers cannot exceed dossiers received.'),
  le('VR_HS_SOHOA', 'HS_TTHC_SOHOA', 'HS_TTHC_TONG', 'Hồ sơ số hóa không vượt tổng số hồ sơ', 'Số hồ sơ được số hóa kết quả không được lớn hơn tổng số hồ sơ tiếp nhận.', 'Digitised dossiers cannot exceed dossiers received.'),
  le('VR_HS_THANHTOAN', 'HS_THANHTOAN_TT', 'HS_TTHC_TONG', 'Hồ sơ thanh toán trực tuyến không vượt tổng số hồ sơ', 'Số hồ sơ thanh toán trực tuyến không được lớn hơn tổng số hồ sơ tiếp nhận.', 'Dossiers paid online cannot exceed dossiers received.'),
  le('VR_VB_DIENTU', 'VB_DIENTU', 'VB_DI_TONG', 'Văn bản điện tử không vượt tổng số văn bản đi', 'Số văn bản gửi dạng điện tử không được lớn hơn tổng số văn bản đi.', 'Electronic documents cannot exceed outgoing documents.'),
  le('VR_VB_KYSO', 'VB_KYSO', 'VB_DIENTU', 'Văn bản ký số không vượt số văn bản điện tử', 'Số văn bản có chữ ký số không được lớn hơn số văn bản điện tử.', 'Signed documents cannot exceed electronic documents.'),
  le('VR_DTT_UDCNTT', 'DTT_UDCNTT', 'DTT_SO', 'Đài ứng dụng CNTT – VT không vượt tổng số đài', 'Số đài truyền thanh ứng dụng CNTT – viễn thông không được lớn hơn tổng số đài truyền thanh cấp xã.', 'Smart radio stations cannot exceed radio stations.'),
  le('VR_ATTT_CAPDO', 'ATTT_HT_PHEDUYET', 'ATTT_HT_TONG', 'Hệ thống được phê duyệt cấp độ không vượt tổng số hệ thống', 'Số hệ thống đã phê duyệt cấp độ không được lớn hơn số hệ thống phải xác định cấp độ.', 'Systems with an approved level cannot exceed systems requiring one.'),
  le('VR_MAY_PCMD', 'ATTT_MAY_PCMD', 'ATTT_MAYTINH', 'Máy cài phòng chống mã độc không vượt tổng số máy', 'Số máy tính cài phần mềm phòng chống mã độc không được lớn hơn tổng số máy tính.', 'Protected computers cannot exceed computers.'),
  le('VR_CUMLOA_TM', 'TT_CUMLOA_TM', '#{TT_CUMLOA_HD} + #{TT_CUMLOA_HONG}', 'Cụm loa thông minh không vượt tổng số cụm loa', 'Số cụm loa ứng dụng CNTT – viễn thông không được lớn hơn tổng số cụm loa (đang hoạt động và hư hỏng).', 'Smart loudspeaker clusters cannot exceed all clusters.'),
  le('VR_DVC_PHATSINH', 'DVC_PHATSINH', 'DVC_TOANTRINH', 'DVC có phát sinh hồ sơ không vượt số DVC toàn trình', 'Số dịch vụ công có phát sinh hồ sơ không được lớn hơn số dịch vụ công trực tuyến toàn trình.', 'Services with dossiers cannot exceed services offered.'),
  le('VR_BCHI_THENB', 'BCHI_THENB', 'BCHI_NHANLUC', 'Người có thẻ nhà báo không vượt tổng số lao động', 'Số người có thẻ nhà báo không được lớn hơn tổng số người lao động.', 'Press-card holders cannot exceed staff.'),
  warn(le('VR_TB_DD_MOI', 'DN_TB_DD_MOI', '#{DN_TB_DD} * 0.1', 'Thuê bao di động mới bất thường', 'Số thuê bao di động phát triển mới trong quý vượt 10% tổng số thuê bao đang hoạt động; đề nghị kiểm tra lại hoặc ghi chú giải thích.', 'New mobile subscriptions exceed 10% of active subscriptions; check or explain.')),
  warn(le('VR_TB_BR_MOI', 'DN_TB_BR_MOI', '#{DN_TB_BR} * 0.15', 'Thuê bao băng rộng mới bất thường', 'Số thuê bao băng rộng cố định phát triển mới vượt 15% tổng số thuê bao; đề nghị kiểm tra lại hoặc ghi chú giải thích.', 'New fixed broadband subscriptions exceed 15% of subscriptions; check or explain.')),
  warn(le('VR_CUMLOA_HONG', 'TT_CUMLOA_HONG', '(#{TT_CUMLOA_HD} + #{TT_CUMLOA_HONG}) * 0.3', 'Tỷ lệ cụm loa hư hỏng cao', 'Hơn 30% cụm loa đang hư hỏng, xuống cấp; đề nghị nêu rõ kế hoạch khắc phục trong phần khó khăn, kiến nghị.', 'More than 30% of loudspeaker clusters are broken; describe the repair plan.')),
  { code: 'VR_TCN_THANHVIEN', name: 'Mỗi tổ công nghệ số cộng đồng có ít nhất 3 thành viên', left: '#{CDS_TCN_TV}', op: 'ge', right: '#{CDS_TCN_SO} * 3', importance: 'warning',
    message: 'Bình quân mỗi tổ công nghệ số cộng đồng có ít hơn 3 thành viên; đề nghị kiểm tra lại số liệu.', messageEn: 'Community digital teams average fewer than 3 members; check the figures.' },
];

export type Catalog = { elementIds: Map<string, number>; elements: Map<string, ElementDef & { id: number }>; indicatorIds: Map<string, number>; divisionOfSector: Map<string, number> };

export async function seedCatalog(db: Db, org: Org): Promise<Catalog> {
  const divisionOfSector = new Map(SECTORS.map((s) => [s.code as string, org.byCode.get(s.division)?.id as number]));
  const ids = await allocIds(db, 'data_elements', ELEMENTS.length);
  const elements = new Map(ELEMENTS.map((e, i) => [e.code, { ...e, id: ids[i] }]));
  await insertRows(
    db, 'data_elements',
    [['id', 'int'], ['code', 'text'], ['name', 'text'], ['name_en', 'text'], ['description', 'text'], ['uom', 'text'], ['value_type', 'text'],
      ['aggregation_type', 'text'], ['report_level', 'int'], ['min_value', 'numeric'], ['max_value', 'numeric'], ['sector_id', 'int'], ['division_id', 'int'], ['better', 'text']],
    [...elements.values()].map((e) => [e.id, e.code, e.name, e.nameEn, e.description ?? null, e.uom, e.valueType, e.agg, e.level,
      e.valueType === 'BOOLEAN' ? null : e.min, e.valueType === 'BOOLEAN' ? null : e.max, org.sectorIds.get(e.sector) ?? null, divisionOfSector.get(e.sector) ?? org.division.vp.id,
      e.better]),
  );
  const indIds = await allocIds(db, 'indicators', INDICATORS.length);
  const indicatorIds = new Map(INDICATORS.map((x, i) => [x.code, indIds[i]]));
  await insertRows(
    db, 'indicators',
    [['id', 'int'], ['code', 'text'], ['name', 'text'], ['name_en', 'text'], ['numerator', 'text'], ['denominator', 'text'], ['factor', 'numeric'],
      ['decimals', 'int'], ['uom', 'text'], ['sector_id', 'int'], ['better', 'text']],
    INDICATORS.map((x) => [indicatorIds.get(x.code), x.code, x.name, x.nameEn, x.num, x.den, x.factor, x.decimals, x.uom, org.sectorIds.get(x.sector), x.better]),
  );
  await insertRows(
    db, 'validation_rules',
    [['code', 'text'], ['name', 'text'], ['left_expr', 'text'], ['operator', 'text'], ['right_expr', 'text'], ['importance', 'text'], ['message', 'text'], ['message_en', 'text']],
    RULES.map((r) => [r.code, r.name, r.left, r.op, r.right, r.importance, r.message, r.messageEn]),
  );
  return { elementIds: new Map([...elements].map(([c, e]) => [c, e.id])), elements, indicatorIds, divisionOfSector };
}
