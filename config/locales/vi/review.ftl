# Công an phường đánh giá nguồn tin (có giá trị hay không, kết quả xử lý) và xác nhận mô hình
# được cấp nào biểu dương, ghi nhận; người gửi được báo kết quả.

## Lệnh
command-review = Nguồn tin, mô hình chờ đánh giá
reviewing-not-for-you = Chức năng đánh giá nguồn tin dành cho cán bộ Công an phường.

## Thẻ nguồn tin / mô hình
reviewing-new-tip = 📥 <b>Nguồn tin mới</b> cần đánh giá
reviewing-new-model = 🏅 <b>Mô hình mới</b> được báo cáo
reviewing-sent-by = Người gửi: { $name } · { $team } · lúc { $time }
reviewing-tip-waiting = ⏳ <b>Chưa đánh giá.</b>
reviewing-tip-valuable = ✅ <b>Đánh giá: có giá trị</b>
reviewing-tip-not-valuable = ➖ <b>Đánh giá: không có giá trị</b>
reviewing-model-waiting = ⏳ <b>Chưa xác nhận</b> việc biểu dương, ghi nhận.
reviewing-model-acknowledged = ✅ <b>Được { $level } biểu dương, ghi nhận</b>
reviewing-model-not-acknowledged = ➖ <b>Chưa được cấp có thẩm quyền biểu dương, ghi nhận</b>
reviewing-decided-by = (đ/c { $name }, { $time })
reviewing-tip-note = Kết quả xác minh, xử lý: { $note }
reviewing-model-note = Căn cứ: { $note }
reviewing-mark-valuable = ✅ Có giá trị
reviewing-mark-not-valuable = ➖ Không có giá trị
reviewing-mark-not-acknowledged = ➖ Chưa được ghi nhận
reviewing-write-outcome = 📝 Ghi kết quả xử lý
reviewing-write-reference = 📝 Ghi căn cứ (số, ngày văn bản)
reviewing-see-photos = 🖼 Xem ảnh ({ $count })
reviewing-level-commune-police = Công an xã, phường
reviewing-level-commune-committee = UBND xã, phường
reviewing-level-district-police = Công an quận, huyện
reviewing-level-district-committee = UBND quận, huyện
reviewing-level-province-police = Công an tỉnh, thành phố
reviewing-level-province-committee = UBND tỉnh, thành phố
reviewing-level-ministry = Bộ Công an
reviewing-level-unknown = cấp có thẩm quyền

## Sau khi quyết định
reviewing-ask-outcome =
    Kết quả xác minh, xử lý nguồn tin #{ $number } (ngắn gọn, tối đa { $most } ký tự)?
    Nội dung này chỉ Công an phường xem, không báo cho người gửi. Không có thì bấm «Bỏ qua».
reviewing-ask-reference =
    Căn cứ ghi nhận mô hình #{ $number }: số, ngày văn bản biểu dương, khen thưởng (tối đa { $most } ký tự)?
    Không có thì bấm «Bỏ qua».
reviewing-skip = Bỏ qua
reviewing-note-length = Xin ghi ngắn gọn, từ 1 đến { $most } ký tự; hoặc bấm «Bỏ qua».
reviewing-note-saved = Đã lưu vào báo cáo #{ $number }.
reviewing-note-skipped = Đã lưu đánh giá báo cáo #{ $number }.
reviewing-unchanged = Báo cáo #{ $number } đã được đánh giá như vậy rồi; không có gì thay đổi.
reviewing-changed-meanwhile =
    Báo cáo #{ $number } vừa được đánh giá khác đi trong lúc đồng chí xem. Đánh giá hiện tại ở dưới; xin chọn lại nếu cần.

## Báo cho người gửi
reviewing-told-valuable =
    ✅ Nguồn tin #{ $number } đồng chí cung cấp ngày { $day } đã được Công an { $ward } đánh giá <b>có giá trị</b>. Cảm ơn đồng chí!
reviewing-told-not-valuable =
    Công an { $ward } đã xem xét nguồn tin #{ $number } đồng chí cung cấp ngày { $day }: nguồn tin <b>không có giá trị</b> để xác minh, xử lý. Cảm ơn đồng chí đã quan tâm cung cấp thông tin; mong đồng chí tiếp tục phát hiện, báo tin.
reviewing-told-acknowledged =
    🏅 Mô hình «{ $name }» (báo cáo #{ $number }) đã được Công an { $ward } xác nhận: được <b>{ $level }</b> biểu dương, ghi nhận. Chúc mừng đồng chí và tổ!
reviewing-told-not-acknowledged =
    Công an { $ward } đã xem báo cáo mô hình «{ $name }» (#{ $number }): mô hình <b>chưa được cấp có thẩm quyền biểu dương, ghi nhận</b>. Khi có văn bản biểu dương, xin báo lại Công an phường.

## Danh sách
reviewing-menu-tips = 📥 Nguồn tin chờ đánh giá ({ $count })
reviewing-menu-models = 🏅 Mô hình chờ xác nhận ({ $count })
reviewing-list-tips = 📥 Nguồn tin
reviewing-list-models = 🏅 Mô hình
reviewing-waiting = ⏳ Chờ đánh giá ({ $count })
reviewing-decided = ✔️ Đã đánh giá ({ $count })
reviewing-previous-page = ◀ Trang trước
reviewing-next-page = Trang sau ▶
reviewing-line = #{ $number } · { $day } · { $team } · { $mark } { $summary }
reviewing-tips-waiting = 📥 <b>Nguồn tin chờ đánh giá</b> · { $ward }: { $count } (trang { $page }/{ $pages }). Bấm để xem và đánh giá.
reviewing-tips-waiting-none = 📥 { $ward } không còn nguồn tin nào chờ đánh giá.
reviewing-tips-decided = ✔️ <b>Nguồn tin đã đánh giá</b> · { $ward }: { $count } (trang { $page }/{ $pages }). Bấm để xem hoặc đổi đánh giá.
reviewing-tips-decided-none = ✔️ { $ward } chưa có nguồn tin nào đã đánh giá.
reviewing-models-waiting = 🏅 <b>Mô hình chờ xác nhận</b> · { $ward }: { $count } (trang { $page }/{ $pages }). Bấm để xem và xác nhận.
reviewing-models-waiting-none = 🏅 { $ward } không còn mô hình nào chờ xác nhận.
reviewing-models-decided = ✔️ <b>Mô hình đã xác nhận</b> · { $ward }: { $count } (trang { $page }/{ $pages }). Bấm để xem hoặc đổi.
reviewing-models-decided-none = ✔️ { $ward } chưa có mô hình nào đã xác nhận.
