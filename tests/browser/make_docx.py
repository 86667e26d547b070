#!/usr/bin/env python3
"""Writes a small conclusion notice of the fictional commune xã Hòa Bình Xanh as DOCX, dated
today with deadlines after today, for the browser test. Usage: make_docx.py OUT.docx"""
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

today = datetime.date.today()
due_a = today + datetime.timedelta(days=60)
due_b = today + datetime.timedelta(days=90)
d = lambda x: f"{x.day}/{x.month}/{x.year}"

paragraphs = [
    ("ĐẢNG BỘ TỈNH MẪU", True),
    ("ĐẢNG ỦY XÃ HÒA BÌNH XANH", True),
    ("*", False),
    ("Số 9-TB/ĐU", False),
    ("ĐẢNG CỘNG SẢN VIỆT NAM", True),
    (f"Hòa Bình Xanh, ngày {today.day} tháng {today.month} năm {today.year}", False),
    ("THÔNG BÁO", True),
    ("kết luận của Thường trực Đảng ủy tại buổi giao ban với Mặt trận Tổ quốc và các đoàn thể xã", True),
    ("Thường trực Đảng ủy kết luận như sau:", False),
    (f"1. Giao Hội Nông dân xã chủ trì xây dựng mô hình liên kết tiêu thụ nông sản, hoàn thành trước ngày {d(due_a)}.", False),
    (f"2. Giao Đoàn xã phối hợp với Hội Liên hiệp Phụ nữ xã tổ chức ngày hội việc làm cho thanh niên, hoàn thành trước ngày {d(due_b)}.", False),
    ("Nơi nhận:", False),
    ("- Các đồng chí Ủy viên Ban Thường vụ,", False),
    ("- Lưu Văn phòng Đảng ủy.", False),
    ("T/L BAN THƯỜNG VỤ", True),
    ("CHÁNH VĂN PHÒNG", True),
    ("Lê Thị Mẫu", True),
]

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
body = "".join(
    f'<w:p><w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>'
    for t, bold in paragraphs
)
document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>'
content_types = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
rels = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", content_types)
    z.writestr("_rels/.rels", rels)
    z.writestr("word/document.xml", document)
