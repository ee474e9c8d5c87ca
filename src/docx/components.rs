//! The `ntm:` components of `components.typ`, drawn from `data.json` as
//! real Word tables: the criteria table (criterion cells merged down their
//! indicators), the per-village tables, the plan's tasks with their
//! totals, the assignments, the review calendar, the progress tables and
//! the weekly summary. Header rows repeat on every page. The charts are
//! pictures made by typst from the same component (`charts.rs`).

use docx_rs::{
    AlignmentType, BorderType, BreakType, HeightRule, Paragraph, Pic, Run, Table, TableBorder, TableCell,
    TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use serde_json::Value;

use super::charts::Chart;
use super::json::{field, list};
use super::text::{Format, Look, line, run, tight, twips};
use super::{Block, body::Notes};

/// One cell: its paragraphs, how many grid columns it spans, and whether it
/// opens or continues a vertical merge.
pub(super) struct Cell {
    pub paras: Vec<Paragraph>,
    pub span: usize,
    pub merge: Option<VMergeType>,
    pub valign: VAlignType,
}

impl Cell {
    pub fn new(paras: Vec<Paragraph>) -> Cell {
        Cell { paras, span: 1, merge: None, valign: VAlignType::Center }
    }
    /// Text in one paragraph aligned `align`.
    pub fn text(text: &str, align: AlignmentType, format: Format) -> Cell {
        Cell::new(vec![line(tight(align), text, format)])
    }
    fn span(self, span: usize) -> Cell {
        Cell { span, ..self }
    }
    fn merge(self, merge: VMergeType) -> Cell {
        Cell { merge: Some(merge), ..self }
    }
}

/// A column width: millimetres, or a share of what is left.
#[derive(Clone, Copy)]
pub(super) enum Width {
    Mm(f64),
    Fr(f64),
}

/// Widths in twips that fill `total`.
pub(super) fn widths(columns: &[Width], total: usize) -> Vec<usize> {
    let fixed: usize = columns.iter().map(|w| if let Width::Mm(mm) = w { twips(*mm) as usize } else { 0 }).sum();
    let shares: f64 = columns.iter().map(|w| if let Width::Fr(f) = w { *f } else { 0.0 }).sum();
    let rest = total.saturating_sub(fixed) as f64;
    columns
        .iter()
        .map(|w| match w {
            Width::Mm(mm) => twips(*mm) as usize,
            Width::Fr(f) => ((rest * f / shares.max(f64::MIN_POSITIVE)) as usize).max(400),
        })
        .collect()
}

/// Marks a row as a header row Word repeats on each page: docx-rs has no
/// `w:tblHeader`, so the row gets a 1-twip minimum height no other row
/// has, which `package.rs` turns into `<w:tblHeader/>`.
pub(super) fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).row_height(1.0).height_rule(HeightRule::AtLeast).cant_split()
}

/// A ruled table: 0.5 pt black lines, `header` rows repeated on each page.
pub(super) fn ruled(widths: Vec<usize>, header: Vec<Vec<Cell>>, rows: Vec<Vec<Cell>>) -> Table {
    let borders =
        super::front::all_borders(|p| TableBorder::new(p).border_type(BorderType::Single).size(4).color("000000"));
    let to_cells = |row: Vec<Cell>, widths: &[usize]| -> Vec<TableCell> {
        let mut col = 0;
        row.into_iter()
            .map(|c| {
                let width: usize = widths.iter().skip(col).take(c.span).sum();
                col += c.span;
                let mut tc = TableCell::new().width(width, WidthType::Dxa).vertical_align(c.valign);
                if c.span > 1 {
                    tc = tc.grid_span(c.span);
                }
                if let Some(m) = c.merge {
                    tc = tc.vertical_merge(m);
                }
                if c.paras.is_empty() {
                    tc = tc.add_paragraph(tight(AlignmentType::Left));
                }
                c.paras.into_iter().fold(tc, |tc, p| tc.add_paragraph(p))
            })
            .collect()
    };
    let mut table_rows: Vec<TableRow> = header.into_iter().map(|r| header_row(to_cells(r, &widths))).collect();
    table_rows.extend(rows.into_iter().map(|r| TableRow::new(to_cells(r, &widths)).cant_split()));
    let total = widths.iter().sum();
    Table::new(table_rows)
        .set_borders(borders)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(docx_rs::TableCellMargins::new().margin(60, 60, 60, 60))
}

/// What the components draw with.
pub(super) struct Drawing<'a> {
    pub data: &'a Value,
    pub look: &'a Look,
    pub charts: &'a [Chart],
}

impl Drawing<'_> {
    /// Table text: the body size less 2 points (components.typ).
    fn size(&self) -> f64 {
        self.look.body - 2.0
    }
    fn f(&self) -> Format {
        Format::sized(self.size())
    }
    fn hc(&self, text: &str) -> Cell {
        Cell::text(text, AlignmentType::Center, self.f().bold())
    }
    fn c(&self, text: &str, align: AlignmentType) -> Cell {
        Cell::text(text, align, self.f())
    }
    fn table(&self, columns: &[Width], header: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        let header = vec![header.iter().map(|h| self.hc(h)).collect()];
        ruled(widths(columns, self.look.text_width), header, rows)
    }
    /// A paragraph in the body's style.
    fn par(&self, text: &str, format: Format) -> Block {
        Block::P(line(self.look.body_par(), text, format))
    }
    /// A caption kept with the table under it.
    fn caption(&self, text: &str) -> Block {
        Block::P(
            line(tight(AlignmentType::Left), text, Format::default().bold())
                .keep_next(true)
                .line_spacing(docx_rs::LineSpacing::new().before(200).after(120)),
        )
    }
    /// "[thiếu dữ liệu cho …]", the layouts' safety net.
    fn missing(&self, what: &str) -> Vec<Block> {
        vec![Block::P(line(
            tight(AlignmentType::Left),
            &format!("[thiếu dữ liệu cho {what}]"),
            Format::default().bold(),
        ))]
    }
    /// "≥ 50*": the threshold with the unconfirmed mark, a no-break space
    /// after the sign.
    fn threshold(&self, ind: &Value) -> String {
        let t = field(ind, "threshold").replace("≥ ", "≥\u{a0}").replace("≤ ", "≤\u{a0}");
        if ind["threshold_unconfirmed"].as_bool() == Some(true) {
            let mark = field(self.data, "unconfirmed_mark");
            t + if mark.is_empty() { "*" } else { &mark }
        } else {
            t
        }
    }
    /// The note under the first table with an unconfirmed threshold.
    fn unconfirmed_note(&self, notes: &mut Notes, any: bool) -> Option<Block> {
        let note = field(self.data, "unconfirmed_note");
        if !any || note.trim().is_empty() || notes.note_shown {
            return None;
        }
        notes.note_shown = true;
        let p = line(tight(AlignmentType::Both), &note, self.f().italic())
            .line_spacing(docx_rs::LineSpacing::new().before(120).after(120));
        Some(Block::P(p))
    }

    /// The blocks of component `name`.
    pub fn component(&self, name: &str, notes: &mut Notes) -> Vec<Block> {
        match name {
            "criteria-table" => self.criteria_table(notes),
            "village-chart" | "progress-chart" => self.chart(name, notes),
            "village-annex" => self.village_annex(notes),
            "scorecard" => self.scorecard(notes),
            "plan-tasks" => self.plan_tasks(),
            "assignments" => self.assignments(),
            "review-calendar" => self.review_calendar(),
            "progress-moved" => self.progress_moved(),
            "progress-villages" => self.progress_villages(),
            "overdue-tasks" => self.overdue_tasks(),
            "household-changes" => self.household_changes(),
            "weekly-summary" => self.weekly_summary(),
            _ => self.missing(&format!("bảng “{name}”")),
        }
    }

    fn criteria_table(&self, notes: &mut Notes) -> Vec<Block> {
        let ev = &self.data["evaluation"];
        let crits = list(ev, "criteria");
        if crits.is_empty() {
            return self.missing("bảng đánh giá các tiêu chí");
        }
        let (left, center) = (AlignmentType::Left, AlignmentType::Center);
        let mut rows = Vec::new();
        let mut any_unconfirmed = false;
        for c in crits {
            let inds = list(c, "indicators");
            let status = field(c, "status");
            let mut name = vec![run(&field(c, "name"), self.f())];
            if !status.is_empty() {
                name.push(run(&format!("\n({status})"), self.f().italic()));
            }
            let name_par = name.into_iter().fold(tight(left), Paragraph::add_run);
            // The criterion's number and name span all its indicator rows.
            let head = |first: bool| -> [Cell; 2] {
                if first {
                    [
                        self.c(&field(c, "number"), center).merge(VMergeType::Restart),
                        Cell::new(vec![name_par.clone()]).merge(VMergeType::Restart),
                    ]
                } else {
                    [
                        Cell::new(Vec::new()).merge(VMergeType::Continue),
                        Cell::new(Vec::new()).merge(VMergeType::Continue),
                    ]
                }
            };
            if inds.is_empty() {
                let [n, m] = head(true);
                rows.push(vec![n, m, self.c("—", left), self.c("", center), self.c("", center), self.c("", center)]);
            }
            for (i, ind) in inds.iter().enumerate() {
                any_unconfirmed |= ind["threshold_unconfirmed"].as_bool() == Some(true);
                let id = field(ind, "id");
                let text = field(ind, "text");
                let text = if id.trim().is_empty() { text } else { format!("{}. {text}", id.trim()) };
                let [n, m] = head(i == 0);
                rows.push(vec![
                    n,
                    m,
                    self.c(&text, left),
                    self.c(&self.threshold(ind), center),
                    self.c(&field(ind, "result"), center),
                    self.c(&field(ind, "status"), center),
                ]);
            }
        }
        let (met, total) = (field(ev, "criteria_met"), field(ev, "criteria_total"));
        if !met.is_empty() && !total.is_empty() {
            rows.push(vec![Cell::text(&format!("Số tiêu chí đạt: {met}/{total}"), left, self.f().bold()).span(6)]);
        }
        let columns =
            [Width::Mm(8.0), Width::Mm(26.0), Width::Fr(1.0), Width::Mm(20.0), Width::Mm(25.0), Width::Mm(20.0)];
        let header = ["TT", "Tiêu chí", "Nội dung chỉ tiêu", "Ngưỡng", "Kết quả", "Đánh giá"];
        let mut out = vec![Block::T(self.table(&columns, &header, rows))];
        out.extend(self.unconfirmed_note(notes, any_unconfirmed));
        out
    }

    fn chart(&self, name: &str, notes: &mut Notes) -> Vec<Block> {
        let Some(chart) = self.charts.iter().find(|c| c.component == name) else {
            return self.missing("biểu đồ");
        };
        notes.pictures += 1;
        let pic = Pic::new_with_dimensions(chart.png.clone(), chart.width_px, chart.height_px)
            .id(format!("rIdImage{}", notes.pictures))
            .size(chart.width_emu(), chart.height_emu());
        let p = tight(AlignmentType::Center)
            .line_spacing(docx_rs::LineSpacing::new().before(200).after(200))
            .add_run(Run::new().add_image(pic));
        let mut out = vec![Block::P(p)];
        let any = name == "progress-chart"
            && list(&self.data["progress"], "series").iter().any(|s| !field(s, "threshold_mark").is_empty());
        out.extend(self.unconfirmed_note(notes, any));
        out
    }

    /// STT | Chỉ tiêu | Ngưỡng | Kết quả | Đánh giá | Còn thiếu.
    fn village_table(&self, v: &Value, notes: &mut Notes) -> Vec<Block> {
        let inds = list(v, "indicators");
        if inds.is_empty() {
            return vec![Block::P(line(
                tight(AlignmentType::Left),
                "Không có chỉ tiêu tính được từ phiếu khảo sát.",
                Format::default().italic(),
            ))];
        }
        let (left, center) = (AlignmentType::Left, AlignmentType::Center);
        let rows = inds
            .iter()
            .map(|ind| {
                vec![
                    self.c(&field(ind, "id"), center),
                    self.c(&field(ind, "text"), left),
                    self.c(&self.threshold(ind), center),
                    self.c(&field(ind, "result"), center),
                    self.c(&field(ind, "status"), center),
                    self.c(&field(ind, "gap"), left),
                ]
            })
            .collect();
        let columns =
            [Width::Mm(12.0), Width::Fr(1.0), Width::Mm(20.0), Width::Mm(22.0), Width::Mm(20.0), Width::Mm(34.0)];
        let header = ["STT", "Chỉ tiêu", "Ngưỡng", "Kết quả", "Đánh giá", "Còn thiếu"];
        let mut out = vec![Block::T(self.table(&columns, &header, rows))];
        let any = inds.iter().any(|i| i["threshold_unconfirmed"].as_bool() == Some(true));
        out.extend(self.unconfirmed_note(notes, any));
        out
    }

    fn status_text(v: &Value) -> String {
        let st = field(v, "status_text");
        let st = if st.trim().is_empty() { "Chưa có kết quả".to_string() } else { st.trim().to_string() };
        sentence(st)
    }

    fn summary_line(v: &Value) -> String {
        format!("Đạt {}/{} chỉ tiêu tính từ phiếu khảo sát.", field(v, "met_count"), field(v, "total"))
    }

    fn village_annex(&self, notes: &mut Notes) -> Vec<Block> {
        let vs = list(&self.data["evaluation"], "villages");
        if vs.is_empty() {
            return self.missing("phụ lục kết quả theo thôn");
        }
        let mut out = Vec::new();
        for (i, v) in vs.iter().enumerate() {
            let name = match field(v, "name") {
                n if n.is_empty() => field(v, "id"),
                n => n,
            };
            // Each annex on a new page, its heading as components.typ sets
            // it: "Phụ lục I", the title in capitals, the citing line.
            let label = if vs.len() > 1 { format!("Phụ lục {}", roman(i + 1)) } else { "Phụ lục".to_string() };
            let heading = tight(AlignmentType::Center)
                .keep_next(true)
                .add_run(Run::new().add_break(BreakType::Page))
                .add_run(run(&label, Format::default().bold()));
            out.push(Block::P(heading));
            let reference = field(self.data, "annex_reference");
            let title = tight(AlignmentType::Center).keep_next(true);
            let title = if reference.is_empty() {
                title.line_spacing(docx_rs::LineSpacing::new().before(0).after(280))
            } else {
                title
            };
            let upper = format!("Kết quả các chỉ tiêu của {name}").to_uppercase();
            out.push(Block::P(title.add_run(run(&upper, Format::default().bold()))));
            if !reference.is_empty() {
                let cite = tight(AlignmentType::Center)
                    .keep_next(true)
                    .line_spacing(docx_rs::LineSpacing::new().before(0).after(280))
                    .add_run(run(&reference, Format::default().italic()));
                out.push(Block::P(cite));
            }
            if field(v, "status") == "ok" {
                out.push(self.par(&Self::summary_line(v), Format::default()));
                out.extend(self.village_table(v, notes));
            } else {
                out.push(self.par(&Self::status_text(v), Format::default()));
            }
        }
        out
    }

    fn scorecard(&self, notes: &mut Notes) -> Vec<Block> {
        let v = &self.data["village"];
        if !v.is_object() {
            return self.missing("phiếu kết quả của thôn");
        }
        if field(v, "status") == "ok" {
            let mut out = vec![self.par(&Self::summary_line(v), Format::default())];
            out.extend(self.village_table(v, notes));
            out
        } else {
            vec![self.par(&Self::status_text(v), Format::default().bold())]
        }
    }

    fn plan_tasks(&self) -> Vec<Block> {
        let plan = &self.data["plan"];
        let tasks = list(plan, "tasks");
        if tasks.is_empty() {
            return self.missing("bảng nhiệm vụ của kế hoạch");
        }
        let unit = match field(plan, "budget_unit") {
            u if u.is_empty() => "triệu đồng".to_string(),
            u => u,
        };
        let keys = ["state", "people", "other", "total"];
        let heads = ["NSNN", "Nhân dân", "Khác", "Tổng"];
        let (left, center, right) = (AlignmentType::Left, AlignmentType::Center, AlignmentType::Right);
        let mut rows: Vec<Vec<Cell>> = tasks
            .iter()
            .map(|t| {
                let mut row = vec![
                    self.c(&field(t, "number"), center),
                    self.c(&field(t, "content"), left),
                    self.c(&field(t, "criteria"), center),
                    self.c(&field(t, "lead"), left),
                    self.c(&field(t, "member"), left),
                    self.c(&field(t, "deadline"), center),
                ];
                row.extend(keys.iter().map(|k| self.c(&field(&t["budget"], k), right)));
                row
            })
            .collect();
        let totals = &plan["budget_totals"];
        if totals.is_object() {
            let mut row = vec![Cell::text("Tổng cộng", center, self.f().bold()).span(6)];
            row.extend(keys.iter().map(|k| Cell::text(&field(totals, k), right, self.f().bold())));
            rows.push(row);
        }
        // Two header rows: the six first cells span both, "Kinh phí"
        // spans the four sources.
        let top = |t: &str| self.hc(t).merge(VMergeType::Restart);
        let under = || Cell::new(Vec::new()).merge(VMergeType::Continue);
        let mut first = vec![
            top("TT"),
            top("Nội dung nhiệm vụ"),
            top("Tiêu chí"),
            top("Đơn vị chủ trì"),
            top("Người phụ trách"),
            top("Thời hạn"),
        ];
        first.push(self.hc(&format!("Kinh phí ({unit})")).span(4));
        let mut second: Vec<Cell> = (0..6).map(|_| under()).collect();
        second.extend(heads.iter().map(|h| self.hc(h)));
        let columns = [
            Width::Mm(8.0),
            Width::Fr(1.0),
            Width::Mm(12.0),
            Width::Mm(20.0),
            Width::Mm(20.0),
            Width::Mm(22.0),
            Width::Mm(14.0),
            Width::Mm(14.0),
            Width::Mm(12.0),
            Width::Mm(14.0),
        ];
        let table = ruled(widths(&columns, self.look.text_width), vec![first, second], rows);
        vec![Block::T(table)]
    }

    fn assignments(&self) -> Vec<Block> {
        let rows = list(&self.data["plan"], "assignments");
        if rows.is_empty() {
            return self.missing("bảng phân công thành viên Ban Chỉ đạo");
        }
        let (left, center) = (AlignmentType::Left, AlignmentType::Center);
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    self.c(&(i + 1).to_string(), center),
                    self.c(&field(a, "member"), left),
                    self.c(&field(a, "position"), left),
                    self.c(&field(a, "role"), left),
                    self.c(&field(a, "criteria"), center),
                    self.c(&field(a, "villages"), center),
                ]
            })
            .collect();
        let columns =
            [Width::Mm(11.0), Width::Mm(35.0), Width::Fr(1.0), Width::Mm(28.0), Width::Mm(22.0), Width::Mm(20.0)];
        let header =
            ["STT", "Thành viên", "Chức vụ", "Nhiệm vụ trong Ban Chỉ đạo", "Tiêu chí phụ trách", "Thôn phụ trách"];
        vec![Block::T(self.table(&columns, &header, rows))]
    }

    fn review_calendar(&self) -> Vec<Block> {
        let rows = list(&self.data["plan"], "reviews");
        if rows.is_empty() {
            return self.missing("bảng lịch kiểm tra, đánh giá");
        }
        let keys = ["kind", "content", "who", "when"];
        let columns = [Width::Mm(11.0), Width::Mm(24.0), Width::Fr(1.0), Width::Mm(36.0), Width::Mm(30.0)];
        let header = ["STT", "Hình thức", "Nội dung", "Thành phần", "Thời gian"];
        vec![Block::T(self.numbered(&columns, &header, rows, &keys, &[]))]
    }

    /// A table whose first column numbers the rows and whose other columns
    /// are `keys` of each row, left aligned except the `centred` ones.
    fn numbered(&self, columns: &[Width], header: &[&str], rows: &[Value], keys: &[&str], centred: &[&str]) -> Table {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut row = vec![self.c(&(i + 1).to_string(), AlignmentType::Center)];
                row.extend(keys.iter().map(|k| {
                    let align = if centred.contains(k) { AlignmentType::Center } else { AlignmentType::Left };
                    self.c(&field(r, k), align)
                }));
                row
            })
            .collect();
        self.table(columns, header, rows)
    }

    /// "Kỳ trước" over "(tháng 3/2023)" when the round is known.
    fn round_header(&self, title: &str, round: &str) -> Cell {
        if round.trim().is_empty() {
            return self.hc(title);
        }
        let p = tight(AlignmentType::Center)
            .add_run(run(title, self.f().bold()))
            .add_run(run(&format!("\n({})", round.trim()), self.f()));
        Cell::new(vec![p])
    }

    fn progress_moved(&self) -> Vec<Block> {
        let p = &self.data["progress"];
        if !p.is_object() {
            return self.missing("bảng chỉ tiêu thay đổi so với kỳ trước");
        }
        let moved = list(p, "moved");
        if moved.is_empty() {
            return vec![self.par("Không có chỉ tiêu nào thay đổi so với kỳ trước.", Format::default())];
        }
        let (left, center) = (AlignmentType::Left, AlignmentType::Center);
        let mut rows: Vec<Vec<Cell>> = moved
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let id = field(m, "id");
                let text = if id.trim().is_empty() {
                    field(m, "text")
                } else {
                    format!("{}. {}", id.trim(), field(m, "text"))
                };
                let note = match field(m, "crossed").as_str() {
                    "up" => self.c("Đạt ngưỡng", left),
                    "down" => Cell::text("Không còn đạt ngưỡng", left, self.f().bold()),
                    _ => self.c("", left),
                };
                vec![
                    self.c(&(i + 1).to_string(), center),
                    self.c(&text, left),
                    self.c(&field(m, "before"), center),
                    self.c(&field(m, "now"), center),
                    self.c(&field(m, "change"), center),
                    note,
                ]
            })
            .collect();
        let (met, before, total) =
            (field(p, "criteria_met"), field(p, "criteria_met_before"), field(p, "criteria_total"));
        if !met.is_empty() && !before.is_empty() && !total.is_empty() {
            let text = format!("Số tiêu chí đạt: kỳ trước {before}/{total}, kỳ này {met}/{total}");
            rows.push(vec![Cell::text(&text, left, self.f().bold()).span(6)]);
        }
        let header = vec![vec![
            self.hc("STT"),
            self.hc("Chỉ tiêu"),
            self.round_header("Kỳ trước", &field(p, "previous_round")),
            self.round_header("Kỳ này", &field(p, "round")),
            self.hc("Thay đổi"),
            self.hc("Ghi chú"),
        ]];
        let columns =
            [Width::Mm(11.0), Width::Fr(1.0), Width::Mm(26.0), Width::Mm(26.0), Width::Mm(18.0), Width::Mm(26.0)];
        vec![Block::T(ruled(widths(&columns, self.look.text_width), header, rows))]
    }

    fn progress_villages(&self) -> Vec<Block> {
        let p = &self.data["progress"];
        if !p.is_object() {
            return self.missing("bảng kết quả các thôn qua hai kỳ");
        }
        let vs = list(p, "villages");
        if vs.is_empty() {
            return vec![self.par("Chưa có kết quả của thôn nào để so sánh giữa hai kỳ.", Format::default())];
        }
        let (left, center) = (AlignmentType::Left, AlignmentType::Center);
        let rows = vs
            .iter()
            .enumerate()
            .map(|(i, v)| {
                vec![
                    self.c(&(i + 1).to_string(), center),
                    self.c(&field(v, "name"), left),
                    self.c(&field(v, "before"), center),
                    self.c(&field(v, "now"), center),
                    self.c(&field(v, "change"), center),
                ]
            })
            .collect();
        let header = vec![vec![
            self.hc("STT"),
            self.hc("Thôn"),
            self.round_header("Kỳ trước", &field(p, "previous_round")),
            self.round_header("Kỳ này", &field(p, "round")),
            self.hc("Thay đổi"),
        ]];
        let columns = [Width::Mm(11.0), Width::Fr(1.0), Width::Mm(30.0), Width::Mm(30.0), Width::Mm(22.0)];
        vec![Block::T(ruled(widths(&columns, self.look.text_width), header, rows))]
    }

    fn overdue_tasks(&self) -> Vec<Block> {
        let p = &self.data["progress"];
        if !p.is_object() {
            return self.missing("bảng nhiệm vụ quá hạn");
        }
        let rows = list(p, "overdue");
        if rows.is_empty() {
            return vec![self.par("Không có nhiệm vụ nào quá hạn.", Format::default())];
        }
        let keys = ["content", "member", "deadline", "status"];
        let columns = [Width::Mm(11.0), Width::Fr(1.0), Width::Mm(34.0), Width::Mm(22.0), Width::Mm(30.0)];
        let header = ["STT", "Nhiệm vụ", "Người phụ trách", "Thời hạn", "Tình trạng"];
        vec![Block::T(self.numbered(&columns, &header, rows, &keys, &["deadline"]))]
    }

    fn household_changes(&self) -> Vec<Block> {
        let p = &self.data["progress"];
        if !p.is_object() {
            return self.missing("danh sách hộ thay đổi giữa hai kỳ khảo sát");
        }
        let h = &p["households"];
        let groups = [
            ("Hộ mới xuất hiện", list(h, "appeared"), false),
            ("Hộ không còn trong phiếu", list(h, "disappeared"), false),
            ("Hộ chuyển thôn", list(h, "moved"), true),
        ];
        if groups.iter().all(|(_, rows, _)| rows.is_empty()) {
            return vec![self.par("Không có hộ nào thay đổi giữa hai kỳ khảo sát.", Format::default())];
        }
        let mut out = vec![self.par(
            "Các danh sách dưới đây so sánh phiếu khảo sát hộ gia đình của hai kỳ theo mã hộ. Một hộ không còn \
             trong phiếu kỳ này thường là do sót dòng hoặc ghi sai mã hộ khi nhập phiếu, không phải hộ đã chuyển đi: \
             cần kiểm tra lại với thôn trước khi kết luận.",
            Format::default(),
        )];
        for (k, (title, rows, is_move)) in groups.iter().filter(|(_, rows, _)| !rows.is_empty()).enumerate() {
            out.push(self.caption(&format!("{}) {title}: {} hộ", letter(k + 1), rows.len())));
            let table = if *is_move {
                let columns = [Width::Mm(11.0), Width::Mm(26.0), Width::Fr(1.0), Width::Mm(28.0), Width::Mm(28.0)];
                let header = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn kỳ trước", "Thôn kỳ này"];
                self.numbered(&columns, &header, rows, &["id", "name", "from", "to"], &[])
            } else {
                let columns = [Width::Mm(11.0), Width::Mm(26.0), Width::Fr(1.0), Width::Mm(32.0)];
                let header = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn"];
                self.numbered(&columns, &header, rows, &["id", "name", "village"], &[])
            };
            out.push(Block::T(table));
        }
        out
    }

    fn weekly_summary(&self) -> Vec<Block> {
        let w = &self.data["weekly"];
        if !w.is_object() {
            return self.missing("bảng tổng hợp báo cáo tuần của các thôn");
        }
        let mut out = vec![self.caption("Khó khăn, vướng mắc các thôn đề nghị xã hỗ trợ")];
        let problems = list(w, "problems");
        if problems.is_empty() {
            out.push(
                self.par("Trong tuần, không thôn nào báo cáo khó khăn, vướng mắc cần xã hỗ trợ.", Format::default()),
            );
        } else {
            let columns = [Width::Mm(11.0), Width::Mm(26.0), Width::Mm(34.0), Width::Fr(1.0)];
            let header = ["STT", "Thôn", "Tiêu chí", "Khó khăn, vướng mắc cần xã hỗ trợ"];
            out.push(Block::T(self.numbered(&columns, &header, problems, &["village", "criterion", "text"], &[])));
        }
        let vs: Vec<&Value> = list(w, "villages").iter().filter(|v| v.is_object()).collect();
        if vs.is_empty() {
            return out;
        }
        out.push(self.caption("Kết quả ra quân của từng thôn"));
        for v in vs {
            let member = field(v, "member");
            let mut p = tight(AlignmentType::Left)
                .keep_next(true)
                .line_spacing(docx_rs::LineSpacing::new().before(180).after(100))
                .add_run(run(&field(v, "name"), Format::default().bold()));
            if !member.trim().is_empty() {
                p = p.add_run(run(&format!(" (phụ trách: {})", member.trim()), Format::default()));
            }
            out.push(Block::P(p));
            let items = list(v, "items");
            let status = field(v, "status_text").trim().to_string();
            if items.is_empty() {
                let st = if status.is_empty() { "Báo cáo không ghi công việc nào".to_string() } else { status };
                out.push(self.par(&sentence(st), Format::default().italic()));
                continue;
            }
            if !status.is_empty() {
                out.push(self.par(&status, Format::default().italic()));
            }
            let columns = [Width::Mm(11.0), Width::Mm(28.0), Width::Fr(1.3), Width::Fr(1.0), Width::Fr(1.0)];
            let header = ["STT", "Tiêu chí", "Công việc đã làm trong tuần", "Kết quả", "Khó khăn, vướng mắc"];
            let keys = ["criterion", "work", "result", "problems"];
            out.push(Block::T(self.numbered(&columns, &header, items, &keys, &[])));
        }
        out
    }
}

/// A sentence ends with a full stop unless it has its own.
fn sentence(s: String) -> String {
    if s.ends_with(['.', '!', '?', '…']) { s } else { s + "." }
}

/// I, II, III, … for the annexes.
fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// a, b, c, … (Typst's "a)" numbering).
fn letter(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(1), "a");
        assert_eq!(letter(27), "aa");
        assert_eq!(sentence("Chưa tính".into()), "Chưa tính.");
    }

    #[test]
    fn widths_fill_the_text_width() {
        let w = widths(&[Width::Mm(10.0), Width::Fr(1.0), Width::Fr(1.0)], 9000);
        assert_eq!(w[0], 567);
        assert_eq!(w[1], w[2]);
        assert!(w.iter().sum::<usize>() <= 9000 && w.iter().sum::<usize>() >= 8998);
    }
}
