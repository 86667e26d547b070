pub const NOTICE_A: &str = "HUYỆN ỦY HÒA BÌNH XANH
*
Số 12-KL/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa Bình Xanh, ngày 30 tháng 01 năm 2018
KẾT LUẬN
của Thường trực Huyện ủy tại buổi họp giao ban MTTQ, các đoàn thể chính trị - xã hội huyện ngày 25/01/2018
Ngày 25/01/2018, Thường trực Huyện ủy chủ trì họp giao ban với MTTQ và các đoàn thể chính trị - xã hội huyện. Sau khi nghe các đơn vị báo cáo, Thường trực Huyện ủy kết luận như sau:
I. Nhiệm vụ thời gian tới
1. Giao Hội Nông dân huyện chủ trì, phối hợp với Phòng Nông nghiệp và PTNT huyện xây dựng kế hoạch hỗ trợ nông dân chuyển đổi cây trồng, hoàn thành trước ngày 28/02/2018.
2. Giao Huyện đoàn tổ chức giao ban trực tuyến với các cơ sở đoàn mỗi quý một lần.
3. Giao Ban Tuyên giáo Huyện ủy phối hợp với Hội LHPN huyện đăng ít nhất 02 - 04 tin, bài/tháng về gương người tốt việc tốt.
4. Giao Phòng Tư pháp huyện chủ trì tổ chức hội thi tìm hiểu pháp luật, hoàn thành trong quý II/2018.
II. Về các kiến nghị, đề xuất
1. Về kiến nghị của Hội Cựu chiến binh huyện về việc hỗ trợ kinh phí sửa chữa nhà văn hóa cho hội viên khó khăn: đồng ý, giao UBND huyện xem xét, giải quyết.
III. Tổ chức thực hiện
Giao Ban Dân vận Huyện ủy theo dõi, đôn đốc việc thực hiện, định kỳ báo cáo Thường trực Huyện ủy.
Nơi nhận:
- Thường trực Huyện ủy,
- Lưu VPHU.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
Trần Văn Mây
";

pub const NOTICE_B: &str = "HUYỆN ỦY HÒA BÌNH XANH
*
Số 20-KL/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa Bình Xanh, ngày 05 tháng 5 năm 2018
KẾT LUẬN
của Thường trực Huyện ủy tại buổi họp giao ban MTTQ, các đoàn thể chính trị - xã hội huyện ngày 02/5/2018
Ngày 02/5/2018, Thường trực Huyện ủy chủ trì họp giao ban với MTTQ và các đoàn thể chính trị - xã hội huyện. Sau khi nghe các đơn vị báo cáo, Thường trực Huyện ủy kết luận như sau:
I. Nhiệm vụ thời gian tới
1. Giao Hội Cựu chiến binh huyện tổng kết phong trào thi đua, hoàn thành trước ngày 30/6/2018.
II. Về các kiến nghị, đề xuất
1. Về kiến nghị của Hội Cựu chiến binh huyện về việc hỗ trợ kinh phí sửa chữa nhà văn hóa cho hội viên có hoàn cảnh khó khăn: giao UBND huyện báo cáo kết quả.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
Trần Văn Mây
";
