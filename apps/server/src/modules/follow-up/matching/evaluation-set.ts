/**
 * The labelled evaluation set of matching: pairs of points as units write them, each labelled "the same point raised
 * again" or "a different matter". `earlier` is the stored recommendation, `later` the new text.
 *
 * Written for Nhịp in the voice of communes, district offices, radio stations, press and telecom enterprises of the
 * sector; none is copied from a real report. The same points come reworded, typed without diacritics, with
 * abbreviations against full words, in another order, short against long, with typos, and raised by a former
 * district office (before 01/07/2025) and again by the commune that took over its area. The different matters are
 * look-alikes: the same request about another object ("kinh phí sửa chữa loa" / "kinh phí đào tạo cán bộ truyền
 * thanh"), the same object with another problem (loa hư hỏng / loa bị nhiễu), typed without diacritics, or across
 * the reform.
 *
 * Halves: within each (label, kind) group the pairs alternate, first to `tuning`, second to `heldOut`. The
 * scorer's weights and the threshold are chosen on `tuning` only; `heldOut` reports how they do on pairs they were
 * not chosen on (see docs/architecture.md, "Recognising a point raised again").
 */

export type SameKind = 'reworded' | 'unaccented' | 'abbreviation' | 'word-order' | 'reform' | 'short-long' | 'typo';
export type DifferentKind = 'other-object' | 'other-matter' | 'unaccented-look-alike' | 'reform-look-alike';

export interface LabelledPair {
  readonly id: string;
  /** The stored recommendation. */
  readonly earlier: string;
  /** The new text. */
  readonly later: string;
  /** True: the same point raised again. */
  readonly same: boolean;
  readonly kind: SameKind | DifferentKind;
}

const same = (id: string, kind: SameKind, earlier: string, later: string): LabelledPair => ({ id, earlier, later, same: true, kind });
const different = (id: string, kind: DifferentKind, earlier: string, later: string): LabelledPair => ({ id, earlier, later, same: false, kind });

export const EVALUATION_PAIRS: readonly LabelledPair[] = [
  // ───────────── the same point raised again ─────────────
  same('S01', 'reworded', 'Nhiều cụm loa truyền thanh ở các thôn đã hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.', 'Hệ thống loa ở thôn xuống cấp, xã không có ngân sách để sửa.'),
  same('S02', 'reworded', 'Thiết bị sản xuất chương trình của đài truyền thanh đã cũ, thường xuyên hỏng.', 'Máy tính dựng và bàn trộn âm dùng để làm chương trình truyền thanh xuống cấp, cần thay mới.'),
  same('S03', 'reworded', 'Chưa có quy định mức chi nhuận bút cho tin, bài phát trên đài truyền thanh cấp xã.', 'Đề nghị ban hành mức nhuận bút thống nhất đối với tin bài của đài truyền thanh xã.'),
  same('S04', 'reworded', 'Nguồn thu quảng cáo của báo giảm mạnh do phải cạnh tranh với mạng xã hội.', 'Doanh thu quảng cáo sụt giảm vì người đọc chuyển sang các nền tảng mạng xã hội.'),
  same('S05', 'reworded', 'Đề nghị giảm phí, lệ phí đối với hồ sơ nộp trực tuyến để khuyến khích người dân.', 'Kiến nghị miễn hoặc giảm lệ phí khi người dân nộp hồ sơ qua dịch vụ công trực tuyến.'),
  same('S06', 'reworded', 'Máy chủ tại Trung tâm dữ liệu của tỉnh đã vận hành nhiều năm, dung lượng lưu trữ gần hết.', 'Đề nghị đầu tư nâng cấp thiết bị lưu trữ của Trung tâm dữ liệu tỉnh vì sắp hết dung lượng.'),
  same('S07', 'reworded', 'Kỹ sư CNTT của Trung tâm chuyển sang doanh nghiệp do thu nhập chênh lệch lớn.', 'Cần có chính sách thu hút, giữ chân nhân lực công nghệ thông tin trình độ cao, tránh chảy máu chất xám sang khu vực tư nhân.'),
  same('S08', 'reworded', 'Tin giả, tin sai sự thật liên quan đến địa phương lan truyền trên mạng xã hội, xã lúng túng khi xử lý.', 'Đề nghị hướng dẫn cấp xã quy trình phối hợp xử lý thông tin sai sự thật trên mạng xã hội.'),
  same('S09', 'reworded', 'Cáp viễn thông treo trên cột điện lực còn lộn xộn, mất mỹ quan đô thị.', 'Kiến nghị có cơ chế sử dụng chung hạ tầng cột điện để ngầm hóa cáp viễn thông trong đô thị.'),
  same('S10', 'reworded', 'Người cao tuổi, đồng bào vùng cao chưa có điện thoại thông minh nên khó sử dụng dịch vụ công trực tuyến.', 'Nhiều người già ở vùng sâu không có smartphone, không tự nộp hồ sơ trực tuyến được.'),
  same('S11', 'reworded', 'Mưa lũ gây mất điện kéo dài, thông tin liên lạc bị gián đoạn.', 'Mùa mưa bão mất điện lâu ngày, nhiều trạm BTS ngừng phát sóng do thiếu máy phát dự phòng.'),
  same('S12', 'reworded', 'Hộ kinh doanh ở chợ chưa mặn mà với thanh toán không dùng tiền mặt.', 'Tiểu thương tại chợ vẫn chuộng tiền mặt, ít dùng mã QR để thanh toán.'),
  same('S13', 'reworded', 'Người dân lo ngại sóng điện từ nên phản đối lắp trạm BTS gần nhà.', 'Có hộ dân không đồng thuận cho xây trạm phát sóng vì sợ ảnh hưởng sức khỏe.'),

  same('S14', 'unaccented', 'Đề nghị Sở tổ chức tập huấn quy trình lập hồ sơ đề xuất cấp độ an toàn hệ thống thông tin cho cán bộ cấp xã.', 'de nghi so mo lop tap huan cach lap ho so de xuat cap do an toan he thong thong tin cho can bo xa'),
  same('S15', 'unaccented', 'Dữ liệu của các xã cũ chưa được bàn giao đầy đủ cho xã mới sau sắp xếp.', 'sau sap xep, xa moi chua nhan du du lieu, ho so cua cac xa cu va cua huyen truoc day'),
  same('S16', 'unaccented', 'Đường truyền Internet ở nhà văn hóa thôn chập chờn vào mùa mưa, cụm loa thông minh không phát được.', 'mua mua bao, mang internet o nha van hoa thon hay mat ket noi nen cum loa thong minh ngung phat'),
  same('S17', 'unaccented', 'Việc thẩm định hồ sơ cấp độ an toàn thông tin còn kéo dài.', 'ho so cap do attt gui len cho tham dinh rat lau'),
  same('S18', 'unaccented', 'Đề nghị có cơ chế hỗ trợ phụ cấp cho cán bộ truyền thanh cơ sở.', 'can bo dai truyen thanh xa lam kiem nhiem, khong co phu cap, de nghi tinh co che do ho tro'),
  same('S19', 'unaccented', 'Tuyến cáp quang thường xuyên bị đứt khi thi công mở rộng đường giao thông.', 'cap quang hay bi dut do cac cong trinh lam duong thi cong khong bao truoc'),
  same('S20', 'unaccented', 'Đề nghị tăng cường bồi dưỡng nhân lực CNTT cho cơ sở.', 'de nghi so mo lop dao tao, tap huan ky nang cong nghe thong tin cho can bo co so'),
  same('S21', 'unaccented', 'Đề nghị Sở cung cấp mẫu hồ sơ cấp độ an toàn thông tin dùng chung cho cấp cơ sở.', 'de nghi cung cap bo ho so mau xac dinh cap do ATTT de xa ap dung chung'),

  same('S22', 'abbreviation', 'Thiếu cán bộ chuyên trách công nghệ thông tin, hầu hết làm kiêm nhiệm.', 'Cán bộ CNTT của xã chủ yếu kiêm nhiệm, chưa có người chuyên trách.'),
  same('S23', 'abbreviation', 'Doanh nghiệp gặp khó khi thuê mặt bằng lắp đặt trạm BTS trong khu dân cư.', 'Việc thuê vị trí xây dựng trạm thu phát sóng ở khu dân cư còn vướng, người dân chưa đồng thuận.'),
  same('S24', 'abbreviation', 'Nhiều máy tính ở bộ phận một cửa chưa cài phần mềm phòng chống mã độc, nguy cơ mất ATTT.', 'Máy tính tại bộ phận tiếp nhận và trả kết quả chưa được cài phần mềm diệt virus, chưa bảo đảm an toàn thông tin.'),
  same('S25', 'abbreviation', 'Nhiều dịch vụ công trực tuyến toàn trình chưa phát sinh hồ sơ.', 'DVC trực tuyến toàn trình đã cung cấp nhưng chưa có hồ sơ phát sinh.'),
  same('S26', 'abbreviation', 'Kinh phí cho hoạt động thông tin cơ sở còn hạn hẹp.', 'Ngân sách dành cho TTCS ở xã chưa đáp ứng yêu cầu.'),
  same('S27', 'abbreviation', 'Người dân chưa quen nhận kết quả TTHC qua dịch vụ bưu chính công ích.', 'Dịch vụ trả kết quả thủ tục hành chính qua bưu điện còn ít người sử dụng.'),
  same('S28', 'abbreviation', 'Các HTX chưa biết đưa nông sản lên sàn TMĐT, đề nghị Sở hỗ trợ kết nối.', 'Đề nghị hỗ trợ kết nối sàn thương mại điện tử cho hợp tác xã để tiêu thụ nông sản.'),
  same('S29', 'abbreviation', 'Phần mềm QLVB&ĐH của xã chưa liên thông văn bản điện tử với tỉnh.', 'Hệ thống quản lý văn bản và điều hành của xã chưa kết nối liên thông với các cơ quan của tỉnh.'),
  same('S30', 'abbreviation', 'Nhiều cán bộ cấp xã chưa được cấp chữ ký số cá nhân.', 'Đề nghị cấp bổ sung chứng thư số cho công chức xã mới.'),
  same('S31', 'abbreviation', 'Thiếu kinh phí in pa-nô, băng rôn tuyên truyền cổ động trực quan.', 'Nguồn vốn cho tuyên truyền trực quan (pano, khẩu hiệu, băng rôn) ở cơ sở rất hạn chế.'),

  same('S32', 'word-order', 'Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến còn thấp.', 'Còn thấp tỷ lệ nộp hồ sơ TTHC qua mạng, người dân vẫn quen đến nộp trực tiếp.'),
  same('S33', 'word-order', 'Đầu tư trạm 5G tại các khu công nghiệp.', 'Các khu công nghiệp cần được phủ sóng 5G sớm.'),
  same('S34', 'word-order', 'Tỷ lệ văn bản điện tử được ký số ở cấp xã còn thấp.', 'Văn bản đi của xã phần lớn chưa được ký số.'),
  same('S35', 'word-order', 'Hệ thống một cửa điện tử hay bị lỗi, khắc phục chậm.', 'Khi phần mềm một cửa điện tử gặp sự cố, đề nghị Trung tâm CNTT&TT hỗ trợ kỹ thuật kịp thời.'),
  same('S36', 'word-order', 'Số hóa kết quả giải quyết TTHC gặp khó vì hồ sơ giấy tồn đọng nhiều năm, máy scan đã cũ.', 'Máy quét ở bộ phận một cửa hay hỏng, việc số hoá hồ sơ, kết quả thủ tục hành chính tốn nhiều công sức.'),

  same('S37', 'reform', 'Phòng Văn hóa và Thông tin huyện đề nghị hỗ trợ kinh phí thay thế các cụm loa không dây bị thu lẫn tín hiệu của đài khác.', 'Các cụm loa FM không dây trên địa bàn xã (do huyện cũ đầu tư) thường xuyên bị nhiễu, phát lẫn tiếng đài khác; đề nghị hỗ trợ thay thế.'),
  same('S38', 'reform', 'Trung tâm VH-TT-TT huyện thiếu biên tập viên có kỹ năng sản xuất video ngắn.', 'Bộ phận văn hóa – xã hội của xã chưa có người làm được video ngắn để đăng lên mạng xã hội.'),
  same('S39', 'reform', 'Đề nghị Sở ban hành hướng dẫn biểu mẫu báo cáo thống kê ngành thông tin và truyền thông cho cấp huyện.', 'Sau sắp xếp, xã chưa có hướng dẫn thống nhất về chỉ tiêu và mẫu biểu báo cáo của ngành.'),
  same('S40', 'reform', 'Phòng VH&TT huyện chỉ có 01 cán bộ phụ trách CNTT kiêm nhiệm, thiếu chuyên môn về an toàn thông tin.', 'Xã mới chưa có công chức chuyên trách công nghệ thông tin; người phụ trách làm kiêm nhiệm, chưa am hiểu ATTT.'),
  same('S41', 'reform', 'Đài truyền thanh huyện đề nghị hỗ trợ kinh phí chuyển sang truyền thanh ứng dụng CNTT - viễn thông.', 'xa de nghi ho tro kinh phi chuyen cac cum loa sang truyen thanh thong minh ung dung cntt vien thong'),
  same('S42', 'reform', 'Huyện còn 14 thôn chưa có cáp quang đến thôn, doanh nghiệp chưa bố trí được vốn đầu tư.', 'Xã có 6 thôn (trước thuộc huyện) vẫn chưa được kéo cáp quang, đề nghị Sở đôn đốc các nhà mạng.'),
  same('S43', 'reform', 'Tổ công nghệ số cộng đồng ở các xã trong huyện hoạt động cầm chừng, thành viên không có phụ cấp.', 'Thành viên tổ CNS cộng đồng của xã chưa được hưởng chế độ hỗ trợ nên hoạt động chưa hiệu quả.'),

  same('S44', 'short-long', 'Chưa có cơ chế phụ cấp cho cán bộ truyền thanh cơ sở.', 'Cán bộ phụ trách đài truyền thanh xã làm việc kiêm nhiệm, hầu như không có chế độ bồi dưỡng, nhiều người đã xin nghỉ; đề nghị tỉnh sớm ban hành mức phụ cấp phù hợp.'),
  same('S45', 'short-long', 'Thiếu máy quét.', 'Bộ phận một cửa chỉ có một máy scan cũ, không đủ để số hóa hồ sơ hằng ngày.'),
  same('S46', 'short-long', 'Sóng di động yếu ở thôn vùng cao.', 'Một số thôn vùng cao còn là vùng lõm sóng, người dân phải ra đầu bản mới gọi điện thoại được; đề nghị các nhà mạng lắp thêm trạm.'),
  same('S47', 'short-long', 'Đề nghị Sở tuyên truyền lộ trình dừng công nghệ 2G.', 'Còn nhiều khách hàng dùng máy chỉ hỗ trợ 2G; đề nghị Sở phối hợp các nhà mạng đẩy mạnh truyền thông về việc tắt sóng 2G để người dân chủ động đổi máy.'),
  same('S48', 'short-long', 'Chi phí SIM, cước 4G cho cụm loa thông minh chưa có nguồn chi.', 'Xã không có kinh phí trả cước viễn thông hằng tháng cho hệ thống loa ứng dụng CNTT - viễn thông.'),

  same('S49', 'typo', 'Tình trạng nhiễu sóng lạ ở các cụm loa truyền thanh không dây.', 'Cụm loa truyên thanh không dây bị nhiểu sóng, phát lẫn tiếng đài khác.'),
  same('S50', 'typo', 'Thủ tục xin phép xây dựng trạm BTS kéo dài.', 'Thủ tuc cấp phép xây dưng trạm BTS con chậm.'),

  // ───────────── a different matter that looks alike ─────────────
  different('D01', 'other-object', 'Kinh phí sửa chữa loa truyền thanh ở thôn chưa được bố trí.', 'Chưa bố trí kinh phí đào tạo cán bộ truyền thanh cơ sở.'),
  different('D02', 'other-object', 'Thiếu nhân lực CNTT ở cấp xã.', 'Thiếu thiết bị CNTT ở cấp xã.'),
  different('D03', 'other-object', 'Chi phí SIM, đường truyền cho cụm loa thông minh chưa có nguồn chi ổn định.', 'Chi phí đường truyền cho hệ thống camera giám sát chưa có nguồn chi ổn định.'),
  different('D04', 'other-object', 'Thiếu kinh phí thay thế cụm loa hư hỏng.', 'Thiếu kinh phí thay thế máy chủ hư hỏng.'),
  different('D05', 'other-object', 'Đề nghị tập huấn lập hồ sơ cấp độ an toàn thông tin.', 'Đề nghị tập huấn kỹ năng sản xuất video ngắn cho phóng viên.'),
  different('D06', 'other-object', 'Đề nghị hỗ trợ phụ cấp cho cán bộ truyền thanh cơ sở.', 'Đề nghị hỗ trợ phụ cấp cho thành viên tổ công nghệ số cộng đồng.'),
  different('D07', 'other-object', 'Đề nghị Sở hướng dẫn biểu mẫu báo cáo thống kê cho cấp xã.', 'Đề nghị Sở hướng dẫn quy trình xử lý tin giả cho cấp xã.'),
  different('D08', 'other-object', 'Đề nghị bố trí công chức chuyên trách CNTT cho xã.', 'Đề nghị bố trí kinh phí mua máy tính cho xã.'),
  different('D09', 'other-object', 'Thiếu nhân lực an toàn thông tin.', 'Thiếu nhân lực làm báo chí đa phương tiện.'),
  different('D10', 'other-object', 'Phần mềm một cửa điện tử hay bị lỗi.', 'Phần mềm kế toán của xã hay bị lỗi.'),
  different('D11', 'other-object', 'Đề nghị Sở hỗ trợ truyền thông về lộ trình dừng 2G.', 'Đề nghị Sở hỗ trợ truyền thông về cuộc bầu cử đại biểu Quốc hội.'),
  different('D12', 'other-object', 'Kinh phí in pa-nô tuyên truyền còn thiếu.', 'Kinh phí mua sách báo cho thư viện xã còn thiếu.'),
  different('D13', 'other-object', 'Đề nghị nâng cấp Trung tâm dữ liệu tỉnh.', 'Đề nghị nâng cấp đài truyền thanh xã lên truyền thanh thông minh.'),
  different('D14', 'other-object', 'Người dân chưa quen thanh toán không dùng tiền mặt.', 'Người dân chưa quen nộp hồ sơ trực tuyến.'),
  different('D15', 'other-object', 'Thiếu biên tập viên cho đài truyền thanh.', 'Thiếu thiết bị phòng thu cho đài truyền thanh.'),
  different('D16', 'other-object', 'Đề nghị kéo cáp quang đến các thôn còn lại.', 'Đề nghị phủ sóng 4G đến các thôn còn lại.'),
  different('D17', 'other-object', 'Hạ tầng viễn thông vùng cao chưa được đầu tư vì khó hoàn vốn.', 'Hạ tầng Trung tâm dữ liệu tỉnh chưa được đầu tư nâng cấp.'),
  different('D18', 'other-object', 'Cán bộ chưa nắm quy trình lập hồ sơ cấp độ an toàn thông tin.', 'Cán bộ chưa nắm quy trình tiếp nhận hồ sơ TTHC trên hệ thống mới.'),
  different('D19', 'other-object', 'Hộ kinh doanh chưa mặn mà với thanh toán không dùng tiền mặt.', 'Hộ kinh doanh chưa đăng ký bán hàng trên sàn thương mại điện tử.'),
  different('D20', 'other-object', 'Kinh phí duy trì cổng dịch vụ công còn thiếu.', 'Kinh phí sửa chữa cụm loa còn thiếu.'),
  different('D21', 'other-object', 'Đề nghị doanh nghiệp viễn thông ngầm hóa cáp trong đô thị.', 'Đề nghị doanh nghiệp viễn thông tặng điện thoại thông minh cho hộ nghèo.'),

  different('D22', 'other-matter', 'Cụm loa truyền thanh hư hỏng, cần thay thế.', 'Cụm loa không dây bị nhiễu sóng lạ, thu lẫn tín hiệu đài khác.'),
  different('D23', 'other-matter', 'Trạm BTS mất điện khi mưa lũ, gián đoạn liên lạc.', 'Thủ tục xin phép xây dựng trạm BTS kéo dài.'),
  different('D24', 'other-matter', 'Cáp quang bị đứt do thi công đường giao thông.', 'Còn nhiều thôn chưa có cáp quang.'),
  different('D25', 'other-matter', 'Cổng thông tin điện tử của xã chưa cập nhật tin bài thường xuyên.', 'Trang thông tin điện tử của xã bị tấn công, chèn nội dung cờ bạc.'),
  different('D26', 'other-matter', 'Đề nghị cấp chữ ký số cho công chức xã.', 'Tỷ lệ văn bản được ký số của xã còn thấp.'),
  different('D27', 'other-matter', 'Nguồn thu quảng cáo của báo giảm.', 'Doanh nghiệp viễn thông gửi tin nhắn quảng cáo trái phép.'),
  different('D28', 'other-matter', 'Máy tính ở bộ phận một cửa chưa cài phần mềm phòng chống mã độc.', 'Bộ phận một cửa thiếu máy tính phục vụ người dân tra cứu hồ sơ.'),
  different('D29', 'other-matter', 'Tổ công nghệ số cộng đồng hoạt động chưa đều.', 'Đề nghị tập huấn kỹ năng số cho tổ công nghệ số cộng đồng.'),
  different('D30', 'other-matter', 'ATTT: nhiều máy tính chưa cài phần mềm diệt virus.', 'ATTT: chưa có phương án ứng cứu sự cố, chưa tổ chức diễn tập.'),
  different('D31', 'other-matter', 'Đứt cáp quang do thi công giao thông.', 'Đứt cáp quang do cây đổ khi mưa bão.'),
  different('D32', 'other-matter', 'Người dân lo ngại sóng điện từ, phản đối xây trạm BTS.', 'Người dân phản ánh loa truyền thanh phát quá sớm, ảnh hưởng nghỉ ngơi.'),
  different('D33', 'other-matter', 'Tin sai sự thật lan truyền trên mạng xã hội.', 'Thiếu phóng viên sản xuất nội dung cho mạng xã hội.'),
  different('D34', 'other-matter', 'Đài truyền thanh xã hoạt động chưa hiệu quả vì cán bộ kiêm nhiệm.', 'Đài truyền thanh xã hoạt động chưa hiệu quả vì cụm loa hư hỏng nhiều.'),
  different('D35', 'other-matter', 'Phụ cấp cho cán bộ truyền thanh cơ sở còn thấp.', 'Nhuận bút cho cộng tác viên đài truyền thanh cơ sở còn thấp.'),
  different('D36', 'other-matter', 'Sóng di động yếu ở các thôn vùng cao.', 'Sóng FM của đài truyền thanh không phủ hết các thôn vùng cao.'),
  different('D37', 'other-matter', 'Trung tâm dữ liệu tỉnh sắp hết dung lượng lưu trữ.', 'Trung tâm dữ liệu tỉnh chưa được đánh giá, phê duyệt cấp độ an toàn thông tin.'),
  different('D38', 'other-matter', 'Tỷ lệ hồ sơ nộp trực tuyến còn thấp.', 'Tỷ lệ hồ sơ được số hóa kết quả giải quyết còn thấp.'),
  different('D39', 'other-matter', 'Máy quét ở bộ phận một cửa đã cũ.', 'Bộ phận một cửa chưa có ki-ốt để người dân tự tra cứu thủ tục.'),

  different('D40', 'unaccented-look-alike', 'Thiếu kinh phí mua sắm thiết bị sản xuất chương trình truyền thanh.', 'thieu kinh phi tra nhuan but cho tin bai phat tren dai truyen thanh'),
  different('D41', 'unaccented-look-alike', 'Cụm loa ở thôn hư hỏng nhiều.', 'cum loa o thon phat qua to, qua som gay on cho nguoi dan'),
  different('D42', 'unaccented-look-alike', 'Trạm BTS ở thôn không có máy phát điện dự phòng.', 'tram y te xa khong co may tinh ket noi mang'),
  different('D43', 'unaccented-look-alike', 'Thiếu cán bộ CNTT ở cấp xã.', 'thieu kinh phi mua may tinh cho cap xa'),
  different('D44', 'unaccented-look-alike', 'Đề nghị tập huấn nghiệp vụ thống kê cho cán bộ xã.', 'de nghi tap huan nghiep vu bien tap tin bai truyen thanh cho can bo xa'),
  different('D45', 'unaccented-look-alike', 'Dữ liệu của các xã cũ chưa được bàn giao cho xã mới.', 'tai khoan dich vu cong cua xa moi chua duoc cap, nguoi dan khong nop ho so duoc'),

  different('D46', 'reform-look-alike', 'Phòng VH&TT huyện đề nghị tập huấn nghiệp vụ thống kê ngành.', 'Xã đề nghị tập huấn nghiệp vụ biên tập, đọc bản tin truyền thanh.'),
  different('D47', 'reform-look-alike', 'Trung tâm VH-TT-TT huyện thiếu kinh phí tổ chức hội thi tuyên truyền lưu động.', 'Xã thiếu kinh phí sửa chữa cụm loa do huyện bàn giao.'),
  different('D48', 'reform-look-alike', 'Huyện chưa có quy chế quản lý, vận hành đài truyền thanh.', 'Xã chưa có quy chế quản lý, sử dụng chữ ký số.'),
  different('D49', 'reform-look-alike', 'Phòng VH&TT huyện đề nghị bố trí máy tính cho bộ phận một cửa.', 'Xã đề nghị bố trí người hướng dẫn tại bộ phận một cửa.'),
  different('D50', 'reform-look-alike', 'Đài truyền thanh huyện thiếu xe chuyên dụng đi tác nghiệp.', 'Xã thiếu người đọc bản tin truyền thanh.'),
];

/** The two halves: within each (label, kind) group, pairs alternate between tuning and held-out, in the order above. */
export function splitHalves(pairs: readonly LabelledPair[] = EVALUATION_PAIRS): { tuning: LabelledPair[]; heldOut: LabelledPair[] } {
  const seen = new Map<string, number>();
  const tuning: LabelledPair[] = [];
  const heldOut: LabelledPair[] = [];
  for (const p of pairs) {
    const group = `${p.same}:${p.kind}`;
    const n = seen.get(group) ?? 0;
    seen.set(group, n + 1);
    (n % 2 === 0 ? tuning : heldOut).push(p);
  }
  return { tuning, heldOut };
}
