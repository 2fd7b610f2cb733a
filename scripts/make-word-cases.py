#!/usr/bin/env python3
"""Writes tests/corpus/words/cases.tsv: real-word slips (every syllable valid Vietnamese, the
word wrong) written into lines of the clean letters of tests/corpus/clean.

Deterministic: the slips are the fixed list below; each goes into the first line (files in
sorted order) holding the right word, or into a fixed frame when no clean line holds it.
Columns: rule, the exact excerpt expected, the fix expected, the text (\\n for line breaks).
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests/corpus/clean"
OUT = ROOT / "tests/corpus/words/cases.tsv"

# (right, wrong): tone, vowel diacritic and one-letter slips over office words.
SLIPS = [
    ("thực hiện", "thực hiên"), ("đề nghị", "đề nghỉ"), ("phối hợp", "phối hớp"),
    ("triển khai", "triễn khai"), ("kế hoạch", "kế hoạc"), ("báo cáo", "báo cào"),
    ("hướng dẫn", "hướng dẩn"), ("tổ chức", "tổ chúc"), ("cơ quan", "cơ quang"),
    ("đơn vị", "đơn vỉ"), ("quyết định", "quyết đinh"), ("ban hành", "ban hánh"),
    ("kiểm tra", "kiểm trà"), ("giám sát", "giám sắt"), ("chủ trì", "chủ tri"),
    ("tổng hợp", "tổng hớp"), ("nhiệm vụ", "nhiệm vũ"), ("giải pháp", "giải phép"),
    ("nội dung", "nội dúng"), ("thời gian", "thời giam"), ("địa điểm", "địa điễm"),
    ("kết quả", "kết quá"), ("tình hình", "tình hính"), ("yêu cầu", "yêu cấu"),
    ("trân trọng", "trân trong"), ("nghiêm túc", "nghiêm tục"), ("khẩn trương", "khẩn trướng"),
    ("cán bộ", "cán bổ"), ("công chức", "công chúc"), ("viên chức", "viên chúc"),
    ("cải cách", "cải cánh"), ("hành chính", "hành chỉnh"), ("thủ tục", "thủ túc"),
    ("dự toán", "dự toàn"), ("kinh phí", "kinh phi"), ("ngân sách", "ngân sạch"),
    ("thẩm định", "thẩm đinh"), ("phê duyệt", "phê duyết"), ("tuyên truyền", "tuyên truyện"),
    ("an toàn", "an toán"), ("thông tin", "thông tín"), ("văn bản", "văn bàn"),
    ("tiếp nhận", "tiếp nhân"), ("lưu trữ", "lưu trử"), ("đôn đốc", "đôn đóc"),
    ("bảo đảm", "bảo đám"), ("hiệu quả", "hiệu qua"), ("chất lượng", "chất lương"),
    ("mục tiêu", "mục tiếu"), ("giải quyết", "giải quyệt"), ("xem xét", "xem xết"),
    ("đề xuất", "đề suất"), ("kiến nghị", "kiến nghi"), ("thành phần", "thành phấn"),
    ("chính quyền", "chính quyên"), ("địa phương", "địa phượng"), ("bộ máy", "bộ mày"),
    ("tinh gọn", "tinh gọi"), ("chuyển đổi", "chuyển đội"), ("trực tuyến", "trực tuyền"),
    ("dịch vụ", "dịch vủ"), ("phòng chống", "phòng chồng"), ("thiên tai", "thiên tại"),
    ("trách nhiệm", "trách nhiễm"), ("quy định", "quy đinh"), ("thực hiện", "thức hiện"),
    ("khắc phục", "khắc phúc"), ("hỗ trợ", "hỗ trơ"), ("tăng cường", "tăng cương"),
    ("tham mưu", "tham mứu"),
]

FRAME = "Các cơ quan, đơn vị chủ động {w} theo chức năng và báo cáo trước ngày 30/6/2025."


def lines():
    for p in sorted(CLEAN.rglob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            yield line.strip()


def main():
    all_lines = [l for l in lines() if l]
    rows = []
    for right, wrong in SLIPS:
        pat = re.compile(r"(?<!\w)" + re.escape(right) + r"(?!\w)")
        text = next((l for l in all_lines if pat.search(l) and len(l) < 400), None)
        if text is None:
            text = FRAME.format(w=right)
            pat_used = pat
        else:
            pat_used = pat
        text = pat_used.sub(wrong, text, count=1)
        rows.append(f"word.misspelt\t{wrong}\t{right}\t{text}")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} cases")


if __name__ == "__main__":
    main()
