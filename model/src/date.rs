//! A calendar date without time zone, enough for "last checked" dates and deadline arithmetic,
//! so the wasm does not carry a full date-time library.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date in the form `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// The date, or `None` when it does not exist (such as 2026-02-30).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, after Howard Hinnant's `civil_from_days`.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date for a Unix time in milliseconds (UTC).
    pub fn from_unix_millis(millis: f64) -> Date {
        Date::from_days((millis / 86_400_000.0).floor() as i64)
    }

    /// The date in the Netherlands (Europe/Amsterdam) at a Unix time in milliseconds: UTC+1, and
    /// UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
    /// October (the EU's summer-time rule since 1996). Worked out here rather than with the
    /// browser's `Intl`, whose first use costs a slow phone about 100 ms before the first screen.
    pub fn amsterdam_from_unix_millis(millis: f64) -> Date {
        const HOUR: f64 = 3_600_000.0;
        let year = Date::from_unix_millis(millis).year;
        // The last Sunday of a 31-day month; 1970-01-01 was a Thursday (weekday 4, Sunday 0).
        let last_sunday = |month: u8| {
            let last = Date { year, month, day: 31 }.to_days();
            last - (last + 4).rem_euclid(7)
        };
        let at_one = |days: i64| days as f64 * 86_400_000.0 + HOUR;
        let summer = (at_one(last_sunday(3))..at_one(last_sunday(10))).contains(&millis);
        Date::from_unix_millis(millis + if summer { 2.0 * HOUR } else { HOUR })
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// The same day `months` later; the last day of the month when that day does not exist
    /// (31 January + 1 month = 28 or 29 February), as Dutch law counts periods.
    pub fn add_months(self, months: u32) -> Date {
        let total = i64::from(self.month) - 1 + i64::from(months);
        let year = self.year + total.div_euclid(12) as i32;
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || DateError(format!("'{s}' is not a date of the form YYYY-MM-DD"));
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &s[r];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(year as i32, month as u8, day as u8)
            .ok_or_else(|| DateError(format!("'{s}' is not a day in the calendar")))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_over_four_centuries() {
        for days in (-200_000..200_000).step_by(97) {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().to_days(), 11_017);
    }

    #[test]
    fn parses_and_prints() {
        let date: Date = "2026-11-29".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2026, 11, 29));
        assert_eq!(date.to_string(), "2026-11-29");
        assert!("2026-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!("26-11-29".parse::<Date>().is_err());
        assert!("2026-1a-29".parse::<Date>().is_err());
        assert!("2026/11/29".parse::<Date>().is_err());
    }

    #[test]
    fn adds_months_clamping_to_month_end() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2028-01-31").add_months(1), d("2028-02-29"));
        assert_eq!(d("2026-11-29").add_months(3), d("2027-02-28"));
        assert_eq!(d("2026-05-15").add_months(36), d("2029-05-15"));
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
    }

    #[test]
    fn from_unix_millis_is_utc_day() {
        assert_eq!(Date::from_unix_millis(0.0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_millis(1_795_910_400_000.0).to_string(), "2026-11-29");
    }

    #[test]
    fn the_day_in_amsterdam_follows_summer_time() {
        let at = |utc: &str| {
            let (day, time) = utc.split_once('T').unwrap();
            let (h, m) = time.split_once(':').unwrap();
            let ms = day.parse::<Date>().unwrap().to_days() as f64 * 86_400_000.0
                + (h.parse::<f64>().unwrap() * 60.0 + m.parse::<f64>().unwrap()) * 60_000.0;
            Date::amsterdam_from_unix_millis(ms).to_string()
        };
        // Winter: UTC+1.
        assert_eq!(at("2026-12-02T22:59"), "2026-12-02");
        assert_eq!(at("2026-12-02T23:00"), "2026-12-03");
        assert_eq!(at("2026-12-31T23:30"), "2027-01-01");
        // Summer (29 March to 25 October 2026): UTC+2.
        assert_eq!(at("2026-07-01T21:59"), "2026-07-01");
        assert_eq!(at("2026-07-01T22:00"), "2026-07-02");
        // The changes, at 01:00 UTC on the last Sundays of March and October.
        assert_eq!(at("2026-03-28T22:30"), "2026-03-28", "Saturday before the change: still UTC+1");
        assert_eq!(at("2026-10-24T22:30"), "2026-10-25", "Saturday night before the change back: UTC+2");
        assert_eq!(at("2026-10-25T22:30"), "2026-10-25", "after the change back: UTC+1");
        assert_eq!(at("2024-03-31T00:59"), "2024-03-31");
    }
}
