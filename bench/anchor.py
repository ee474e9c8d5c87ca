"""The yardstick of `make bench` (issue #17), not a part of ntm.

The few lines of pandas + python-calamine a Python user would write instead
of `ntm check` to total a round of village workbooks: read each workbook's
household sheet, drop the rows without a household id, sum four columns.
It checks nothing and reports nothing; it is here so the benchmark can show
how ntm's intake compares with reading the same sheets through the same
Rust parser (calamine) from Python, measured in the same run.

    python anchor.py <folder of .xlsx>

`make bench` (bench/run.sh) runs it with pandas and python-calamine from a
virtual environment it creates under bench/.venv when missing, and skips
the comparison when no Python is available. ntm never imports it.
"""

import sys
from pathlib import Path

import pandas as pd

SHEET = "Hộ gia đình"
HEADER_ROW = 3  # title rows above the table (examples/common/survey_gen.rs)
ID = "Mã hộ"
SUMMED = ["Số nhân khẩu", "Tổng thu nhập năm (triệu đồng)", "Số người có BHYT", "Số lao động"]


def main(folder: Path) -> None:
    households = 0
    totals = pd.Series(0.0, index=SUMMED)
    for path in sorted(folder.glob("*.xlsx")):
        frame = pd.read_excel(path, sheet_name=SHEET, header=HEADER_ROW, engine="calamine")
        frame = frame.dropna(subset=[ID])
        households += len(frame)
        totals += frame[SUMMED].sum()
    print(f"anchor: {households} households; " + "; ".join(f"{k} {v:,.1f}" for k, v in totals.items()))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
