/**
 * The words the follow-up benchmarks make a register from, in the voice of the units' reports: what (subjects), what is
 * wrong (problems), what is asked (requests), and where (places of the fictional province). Shared by
 * bench/matching.ts and bench/follow-up.ts.
 */
export const SUBJECTS = [
  'cụm loa truyền thanh ở thôn', 'hệ thống loa không dây', 'đài truyền thanh cơ sở', 'thiết bị sản xuất chương trình truyền thanh',
  'máy tính ở bộ phận một cửa', 'máy quét hồ sơ', 'phần mềm một cửa điện tử', 'hệ thống quản lý văn bản', 'chữ ký số của công chức',
  'hồ sơ cấp độ an toàn thông tin', 'phần mềm phòng chống mã độc', 'trung tâm dữ liệu của tỉnh', 'cổng dịch vụ công trực tuyến',
  'hồ sơ thủ tục hành chính trực tuyến', 'số hóa kết quả giải quyết thủ tục hành chính', 'cáp quang đến thôn', 'sóng di động ở thôn vùng cao',
  'trạm BTS tại khu dân cư', 'tuyến cáp viễn thông treo trên cột điện', 'thuê bao 2G', 'tổ công nghệ số cộng đồng', 'tài khoản định danh điện tử',
  'thanh toán không dùng tiền mặt ở chợ', 'sàn thương mại điện tử cho hợp tác xã', 'trang thông tin điện tử của xã', 'tin giả trên mạng xã hội',
  'nhuận bút tin bài truyền thanh', 'phụ cấp cán bộ truyền thanh cơ sở', 'cán bộ phụ trách công nghệ thông tin', 'pa-nô tuyên truyền trực quan',
  'camera giám sát an ninh', 'đường truyền Internet ở nhà văn hóa thôn', 'dữ liệu bàn giao sau sắp xếp', 'biểu mẫu báo cáo thống kê ngành',
  'điểm bưu chính văn hóa xã', 'dịch vụ bưu chính công ích', 'phóng viên báo chí đa phương tiện', 'thư viện và tủ sách cơ sở',
];
export const PROBLEMS = [
  'đã xuống cấp, hay hỏng', 'chưa được đầu tư', 'hoạt động chưa hiệu quả', 'thường xuyên gặp sự cố', 'chưa đáp ứng yêu cầu',
  'còn thấp so với chỉ tiêu', 'bị nhiễu, thu lẫn tín hiệu', 'thiếu kinh phí duy trì', 'chưa có hướng dẫn thống nhất', 'triển khai còn chậm',
  'chưa được cập nhật thường xuyên', 'không ổn định vào mùa mưa', 'người dân chưa quen sử dụng', 'thiếu người vận hành',
];
export const REQUESTS = [
  'đề nghị Sở hỗ trợ kinh phí sửa chữa', 'đề nghị bố trí kinh phí thay thế', 'đề nghị tổ chức tập huấn cho cán bộ cơ sở',
  'kiến nghị UBND tỉnh ban hành cơ chế hỗ trợ', 'đề nghị các doanh nghiệp viễn thông phối hợp khắc phục', 'đề nghị hướng dẫn quy trình thực hiện',
  'đề nghị tăng cường kiểm tra, đôn đốc', 'đề nghị bổ sung biên chế chuyên trách',
];
export const PLACES = ['Khê Thượng', 'Nà Lũng', 'Phong Nậm', 'Hạ Sơn', 'Bạch Lâm', 'Thủy Vân', 'Pác Lùng', 'Đồng Lạc', 'Tân Giang', 'Lũng Cao', 'Nậm Tộc', 'Sơn Thành'];
