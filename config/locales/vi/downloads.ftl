# Tải tệp qua liên kết (Zalo không gửi được tệp): trang hiện khi liên kết không mở được.
download-expired-title = Liên kết đã hết hạn
download-expired = Liên kết tải tệp này chỉ dùng được trong 24 giờ và đã hết hạn. Đồng chí vui lòng yêu cầu lại báo cáo trong bot (gửi /baocao) để nhận liên kết mới.
download-missing-title = Không tìm thấy tệp
download-missing = Liên kết này không đúng hoặc tệp không còn. Đồng chí vui lòng mở lại liên kết bot đã gửi, hoặc yêu cầu lại báo cáo (gửi /baocao).
