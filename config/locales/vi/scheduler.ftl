# Nhắc việc và tổng hợp tự động (bộ lập lịch).

remind-good-deed = 📝 <b>{ $team }</b> chưa có việc tốt nào trong tháng { $month }. Kế hoạch yêu cầu mỗi tổ ít nhất 1 việc tốt mỗi tháng; còn { $days } ngày.
remind-good-deed-button = 📝 Báo cáo việc tốt

digest-blocked-title = ⚠️ Tổng hợp { $period }: { $count } thành viên đã chặn bot nên không nhận được nhắc việc; đề nghị đồng chí liên hệ trực tiếp:
digest-blocked-line = • { $name } ({ $team }), từ { $since }

deadline-reminder = ⏰ Báo cáo năm { $year } của <b>{ $ward }</b> phải gửi trước ngày { $deadline } (còn { $days } ngày). Bản dự thảo đính kèm: đồng chí bổ sung phần đánh giá và phương hướng rồi gửi. Khi đã gửi, bấm nút dưới đây để dừng nhắc.
deadline-submitted-button = ✅ Đã gửi báo cáo năm

yearly-report-marked = ✅ Đã ghi nhận: báo cáo năm { $year } của { $ward } đã gửi. Bot sẽ không nhắc nữa.
yearly-report-already-marked = Báo cáo năm { $year } đã được đánh dấu là đã gửi.
yearly-report-officers-only = Chỉ cán bộ Công an phường đánh dấu được báo cáo năm của phường mình.

group-lost = ⚠️ Bot không còn gửi được tin vào nhóm của <b>{ $team }</b> (bot đã bị xoá khỏi nhóm, hoặc nhóm đã giải tán). Từ nay nhắc việc gửi riêng cho từng thành viên của tổ. Muốn nhận lại trong nhóm: thêm bot vào nhóm rồi gửi /lienket trong nhóm.
