//! Report weeks: ISO 8601 weeks (`2023-W24`, Monday to Sunday), the dates
//! written on the forms (`12/06/2023`), and the title a summary prints
//! (`Tuần 24 năm 2023 (12/06 – 18/06/2023)`).
//!
//! ISO weeks because a week number alone must name the same seven days on
//! every machine and in every office: week 1 is the week holding 4 January.

use std::fmt;

use crate::model::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u32,
}

impl IsoWeek {
    /// Parses `2023-W24` (also `2023-w24`, `2023W24`). The message says
    /// what is wrong, in Vietnamese.
    pub fn parse(text: &str) -> Result<IsoWeek, String> {
        let wrong = || format!("tuần `{text}` không đúng dạng NĂM-WSỐ_TUẦN (ví dụ 2023-W24)");
        let upper = text.trim().to_uppercase();
        let (year, week) = upper.split_once('W').ok_or_else(wrong)?;
        let year = year.strip_suffix('-').unwrap_or(year);
        if year.len() != 4 || week.is_empty() || week.len() > 2 {
            return Err(wrong());
        }
        let year: i32 = year.parse().map_err(|_| wrong())?;
        let week: u32 = week.parse().map_err(|_| wrong())?;
        if !(1900..=2999).contains(&year) {
            return Err(format!("năm `{year}` của tuần `{text}` phải từ 1900 đến 2999"));
        }
        let weeks = weeks_in_year(year);
        if week == 0 || week > weeks {
            return Err(format!("năm {year} có {weeks} tuần (theo ISO 8601): không có tuần {week}"));
        }
        Ok(IsoWeek { year, week })
    }

    /// The ISO week a date falls in; early January may belong to the
    /// previous year's last week, late December to the next year's first.
    pub fn of(date: Date) -> IsoWeek {
        let day = days(date);
        let thursday = day - weekday(day) + 3;
        let year = Date::from_unix_days(thursday).year;
        let week = (thursday - days(Date { year, month: 1, day: 1 })) / 7 + 1;
        IsoWeek { year, week: week as u32 }
    }

    pub fn monday(self) -> Date {
        let jan4 = days(Date { year: self.year, month: 1, day: 4 });
        Date::from_unix_days(jan4 - weekday(jan4) + 7 * (i64::from(self.week) - 1))
    }

    pub fn sunday(self) -> Date {
        Date::from_unix_days(days(self.monday()) + 6)
    }

    /// `Tuần 24 năm 2023 (12/06 – 18/06/2023)`; a week across New Year
    /// gives both years: `(28/12/2020 – 03/01/2021)`.
    pub fn title(self) -> String {
        let (monday, sunday) = (self.monday(), self.sunday());
        let start =
            if monday.year == sunday.year { format!("{:02}/{:02}", monday.day, monday.month) } else { date_vi(monday) };
        format!("Tuần {} năm {} ({start} – {})", self.week, self.year, date_vi(sunday))
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// The title of a week given as `2023-W24`; `None` when it is not one.
pub fn week_title(week: &str) -> Option<String> {
    IsoWeek::parse(week).ok().map(IsoWeek::title)
}

/// `12/06/2023`, as dates are written on Vietnamese forms.
pub fn date_vi(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day, date.month, date.year)
}

/// A date typed as text: `12/06/2023`, `12/6/2023`, `12-06-2023`,
/// `12.06.2023` (day first, as Vietnamese write it) or `2023-06-12`.
pub fn parse_date_text(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    if year.len() != 4 || month.is_empty() || day.is_empty() || month.len() > 2 || day.len() > 2 {
        return None;
    }
    Date::parse(&format!("{year}-{month:0>2}-{day:0>2}")).ok()
}

/// The Excel serials of 01/01/1900 and 31/12/2999, the years a report's
/// dates may have.
const SERIALS: std::ops::RangeInclusive<f64> = 2.0..=401_768.0;

/// The date of an Excel serial day number (days since 30/12/1899), for a
/// date cell stored without a date format; `None` outside 1900–2999.
pub fn date_from_serial(serial: f64) -> Option<Date> {
    // Checked before any arithmetic: a cell can hold 1e300, whose days
    // overflow the date computation.
    if !SERIALS.contains(&serial) || serial.fract() != 0.0 {
        return None;
    }
    Some(Date::from_unix_days(serial as i64 - 25_569))
}

/// Days since 1970-01-01.
fn days(date: Date) -> i64 {
    date.unix_timestamp().div_euclid(86_400)
}

/// Monday 0 … Sunday 6; 1970-01-01 was a Thursday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// 52 or 53: the week of 28 December is always the year's last.
fn weeks_in_year(year: i32) -> u32 {
    IsoWeek::of(Date { year, month: 12, day: 28 }).week
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn week_24_of_2023_is_12_to_18_june() {
        let week = IsoWeek::parse("2023-W24").unwrap();
        assert_eq!(week.monday(), date(2023, 6, 12));
        assert_eq!(week.sunday(), date(2023, 6, 18));
        assert_eq!(week.title(), "Tuần 24 năm 2023 (12/06 – 18/06/2023)");
        assert_eq!(week.to_string(), "2023-W24");
        assert_eq!(IsoWeek::parse("2023w24"), Ok(week));
    }

    #[test]
    fn weeks_across_new_year() {
        assert_eq!(IsoWeek::of(date(2021, 1, 3)), IsoWeek { year: 2020, week: 53 });
        assert_eq!(IsoWeek::of(date(2024, 12, 30)), IsoWeek { year: 2025, week: 1 });
        assert_eq!(IsoWeek::parse("2020-W53").unwrap().title(), "Tuần 53 năm 2020 (28/12/2020 – 03/01/2021)");
        assert!(IsoWeek::parse("2023-W53").unwrap_err().contains("năm 2023 có 52 tuần"));
        for bad in ["2023-24", "23-W24", "2023-W", "2023-W0", "2023-W100", "tuần 24"] {
            assert!(IsoWeek::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_day_round_trips_through_its_week() {
        let mut day = days(date(2019, 12, 20));
        while day < days(date(2027, 1, 10)) {
            let d = Date::from_unix_days(day);
            assert_eq!(days(d), day);
            let week = IsoWeek::of(d);
            assert!(days(week.monday()) <= day && day <= days(week.sunday()), "{d}");
            day += 1;
        }
    }

    #[test]
    fn dates_as_typed() {
        for text in ["12/06/2023", "12/6/2023", "12-06-2023", " 12.6.2023 ", "2023-06-12"] {
            assert_eq!(parse_date_text(text), Some(date(2023, 6, 12)), "{text}");
        }
        for text in ["31/02/2023", "12/06/23", "12/06", "tuần 24", ""] {
            assert_eq!(parse_date_text(text), None, "{text}");
        }
        assert_eq!(date_from_serial(45_089.0), Some(date(2023, 6, 12)));
        assert_eq!(date_from_serial(3.5), None);
    }

    /// A date cell holds any number Excel can store; only 1900–2999 is a
    /// report's date, and nothing outside may panic (it overflowed).
    #[test]
    fn serials_out_of_range_are_not_dates() {
        assert_eq!(date_from_serial(2.0), Some(date(1900, 1, 1)));
        assert_eq!(date_from_serial(401_768.0), Some(date(2999, 12, 31)));
        for serial in [
            1.0,
            401_769.0,
            0.0,
            -1.0,
            1e30,
            -1e30,
            1e300,
            f64::MAX,
            f64::MIN,
            i64::MAX as f64,
            i64::MIN as f64,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            assert_eq!(date_from_serial(serial), None, "{serial}");
        }
    }

    /// The widest dates a cell can give (calamine clamps date-formatted
    /// cells to 1899–9999) have a week, a Monday and a title.
    #[test]
    fn weeks_of_the_widest_cell_dates() {
        for (d, week) in [
            (date(9999, 12, 31), IsoWeek { year: 9999, week: 52 }),
            (date(1899, 12, 31), IsoWeek { year: 1899, week: 52 }),
            (date(1900, 1, 1), IsoWeek { year: 1900, week: 1 }),
        ] {
            assert_eq!(IsoWeek::of(d), week, "{d}");
            assert!(week.monday() <= d && d <= week.sunday(), "{d}");
            assert!(week.title().starts_with(&format!("Tuần {} năm {}", week.week, week.year)), "{d}");
        }
        assert_eq!(date_vi(date(2023, 6, 2)), "02/06/2023");
    }
}
