//! Calendar dates of documents, without a time zone or a clock.

use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `ngày 12 tháng 01 năm 2023`, as documents print it (`vi::words`).
    pub fn words(self) -> String {
        crate::vi::words::date_words(self.year, self.month, self.day)
    }

    /// `30/06/2023`: the short date of tables and registers.
    pub fn short(self) -> String {
        crate::vi::words::date_short(self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist (30 February).
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format!("ngày `{text}` không đúng dạng NĂM-THÁNG-NGÀY (ví dụ 2023-01-12)"));
        };
        let number = |s: &str, what: &str| {
            s.parse::<u32>().map_err(|_| format!("{what} `{s}` trong ngày `{text}` không phải là số"))
        };
        let (year, month, day) = (number(y, "năm")?, number(m, "tháng")?, number(d, "ngày")?);
        if y.len() != 4 || !(1900..=2999).contains(&year) {
            return Err(format!("năm `{y}` trong ngày `{text}` phải có 4 chữ số (1900–2999)"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("tháng `{m}` trong ngày `{text}` phải từ 1 đến 12"));
        }
        let date = Date { year: year as i32, month, day };
        if day == 0 || day > date.days_in_month() {
            return Err(format!("ngày `{text}` không có thật: tháng {month}/{year} có {} ngày", date.days_in_month()));
        }
        Ok(date)
    }

    fn is_leap_year(self) -> bool {
        (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0
    }

    fn days_in_month(self) -> u32 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if self.is_leap_year() => 29,
            _ => 28,
        }
    }

    /// Seconds since the Unix epoch at 00:00 UTC of this date: the PDF's
    /// creation time, so the same document always gets the same bytes.
    pub fn unix_timestamp(self) -> i64 {
        // Days from civil (Howard Hinnant's algorithm).
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }

    /// The date `days` after 1970-01-01, the inverse of `unix_timestamp`
    /// (Howard Hinnant's civil from days). `days` must be a date's, within
    /// a few million years: callers bound numbers from input first
    /// (`weekly::week::date_from_serial`), since near `i64::MAX` the
    /// arithmetic overflows.
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_rejects_others() {
        let cases = [
            ("2023-01-12", Some((2023, 1, 12))),
            ("2024-02-29", Some((2024, 2, 29))),
            ("2023-02-29", None),
            ("1900-02-29", None),
            ("2000-02-29", Some((2000, 2, 29))),
            ("2023-13-01", None),
            ("2023-04-31", None),
            ("2023-1-5", Some((2023, 1, 5))),
            ("23-01-12", None),
            ("12/01/2023", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let got = Date::parse(text).ok().map(|d| (d.year, d.month, d.day));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn timestamps_are_midnight_utc() {
        assert_eq!(Date::parse("1970-01-01").unwrap().unix_timestamp(), 0);
        assert_eq!(Date::parse("2023-01-12").unwrap().unix_timestamp(), 1_673_481_600);
        assert_eq!(Date::parse("2000-03-01").unwrap().unix_timestamp(), 951_868_800);
    }
}
