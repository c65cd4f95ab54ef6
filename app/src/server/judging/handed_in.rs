//! A score sheet's scores as handed in, kept on the sheet itself (`score_sheets.handed_in`).
//!
//! Why: ranking a national year reads every counted score, and a million rows of `scores`
//! joined to their sheets take seconds on either database; one short text per sheet is read in
//! a fraction of that (docs/performance.md). A handed-in sheet is locked, so
//! the copy cannot drift from `scores`: it is written in the transaction that hands the sheet in
//! and cleared when an organiser reopens it, and the schema refuses a submitted sheet without it.
//!
//! The text is `criterion:value` pairs joined by commas, e.g. `12:7,13:9`. The ranking reads a
//! proposal's counted sheets as one text (`sheets_sql`): `judge copy` per sheet, joined by
//! semicolons, e.g. `7 12:7,13:9;8 12:5,13:6`.

/// The text for a sheet's scores, in the order given.
pub fn encode(scores: impl IntoIterator<Item = (i64, i64)>) -> String {
    let mut out = String::new();
    for (criterion, value) in scores {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&criterion.to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out
}

/// The pairs back, skipping anything that is not a pair of integers (never written by
/// `encode`; a hand-edited database loses that score rather than the whole ranking).
pub fn decode(text: &str) -> impl Iterator<Item = (i64, i64)> + '_ {
    text.split(',').filter_map(|pair| {
        let (criterion, value) = pair.split_once(':')?;
        Some((criterion.trim().parse().ok()?, value.trim().parse().ok()?))
    })
}

/// SQL for one proposal's sheets that pass `filter`, as one text (`decode_sheets` reads it),
/// in judge order so the ranking adds them up the same way every time. Both databases have
/// `string_agg` (SQLite since 3.44). Why one text: the database gathers a proposal's sheets,
/// so a national year comes back as 30,000 entries, not 150,000 rows (docs/performance.md).
pub fn sheets_sql(proposal: &str, filter: &str) -> String {
    format!(
        "(SELECT string_agg(s.judge_id || ' ' || s.handed_in, ';' ORDER BY s.judge_id)
          FROM score_sheets s WHERE s.proposal_id = {proposal} AND {filter})"
    )
}

/// Each sheet's judge and copy (for `decode`) from `sheets_sql`'s text; anything malformed is
/// skipped, as in `decode`.
pub fn decode_sheets(text: &str) -> impl Iterator<Item = (i64, &str)> + '_ {
    text.split(';').filter_map(|sheet| {
        let (judge, copy) = sheet.split_once(' ')?;
        Some((judge.trim().parse().ok()?, copy))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let scores = vec![(12, 7), (13, 10), (1, 1)];
        let text = encode(scores.clone());
        assert_eq!(text, "12:7,13:10,1:1");
        assert_eq!(decode(&text).collect::<Vec<_>>(), scores);
    }

    #[test]
    fn empty_sheet_is_empty_text() {
        assert_eq!(encode([]), "");
        assert_eq!(decode("").count(), 0);
    }

    #[test]
    fn malformed_pairs_are_skipped_not_fatal() {
        assert_eq!(
            decode("12:7,x:3,13:,14:9,nonsense").collect::<Vec<_>>(),
            vec![(12, 7), (14, 9)]
        );
    }

    #[test]
    fn sheets_come_apart_by_judge() {
        // A sheet with no scores ("9 ") keeps its judge; pieces without one are skipped.
        let text = "7 12:7,13:9;8 12:5,13:6;8;x 1:1;9 ";
        let sheets: Vec<(i64, Vec<(i64, i64)>)> = decode_sheets(text)
            .map(|(judge, copy)| (judge, decode(copy).collect()))
            .collect();
        assert_eq!(
            sheets,
            vec![
                (7, vec![(12, 7), (13, 9)]),
                (8, vec![(12, 5), (13, 6)]),
                (9, vec![]),
            ]
        );
        assert_eq!(decode_sheets("").count(), 0);
    }
}
