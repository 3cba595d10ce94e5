## Live call-outs (/huydong): the dispatcher's steps, the alert, the answers, the status

command-dispatch = Huy động lực lượng ngay
callout-start = 🚨 Huy động
callout-not-for-you = Chỉ cán bộ Công an phường hoặc tổ trưởng mới huy động được lực lượng.
callout-ask-kind = 🚨 Huy động · Bước 1/4 · Việc gì?
callout-ask-place = Bước 2/4 · Ở đâu? Gửi vị trí (📎 → Vị trí) hoặc gõ địa chỉ.
callout-place-too-short = Địa chỉ quá ngắn. Xin gõ địa chỉ (ít nhất 3 ký tự) hoặc gửi vị trí.
callout-ask-note = Bước 3/4 · Ghi chú ngắn cho lực lượng (ví dụ: mang bình chữa cháy)?
callout-skip-note = Bỏ qua
callout-ask-teams = Bước 4/4 · Huy động tổ nào? Bấm để chọn, rồi bấm Xong.
callout-whole-ward = 🏘 Cả phường
callout-teams-done = Xong
callout-pick-a-team = Xin chọn ít nhất một tổ có thành viên.
callout-confirm = Huy động { $teams } ({ $people } người) đến { $place }, vụ việc { $kind }?
callout-confirm-button = 🚨 Huy động ngay
callout-location = vị trí đã gửi
callout-alert =
    🚨 <b>HUY ĐỘNG</b> · { $kind } · { $place }
    Cán bộ { $by } gọi lúc { $time }
callout-alert-again = 🔔 Nhắc lại (lần { $number }):
callout-alert-note = Ghi chú: { $note }
callout-alert-map = 📍 Bản đồ: { $link }
callout-coming = 🏃 Tôi đến ngay
callout-late = ⏱ Đến muộn
callout-declined = ❌ Không thể
callout-arrived = 📍 Đã có mặt
callout-reason-far = Đang đi làm xa
callout-reason-sick = Ốm
callout-reason-transport = Không liên lạc được phương tiện
callout-reason-other = Lý do khác
callout-ask-reason = Đồng chí không thể đến vì sao?
callout-answer-coming = ✅ Đã ghi nhận: đồng chí đang đến ({ $time }). Đến nơi, xin bấm «📍 Đã có mặt».
callout-answer-late = ✅ Đã ghi nhận: đồng chí sẽ đến muộn ({ $time }). Đến nơi, xin bấm «📍 Đã có mặt».
callout-answer-declined = ✅ Đã ghi nhận: đồng chí không thể đến ({ $reason }).
callout-answer-arrived = ✅ Đã ghi nhận: có mặt lúc { $time } ({ $minutes } phút).
callout-closed-already = Cuộc huy động này đã kết thúc.
callout-status-head = 🚨 Huy động { $time } · { $kind } · { $place }
callout-status-team = <b>{ $team }</b> · gọi { $called } người
callout-status-arrived = ✅ Có mặt: { $people }
callout-status-coming = 🏃 Đang đến: { $people }
callout-status-late = ⏱ Đến muộn: { $people }
callout-status-declined = ❌ Không thể: { $people }
callout-status-silent = … Chưa trả lời: { $people }
callout-status-closed = 🏁 Đã kết thúc lúc { $time }: { $outcome }
callout-alert-silent = 🔔 Nhắc người chưa trả lời
callout-close = ✅ Kết thúc
callout-realerted = Đã nhắc lại { $count } người.
callout-ask-outcome = Kết quả xử lý vụ việc? (gõ vài dòng)
callout-outcome-too-short = Xin gõ kết quả (ít nhất 3 ký tự).
callout-closed = 🏁 Đã kết thúc cuộc huy động. Đã lưu { $records } báo cáo huy động (có mặt { $arrived }/{ $called } người được gọi).
callout-auto-outcome = Tự động kết thúc sau { $minutes } phút (không ai bấm «✅ Kết thúc»).
callout-auto-closed = ⏰ Cuộc huy động lúc { $time } ({ $kind }, { $place }) đã tự động kết thúc sau { $minutes } phút vì chưa ai bấm «✅ Kết thúc». Đã lưu { $records } báo cáo huy động theo những gì đã ghi nhận (có mặt { $arrived }/{ $called } người được gọi).
callout-settings-button = ⚙️ Cài đặt huy động
callout-settings =
    ⚙️ Cài đặt huy động của <b>{ $ward }</b>
    🔔 Người chưa trả lời được nhắc lại sau { $realert } phút (tối đa 2 lần).
    ⏰ Cuộc huy động không ai kết thúc sẽ tự động kết thúc sau { $auto_close } phút.
callout-settings-change-realert = 🔔 Đổi số phút nhắc lại
callout-settings-change-auto-close = ⏰ Đổi số phút tự động kết thúc
callout-settings-ask-realert = Nhắc lại người chưa trả lời sau bao nhiêu phút? Hiện là { $now } phút. Gõ một số từ { $low } đến { $high }.
callout-settings-ask-auto-close = Cuộc huy động tự động kết thúc sau bao nhiêu phút? Hiện là { $now } phút. Gõ một số từ { $low } đến { $high } (120 = 2 giờ).
callout-settings-bad-minutes = ⚠️ Chưa lưu: xin gõ một số phút từ { $low } đến { $high }, chỉ chữ số (ví dụ: { $low }).
callout-settings-saved-realert = ✅ Đã lưu: người chưa trả lời được nhắc lại sau { $minutes } phút.
callout-settings-saved-auto-close = ✅ Đã lưu: cuộc huy động tự động kết thúc sau { $minutes } phút.
callout-add-team = ➕ Thêm tổ
callout-ask-add-team = Thêm tổ nào vào cuộc huy động? Bấm một tổ: các thành viên được báo ngay.
callout-no-team-left = Mọi tổ đồng chí được huy động đều đã được gọi.
callout-team-called-already = Tổ này đã được gọi rồi.
callout-team-added = ➕ Đã thêm { $team }: đã báo { $people } người.
callout-outcome-photo-kept = 📷 Đã giữ { $photos } ảnh. Xin gõ kết quả xử lý vụ việc bằng chữ (ít nhất 3 ký tự); ảnh không bị mất.
callout-ask-photos = Gửi ảnh hiện trường (tối đa { $max } ảnh), rồi bấm «➡️ Tiếp». Không có ảnh thì bấm «➡️ Tiếp» luôn.
callout-ask-photos-kept = Đã có { $photos } ảnh. Gửi thêm (tối đa { $max } ảnh), hoặc bấm «➡️ Tiếp».
callout-photos-received = 📷 Đã nhận { $photos } ảnh. Gửi thêm (tối đa { $max } ảnh), hoặc bấm «➡️ Tiếp».
callout-photos-only = Ở bước này xin gửi ảnh, hoặc bấm «➡️ Tiếp» ({ $photos } ảnh đã nhận).
callout-photos-done = ➡️ Tiếp
callout-ask-helped = Số người được giúp đỡ, cứu giúp? Gõ một số, hoặc bấm «Không có».
callout-helped-not-a-number = Xin gõ số người được giúp bằng chữ số (ví dụ: 2), hoặc bấm «Không có».
callout-helped-photo-kept = 📷 Đã giữ thêm ảnh ({ $photos } ảnh). Xin gõ số người được giúp bằng chữ số (ví dụ: 2), hoặc bấm «Không có».
callout-no-one-helped = Không có
callout-status-closed-details = 👥 Đã giúp { $helped } người · 📷 { $photos } ảnh
callout-note-invite = 🏁 Cuộc huy động lúc { $time } đã kết thúc. Cảm ơn đồng chí! Nếu cần, đồng chí có thể thêm ghi chú hoặc ảnh cho phần của mình.
callout-note-add = 📝 Thêm ghi chú, ảnh
callout-note-done = Xong
callout-note-ask = 📝 Gửi ghi chú (gõ chữ) hoặc ảnh (tối đa { $max } ảnh) cho phần của đồng chí trong cuộc huy động { $time }. Mỗi tin được lưu ngay; xong thì bấm «Xong».
callout-note-kept = ✅ Đã lưu vào phần của đồng chí (có { $total }/{ $max } ảnh). Gửi thêm, hoặc bấm «Xong».
callout-note-photos-full = Phần của đồng chí đã đủ { $max } ảnh; ảnh này không được lưu. Gõ ghi chú, hoặc bấm «Xong».
callout-note-finished = ✅ Đã lưu phần của đồng chí. Cảm ơn!
