//! Reading one cell as the value its column needs: text, a number (numeric
//! cell, cached formula result or Vietnamese text), yes/no, or a category.
//!
//! Every refusal says what the cell holds and what the column expects, in
//! Vietnamese, because the person fixing it is the village's clerk with the
//! workbook open at that cell.

use std::borrow::Cow;

use calamine::Data;
use rust_decimal::Decimal;

use super::form::{Column, Form};
use super::model::{Housing, Poverty};
use super::sheet::display_text;
use super::text::{cleaned, word_key};
use crate::load::workbook::SheetData;
use crate::vi::number::number_vi;
use crate::vi::number::shown_decimal;
use crate::vi::numtext;

/// A cell, classified before any column rule applies. Text is borrowed
/// from the sheet's cleaned texts ([`Texts`]), cleaned once per distinct text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Bool(bool),
    /// A date or time (an Excel serial with a date format, or ODS ISO text).
    Date(String),
    /// `#DIV/0!` and friends.
    FormulaError(String),
    /// A formula with no stored result: the file was written by a program
    /// that did not calculate it.
    Uncalculated,
    /// A formula whose stored result is the empty string.
    FormulaEmpty,
}

/// The distinct texts of a sheet, each cleaned (`text::cleaned`) once:
/// the yes/no and category columns repeat a handful of texts in every row.
pub struct Texts<'a> {
    cleaned: Vec<Cow<'a, str>>,
}

impl<'a> Texts<'a> {
    pub fn of(sheet: &'a SheetData) -> Self {
        Texts { cleaned: sheet.texts().map(cleaned).collect() }
    }
}

impl<'a> Value<'a> {
    pub fn at(sheet: &'a SheetData, texts: &'a Texts<'a>, row: u32, col: u32) -> Value<'a> {
        let (data, text) = sheet.value_and_text(row, col);
        if let Some(id) = text {
            let text: &str = &texts.cleaned[id as usize];
            return match text.is_empty() {
                false => Value::Text(text),
                true if sheet.has_formula(row, col) => Value::FormulaEmpty,
                true => Value::Empty,
            };
        }
        match &*data {
            Data::Empty if sheet.has_formula(row, col) => Value::Uncalculated,
            Data::Empty => Value::Empty,
            // Never: every text of a sheet has its id, read above.
            Data::String(_) => Value::Empty,
            Data::Int(i) => Value::Number(*i as f64),
            Data::Float(f) => Value::Number(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(d) if d.is_datetime() => {
                let (year, month, day, hour, minute, _, _) = d.to_ymd_hms_milli();
                let time = if (hour, minute) == (0, 0) { String::new() } else { format!(" {hour:02}:{minute:02}") };
                Value::Date(format!("{day:02}/{month:02}/{year}{time}"))
            }
            date @ (Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => Value::Date(display_text(date)),
            Data::Error(e) => Value::FormulaError(e.to_string()),
        }
    }

    /// Blank for deciding where the table ends: nothing visible in the cell.
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Empty | Value::FormulaEmpty | Value::Uncalculated)
    }

    /// How the cell is quoted in a message.
    fn shown(&self) -> String {
        match self {
            Value::Empty => "ô trống".to_string(),
            Value::Text(t) => format!("“{t}”"),
            Value::Number(n) => number_vi(*n, 6),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Date(d) => format!("ngày tháng {d}"),
            Value::FormulaError(e) => format!("lỗi công thức {e}"),
            Value::Uncalculated | Value::FormulaEmpty => "công thức chưa có giá trị".to_string(),
        }
    }
}

/// A refused cell: the message and, when useful, how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub message: String,
    pub hint: Option<String>,
}

fn refuse(column: &Column, value: &Value, expected: &str) -> Refusal {
    let hint = match value {
        Value::Date(_) => {
            Some("ô đang có định dạng ngày tháng: đổi định dạng ô sang Số (Number) rồi nhập lại số".into())
        }
        Value::FormulaError(_) => Some("sửa công thức của ô, hoặc nhập thẳng giá trị".into()),
        Value::Uncalculated | Value::FormulaEmpty => {
            Some("mở tệp bằng Excel hoặc LibreOffice để công thức được tính, rồi lưu lại".into())
        }
        _ => None,
    };
    let found = match value {
        Value::Empty => "để trống".to_string(),
        other => format!("ghi {}", other.shown()),
    };
    Refusal { message: format!("cột “{}” {found}; cần {expected}", column.header), hint }
}

/// Problems every typed column shares: errors, dates, uncalculated formulas.
/// A date, a formula error or a formula without its value: refused in every
/// column that is not a date.
fn is_special(value: &Value) -> bool {
    matches!(value, Value::Date(_) | Value::FormulaError(_) | Value::Uncalculated)
}

fn refuse_special(column: &Column, value: &Value, expected: &str) -> Option<Refusal> {
    match value {
        Value::Date(_) | Value::FormulaError(_) | Value::Uncalculated => Some(refuse(column, value, expected)),
        _ => None,
    }
}

/// Text of an id or name column; `None` for an empty cell.
pub fn text(column: &Column, value: &Value) -> Result<Option<String>, Refusal> {
    let expected = "chữ hoặc số";
    if let Some(refusal) = refuse_special(column, value, expected) {
        return Err(refusal);
    }
    match value {
        Value::Empty => Ok(None),
        Value::Text(t) => Ok(Some(t.to_string())),
        Value::Number(n) => {
            Ok(Some(if n.fract() == 0.0 && n.abs() < 1e15 { format!("{n:.0}") } else { n.to_string() }))
        }
        _ => Err(refuse(column, value, expected)),
    }
}

/// A number ≥ 0; `whole` also refuses decimals. `None` for an empty cell.
///
/// Exact: text is read as the decimal it spells, a number cell as the
/// decimal the spreadsheet shows for it (`vi::number::shown_decimal`).
pub fn number(column: &Column, value: &Value, whole: bool) -> Result<Option<Decimal>, Refusal> {
    let expected =
        if whole { "một số nguyên không âm (ví dụ 4)" } else { "một số không âm (ví dụ 120,5)" };
    if let Some(refusal) = refuse_special(column, value, expected) {
        return Err(refusal);
    }
    let n = match value {
        Value::Empty => return Ok(None),
        Value::Number(n) if n.is_finite() => shown_decimal(*n).ok_or_else(|| too_large(column, value))?,
        Value::Text(t) => numtext::parse(t).ok_or_else(|| refuse(column, value, expected))?,
        _ => return Err(refuse(column, value, expected)),
    };
    // A decimal of scale 0 is whole without asking `fract` (which divides).
    if n.is_sign_negative() || (whole && n.scale() != 0 && !n.fract().is_zero()) {
        return Err(refuse(column, value, expected));
    }
    Ok(Some(n))
}

/// A figure beyond what its column can hold.
pub fn too_large(column: &Column, value: &Value) -> Refusal {
    Refusal { message: format!("cột “{}” ghi {}, quá lớn", column.header, value.shown()), hint: None }
}

/// Yes or no; an empty cell is no.
pub fn yes_no(form: &Form, column: &Column, value: &Value) -> Result<bool, Refusal> {
    let expected =
        || format!("có ({}) hoặc không ({}, hoặc để trống)", distinct(&form.yes_words), distinct(&form.no_words));
    // The message is built only for a cell that is refused: most are fine.
    if is_special(value) {
        return Err(refuse(column, value, &expected()));
    }
    let answer = match value {
        Value::Empty | Value::FormulaEmpty => Some(false),
        Value::Bool(b) => Some(*b),
        Value::Number(n) if *n == 1.0 => Some(true),
        Value::Number(n) if *n == 0.0 => Some(false),
        Value::Text(t) => form.yes_no(t),
        _ => None,
    };
    answer.ok_or_else(|| refuse(column, value, &expected()))
}

/// Poverty class; an empty cell is `Poverty::None`.
pub fn poverty(form: &Form, column: &Column, value: &Value) -> Result<Poverty, Refusal> {
    let expected = || format!("{}, hoặc để trống", one_of(form.poverty.iter().map(|(_, w)| w)));
    // The message is built only for a cell that is refused: most are fine.
    if is_special(value) {
        return Err(refuse(column, value, &expected()));
    }
    let class = match value {
        Value::Empty | Value::FormulaEmpty => Some(Poverty::None),
        Value::Text(t) => form.poverty(t),
        _ => None,
    };
    class.ok_or_else(|| refuse(column, value, &expected()))
}

/// Housing type; required.
pub fn housing(form: &Form, column: &Column, value: &Value) -> Result<Housing, Refusal> {
    let expected = || one_of(form.housing.iter().map(|(_, w)| w));
    let kind = match value {
        Value::Text(t) => form.housing(t),
        _ => None,
    };
    kind.ok_or_else(|| refuse(column, value, &expected()))
}

/// Words that differ after folding (`Có` and `có` are one), for messages.
fn distinct(words: &[String]) -> String {
    let mut seen = Vec::new();
    let mut shown = Vec::new();
    for word in words {
        let key = word_key(word);
        if !seen.contains(&key) {
            seen.push(key);
            shown.push(word.as_str());
        }
    }
    shown.join(", ")
}

fn one_of<'a>(lists: impl Iterator<Item = &'a Vec<String>>) -> String {
    let firsts: Vec<String> = lists.filter_map(|w| w.first()).map(|w| format!("“{w}”")).collect();
    format!("một trong {}", firsts.join(", "))
}
