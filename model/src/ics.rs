//! Calendar files (RFC 5545) for a person's deadlines, made on the device: all-day events with
//! no time zone to get wrong (`VALUE=DATE`), a reminder a week and a day before, and a UID per
//! step, so importing the file again updates the events instead of adding copies.

use crate::date::Date;

/// One deadline as a calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline<'a> {
    /// The step id; the event's UID is made from it.
    pub step: &'a str,
    pub date: Date,
    /// The title, in the person's language.
    pub title: &'a str,
    /// The text, in the person's language with the Dutch key words.
    pub text: &'a str,
    /// The step's page in the app.
    pub url: &'a str,
}

/// The reminders: 09:00 a week before and 09:00 the day before (the event starts at 00:00).
const ALARMS: [&str; 2] = ["-P6DT15H", "-PT15H"];

/// A calendar with one event per deadline. `stamp` is the moment it was made, in UTC, as
/// `YYYYMMDDTHHMMSSZ` (the required `DTSTAMP`).
pub fn calendar(deadlines: &[Deadline], stamp: &str) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold(text, &mut out);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Wegwijs//Plan//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for d in deadlines {
        let day = |date: Date| format!("{:04}{:02}{:02}", date.year(), date.month(), date.day());
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@wegwijs", d.step));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", day(d.date)));
        line(&format!("DTEND;VALUE=DATE:{}", day(d.date.add_days(1))));
        line(&format!("SUMMARY:{}", escape(d.title)));
        line(&format!("DESCRIPTION:{}", escape(&format!("{}\n{}", d.text, d.url))));
        line(&format!("URL:{}", d.url));
        line("TRANSP:TRANSPARENT");
        for trigger in ALARMS {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{}", escape(d.title)));
            line(&format!("TRIGGER:{trigger}"));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The `DTSTAMP` form (`YYYYMMDDTHHMMSSZ`, UTC) of a Unix time in milliseconds.
pub fn stamp(unix_ms: u64) -> String {
    let day = Date::from_unix_millis(unix_ms as f64);
    let secs = (unix_ms / 1000) % 86_400;
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        day.year(),
        day.month(),
        day.day(),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line is longer than 75 octets (continuation lines
/// start with a space), never inside a UTF-8 character, each ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "").split("\r\n").map(str::to_owned).collect()
    }

    #[test]
    fn writes_all_day_events_with_reminders_and_stable_uids() {
        let text = calendar(
            &[Deadline {
                step: "nareis-apply",
                date: "2027-01-01".parse().unwrap(),
                title: "Apply for family reunification (nareis)",
                text: "Within 3 months; it is free, see IND",
                url: "https://wegwijs.example/en/first-weeks/nareis-apply",
            }],
            "20261202T120000Z",
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
        let lines = unfold(&text);
        for expected in [
            "UID:nareis-apply@wegwijs",
            "DTSTART;VALUE=DATE:20270101",
            "DTEND;VALUE=DATE:20270102",
            "DTSTAMP:20261202T120000Z",
            "DESCRIPTION:Within 3 months\\; it is free\\, see IND\\nhttps://wegwijs.example/en/first-weeks/nareis-apply",
            "TRIGGER:-P6DT15H",
            "TRIGGER:-PT15H",
        ] {
            assert!(lines.iter().any(|l| l == expected), "no line {expected:?} in {lines:#?}");
        }
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VALARM").count(), 2);
    }

    #[test]
    fn stamps_in_utc() {
        assert_eq!(stamp(0), "19700101T000000Z");
        assert_eq!(stamp(1_795_910_400_000 + 3_723_000), "20261129T010203Z");
    }

    #[test]
    fn folds_long_lines_at_75_octets_without_splitting_a_character() {
        let title = "قدّم طلب لمّ شمل الأسرة خلال ثلاثة أشهر بعد قرار اللجوء، والطلب مجاني".repeat(2);
        let text = calendar(
            &[Deadline { step: "x", date: "2026-12-31".parse().unwrap(), title: &title, text: "", url: "" }],
            "20261202T120000Z",
        );
        for raw in text.split("\r\n") {
            assert!(raw.len() <= 75, "{} octets: {raw}", raw.len());
        }
        assert!(unfold(&text).contains(&format!("SUMMARY:{}", escape(&title))));
        assert!(unfold(&text).contains(&"DTEND;VALUE=DATE:20270101".to_owned()), "over the year end");
    }
}
