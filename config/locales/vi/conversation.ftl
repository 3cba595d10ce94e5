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
    Để dùng trợ lý báo cáo, đồng chí cần mã mời (hoặc đường link mời) của tổ mình.
    Xin nhờ tổ trưởng hoặc cán bộ Công an phường đọc hoặc gửi mã mời, rồi gửi mã đó cho bot thành một tin nhắn (hoặc mở đường link mời nếu có).
join-greeting =
    Chào đồng chí! Đây là trợ lý báo cáo của <b>{ $team }</b>, { $parent }.
    Để tham gia, xin gửi số điện thoại của đồng chí.
join-greeting-root =
    Chào đồng chí! Đây là trợ lý báo cáo của <b>{ $team }</b>.
    Để tham gia, xin gửi số điện thoại của đồng chí.
join-share-phone = 📱 Chia sẻ số điện thoại
join-need-own-contact = Xin gửi số điện thoại của chính đồng chí.
join-phone-received = Đã nhận số điện thoại { $phone }.
join-ask-name =
    Họ và tên của đồng chí sẽ ghi thế nào trong báo cáo và danh sách gửi Công an phường?
    Bấm tên đúng ở dưới, hoặc gõ đầy đủ họ và tên có dấu, họ trước tên sau. Ví dụ: Nguyễn Thị Lan.
join-type-name =
    Xin gõ đầy đủ họ và tên của đồng chí, có dấu, họ trước tên sau, như sẽ ghi trong báo cáo và danh sách gửi Công an phường. Ví dụ: Nguyễn Thị Lan.
join-consent-named =
    Họ và tên ghi trong báo cáo: <b>{ $name }</b>.
    { join-consent }
full-name-length = Họ và tên cần từ { $min } đến { $max } ký tự.
full-name-letters = Họ và tên chỉ gồm chữ cái và dấu cách, không có chữ số hay ký hiệu.
full-name-two-words = Xin ghi cả họ và tên (ít nhất hai chữ), không chỉ tên gọi.
join-consent =
    Số điện thoại và các báo cáo của đồng chí được lưu để phục vụ công tác của tổ và Công an phường, không dùng cho việc khác. Đồng chí đồng ý chứ?
button-consent-yes = Đồng ý
button-consent-no = Không đồng ý
join-done = Đồng chí đã là thành viên <b>{ $team }</b>. { menu-prompt }
join-declined =
    Đồng chí chưa tham gia; số điện thoại vừa gửi không được lưu.
    Khi nào đổi ý, xin gửi lại mã mời (hoặc mở lại đường link mời).
already-member = Đồng chí đã là thành viên <b>{ $team }</b> rồi. { menu-prompt }
welcome-back = Chào đồng chí { $name }. { menu-prompt }
invite-unknown =
    Mã mời (đường link mời) này không đúng. Xin kiểm tra lại từng chữ của mã, hoặc nhờ tổ trưởng hay cán bộ Công an phường gửi mã mời mới.
invite-revoked =
    Mã mời (đường link mời) này đã bị thu hồi. Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi mã mời mới.
invite-expired =
    Mã mời (đường link mời) này đã hết hạn từ ngày { $day }. Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi mã mời mới.
invite-used-up =
    Mã mời (đường link mời) này đã dùng hết số lượt. Xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi mã mời mới.

## Mẫu báo cáo
step-header = Bước { $number }/{ $total } ·
ask-day-typed = Gõ ngày theo dạng ngày/tháng, ví dụ { $example }.
photos-so-far = Đã nhận { $count }/{ $max } ảnh. Gửi thêm ảnh, hoặc bấm «Xong».
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
reply-saved-at = <i>(Báo cáo đã được lưu lúc { $time }; tin nhắn này đến chậm vì Telegram chưa nhận.)</i>
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

## Các loại câu hỏi
menu-more = ☰ Khác
more-prompt = Chọn loại báo cáo khác:
button-other-time = Giờ khác
button-now = Bây giờ
button-minutes-ago = { $minutes } phút trước
button-hours-ago = { $hours } giờ trước
button-same-time = Cùng lúc
button-minutes-after = Sau { $minutes } phút
button-last-hours = { $hours } giờ vừa qua
button-last-minutes = { $minutes } phút vừa qua
button-yes = Có
button-no = Không
button-add = ➕ { $item }
ask-time-typed = Gõ giờ theo dạng giờ:phút, ví dụ 19:30 (nếu không phải hôm nay, thêm ngày: 19:30 21/11).
ask-span-typed = Gõ giờ bắt đầu và giờ kết thúc, ví dụ 19:00-21:30.
ask-participants = Những ai cùng tham gia? Bấm tên để chọn hoặc bỏ chọn, rồi bấm «Xong».
ask-photos = Gửi ảnh (có thể gửi nhiều ảnh).
ask-where = Ở đâu? (gõ địa điểm)
ask-day = Việc này diễn ra ngày nào?
ask-note = Ghi chú thêm (gõ vài dòng).
review-location = 📍 vị trí đã gửi
field-label-participants = Người tham gia
field-label-where = Địa điểm
field-label-span = Thời gian
field-label-note = Ghi chú
report-confirmed =
    Đã ghi nhận báo cáo <b>#{ $number }</b> của { $team }. Cảm ơn đồng chí!
problem-number-format = Chưa hiểu «{ $typed }». Xin gõ một con số, ví dụ 3.
problem-number-range = Xin gõ một số từ { $min } đến { $max }.
problem-yes-no = Xin bấm «Có» hoặc «Không».
problem-time-format = Chưa hiểu giờ «{ $typed }». Xin gõ theo dạng giờ:phút, ví dụ 19:30, hoặc chọn nút.
problem-time-future = { $time } chưa đến. Xin chọn một thời điểm đã qua.
problem-time-before = Giờ này sớm hơn lúc được huy động ({ $time }). Xin chọn lại.
problem-span-format = Chưa hiểu «{ $typed }». Xin gõ giờ bắt đầu và kết thúc, ví dụ 19:00-21:30.
problem-choose-a-button = Xin chọn bằng các nút bên dưới.
problem-tick-at-least = Xin chọn ít nhất { $min } mục, rồi bấm «Xong».
problem-need-number = Bước này cần một con số. Xin gõ số hoặc bấm nút.
problem-need-choice = Bước này cần chọn bằng nút bên dưới.
problem-need-choices = Bước này cần chọn bằng nút bên dưới, rồi bấm «Xong».
problem-need-yesno = Xin bấm «Có» hoặc «Không».
problem-need-moment = Bước này cần chọn giờ: bấm một nút, hoặc gõ giờ:phút.
problem-need-span = Bước này cần thời gian: bấm một nút, hoặc gõ 19:00-21:30.
problem-need-location = Xin gửi vị trí (📎 → Vị trí) hoặc gõ địa chỉ.
problem-need-participants = Xin bấm tên người tham gia, rồi bấm «Xong».

## Tuần tra
patrol-title = Tuần tra
menu-patrol = 🚶 Tuần tra
patrol-ask-kind = Đồng chí đã tuần tra gì?
patrol-label-kind = Loại tuần tra
patrol-kind-antt = An ninh trật tự
patrol-kind-atgt = An toàn giao thông
patrol-kind-night = Ban đêm
patrol-ask-span = Tuần tra lúc nào?
patrol-ask-area = Tuần tra ở khu vực, tuyến đường nào?
patrol-label-area = Khu vực
patrol-ask-violations = Phát hiện bao nhiêu vụ vi phạm?
patrol-label-violations = Vi phạm phát hiện
patrol-ask-violation-note = Vi phạm gì? (gõ vài dòng)
patrol-label-violation-note = Nội dung vi phạm
patrol-confirmed =
    Đã ghi nhận lượt tuần tra <b>#{ $number }</b> của { $team }. Tháng này tổ đã có { $count } lượt tuần tra. Cảm ơn đồng chí!

## Huy động
call-out-title = Huy động
menu-call-out = 🚨 Huy động
call-out-ask-kind = Đồng chí được huy động vì việc gì?
call-out-label-kind = Loại vụ việc
incident-antt = An ninh trật tự
incident-pccc = Cháy (PCCC)
incident-cnch = Cứu nạn (CNCH)
incident-traffic = Giao thông
incident-propaganda = Tuyên truyền
call-out-ask-mobilised = Đồng chí được huy động lúc nào?
call-out-label-mobilised = Được huy động lúc
call-out-ask-arrived = Đồng chí có mặt tại nơi xảy ra vụ việc lúc nào?
call-out-label-arrived = Có mặt lúc
call-out-ask-outcome = Kết quả xử lý thế nào? (gõ vài dòng)
call-out-label-outcome = Kết quả
call-out-confirmed =
    Đã ghi nhận lần huy động <b>#{ $number }</b> của { $team }. Cảm ơn đồng chí!

## Tuyên truyền
propaganda-title = Tuyên truyền
menu-propaganda = 📣 Tuyên truyền
propaganda-ask-topic = Tuyên truyền, vận động về nội dung gì?
propaganda-label-topic = Nội dung
propaganda-ask-audience = Khoảng bao nhiêu người nghe? (gõ số hoặc chọn)
propaganda-label-audience = Số người nghe
propaganda-confirmed =
    Đã ghi nhận buổi tuyên truyền <b>#{ $number }</b> của { $team }. Cảm ơn đồng chí!

## Nguồn tin
tip-title = Nguồn tin
menu-tip = ℹ️ Nguồn tin
tip-ask-content = Nguồn tin là gì? Nội dung chỉ Công an phường và đồng chí xem được; không ghi tên người cung cấp.
tip-label-content = Nội dung
tip-ask-place = Ở đâu? Gửi vị trí (📎 → Vị trí) hoặc gõ địa chỉ.
tip-ask-day = Đồng chí nhận được tin ngày nào?
tip-confirmed =
    Đã chuyển nguồn tin <b>#{ $number }</b> tới Công an phường. Chỉ Công an phường và đồng chí xem được. Cảm ơn đồng chí!

## PCCC, CNCH
fire-rescue-title = PCCC, CNCH
menu-fire-rescue = 🔥 PCCC, CNCH
fire-rescue-ask-kind = Vụ việc nào?
fire-rescue-label-kind = Loại vụ việc
fire-rescue-ask-incident = Chuyện gì đã xảy ra? (gõ vài dòng)
fire-rescue-label-incident = Vụ việc
fire-rescue-ask-role = Tổ đã làm gì?
fire-rescue-label-role = Việc đã làm
role-extinguish = Dập lửa
role-evacuate = Sơ tán người, tài sản
role-rescue = Cứu người bị nạn
role-guard = Bảo vệ hiện trường
role-other = Việc khác
fire-rescue-ask-saved = Cứu được bao nhiêu người?
fire-rescue-label-saved = Số người được cứu
fire-rescue-ask-property = Tài sản được bảo vệ (gõ vài dòng).
fire-rescue-label-property = Tài sản

## Phân luồng giao thông
traffic-title = Phân luồng giao thông
menu-traffic = 🚦 Phân luồng giao thông
traffic-ask-place = Phân luồng giao thông ở đâu?
traffic-ask-span = Vào lúc nào?

## Cư trú
residence-title = Hỗ trợ quản lý cư trú
menu-residence = 🏠 Cư trú, dữ liệu dân cư
residence-ask-households = Đã đến bao nhiêu hộ?
residence-label-households = Số hộ đã đến
residence-ask-records = Đã cập nhật, làm sạch bao nhiêu thông tin?
residence-label-records = Thông tin đã cập nhật

## Vũ khí
weapons-title = Vận động giao nộp vũ khí
menu-weapons = 🧨 Giao nộp vũ khí, pháo
weapons-ask-households = Đã vận động bao nhiêu hộ?
weapons-label-households = Số hộ được vận động
weapons-ask-items = Thu được bao nhiêu vũ khí, vật liệu nổ, pháo?
weapons-label-items = Số vật phẩm giao nộp

## Cảm hóa
reintegration-title = Giáo dục, cảm hóa
menu-reintegration = 🤝 Giáo dục, cảm hóa
reintegration-ask-alias = Gọi người được giúp đỡ bằng tên viết tắt hoặc bí danh (không ghi họ tên đầy đủ).
reintegration-label-alias = Người được giúp đỡ
reintegration-ask-visits = Đã gặp, thăm hỏi mấy lần?
reintegration-label-visits = Số lần gặp
reintegration-ask-outcome = Kết quả, chuyển biến thế nào?
reintegration-label-outcome = Kết quả

## Mô hình
model-title = Mô hình, câu lạc bộ
menu-model = 🏅 Mô hình, câu lạc bộ
model-ask-name = Tên mô hình, câu lạc bộ là gì?
model-label-name = Tên mô hình
model-ask-started = Mô hình bắt đầu từ ngày nào?
model-label-started = Bắt đầu từ
model-ask-recognised = Được cấp nào công nhận? (bỏ qua nếu chưa)
model-label-recognised = Công nhận bởi

## Việc tốt: thêm
good-deed-ask-beneficiary = Ai được giúp? (không bắt buộc)
good-deed-label-beneficiary = Người được giúp

## Báo cáo của tôi
menu-home = ☰ Menu
my-reports-month = Báo cáo tháng { $month } của đồng chí: { $count }. Bấm một báo cáo để xem.
my-reports-month-empty = Tháng { $month } đồng chí chưa có báo cáo nào.
my-reports-all-kinds = Tất cả
my-reports-previous = ◀ { $month }
my-reports-next = { $month } ▶
report-line = #{ $number } · { $day } · { $kind }: { $summary }
report-heading = <b>#{ $number } · { $kind }</b>
report-sent-at = Gửi lúc { $time }.
report-edited-at = Đã sửa lúc { $time }.
report-editable-until = Đồng chí có thể sửa hoặc xoá đến { $time }.
report-read-only = Đã quá { $hours } giờ kể từ khi gửi: báo cáo chỉ còn để xem.
photo-caption = #{ $number } · ảnh { $index }/{ $count }
button-delete = 🗑 Xoá
button-back-to-list = ◀ Danh sách
delete-confirm = Xoá báo cáo #{ $number }? Báo cáo sẽ không còn được tính; Công an phường vẫn lưu vết việc xoá.
button-delete-yes = 🗑 Xoá báo cáo
button-delete-no = Không xoá
report-deleted = Đã xoá báo cáo #{ $number }. { menu-prompt }
report-changed = Đã sửa báo cáo #{ $number }. Cảm ơn đồng chí!
report-not-found = Không tìm thấy báo cáo này, hoặc đồng chí không có quyền xem.
report-too-late =
    Đã quá { $hours } giờ kể từ khi gửi nên không sửa, xoá được nữa. Nếu cần, xin báo tổ trưởng hoặc Công an phường.
editing-report = Đang sửa báo cáo #{ $number }: bấm «✏️ Sửa» để chọn mục cần sửa, rồi «✅ Gửi báo cáo».

## Gửi nhanh
capture-text = Đồng chí muốn báo cáo việc gì? Nội dung vừa gõ sẽ được điền sẵn.
capture-photo = Ảnh này thuộc báo cáo nào? Ảnh (và lời chú thích, nếu có) sẽ được điền sẵn.

## Tổng hợp cho Công an phường
command-summary = Tổng hợp báo cáo (cán bộ Công an phường)
summary-officers-only = Chức năng tổng hợp dành cho cán bộ Công an phường.
summary-choose = Tổng hợp của <b>{ $ward }</b> theo { $plan }. Chọn kỳ:
summary-this-month = Tháng này
summary-last-month = Tháng trước
summary-rating-year = Năm xếp loại { $year }
summary-making = Đang tổng hợp; tệp Excel, Word và biểu đồ sẽ đến trong giây lát…
summary-unavailable = Chưa tổng hợp được kỳ này. Xin chọn lại bằng /baocao.
command-figures = Nhập số liệu của Công an phường
figures-menu = Số liệu Công an phường nhập — tháng { $month } · <b>{ $ward }</b> · { $plan }. Bấm một mục để nhập hoặc sửa.
figures-none = Kế hoạch { $plan } không có số liệu nào do Công an phường nhập.
figures-ask = { $label } — tháng { $month }?
figures-type-number = Xin gõ một con số.
targets-button = 🎯 Chỉ tiêu phường đặt
targets-menu = Chỉ tiêu <b>{ $ward }</b> tự đặt theo { $plan }: kế hoạch không đặt các chỉ tiêu này (hoặc để phường đặt). Báo cáo ghi rõ "phường đặt"; chỉ tiêu chưa đặt thì chỉ nêu kết quả, không đánh giá Đạt/Chưa đạt. Bấm một mục để đặt hoặc sửa.
targets-none = Kế hoạch { $plan } đã đặt mọi chỉ tiêu: phường không đặt thêm.
targets-not-set = chưa đặt
targets-ask-share = Chỉ tiêu phường đặt cho «{ $label }», tính theo %: xin gõ một số từ 0 đến 100.
targets-ask-count = Chỉ tiêu phường đặt cho «{ $label }»: xin gõ số lượng tối thiểu, từ 0 đến { $max }.
targets-clear = Bỏ chỉ tiêu phường đặt
targets-saved = Đã lưu chỉ tiêu «{ $label }»: { $target }. Các bản tổng hợp từ nay đánh giá theo chỉ tiêu này.
targets-cleared = Đã bỏ chỉ tiêu phường đặt cho «{ $label }».
team-summary-title = <b>{ $team }</b> · tháng { $month } đến hôm nay:
