//! Calendar dates as the forms use them (`YYYY-MM-DD`), counted in days since 1970-01-01, and
//! points in time as days in WIB, the regency's time zone. Kept small and local rather than
//! pulling a calendar crate into the wasm.

/// Western Indonesia Time is UTC+7.
pub const WIB_OFFSET_MS: i64 = 7 * 3600 * 1000;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses `YYYY-MM-DD` (what `<input type="date">` gives) into days since the epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Parses a time of day, `09:30` (what `<input type="time">` gives) or `09.30` (how it is
/// written in Indonesian), into minutes after midnight.
pub fn parse_clock(s: &str) -> Option<i64> {
    let (h, m) = s.trim().split_once([':', '.'])?;
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// The WIB calendar day a point in time falls on.
pub fn wib_day(epoch_ms: i64) -> i64 {
    (epoch_ms + WIB_OFFSET_MS).div_euclid(86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_parse_either_way() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("9.05"), Some(545));
        assert_eq!(parse_clock(" 23:59 "), Some(1439));
        for bad in [
            "24:00", "12:60", "12", "12:5", "ab:cd", "", "-1:30", "+9:30",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_parse_and_count() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("24-01-01"), None);
        assert_eq!(parse_date("2024/01/01"), None);
        assert_eq!(parse_date("abcd-ef-gh"), None);
    }

    #[test]
    fn wib_day_turns_at_17_utc() {
        // 2024-02-28T16:59Z is still the 28th in WIB; 17:00Z is the 29th.
        assert_eq!(
            wib_day(1_709_139_540_000),
            parse_date("2024-02-28").unwrap_or(0)
        );
        assert_eq!(
            wib_day(1_709_139_600_000),
            parse_date("2024-02-29").unwrap_or(0)
        );
    }
}
