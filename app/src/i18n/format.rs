//! Dates as people in the regency read them: in WIB (UTC+7), with the month named.

use super::lang::Lang;

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Western Indonesia Time, where the regencies this serves sit.
pub const WIB_OFFSET_MS: i64 = 7 * 3600 * 1000;

/// `31 Maret 2026, 23.59 WIB` / `31 March 2026, 23:59 WIB`.
pub fn format_date(epoch_ms: i64, lang: Lang) -> String {
    let local = epoch_ms + WIB_OFFSET_MS;
    let days = local.div_euclid(86_400_000);
    let ms_of_day = local.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let hour = ms_of_day / 3_600_000;
    let minute = (ms_of_day / 60_000) % 60;
    let month = match lang {
        Lang::Id => MONTHS_ID,
        Lang::En => MONTHS_EN,
    }[(m - 1) as usize];
    // Indonesian writes the time with a dot (23.59), English with a colon.
    let sep = if lang == Lang::Id { '.' } else { ':' };
    format!("{d} {month} {y}, {hour:02}{sep}{minute:02} WIB")
}

/// A non-negative number with one decimal, as the language writes it (`66,7` / `66.7`). Integer
/// arithmetic only: float formatting would add kilobytes to the browser's download.
pub fn one_decimal(v: f64, lang: Lang) -> String {
    let tenths = (v.max(0.0) * 10.0 + 0.5) as i64;
    let sep = if lang == Lang::Id { ',' } else { '.' };
    format!("{}{sep}{}", tenths / 10, tenths % 10)
}

/// A score with two decimals (`87,35` / `87.35`), as the results and their exports show it.
/// Half-way values round up as a person reading them would: `87.345` is `87,35`, although the
/// binary number behind it is a hair below (taken at a millionth of a point first, as the
/// ranking compares scores).
pub fn two_decimals(v: f64, lang: Lang) -> String {
    let millionths = (v.max(0.0) * 1e6).round() as i64;
    let hundredths = (millionths + 5_000) / 10_000;
    let sep = if lang == Lang::Id { ',' } else { '.' };
    format!("{}{sep}{:02}", hundredths / 100, hundredths % 100)
}

/// The WIB calendar day in words: `30 November 2026`.
pub fn format_day(epoch_ms: i64, lang: Lang) -> String {
    let (y, m, d) = civil_from_days((epoch_ms + WIB_OFFSET_MS).div_euclid(86_400_000));
    let month = match lang {
        Lang::Id => MONTHS_ID,
        Lang::En => MONTHS_EN,
    }[(m - 1) as usize];
    format!("{d} {month} {y}")
}

/// A calendar day typed as `YYYY-MM-DD` (an answer to a date question) in words:
/// `2026-03-05` → `5 Maret 2026`; anything else comes back as it was typed.
pub fn day_of_iso(iso: &str, lang: Lang) -> String {
    let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m @ 1..=12)), Some(Ok(d @ 1..=31))) => {
            let month = match lang {
                Lang::Id => MONTHS_ID,
                Lang::En => MONTHS_EN,
            }[(m - 1) as usize];
            format!("{d} {month} {y}")
        }
        _ => iso.to_string(),
    }
}

/// The WIB calendar day of a point in time as `YYYY-MM-DD` (what `<input type="date">` takes).
pub fn iso_day(epoch_ms: i64) -> String {
    let (y, m, d) = civil_from_days((epoch_ms + WIB_OFFSET_MS).div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The WIB time of day of a point in time as `HH:MM` (what `<input type="time">` takes).
pub fn iso_clock(epoch_ms: i64) -> String {
    let minute = (epoch_ms + WIB_OFFSET_MS).rem_euclid(86_400_000) / 60_000;
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm). Kept here
/// rather than pulling a calendar crate into the wasm for one function.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_days_are_written_in_words_and_anything_else_as_typed() {
        assert_eq!(day_of_iso("2026-03-05", Lang::Id), "5 Maret 2026");
        assert_eq!(day_of_iso("2026-12-31", Lang::En), "31 December 2026");
        assert_eq!(day_of_iso("2026-13-01", Lang::Id), "2026-13-01");
        assert_eq!(day_of_iso("kemarin", Lang::Id), "kemarin");
    }

    #[test]
    fn one_decimal_rounds_and_uses_the_language_separator() {
        assert_eq!(one_decimal(66.666, Lang::Id), "66,7");
        assert_eq!(one_decimal(77.75, Lang::En), "77.8");
        assert_eq!(one_decimal(100.0, Lang::Id), "100,0");
        assert_eq!(one_decimal(0.04, Lang::En), "0.0");
        assert_eq!(iso_day(1_709_139_600_000), "2024-02-29");
        // 17.00 UTC is midnight in WIB; 02.30 UTC is 09.30.
        assert_eq!(iso_clock(1_709_139_600_000), "00:00");
        assert_eq!(
            iso_clock(1_709_139_600_000 + 9 * 3_600_000 + 30 * 60_000),
            "09:30"
        );
    }

    #[test]
    fn scores_have_two_decimals_and_days_have_no_time() {
        assert_eq!(two_decimals(87.346, Lang::Id), "87,35");
        assert_eq!(two_decimals(87.345, Lang::Id), "87,35");
        assert_eq!(two_decimals(87.344, Lang::En), "87.34");
        assert_eq!(two_decimals(99.995, Lang::En), "100.00");
        assert_eq!(two_decimals(0.1, Lang::Id), "0,10");
        assert_eq!(two_decimals(-0.001, Lang::Id), "0,00");
        assert_eq!(two_decimals(87.3, Lang::En), "87.30");
        assert_eq!(two_decimals(100.0, Lang::Id), "100,00");
        assert_eq!(format_day(1_774_976_340_000, Lang::Id), "31 Maret 2026");
    }

    #[test]
    fn formats_in_wib() {
        // 2026-03-31T16:59:00Z is 23.59 WIB on the 31st.
        let ms = 1_774_976_340_000;
        assert_eq!(format_date(ms, Lang::Id), "31 Maret 2026, 23.59 WIB");
        assert_eq!(format_date(ms, Lang::En), "31 March 2026, 23:59 WIB");
    }

    #[test]
    fn crosses_midnight_and_leap_days() {
        // 2024-02-28T17:00:00Z is already the 29th (a leap day) in WIB.
        assert_eq!(
            format_date(1_709_139_600_000, Lang::En),
            "29 February 2024, 00:00 WIB"
        );
        assert_eq!(format_date(0, Lang::Id), "1 Januari 1970, 07.00 WIB");
    }
}
