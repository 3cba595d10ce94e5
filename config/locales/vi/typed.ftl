# Buttons shown as a numbered list, on a messenger without buttons (Zalo).
typed-choice-hint = Gõ số hoặc chữ để chọn.
typed-ticks-hint = Gõ một hoặc nhiều số để đánh dấu, ví dụ: 1 3 4
typed-values-hint = Gõ con số, hoặc gõ chữ của một dòng có dấu •.
typed-out-of-range = Không có lựa chọn số { $wrong }. Xin đồng chí gõ một trong các số: { $valid }.
typed-one-only = Câu này chỉ chọn một. Xin đồng chí gõ một trong các số: { $valid }.
