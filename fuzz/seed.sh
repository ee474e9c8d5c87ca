#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the example workspace:
# the survey workbooks, their XML cut to a few rows, the document bodies and
# the texts of the legacy-encoding tests. Run from fuzz/; needs python3.
set -euo pipefail
cd "$(dirname "$0")"
inputs=../inputs
mkdir -p corpus/{markdown,legacy,numtext,workbook_bytes,workbook_xml}

# The committed .xls and .ods fixtures: the compound-file and ODS paths.
for f in ../tests/fixtures/survey/*.xls ../tests/fixtures/survey/*.ods; do
  [ -f "$f" ] && cp "$f" "corpus/workbook_bytes/fixture-$(basename "$f" | tr ' ' _)"
done

# Raw workbooks (one per round is enough: they share a layout).
for f in "$inputs"/survey/*/thon-1.xlsx "$inputs"/survey/*/thon-4.xlsx; do
  [ -f "$f" ] && cp "$f" "corpus/workbook_bytes/$(basename "$(dirname "$f")")_$(basename "$f")"
done

python3 - "$inputs" <<'PY'
import glob, os, re, sys, zipfile
inputs = sys.argv[1]
# Worksheet XML cut to its first rows (header, label, a few households, a
# totals row), NUL, then the shared strings: the workbook_xml input format.
for n, path in enumerate(sorted(glob.glob(f"{inputs}/survey/*/thon-*.xlsx"))[:4]):
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml")
    rows = re.findall(r"<row [^>]*>.*?</row>", sheet, re.S)
    keep = rows[:9] + rows[-1:]
    head = sheet[: sheet.index("<sheetData>") + len("<sheetData>")]
    tail = sheet[sheet.index("</sheetData>"):]
    cut = head + "".join(keep) + tail
    with open(f"corpus/workbook_xml/example-{n}", "wb") as out:
        out.write(cut.encode() + b"\0" + strings)
# Inline strings, formulas with and without cached values, text numbers,
# legacy text, booleans and errors, without shared strings.
inline = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Thôn:</t></is></c><c r="B1" t="inlineStr"><is><t>Th«n 2</t></is></c></row>'
  '<row r="2">' + "".join(f'<c r="{c}2" t="inlineStr"><is><t>{h}</t></is></c>' for c, h in zip("ABCDEFGHIJKLMN",
  ["STT","Mã hộ","Họ và tên chủ hộ","Số nhân khẩu","Tổng thu nhập năm (triệu đồng)","Phân loại hộ","Loại nhà ở",
   "Nước sạch","Nhà tiêu hợp vệ sinh","Phân loại rác tại nguồn","Số người có BHYT","Số lao động","Số lao động qua đào tạo","Gia đình văn hóa"])) + '</row>'
  '<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>HGD01</t></is></c><c r="C3" t="inlineStr"><is><t>NguyÔn V¨n A</t></is></c>'
  '<c r="D3" t="inlineStr"><is><t>4</t></is></c><c r="E3" t="inlineStr"><is><t>1.250,5</t></is></c><c r="F3" t="inlineStr"><is><t>Cận nghèo</t></is></c>'
  '<c r="G3" t="inlineStr"><is><t>Kiên cố</t></is></c><c r="H3" t="b"><v>1</v></c><c r="I3" t="inlineStr"><is><t>x</t></is></c><c r="J3" t="e"><v>#N/A</v></c>'
  '<c r="K3"><f>D3</f><v>4</v></c><c r="L3"><f>2</f></c><c r="M3"><v>1</v></c><c r="N3" t="inlineStr"><is><t>Có</t></is></c></row>'
  '<row r="4"><c r="B4" t="inlineStr"><is><t>Tổng cộng</t></is></c><c r="D4"><f>SUM(D3:D3)</f><v>4</v></c></row>'
  '</sheetData></worksheet>')
with open("corpus/workbook_xml/inline", "wb") as out:
    out.write(inline.encode() + b"\0")

# Document bodies (the `body: |` block of each example document).
for path in glob.glob(f"{inputs}/documents/*.yaml"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"^body: \|\n((?:  .*\n|\n)*)", text, re.M)
    if m:
        body = "\n".join(l[2:] for l in m.group(1).split("\n"))
        with open(f"corpus/markdown/{os.path.basename(path)}.md", "w", encoding="utf-8") as out:
            out.write(body)
samples = {
    "markdown": ["# a\n\n1. x\n   - y\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n[^1]\n\n[^1]: note [^2]\n\n[^2]: deep\n",
                 "```ntm:criteria-table\n```\n\n> q\n> > qq\n\n`code` **b** *i* ~~s~~ [l](http://x) <b>h</b>\n",
                 "#import \"/etc/passwd\"\n\n#read(\"/etc/passwd\") $x$ \\ ] [ @ref <l> // /* \u202e\u0000\u0007\n"],
    "legacy": ["Th«n 3", "§¦êNG LµNG", "Thoân", "HUÕ", "NguyÔn V¨n A", "ñi", "Cã", "Việt Nam", "¸nh s¸ng"],
    "numtext": ["1.250", "120,5", "1.250.000,75", " 1 250 ", "-3", "+4,5", "120.5", "0.1234", "1,2,3", "1e3"],
}
for target, texts in samples.items():
    for i, t in enumerate(texts):
        with open(f"corpus/{target}/sample-{i}", "w", encoding="utf-8") as out:
            out.write(t)
PY
ls corpus/* | head -50
