//! The results as files: the ranking as CSV and as a workbook (per criterion and per judge), the
//! score recap (*berita acara*) and the winners' certificates (*piagam*) as PDF. This module
//! gathers and words the content; `server::documents` lays it out.

use std::collections::HashMap;

use super::certificates;
use super::round_record::LockedRound;
use super::COUNTED;
use crate::error::AppError;
use crate::i18n::{format_day, labels, two_decimals, Lang, PageKey};
use crate::models::{
    Award, Basis, CompetitionSummary, CriterionHead, DocumentKind, PhaseBlock, RegencyIdentity,
    ResultRow, ResultsBoard,
};
use crate::server::documents::{
    Cell, Certificate, Decree, Nominee, Recap, RecapColumns, RecapRow, SignatureBlock, Workbook,
};
use crate::server::Db;

/// Refuses an export of a year where no judge has handed in a score.
pub fn require_scores(board: &ResultsBoard) -> Result<(), AppError> {
    if board
        .rows
        .iter()
        .all(|r| r.standing(board.basis).score.is_none())
    {
        return Err(AppError::PhaseBlocked(PhaseBlock::NoScores));
    }
    Ok(())
}

pub fn award_label(award: Option<Award>, lang: Lang) -> &'static str {
    award.map_or("", |a| labels::award(a).text(lang))
}

fn score_text(score: Option<f64>, lang: Lang) -> String {
    score.map_or_else(String::new, |s| two_decimals(s, lang))
}

fn yes(b: bool, lang: Lang) -> String {
    if b {
        PageKey::Yes.text(lang).to_string()
    } else {
        String::new()
    }
}

fn ranking_header(board: &ResultsBoard, lang: Lang) -> Vec<String> {
    let mut h: Vec<String> = [
        PageKey::ColRank,
        PageKey::ColRankInCategory,
        PageKey::ColTitle,
        PageKey::Agency,
        PageKey::CategoryLabel,
        PageKey::ColScore,
        PageKey::ColRawScore,
        PageKey::ColNormalisedScore,
        PageKey::ColPasses,
        PageKey::ColAward,
        PageKey::ColNominated,
        PageKey::ColJudges,
    ]
    .iter()
    .map(|k| k.text(lang).to_string())
    .collect();
    // After this round's own scores, each earlier round's, as frozen when proposals went on
    // (the official score is then the rounds combined).
    let earlier = board
        .current_round()
        .map_or(0, |r| (r.position as usize).saturating_sub(1));
    h.splice(
        EARLIER_AT..EARLIER_AT,
        (1..=earlier).map(|n| PageKey::ColRoundN.text(lang).replace("{n}", &n.to_string())),
    );
    h.extend(board.criteria.iter().map(|c| c.name.clone()));
    h
}

/// Where the earlier rounds' columns go: after the raw and normalised scores.
const EARLIER_AT: usize = 8;

/// The ranking in the official order, one row per judged proposal, with the judges' mean per
/// criterion.
pub fn ranking_csv(board: &ResultsBoard, lang: Lang) -> Result<Vec<u8>, AppError> {
    let mut w = crate::server::documents::csv_file::CsvFile::new();
    w.row(ranking_header(board, lang))?;
    for r in &board.rows {
        let official = r.standing(board.basis);
        let mut record = vec![
            official.rank.map(|n| n.to_string()).unwrap_or_default(),
            official
                .rank_in_category
                .map(|n| n.to_string())
                .unwrap_or_default(),
            r.title.clone(),
            r.agency_name.clone(),
            r.category_name.clone().unwrap_or_default(),
            score_text(official.score, lang),
            score_text(r.raw.score, lang),
            score_text(r.normalised.score, lang),
            yes(official.passes, lang),
            award_label(r.award, lang).to_string(),
            yes(r.nominated, lang),
            r.judges.to_string(),
        ];
        record.splice(
            EARLIER_AT..EARLIER_AT,
            r.earlier.iter().map(|s| score_text(s.score, lang)),
        );
        record.extend(r.criteria.iter().map(|c| score_text(c.mean, lang)));
        w.row(record)?;
    }
    w.finish()
}

#[derive(sqlx::FromRow)]
struct ScoreRow {
    sheet_id: String,
    proposal_id: String,
    judge_name: String,
    criterion_id: i64,
    value: Option<i64>,
}

/// Every counted sheet of the year's current round: proposal id, judge name, value per criterion
/// (in order).
pub async fn judge_sheets(
    db: &Db,
    competition_id: i64,
    criteria: &[i64],
) -> Result<Vec<(String, String, Vec<Option<i64>>)>, AppError> {
    let rows = sqlx::query_as::<_, ScoreRow>(&format!(
        "SELECT s.id AS sheet_id, s.proposal_id, u.name AS judge_name, sc.criterion_id, sc.value
         FROM score_sheets s
         JOIN rounds cur ON cur.id = s.round_id AND cur.is_current = 1
         JOIN users u ON u.id = s.judge_id
         JOIN scores sc ON sc.sheet_id = s.id
         WHERE cur.competition_id = $1 AND {COUNTED}
         ORDER BY s.proposal_id, u.name, s.id"
    ))
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<(String, String, Vec<Option<i64>>)> = Vec::new();
    let mut last_sheet = String::new();
    for r in rows {
        if r.sheet_id != last_sheet {
            out.push((r.proposal_id, r.judge_name, vec![None; criteria.len()]));
            last_sheet = r.sheet_id;
        }
        if let (Some(last), Some(c)) = (
            out.last_mut(),
            criteria.iter().position(|id| *id == r.criterion_id),
        ) {
            last.2[c] = r.value;
        }
    }
    Ok(out)
}

fn number(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

fn int(v: Option<u32>) -> Cell {
    v.map_or(Cell::Empty, |n| Cell::Int(i64::from(n)))
}

/// The workbook: the ranking, the judges' mean and spread per criterion, and every judge's
/// sheet.
pub fn workbook(
    board: &ResultsBoard,
    sheets: &[(String, String, Vec<Option<i64>>)],
    lang: Lang,
) -> Workbook {
    let text = |s: &str| Cell::Text(s.to_string());
    let ranking = board
        .rows
        .iter()
        .map(|r| {
            let official = r.standing(board.basis);
            let mut row = vec![
                int(official.rank),
                int(official.rank_in_category),
                text(&r.title),
                text(&r.agency_name),
                text(r.category_name.as_deref().unwrap_or_default()),
                number(official.score),
                number(r.raw.score),
                number(r.normalised.score),
                text(&yes(official.passes, lang)),
                text(award_label(r.award, lang)),
                text(&yes(r.nominated, lang)),
                Cell::Int(i64::from(r.judges)),
            ];
            row.splice(
                EARLIER_AT..EARLIER_AT,
                r.earlier.iter().map(|s| number(s.score)),
            );
            row.extend(r.criteria.iter().map(|c| number(c.mean)));
            row
        })
        .collect();

    let mut criteria_header = vec![
        PageKey::ColTitle.text(lang).to_string(),
        PageKey::Agency.text(lang).to_string(),
    ];
    for c in &board.criteria {
        criteria_header.push(format!("{} ({})", c.name, PageKey::Mean.text(lang)));
        criteria_header.push(format!("{} ({})", c.name, PageKey::Spread.text(lang)));
    }
    let criteria = board
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![text(&r.title), text(&r.agency_name)];
            for c in &r.criteria {
                row.push(number(c.mean));
                row.push(number(c.spread));
            }
            row
        })
        .collect();

    let titles: HashMap<&str, &ResultRow> = board
        .rows
        .iter()
        .map(|r| (r.proposal_id.as_str(), r))
        .collect();
    let specs: Vec<crate::ranking::CriterionSpec> =
        board.criteria.iter().map(CriterionHead::spec).collect();
    let mut judges_header = vec![
        PageKey::ColTitle.text(lang).to_string(),
        PageKey::Agency.text(lang).to_string(),
        PageKey::ColJudge.text(lang).to_string(),
    ];
    judges_header.extend(board.criteria.iter().map(|c| c.name.clone()));
    judges_header.push(PageKey::ColTotal.text(lang).to_string());
    let judges = sheets
        .iter()
        .filter_map(|(proposal, judge, values)| {
            let r = titles.get(proposal.as_str())?;
            let mut row = vec![text(&r.title), text(&r.agency_name), text(judge)];
            row.extend(values.iter().map(|v| v.map_or(Cell::Empty, Cell::Int)));
            row.push(number(crate::agreement::sheet_total(&specs, values)));
            Some(row)
        })
        .collect();

    Workbook {
        sheet_names: [
            PageKey::SheetRanking.text(lang).to_string(),
            PageKey::SheetCriteria.text(lang).to_string(),
            PageKey::SheetJudges.text(lang).to_string(),
        ],
        ranking_header: ranking_header(board, lang),
        ranking,
        criteria_header,
        criteria,
        judges_header,
        judges,
    }
}

/// The regency's identity as the recap prints it: the letterhead and who acknowledges it.
pub struct Letterhead<'a> {
    pub identity: &'a RegencyIdentity,
    pub crest: Option<bytes::Bytes>,
}

/// The recap for signing: the ranking in short and one signature line per judge of the panel.
/// `seal` is the audit trail's newest seal when the recap is made (`audit::head`).
pub fn recap(
    board: &ResultsBoard,
    panel: Vec<String>,
    now: i64,
    lang: Lang,
    seal: Option<&str>,
    letterhead: Letterhead<'_>,
) -> Recap {
    let c = &board.competition;
    let basis = match board.basis {
        Basis::Raw => PageKey::BasisRaw.text(lang),
        Basis::Normalised => PageKey::BasisNormalised.text(lang),
    };
    let intro = PageKey::RecapIntro
        .text(lang)
        .replace("{competition}", &c.name)
        .replace("{n}", &board.rows.len().to_string())
        .replace("{criteria}", &board.criteria.len().to_string())
        .replace("{basis}", basis)
        .replace("{pass}", &two_decimals(board.pass_mark, lang))
        .replace(
            "{locked}",
            &board
                .locked_at
                .map(|t| format_day(t, lang))
                .unwrap_or_else(|| PageKey::NotLockedYet.text(lang).to_string()),
        );
    let rows = board
        .rows
        .iter()
        .map(|r| {
            let s = r.standing(board.basis);
            RecapRow {
                rank: s.rank,
                title: r.title.clone(),
                agency: r.agency_name.clone(),
                category: r.category_name.clone().unwrap_or_default(),
                score: s.score.map(|v| two_decimals(v, lang)),
                award: award_label(r.award, lang).to_string(),
            }
        })
        .collect();
    Recap {
        subtitle: crate::models::name_with_year(&c.name, c.year),
        intro,
        rows,
        ..recap_frame(panel, now, lang, seal, letterhead)
    }
}

/// The berita acara of a round proposals were sent on from: its ranking as frozen, its rule,
/// whom it sent on and the organisers' reason, signed by its own panel.
pub fn round_recap(
    locked: &LockedRound,
    competition: &CompetitionSummary,
    now: i64,
    lang: Lang,
    seal: Option<&str>,
    letterhead: Letterhead<'_>,
) -> Recap {
    let round = &locked.round;
    let kind = labels::round_kind(round.kind).text(lang);
    let rule = round.rule.map_or_else(
        || "\u{2013}".to_string(),
        |rule| labels::rule_text(rule, round.value, lang),
    );
    let advanced = locked.rows.iter().filter(|r| r.advanced).count();
    let mut intro = PageKey::RoundRecapIntro
        .text(lang)
        .replace("{n}", &round.position.to_string())
        .replace("{total}", &locked.of.to_string())
        .replace("{kind}", kind)
        .replace("{competition}", &competition.name)
        .replace("{count}", &locked.rows.len().to_string())
        .replace(
            "{locked}",
            &round
                .locked_at
                .map(|t| format_day(t, lang))
                .unwrap_or_default(),
        )
        .replace("{rule}", &rule)
        .replace("{advanced}", &advanced.to_string());
    if !round.reason.trim().is_empty() {
        intro.push('\n');
        intro.push_str(
            &PageKey::RoundReason
                .text(lang)
                .replace("{reason}", round.reason.trim()),
        );
    }
    let mut frame = recap_frame(locked.panel.clone(), now, lang, seal, letterhead);
    frame.columns.award = PageKey::ColAdvance.text(lang).to_string();
    Recap {
        subtitle: format!(
            "{} \u{2014} {}",
            crate::models::name_with_year(&competition.name, competition.year),
            PageKey::RoundN
                .text(lang)
                .replace("{n}", &round.position.to_string())
                .replace("{kind}", kind)
        ),
        intro,
        rows: locked
            .rows
            .iter()
            .map(|r| RecapRow {
                rank: r.rank,
                title: r.title.clone(),
                agency: r.agency.clone(),
                category: r.category.clone().unwrap_or_default(),
                score: r.score.map(|v| two_decimals(v, lang)),
                award: yes(r.advanced, lang),
            })
            .collect(),
        ..frame
    }
}

/// What every berita acara carries around its ranking: the letterhead, the title, the columns,
/// the panel's signature lines, the place and date, the seal and the acknowledging signatory.
fn recap_frame(
    panel: Vec<String>,
    now: i64,
    lang: Lang,
    seal: Option<&str>,
    letterhead: Letterhead<'_>,
) -> Recap {
    let identity = letterhead.identity;
    let place = identity.place.trim();
    let today = format_day(now, lang);
    Recap {
        government: identity.government_name.to_uppercase(),
        crest: letterhead.crest,
        title: PageKey::RecapTitle.text(lang).to_string(),
        subtitle: String::new(),
        intro: String::new(),
        columns: RecapColumns {
            rank: PageKey::ColRank.text(lang).to_string(),
            title: PageKey::ColTitle.text(lang).to_string(),
            agency: PageKey::Agency.text(lang).to_string(),
            category: PageKey::CategoryLabel.text(lang).to_string(),
            score: PageKey::ColScore.text(lang).to_string(),
            award: PageKey::ColAward.text(lang).to_string(),
        },
        rows: Vec::new(),
        panel_heading: PageKey::PanelHeading.text(lang).to_string(),
        panel,
        place_and_date: if place.is_empty() {
            today
        } else {
            format!("{place}, {today}")
        },
        footer: PageKey::PrintedFrom
            .text(lang)
            .replace("{date}", &format_day(now, lang)),
        page_label: PageKey::PageLabel.text(lang).to_string(),
        seal: seal.map_or_else(String::new, |h| {
            PageKey::AuditSealPrinted.text(lang).replace("{seal}", h)
        }),
        signatory: identity
            .signatory(DocumentKind::Recap)
            .map(|s| SignatureBlock {
                label: PageKey::RecapAcknowledged.text(lang).to_string(),
                title: s.title.clone(),
                name: s.name.clone(),
                nip: match s.nip.trim() {
                    "" => String::new(),
                    nip => PageKey::NipPrinted.text(lang).replace("{nip}", nip),
                },
            }),
    }
}

/// The draft decree naming the year's nominees, in the ranking's order. A decree is written in
/// Indonesian whatever the reader's language.
pub fn decree(
    board: &ResultsBoard,
    identity: &RegencyIdentity,
    locked_at: i64,
    crest: Option<bytes::Bytes>,
) -> Decree {
    let lang = Lang::Id;
    let c = &board.competition;
    let signatory = identity.signatory(DocumentKind::Decree);
    let open = || "\u{2026}".repeat(12);
    let series = identity
        .series
        .iter()
        .find(|s| s.document == DocumentKind::Decree)
        .cloned()
        .unwrap_or_else(|| crate::models::default_series(DocumentKind::Decree));
    Decree {
        crest,
        head: signatory
            .map(|s| s.title.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| regional_head(&identity.government_name)),
        number: series.draft_number(i64::from(c.year)),
        competition: crate::models::name_with_year(&c.name, c.year),
        locked_on: format_day(locked_at, lang),
        place: match identity.place.trim() {
            "" => open(),
            place => place.to_string(),
        },
        signer_name: signatory.map_or_else(open, |s| s.name.clone()),
        signer_nip: signatory.map_or_else(String::new, |s| match s.nip.trim() {
            "" => String::new(),
            nip => PageKey::NipPrinted.text(lang).replace("{nip}", nip),
        }),
        nominees: board
            .rows
            .iter()
            .filter(|r| r.nominated)
            .map(|r| {
                let s = r.standing(board.basis);
                let dash = || "\u{2013}".to_string();
                Nominee {
                    title: r.title.clone(),
                    agency: r.agency_name.clone(),
                    category: r.category_name.clone().unwrap_or_else(dash),
                    score: s.score.map_or_else(dash, |v| two_decimals(v, lang)),
                    award: match r.award {
                        Some(_) => award_label(r.award, lang).to_string(),
                        None => dash(),
                    },
                }
            })
            .collect(),
    }
}

/// Who heads the government named "Pemerintah Kabupaten Sukamaju": "Bupati Sukamaju" (a city's
/// Wali Kota, a province's Gubernur); "Kepala Daerah" when the name says neither.
fn regional_head(government: &str) -> String {
    let name = government.trim();
    let name = name
        .strip_prefix("Pemerintah ")
        .or_else(|| name.strip_prefix("PEMERINTAH "))
        .unwrap_or(name);
    for (kind, head) in [
        ("kabupaten ", "Bupati "),
        ("kota ", "Wali Kota "),
        ("provinsi ", "Gubernur "),
    ] {
        let named = name
            .get(..kind.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(kind));
        if let (true, Some(place)) = (named, name.get(kind.len()..)) {
            return format!("{head}{}", place.trim());
        }
    }
    "Kepala Daerah".to_string()
}

/// What a certificate prints besides what it was given for: who signs (name, title, NIP), the
/// crest, the verification address, and the day it is dated (when the results were locked).
pub struct Printing<'a> {
    pub signer: (String, String, String),
    pub crest: Option<bytes::Bytes>,
    pub address: &'a str,
    pub dated: i64,
}

/// The words of an issued certificate, in `lang`, with the regency's identity.
pub fn certificate(
    issued: &certificates::Stored,
    identity: &RegencyIdentity,
    printing: Printing<'_>,
    lang: Lang,
) -> Certificate {
    let Printing {
        signer: (signer_name, signer_title, signer_nip),
        crest,
        address,
        dated,
    } = printing;
    let award = issued.award();
    let date = format_day(dated, lang);
    let place = identity.place.trim();
    Certificate {
        government: identity.government_name.to_uppercase(),
        crest,
        heading: PageKey::CertHeading.text(lang).to_string(),
        given_to_label: PageKey::CertGivenTo.text(lang).to_string(),
        agency_name: issued.agency_name.clone(),
        for_label: PageKey::CertFor.text(lang).to_string(),
        proposal_title: issued.proposal_title.clone(),
        award_line: labels::award_line(award, issued.category_name.as_deref(), lang),
        competition_line: crate::models::name_with_year(
            &issued.competition_name,
            i32::try_from(issued.competition_year).unwrap_or_default(),
        ),
        place_and_date: if place.is_empty() {
            date
        } else {
            format!("{place}, {date}")
        },
        signer_title: match signer_title.trim() {
            "" => PageKey::CertSigner.text(lang).to_string(),
            title => title.to_string(),
        },
        signer_name,
        signer_nip: match signer_nip.trim() {
            "" => String::new(),
            nip => PageKey::NipPrinted.text(lang).replace("{nip}", nip),
        },
        number: PageKey::CertNumberPrinted
            .text(lang)
            .replace("{number}", &issued.number),
        verify_label: PageKey::CertVerifyPrinted.text(lang).to_string(),
        verify_address: address.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::regional_head;

    #[test]
    fn the_head_of_the_government_named_decrees() {
        assert_eq!(
            regional_head("Pemerintah Kabupaten Sukamaju"),
            "Bupati Sukamaju"
        );
        assert_eq!(
            regional_head("PEMERINTAH KOTA Magelang"),
            "Wali Kota Magelang"
        );
        assert_eq!(
            regional_head(" Pemerintah Provinsi Jawa Tengah "),
            "Gubernur Jawa Tengah"
        );
        assert_eq!(regional_head("Kabupaten Wonosobo"), "Bupati Wonosobo");
        assert_eq!(regional_head(""), "Kepala Daerah");
        assert_eq!(regional_head("Badan Riset dan Inovasi"), "Kepala Daerah");
        // A look-alike letter before the prefix never splits a character.
        assert_eq!(regional_head("\u{212A}abupaten Sukamaju"), "Kepala Daerah");
    }
}
