# Công cụ của cán bộ Công an phường (và tổ trưởng): tổ, thành viên, link mời, duyệt tham gia,
# nhóm Telegram của tổ, danh sách thành viên nhập/xuất từ tệp.

## Lệnh
command-manage = Quản lý tổ, thành viên, link mời

## Vai trò
role-member = tổ viên
role-deputy = tổ phó
role-leader = tổ trưởng
role-officer = cán bộ Công an phường
role-leadership = lãnh đạo UBND phường
role-province = Công an tỉnh/thành phố
role-admin = quản trị hệ thống

## Tham gia: danh sách đăng ký trước, duyệt yêu cầu, nhập sai mã
need-invite-or-phone =
    Để dùng trợ lý báo cáo, đồng chí cần mã mời (hoặc đường link mời) của tổ mình: xin nhờ tổ trưởng hoặc cán bộ Công an phường đọc hoặc gửi mã, rồi gửi mã đó cho bot thành một tin nhắn.
    Nếu Công an phường đã đăng ký số điện thoại của đồng chí, xin gửi số đó.
join-phone-not-on-roster =
    Số điện thoại này chưa có trong danh sách của phường. Đồng chí cần đường link mời: xin nhờ tổ trưởng hoặc cán bộ Công an phường gửi link.
join-found-on-roster = Đã tìm thấy đồng chí <b>{ $name }</b> trong danh sách của phường.
join-request-sent =
    Đã gửi yêu cầu tham gia <b>{ $team }</b>. Tổ trưởng hoặc cán bộ Công an phường sẽ duyệt; đồng chí sẽ nhận tin báo ngay khi được duyệt.
join-request-waiting =
    Yêu cầu tham gia <b>{ $team }</b> của đồng chí đang chờ duyệt. Đồng chí sẽ nhận tin báo ngay khi được duyệt.
join-request-notice =
    📨 <b>{ $name }</b> xin tham gia <b>{ $team }</b>. Gõ /quanly để duyệt.
join-request-approved = ✅ Đồng chí đã được duyệt vào <b>{ $team }</b>. Gõ /menu để bắt đầu báo cáo.
join-request-rejected =
    Yêu cầu tham gia <b>{ $team }</b> của đồng chí chưa được chấp nhận. Nếu có nhầm lẫn, xin liên hệ tổ trưởng hoặc cán bộ Công an phường.
invite-slow-down =
    Đồng chí đã nhập sai mã mời nhiều lần. Xin đợi { $minutes } phút rồi gửi lại mã mời (hoặc mở lại đường link mời).

## Menu quản lý của phường
officer-tools-not-for-you = Chức năng quản lý dành cho cán bộ Công an phường và tổ trưởng, tổ phó.
officer-choose-ward = Chọn phường, xã thuộc <b>{ $unit }</b>:
officer-ward-menu =
    ⚙️ Quản lý <b>{ $ward }</b>
    { $teams } tổ · { $members } thành viên · { $waiting } yêu cầu chờ duyệt
officer-teams = 👥 Các tổ ({ $count })
officer-groups = 🏘 Tổ dân phố ({ $count })
officer-join-requests = 📨 Yêu cầu tham gia ({ $count })
officer-auto-approve-on = ✅ Tự động duyệt: Bật (bấm để tắt)
officer-auto-approve-off = ⏸ Tự động duyệt: Tắt (bấm để bật)
officer-export-roster = 📤 Xuất danh sách thành viên
officer-roster-exported = Danh sách thành viên của { $ward }: { $count } người. Tệp có số điện thoại và ngày sinh: xin giữ kín.
officer-not-found = Không tìm thấy mục này, hoặc đồng chí không có quyền với mục này.
officer-or-cancel = (gõ /huy để thôi)

## Tổ và tổ dân phố
officer-team-list = Các tổ bảo vệ ANTT của <b>{ $ward }</b>. Bấm một tổ để xem thành viên, mời người, đổi tên.
officer-team-list-empty = <b>{ $ward }</b> chưa có tổ nào. Bấm «➕ Thêm tổ» để tạo tổ đầu tiên.
officer-team-line = { $team } · { $count }/{ $planned }
officer-new-team = ➕ Thêm tổ
officer-new-team-here = ➕ Thêm tổ ở đây
officer-group-list = Các tổ dân phố, thôn của <b>{ $ward }</b>:
officer-group-list-empty = <b>{ $ward }</b> chưa có tổ dân phố, thôn nào trong danh sách.
officer-new-group = ➕ Thêm tổ dân phố
officer-group-view = 🏘 <b>{ $group }</b>
    Các tổ bảo vệ: { $teams }
officer-rename = ✏️ Đổi tên
officer-planned-size = 🔢 Số thành viên dự kiến
officer-back-to-teams = ◀ Các tổ
officer-ask-team-name = Tên tổ mới là gì? Ví dụ: Tổ bảo vệ ANTT số 12.
officer-ask-group-name = Tên tổ dân phố, thôn mới là gì? Ví dụ: Tổ dân phố 5.
officer-ask-rename = Tên mới thay cho «{ $name }» là gì?
officer-ask-size = Tổ { $team } dự kiến có bao nhiêu thành viên? (hiện: { $planned }) Bấm một số hoặc gõ số.
officer-name-length = Tên cần từ { $min } đến { $max } ký tự. Xin gõ lại.
officer-name-taken = Phường đã có một đơn vị tên «{ $name }». Xin gõ tên khác để khỏi nhầm.
officer-team-created = Đã tạo <b>{ $team }</b>. Bấm «🔗 Mời tổ trưởng» để mời người phụ trách.
officer-group-created = Đã tạo <b>{ $group }</b>.
officer-renamed = Đã đổi tên «{ $old }» thành «{ $new }».
officer-team-view =
    👥 <b>{ $team }</b> · { $place }
    Thành viên: { $count }/{ $planned } dự kiến
officer-team-group-linked = Nhóm Telegram của tổ: đã liên kết.
officer-team-group-unlinked = Nhóm Telegram của tổ: chưa liên kết (tổ trưởng thêm bot vào nhóm rồi gõ /lienket trong nhóm).
officer-team-no-members = Tổ chưa có thành viên nào. Bấm «🔗 Mời tổ viên» để lấy link mời.
officer-member-line = { $number }. { $name } — { $role }
officer-member-line-offline = { $number }. { $name } — { $role } (chưa dùng bot)
officer-unlink-group = 🔌 Bỏ liên kết nhóm Telegram
officer-group-unlinked = Đã bỏ liên kết nhóm Telegram của <b>{ $team }</b>. Nhắc việc sẽ chỉ gửi riêng cho từng người.

## Link mời
officer-invite-member = 🔗 Mời tổ viên
officer-invite-leader = 🔗 Mời tổ trưởng
officer-invite-deputy = 🔗 Mời tổ phó
officer-invite-made =
    Lời mời vào <b>{ $team }</b> với vai trò { $role }, dùng được { $uses } lần, hết hạn ngày { $day }.
officer-invite-telegram = 📱 Telegram: mở link { $link }
officer-invite-telegram-command = 📱 Telegram: mở bot và gửi /start { $code }
officer-invite-zalo = 💬 Zalo: mở { $link } (hoặc quét mã QR), rồi gửi cho bot mã mời <b>{ $code }</b>
officer-invite-zalo-no-link = 💬 Zalo: tìm bot của phường trên Zalo, rồi gửi cho bot mã mời <b>{ $code }</b>
officer-invite-keep = Xin gửi lời mời này cho người cần mời. Mã chỉ hiện một lần; nếu lộ ra ngoài, xin thu hồi.
invite-qr-zalo = Mở Zalo, quét mã, gửi mã mời { $code } để vào { $team }.
invite-qr-zalo-file = Mã QR Zalo - { $team }.png
invite-qr-telegram = Mở Telegram, quét mã để vào { $team }. Mã QR này là lời mời: chỉ đưa cho người được mời.
invite-qr-telegram-file = Mã QR Telegram - { $team }.png
officer-open-invites = 🎟 Link mời đang dùng được ({ $count })
officer-open-invites-title = Link mời đang dùng được của <b>{ $team }</b>. Bấm một link để thu hồi.
officer-no-open-invites = <b>{ $team }</b> không còn link mời nào dùng được.
officer-revoke-invite = 🚫 Thu hồi: { $role } · còn { $uses } lượt · đến { $day }
officer-invite-revoked = Đã thu hồi link mời; ai mở link đó sẽ được báo là link đã bị thu hồi.

## Thành viên
officer-member-view =
    👤 <b>{ $name }</b> — { $role } · { $team }
    Điện thoại: { $phone } · Ngày sinh: { $born }
    Tham gia từ: { $since }
officer-member-on-bot = Đang dùng bot.
officer-member-not-on-bot = Chưa dùng bot: khi mở bot và chia sẻ số điện thoại này, đồng chí ấy sẽ vào đúng tổ.
officer-move = 🔀 Chuyển tổ
officer-remove = 🚪 Cho thôi tham gia
officer-move-where = Chuyển <b>{ $name }</b> sang tổ nào?
officer-moved = Đã chuyển <b>{ $name }</b> sang <b>{ $team }</b>. Lịch sử vẫn được lưu.
officer-remove-why = <b>{ $name }</b> thôi tham gia <b>{ $team }</b> vì lý do gì?
officer-keep-member = ◀ Không, giữ lại
leave-reason-moved = Chuyển nơi ở
leave-reason-resigned = Xin thôi
leave-reason-inactive = Không còn tham gia
officer-removed =
    <b>{ $name }</b> đã thôi tham gia <b>{ $team }</b> (lý do: { $reason }). Các báo cáo đã gửi và lịch sử vẫn được giữ.

## Duyệt yêu cầu tham gia
officer-join-requests-title = 📨 Yêu cầu tham gia đang chờ — <b>{ $unit }</b>:
officer-join-request-line = { $number }. { $name } · { $phone } · { $team } · { $role }
officer-approve = ✅ Duyệt { $number }
officer-reject = ❌ Từ chối { $number }
officer-approved = Đã duyệt <b>{ $name }</b> vào <b>{ $team }</b>; đồng chí ấy sẽ nhận tin báo.
officer-rejected = Đã từ chối yêu cầu của <b>{ $name }</b> vào <b>{ $team }</b>.
officer-join-request-done = Yêu cầu này đã được xử lý rồi.
officer-no-join-requests = Không có yêu cầu tham gia nào đang chờ.

## Nhóm Telegram của tổ
group-link-not-allowed = Chỉ tổ trưởng hoặc cán bộ Công an phường mới liên kết được nhóm này với tổ.
group-link-choose-team = Nhóm này là của tổ nào?
group-linked = ✅ Nhóm này đã được liên kết với <b>{ $team }</b>. Nhắc việc và tin của tổ sẽ gửi vào đây.
group-already-linked = Nhóm này đã liên kết với <b>{ $team }</b> rồi.

## Danh sách thành viên từ tệp (lệnh antt-bot admin import-roster)
roster-unreadable = Không đọc được tệp Excel này. Xin lưu lại dạng .xlsx (hoặc .csv) theo tệp mẫu.
roster-not-utf8 = Tệp CSV không ở dạng UTF-8. Xin lưu lại với «CSV UTF-8».
roster-unknown-format = Chỉ nhận tệp .xlsx hoặc .csv.
roster-empty = Tệp không có dòng nào để nhập.
roster-missing-columns = Thiếu cột: cần ít nhất Phường/xã, Tổ bảo vệ ANTT, Họ và tên, Số điện thoại (xem tệp mẫu).
roster-missing-ward = thiếu tên phường, xã
roster-missing-team = thiếu tên tổ
roster-missing-name = thiếu họ và tên
roster-missing-phone = thiếu số điện thoại
roster-bad-name = họ và tên không hợp lệ (có chữ số hoặc quá dài)
roster-bad-phone = số điện thoại không hợp lệ (cần 10 số, bắt đầu bằng 0)
roster-bad-role = vai trò «{ $role }» không rõ (Tổ trưởng, Tổ phó hoặc Tổ viên)
roster-bad-date = ngày sinh không đọc được (dạng ngày/tháng/năm, ví dụ 14/03/1975)
roster-too-young = chưa đủ { $age } tuổi hoặc ngày sinh ở tương lai
roster-phone-twice = số điện thoại trùng với dòng { $first }
roster-two-leaders = tổ đã có tổ trưởng ở dòng { $first }
roster-unknown-ward = không có phường, xã tên «{ $ward }» (tạo trước bằng antt-bot admin add-unit)
roster-phone-elsewhere = số điện thoại đã thuộc một thành viên của phường, xã khác
roster-row = Dòng { $row }: { $problem }

## Vai trò trong tổ
officer-change-role = 🎖 Đổi vai trò
officer-role-which = Giao vai trò mới cho <b>{ $name }</b> ({ $team }; hiện là { $role }). Mỗi tổ có 1 tổ trưởng và 1 tổ phó: người đang giữ vai trò đó sẽ trở thành tổ viên.
officer-role-changed = Đã giao <b>{ $name }</b> vai trò { $role } của <b>{ $team }</b>. Lịch sử vẫn được lưu.
officer-role-stepped-down = <b>{ $name }</b> trở thành tổ viên.
role-given = 🎖 Đồng chí được giao vai trò <b>{ $role }</b> của <b>{ $team }</b>.
role-stepped-down = Từ nay <b>{ $name }</b> là { $role } của <b>{ $team }</b>; đồng chí là tổ viên của tổ.

## Sửa họ tên của một thành viên
officer-edit-name = ✏️ Sửa họ tên
officer-ask-member-name =
    Họ và tên đúng của «{ $name }», như sẽ ghi trong báo cáo và danh sách khen thưởng, là gì? Gõ đầy đủ, có dấu, họ trước tên sau. Ví dụ: Nguyễn Thị Lan.
officer-member-renamed = Đã sửa họ tên «{ $old }» thành <b>{ $new }</b>. Lịch sử vẫn lưu tên cũ.
name-corrected = ✏️ Họ và tên của đồng chí trong báo cáo đã được sửa thành <b>{ $name }</b> (người sửa: { $by }). Nếu chưa đúng, xin báo lại cán bộ Công an phường.
