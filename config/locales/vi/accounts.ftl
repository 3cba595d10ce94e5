# Một người, hai ứng dụng: tài khoản Telegram và Zalo của một thành viên, mã liên kết, nơi
# nhận thông báo, và mã xác nhận một lần khi vào tổ bằng số điện thoại gõ tay.

## Tên ứng dụng (theo kênh của tin nhắn)
channel-telegram = Telegram
channel-zalo = Zalo

## Lệnh và menu
command-accounts = Tài khoản Zalo/Telegram, nơi nhận thông báo
menu-accounts = 🔗 Liên kết Zalo/Telegram
button-link-account = 🔗 Lấy mã liên kết
button-notify-here = 📨 Nhận thông báo ở ứng dụng này

## Màn hình tài khoản
accounts-screen =
    Đồng chí đang dùng bot qua: <b>{ $accounts }</b>.
    Thông báo (nhắc việc, huy động, kết quả duyệt) gửi qua: <b>{ $notices }</b>.
    Muốn dùng thêm ứng dụng kia (Zalo hoặc Telegram), bấm «🔗 Lấy mã liên kết» rồi gửi mã đó cho bot trên ứng dụng kia.
account-link-code =
    Mã liên kết của đồng chí: <b>{ $code }</b>
    Trong { $minutes } phút, mở bot trên ứng dụng kia (Zalo hoặc Telegram) và gửi đúng mã này. Không đưa mã cho người khác: ai có mã sẽ dùng được tài khoản của đồng chí.
account-link-code-unknown = Mã này không đúng hoặc đã hết hạn. Xin lấy mã mới trong mục «🔗 Liên kết Zalo/Telegram» ở ứng dụng đồng chí đang dùng.
account-linked =
    ✅ Đã liên kết. Đây là tài khoản của đồng chí <b>{ $name }</b>, thành viên <b>{ $team }</b>; báo cáo gửi ở đâu cũng là của đồng chí. Thông báo gửi qua: <b>{ $notices }</b>. { menu-prompt }
account-linked-elsewhere = 🔗 Tài khoản { $channel } vừa được liên kết với đồng chí. Nếu không phải đồng chí làm, xin báo ngay cho tổ trưởng hoặc công an phường.
account-notify-offer = Muốn nhận thông báo ở ứng dụng này thay vì ứng dụng kia?
account-notify-here = ✅ Từ nay thông báo gửi qua <b>{ $channel }</b>. { menu-prompt }

## Vào tổ bằng số điện thoại gõ tay đã có trong danh sách của phường
join-code-sent-own =
    Số này có trong danh sách của phường (<b>{ $name }</b>). Bot vừa gửi mã xác nhận 6 số tới tài khoản kia của đồng chí (Zalo hoặc Telegram). Xin gõ mã đó vào đây trong { $minutes } phút.
join-code-sent-leaders =
    Số này có trong danh sách của phường (<b>{ $name }</b>). Để chắc chắn đúng là đồng chí, bot vừa gửi mã xác nhận 6 số cho tổ trưởng và công an phường. Xin hỏi họ mã rồi gõ vào đây trong { $minutes } phút.
join-code-nobody = Số này có trong danh sách của phường, nhưng chưa có ai trong tổ hay công an phường dùng bot để gửi mã xác nhận. Xin liên hệ công an phường để được hướng dẫn.
join-code-wrong = Mã chưa đúng. Xin gõ lại mã { $digits } số.
join-code-locked = Đã nhập sai mã quá 5 lần, mã đã bị khoá. Xin liên hệ tổ trưởng hoặc công an phường, rồi gõ /start để làm lại.
join-code-expired = Mã đã hết hạn. Xin gõ /start để làm lại.
roster-code-own = 🔐 Mã xác nhận để dùng bot trên ứng dụng kia: <b>{ $code }</b> (hiệu lực 10 phút). Nếu không phải đồng chí yêu cầu, đừng đưa mã cho ai và báo công an phường.
roster-code-leaders =
    🔐 Có người gõ số { $phone } để vào bot với tên <b>{ $name }</b> ({ $team }). Nếu đúng là đồng chí ấy, xin đọc mã này cho chính họ: <b>{ $code }</b> (hiệu lực 10 phút). Nếu không phải, đừng đưa mã cho ai.
