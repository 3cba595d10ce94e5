# Lời Zalo thêm vào tin nhắn, vì Zalo không có nút bấm, nút chia sẻ số điện thoại hay gửi tệp.
zalo-type-phone = 📱 Đồng chí gõ số điện thoại của mình (ví dụ 0912345678) rồi gửi.
zalo-file-link = 📎 { $name }: { $link }
zalo-file-link-expiry = (Đường dẫn tải về dùng được trong 24 giờ.)
zalo-file-unavailable = 📎 { $name }: Zalo không gửi được tệp; đồng chí xem tệp này trên Telegram hoặc hỏi công an phường.
