"""Every Vietnamese word the digest, workbook, Word report and chart use, in one place."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from fractions import Fraction

from reports.periods import Period

KIND_LABELS = {
    "good_deed": "Việc tốt",
    "patrol": "Tuần tra",
    "call_out": "Huy động",
    "tip": "Nguồn tin",
    "propaganda": "Tuyên truyền",
    "fire_rescue": "PCCC, CNCH",
    "traffic": "Phân luồng giao thông",
    "residence": "Hỗ trợ quản lý cư trú",
    "weapons": "Vận động giao nộp vũ khí",
    "reintegration": "Giáo dục, cảm hóa",
    "model": "Mô hình",
}
PATROL_LABELS = {"antt": "ANTT", "atgt": "ATGT", "night": "ban đêm"}
INCIDENT_LABELS = {
    "antt": "ANTT",
    "pccc": "PCCC",
    "cnch": "CNCH",
    "traffic": "giao thông",
    "propaganda": "tuyên truyền",
}
COUNTED = {
    "team_month": "lượt tổ-tháng",
    "team": "tổ",
    "member": "thành viên",
    "call_out": "lần",
    "called": "lượt người được huy động",
    "tip": "nguồn tin",
    "figure": "",
    "model": "mô hình",
}
STATUS_ICONS = {
    "met": "✅",
    "met_in_part": "☑️",
    "not_met": "⚠️",
    "no_data": "❔",
    "no_target": "📊",
}
STATUS_WORDS = {
    "met": "Đạt",
    "met_in_part": "Đạt phần do hệ thống đo",
    "not_met": "Chưa đạt",
    "no_data": "Chưa có số liệu",
    "no_target": "Không đánh giá",
}
# Who set a target, and what a figure that measures less than the plan leaves to the officer.
TARGET_OF_WARD = "{target} (phường đặt)"
NO_TARGET = "Không đặt"
TARGET_BASIS = {"plan": "theo {citation}", "ward": "do phường đặt", "none": ""}
NO_TARGET_NOTE = "kế hoạch không đặt chỉ tiêu"
BY_HAND = "cán bộ bổ sung: {by_hand}"
COVERS = "Số liệu hệ thống: {covers}; cán bộ bổ sung: {by_hand}"
YES_NO = {True: "Có", False: "Không"}
# A yes/no target's result: the verdict, then what happened in words when the campaign says it.
YES_NO_RESULT = {True: "Đạt", False: "Không đạt"}

# Digest
TEAMS_DONE = " đạt"
DIGEST_HEADER = "Tổng hợp {period} · {ward} · {teams} tổ, {members} thành viên"
PROVINCE_HEADER = (
    "Tổng hợp {period} · {province} · {wards} xã/phường, {teams} tổ, {members} thành viên"
)
NOT_MET_TEAMS = "chưa đạt: {teams}"
TARGET = "chỉ tiêu {target}"
NO_DATA = "chưa có số liệu"
NO_DATA_POLICE = "chưa có số liệu (Công an phường nhập)"
NO_DATA_FOR = {
    "call_out": "không có lần huy động nào",
    "team_month": "chưa có tổ nào có thành viên",
}
YES_NO_ANSWER = {True: "đạt", False: "không đạt"}
WARDS_MET = "{met}/{known} xã/phường đạt"
WARDS_UNKNOWN = "{count} xã/phường chưa có số liệu"
MORE_TEAMS = "và {count} tổ khác"
TOTALS_LINE = (
    "Nguồn tin: {tips} ({valuable} có giá trị) · Tuần tra: {patrols} lượt"
    " · Vi phạm phát hiện: {violations}"
)
FIRE_LINE = "PCCC: {fire} lượt · CNCH: {rescue} lượt · Việc tốt: {deeds}"
CANDIDATES_LINE = "Đề xuất khen thưởng: {names}"
FILES_LINE = "📎 {files}"

# Totals, as rows of the Word report and the workbook
TOTAL_ROWS = (
    ("teams", "Số tổ bảo vệ ANTT ở cơ sở"),
    ("members", "Số thành viên"),
    ("good_deeds", "Việc tốt"),
    ("patrols", "Lượt tuần tra"),
    ("patrol_turns", "Lượt người tham gia tuần tra"),
    ("violations", "Vi phạm phát hiện qua tuần tra"),
    ("tips", "Nguồn tin cung cấp cho Công an"),
    ("valuable_tips", "Nguồn tin có giá trị"),
    ("call_outs", "Lượt được huy động"),
    ("fire_call_outs", "Lượt tham gia chữa cháy (PCCC)"),
    ("rescue_call_outs", "Lượt tham gia cứu nạn, cứu hộ (CNCH)"),
    ("people_saved", "Số người được cứu"),
    ("propaganda", "Buổi tuyên truyền"),
    ("audience", "Lượt người nghe tuyên truyền"),
    ("traffic", "Lượt phân luồng giao thông"),
    ("households_visited", "Hộ được đến nắm thông tin cư trú"),
    ("records_corrected", "Thông tin dân cư được điều chỉnh"),
    ("weapons_items", "Vũ khí, vật liệu nổ, pháo được giao nộp"),
    ("reintegration_visits", "Lượt gặp gỡ, giáo dục, cảm hóa"),
    ("models_acknowledged", "Mô hình được ghi nhận"),
)

# Word report
TEMPLATE_TITLE = "Mẫu báo cáo (Nghị định 30/2020/NĐ-CP)"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
UNKNOWN_PARENT_BODY = "CÔNG AN TỈNH/THÀNH PHỐ …"
NUMBER_LINE = "Số: …/{suffix}"
PLACE_DATE = "{place}, ngày {day} tháng {month} năm {year}"
DOTS = "…"
DOCUMENT_KIND = "BÁO CÁO"
SUBJECT = {
    "month": "Kết quả thực hiện {movement} {period}",
    "phase": "Sơ kết {period} {movement}",
    "rating_year": "Kết quả hoạt động và xếp loại lực lượng tham gia bảo vệ ANTT ở cơ sở {period}",
    "year": "Kết quả thực hiện {movement} {period}",
}
INTRO = "Thực hiện {plan}, {body} báo cáo kết quả {period} như sau:"
ACTIVITY_SEPARATOR = "; "  # a kind's label may hold a comma ("PCCC, CNCH")
SECTION_RESULTS = "I. KẾT QUẢ THỰC HIỆN"
SECTION_FORCE = "1. Tình hình lực lượng"
FORCE_TEXT = (
    "Toàn {area} có {teams} tổ bảo vệ ANTT ở cơ sở với {members} thành viên "
    "(theo biên chế {planned} thành viên); {staffed} tổ đủ số lượng thành viên theo quy định."
)
FORCE_TEXT_NO_PLAN = "Toàn {area} có {teams} tổ bảo vệ ANTT ở cơ sở với {members} thành viên."
SECTION_FIGURES = "2. Kết quả hoạt động"
SECTION_INDICATORS = "3. Kết quả thực hiện các chỉ tiêu thi đua"
SECTION_TEAMS = "4. Kết quả theo từng tổ"
SECTION_WARDS = "4. Kết quả theo từng xã, phường"
SECTION_RATINGS = "5. Kết quả đánh giá, xếp loại"
SECTION_ASSESSMENT = "II. ĐÁNH GIÁ CHUNG"
ASSESSMENT_PARTS = ("1. Ưu điểm", "2. Tồn tại, hạn chế")
SECTION_NEXT = {
    "phase": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ ĐỢT TIẾP THEO",
    "other": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
}
SECTION_COMMENDATION = "IV. ĐỀ XUẤT KHEN THƯỞNG"
PLACEHOLDER = "[Phần này do cán bộ Công an {level} viết: {what}]"
PLACEHOLDER_WHAT = {
    "strengths": "nêu các ưu điểm nổi bật",
    "weaknesses": "nêu tồn tại, hạn chế và nguyên nhân",
    "next_steps": "nêu phương hướng, nhiệm vụ trọng tâm",
}
COMMENDATION_RULE = "Theo kế hoạch, mỗi {per} {unit} đề xuất khen thưởng {what}."
# When the plan itself sets no number (the rule is the ward's own practice), say only what it is.
COMMENDATION_PROPOSAL = (
    "Căn cứ kết quả thực hiện {period}, {police} đề xuất xem xét khen thưởng"
    " các tập thể, cá nhân có thành tích tiêu biểu sau:"
)
COMMENDATION_PER = {"phase": "đợt thi đua", "year": "năm"}
COMMENDATION_EITHER = "{collectives:02d} tập thể hoặc {individuals:02d} cá nhân"
COMMENDATION_BOTH = "{collectives:02d} tập thể và {individuals:02d} cá nhân"
COLLECTIVE_CANDIDATES = "1. Tập thể"
INDIVIDUAL_CANDIDATES = "2. Cá nhân"
NO_CANDIDATE = {
    "collective": "Chưa có tập thể đủ điều kiện đề xuất trong kỳ.",
    "individual": "Chưa có cá nhân đủ điều kiện đề xuất trong kỳ.",
}
COLLECTIVE_REASON = "đạt {met}/{known} chỉ tiêu; hoạt động: {activity}"
INDIVIDUAL_REASON = "{team}; tham gia {count} hoạt động: {activity}"
EVIDENCE_LINE = "#{id} ngày {day} – {kind}: {text}"
RECIPIENTS = "Nơi nhận:"
WARD_RECIPIENTS = ("- {province} (PV01);", "- Lãnh đạo UBND {area};", "- Lưu: VT.")
WARD_RECIPIENTS_NO_PROVINCE = (
    "- Công an tỉnh/thành phố (PV01);",
    "- Lãnh đạo UBND {area};",
    "- Lưu: VT.",
)
PROVINCE_PARENT_BODY = "BỘ CÔNG AN"
PROVINCE_RECIPIENTS = ("- Cục Xây dựng phong trào bảo vệ ANTQ (V05);", "- Lưu: VT, PV01.")
BODY_RULE = "-------"
MOTTO_RULE = "---------------"
PHASE_FALLBACK = "đợt"
SIGNER_WARD = "TRƯỞNG CÔNG AN {level}"
SIGNER_PROVINCE = "GIÁM ĐỐC"
SIGNATURE_HINT = "(Ký, ghi rõ họ tên)"
INDICATOR_HEADERS = ("STT", "Chỉ tiêu", "Kết quả", "Tỷ lệ", "Chỉ tiêu đề ra", "Đánh giá")
TEAM_HEADERS = (
    "STT",
    "Tổ",
    "Thành viên",
    "Việc tốt",
    "Tuần tra",
    "Huy động",
    "Nguồn tin",
    "Chỉ tiêu đạt",
    "Xếp hạng",
)
WARD_HEADERS = (
    "STT",
    "Xã, phường",
    "Số tổ",
    "Thành viên",
    "Việc tốt",
    "Tuần tra",
    "Nguồn tin",
    "Chỉ tiêu đạt",
)
TOTALS_HEADERS = ("Nội dung", "Số lượng")
RATING_HEADERS = ("STT", "Tên", "Tổ", "Số tháng hoạt động", "Tỷ lệ nhiệm vụ", "Xếp loại")
# A team's rating names the team once: no "Tổ" column beside its name.
TEAM_RATING_HEADERS = ("STT", "Tổ", "Số tháng hoạt động", "Tỷ lệ nhiệm vụ", "Xếp loại")
RATING_TEAMS = "a) Xếp loại tổ"
RATING_MEMBERS = "b) Xếp loại thành viên"
NOT_RATED = {
    "too_short": "Không xếp loại (dưới {months} tháng)",
    "no_data": "Không xếp loại (chưa có số liệu)",
    "no_target": "Không xếp loại (kế hoạch không đặt chỉ tiêu)",
}
CAPPED = " (giới hạn {cap}% xuất sắc)"
TIED = " (bằng điểm ở giới hạn {cap}% xuất sắc: cùng xếp loại tốt)"
RATING_CAP_RULE = (
    "Số được xếp loại hoàn thành xuất sắc nhiệm vụ không quá {cap}% số được xếp loại hoàn thành"
    " tốt nhiệm vụ trở lên; khi bằng tỷ lệ nhiệm vụ, xét lần lượt: {ties}; nếu vẫn bằng nhau mà"
    " không đủ chỉ tiêu cho tất cả thì cùng xếp loại hoàn thành tốt nhiệm vụ."
)
RATING_CAP_RULE_NO_TIES = (
    "Số được xếp loại hoàn thành xuất sắc nhiệm vụ không quá {cap}% số được xếp loại hoàn thành"
    " tốt nhiệm vụ trở lên; khi bằng tỷ lệ nhiệm vụ mà không đủ chỉ tiêu cho tất cả thì cùng xếp"
    " loại hoàn thành tốt nhiệm vụ."
)
TIE_RULES = {
    "reports": "số báo cáo tham gia nhiều hơn",
    "active_months": "số tháng hoạt động nhiều hơn",
}
RATING_SOURCE = "Căn cứ: {source}."

# Live call-outs (made from the bot): who of those called came, and how fast
TURNOUT = (
    "{calls} lần huy động qua bot: có mặt {arrived}/{called} người được gọi "
    "(từ chối {declined}, không trả lời {no_answer})"
)
RESPONSE_TIMES = "thời gian có mặt: trung vị {median} phút, 90% trong {p90} phút"
NOBODY_ARRIVED = "chưa ai có mặt"
TURNOUT_ICON = "⏱"
PART_TURNOUT = "{part}: có mặt {arrived}/{called}"
SECTION_LIVE_CALL_OUTS = "Huy động qua bot"
# How the call-outs came: dispatched live from the bot, or by phone and reported afterwards.
CALL_OUT_SOURCES = "{live} huy động trực tiếp trên bot, {typed} báo cáo lại"
CALL_OUT_SOURCES_ICON = "🚨"
SOURCE_LIVE = "Trực tiếp trên bot"
SOURCE_TYPED = "Báo cáo lại"

# Workbook
SHEET_SUMMARY = "Tổng hợp"
SHEET_TEAMS = "Theo tổ"
SHEET_WARDS = "Theo xã, phường"
SHEET_REPORTS = "Báo cáo"
SHEET_CALL_OUTS = "Huy động"
SHEET_RATINGS = "Xếp loại"
RATING_SHEET_HEADERS = (
    "Đối tượng",
    "Tên",
    "Tổ",
    "Số tháng hoạt động",
    "Tỷ lệ nhiệm vụ (%)",
    "Xếp loại",
)
RATING_SUBJECTS = {"team": "Tổ", "member": "Thành viên"}
SUMMARY_INFO = ("Đơn vị", "Kỳ báo cáo", "Từ ngày", "Đến ngày", "Kế hoạch")
SUMMARY_INDICATOR_HEADERS = (
    "Chỉ tiêu",
    "Đạt",
    "Tổng",
    "Tỷ lệ (%)",
    "Chỉ tiêu đề ra",
    "Đánh giá",
    "Căn cứ",
)
# A ward's indicator rows end with what the figures cover (the months of a police figure).
SUMMARY_NOTE = "Ghi chú"
TEAM_SHEET_HEADERS = (
    "Tổ",
    "Biên chế",
    "Thành viên",
    "Việc tốt",
    "Tuần tra",
    "Vi phạm phát hiện",
    "Huy động",
    "PCCC",
    "CNCH",
    "Nguồn tin",
    "Nguồn tin có giá trị",
    "Tuyên truyền",
    "Phân luồng giao thông",
    "Chỉ tiêu đạt",
    "Tỷ lệ nhiệm vụ (%)",
    "Xếp hạng",
)
REPORT_SHEET_HEADERS = (
    "Số",
    "Ngày",
    "Loại",
    "Tổ",
    "Người báo cáo",
    "Người tham gia",
    "Nội dung",
    "Ảnh",
    "Ghi lúc",
)
CALL_OUT_HEADERS = (
    "Số",
    "Ngày",
    "Tổ",
    "Loại vụ việc",
    "Huy động lúc",
    "Có mặt lúc",
    "Thời gian (phút)",
    "Kịp thời",
    "Kết quả",
)
# Added to the call-outs sheet when some call-outs were made live from the bot.
LIVE_CALL_OUT_HEADERS = (
    "Được gọi",
    "Có mặt",
    "Từ chối",
    "Không trả lời",
    "Trung vị (phút)",
    "90% (phút)",
    "Nguồn",
)
DESCRIBE = {
    "visits": "{count} lần gặp gỡ, giáo dục",
    "violations": "{count} vi phạm",
    "incident": "Vụ việc {kind}",
    "audience": "{count} người nghe",
    "saved": "cứu {count} người",
    "residence": "{households} hộ được đến; {records} thông tin được điều chỉnh",
    "weapons": "{items} hiện vật được giao nộp; {households} hộ được vận động",
    "acknowledged": "đã được Công an ghi nhận",
    "acknowledged_by": "đã được {level} ghi nhận",
}
# Who acknowledged a model (reports/review.py LEVELS), as the review card names them.
ACKNOWLEDGED_LEVELS = {
    "commune_police": "Công an xã, phường",
    "commune_committee": "UBND xã, phường",
    "district_police": "Công an quận, huyện",
    "district_committee": "UBND quận, huyện",
    "province_police": "Công an tỉnh, thành phố",
    "province_committee": "UBND tỉnh, thành phố",
    "ministry": "Bộ Công an",
}
TIP_HIDDEN = "Nguồn tin (nội dung chỉ Công an phường xem)"
TIP_VALUABLE = {True: "có giá trị", False: "chưa có giá trị", None: "chưa đánh giá"}

# Chart
CHART_TITLE = "Hoạt động theo tổ · {period}"
CHART_TITLE_WARDS = "Hoạt động theo xã, phường · {period}"
CHART_X = "Số báo cáo"
CHART_STATUS = "đạt {met}/{known}"
CHART_NO_TEAMS = "Chưa có tổ nào"

PLACE_PREFIXES = (
    "Phường ",
    "Xã ",
    "Đặc khu ",
    "Thị trấn ",
    "Thành phố ",
    "Tỉnh ",
    "Quận ",
    "Huyện ",
)


def yes_no_result(answer: bool, when_met: str, when_not_met: str, judged: bool = True) -> str:
    """Đạt: không có trường hợp tái phạm (never a bare "Không" under a negative target); what
    happened without "Đạt" where no target was set ("Không có trường hợp tái phạm")."""
    words = when_met if answer else when_not_met
    if not judged:
        return words[:1].upper() + words[1:] if words else YES_NO[answer]
    verdict = YES_NO_RESULT[answer]
    return f"{verdict}: {words}" if words else verdict


def in_sentence(label: str) -> str:
    """A label as written inside a sentence: "việc tốt" for "Việc tốt", but "PCCC, CNCH"
    stays upper case (an acronym is never lowered)."""
    first = label.split(" ", 1)[0].strip(",;:")
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]


def vn_date(day: date) -> str:
    """22/12/2025."""
    return day.strftime("%d/%m/%Y")


def count(value: int) -> str:
    """1.234 (dots group thousands in Vietnamese)."""
    return f"{value:,}".replace(",", ".")


def percent(value: Fraction, short_of: int | None = None) -> str:
    """93%; a share that misses `short_of` never rounds up to it (79,6% rather than 80%)."""
    rounded = math.floor(value + Fraction(1, 2))
    if (short_of is not None and rounded >= short_of > value) or (rounded == 100 > value):
        tenths = math.floor(value * 10)
        return f"{tenths // 10},{tenths % 10}%"
    return f"{rounded}%"


def minutes(value: Fraction) -> str:
    """12, or 12,5 (a median of two)."""
    whole = math.floor(value)
    return str(whole) if value == whole else f"{whole},{math.floor((value - whole) * 10)}"


def target_text(comparison: str, target: int, measure: str) -> str:
    """100%, trên 90%, ≥ 1."""
    if measure == "count":
        return f"≥ {target}"
    return f"trên {target}%" if comparison == "more_than" else f"{target}%"


def period_label(period: Period) -> str:
    """tháng 11/2026, Đợt 1 (22/12/2025 – 30/01/2026), năm 2026, năm xếp loại 2026 (…)."""
    span = f"{vn_date(period.start)} – {vn_date(period.end)}"
    if period.kind == "month":
        return f"tháng {period.start.month}/{period.start.year}"
    if period.kind == "year":
        return f"năm {period.start.year}"
    if period.kind == "rating_year":
        return f"năm {period.end.year} ({span})"
    return f"{period.name or 'Đợt'} ({span})"


def place_name(name: str) -> str:
    """Yên Hòa for "Phường Yên Hòa"."""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def area_word(name: str) -> str:
    """phường, xã, … for the kind of unit a name begins with."""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return prefix.strip().lower()
    return "địa bàn"


def short_team_name(name: str) -> str:
    """Tổ 12 for "Tổ bảo vệ ANTT số 12"; other names unchanged."""
    found = re.match(r"^Tổ\b.*\bsố\s+(\S+)$", name)
    return f"Tổ {found.group(1)}" if found else name


def police_body(name: str) -> str:
    """CÔNG AN PHƯỜNG YÊN HÒA for "Phường Yên Hòa"."""
    return f"CÔNG AN {name.upper()}"


def unbroken_place(name: str) -> str:
    """Phường Phan Đình Phùng with no-break spaces inside the proper name, so a table cell
    wraps it after "Phường" if it must, never inside "Phan Đình Phùng"."""
    place = place_name(name)
    return name[: len(name) - len(place)] + place.replace(" ", "\u00a0")


def number_kept(name: str) -> str:
    """Tổ bảo vệ ANTT số 12 with a no-break space before the number ("số 12" never split)."""
    return re.sub(r"\bsố (\S+)$", "số\u00a0\\1", name)


def police_name(name: str) -> str:
    """Công an phường Yên Hòa for "Phường Yên Hòa" (as written inside a sentence)."""
    word = area_word(name)
    return f"Công an {word} {place_name(name)}" if word != "địa bàn" else f"Công an {name}"


def ascii_slug(text: str) -> str:
    """YenHoa for "Yên Hòa": letters and digits only, without diacritics."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    kept = "".join(char for char in plain if not unicodedata.combining(char))
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", kept))


# The file-name forms of months, calendar years and rating years: a phase whose name would
# read as one of them (Hà Nội's "Năm 2026" runs 05–12/2026) is marked as a phase.
OTHER_PERIOD_SLUG = re.compile(r"\d{2}-\d{4}|Nam\d{4}|XepLoai-\d{4}")
PHASE_SLUG_MARK = "Dot-"


def period_slug(period: Period) -> str:
    """11-2026, Dot1-2026, Nam2026, XepLoai-2026; Dot-Nam2026 for a phase named "Năm 2026"."""
    if period.kind == "month":
        return f"{period.start.month:02d}-{period.start.year}"
    if period.kind == "year":
        return f"Nam{period.start.year}"
    if period.kind == "rating_year":
        return f"XepLoai-{period.end.year}"
    name = ascii_slug(period.name or "Dot")
    slug = name if str(period.end.year) in name else f"{name}-{period.end.year}"
    return PHASE_SLUG_MARK + slug if OTHER_PERIOD_SLUG.fullmatch(slug) else slug


def file_names(period: Period, unit_name: str) -> dict[str, str]:
    """The names of the three files sent with a digest, keyed by extension."""
    where = ascii_slug(place_name(unit_name))
    when = period_slug(period)
    return {
        "xlsx": f"TongHop_{when}_{where}.xlsx",
        "docx": f"BaoCao_{when}_{where}.docx",
        "png": f"BieuDo_{when}_{where}.png",
    }
