# Danh mục lời thoại tiếng Việt (ngôn ngữ chính). Định dạng Fluent; văn bản là HTML của Telegram.
# Giá trị do người dùng nhập được thoát HTML trước khi chèn vào.

## Lệnh của bot (hiện trong menu lệnh của Telegram)
command-start = Bắt đầu, tham gia tổ
command-cancel = Huỷ việc đang làm dở
command-my-reports = Xem các báo cáo của tôi
command-menu = Mở danh sách việc cần báo cáo
command-help = Hướng dẫn sử dụng

## Menu chính
menu-prompt = Chọn việc cần báo cáo:
menu-good-deed = 📝 Việc tốt
menu-my-reports = 📋 Báo cáo của tôi
help =
    Trợ lý báo cáo của Tổ bảo vệ ANTT ở cơ sở.
    • Bấm <b>📝 Việc tốt</b> để báo cáo một việc tốt (vài bước, có thể kèm ảnh).
    • /baocaocuatoi — xem các báo cáo gần đây của đồng chí.
    • /huy — huỷ việc đang làm dở bất cứ lúc nào.

## Nút dùng chung
button-cancel = Huỷ
button-back = ◀ Quay lại
button-skip = Bỏ qua
button-today = Hôm nay
button-yesterday = Hôm qua
button-other-day = Ngày khác
button-done = Xong
button-send = ✅ Gửi báo cáo
button-edit = ✏️ Sửa

## Tham gia tổ bằng đường link mời
need-invite =
    Để dùng trợ lý báo cáo, đồng chí cần đường link mời của tổ mình.
    Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi link, rồi mở link đó trong Telegram.
join-greeting =
    Chào đồng chí! Đây là trợ lý báo cáo của <b>{ $team }</b>, { $parent }.
    Để tham gia, xin chia sẻ số điện thoại của đồng chí.
join-greeting-root =
    Chào đồng chí! Đây là trợ lý báo cáo của <b>{ $team }</b>.
    Để tham gia, xin chia sẻ số điện thoại của đồng chí.
join-share-phone = 📱 Chia sẻ số điện thoại
join-need-own-contact = Xin bấm nút «📱 Chia sẻ số điện thoại» ở dưới để gửi số của chính đồng chí.
join-phone-received = Đã nhận số điện thoại { $phone }.
join-consent =
    Số điện thoại và các báo cáo của đồng chí được lưu để phục vụ công tác của tổ và Công an phường, không dùng cho việc khác. Đồng chí đồng ý chứ?
button-consent-yes = Đồng ý
button-consent-no = Không đồng ý
join-done = Đồng chí đã là thành viên <b>{ $team }</b>. { menu-prompt }
join-declined =
    Đồng chí chưa tham gia; số điện thoại vừa gửi không được lưu.
    Khi nào đổi ý, xin mở lại đường link mời.
already-member = Đồng chí đã là thành viên <b>{ $team }</b> rồi. { menu-prompt }
welcome-back = Chào đồng chí { $name }. { menu-prompt }
invite-unknown =
    Đường link mời này không đúng. Xin kiểm tra lại link, hoặc nhờ tổ trưởng hay cán bộ Công an phường gửi link mới.
invite-revoked =
    Đường link mời này đã bị thu hồi. Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi link mới.
invite-expired =
    Đường link mời này đã hết hạn từ ngày { $day }. Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi link mới.
invite-used-up =
    Đường link mời này đã dùng hết số lượt. Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi link mới.

## Mẫu báo cáo
step-header = Bước { $number }/{ $total } ·
ask-day-typed = Gõ ngày theo dạng ngày/tháng, ví dụ { $example }.
photos-so-far = Đã nhận { $count } ảnh. Gửi thêm ảnh, hoặc bấm «Xong».
review-title = Kiểm tra lại:
review-photos =
    { $count ->
        [0] không có ảnh
       *[other] { $count } ảnh
    }
review-empty = (bỏ trống)
pick-field = Đồng chí muốn sửa mục nào?
chosen = → { $choice }
resume-draft = Đồng chí đang làm dở một báo cáo. Xin tiếp tục ở bước dưới đây, hoặc gõ /huy để huỷ.
cancelled = Đã huỷ, không có gì được lưu. { menu-prompt }
nothing-to-cancel = Không có việc gì đang làm dở. { menu-prompt }
stale-button = Nút này đã cũ. Xin trả lời câu hỏi mới nhất ở cuối cuộc trò chuyện.
forged-button = Nút này không hợp lệ.
unsupported = Bot chưa hiểu loại tin nhắn này. Xin gõ chữ hoặc bấm nút.
error-internal =
    Xin lỗi, bot gặp sự cố khi xử lý tin nhắn vừa rồi. Những gì đồng chí đã nhập trước đó vẫn được giữ; xin thử lại sau ít phút.

## Lỗi khi trả lời
problem-text-empty = Câu trả lời đang trống. Xin gõ vài dòng.
problem-text-too-short = Câu trả lời hơi ngắn. Xin gõ ít nhất { $min } ký tự.
problem-text-too-long = Câu trả lời dài { $got } ký tự, quá mức { $max }. Xin rút gọn lại.
problem-day-format = Chưa hiểu ngày «{ $typed }». Xin gõ theo dạng ngày/tháng, ví dụ 21/11, hoặc chọn nút.
problem-day-invalid = Không có ngày «{ $typed }» trên lịch. Xin gõ lại theo dạng ngày/tháng, ví dụ 21/11.
problem-day-future = Ngày { $day } chưa đến. Xin chọn hôm nay hoặc một ngày đã qua.
problem-day-too-old = Chỉ ghi được việc trong { $days } ngày gần đây. Xin chọn ngày gần hơn.
problem-need-text = Bước này cần gõ chữ. Xin gõ vài dòng (ảnh gửi ở bước sau).
problem-need-date = Bước này cần chọn ngày: bấm một nút, hoặc gõ ngày/tháng.
problem-need-photo = Bước này cần một ảnh. Nếu không có ảnh, xin bấm «Bỏ qua».
problem-button-not-here = Nút đó không dùng ở bước này.
problem-review-use-buttons = Xin bấm «✅ Gửi báo cáo» để gửi, «✏️ Sửa» để sửa một mục, hoặc «Huỷ».

## Việc tốt
good-deed-title = Việc tốt
good-deed-ask-what = Đồng chí đã làm việc tốt gì? (gõ vài dòng)
good-deed-ask-day = Việc này diễn ra khi nào?
good-deed-ask-photo = Gửi ảnh minh hoạ (nếu có).
good-deed-label-what = Việc tốt
field-label-day = Ngày
field-label-photos = Ảnh
good-deed-confirmed =
    Đã ghi nhận việc tốt <b>#{ $number }</b> của { $team }. Tháng này tổ đã có { $count } việc tốt. Cảm ơn đồng chí!

## Báo cáo của tôi
my-reports-title = Báo cáo gần đây của đồng chí:
my-reports-line = <b>#{ $number }</b> · { $day } · { $kind }: { $summary }{ $photos }
my-reports-photos = { " " }· { $count } ảnh
my-reports-empty = Đồng chí chưa có báo cáo nào. { menu-prompt }
