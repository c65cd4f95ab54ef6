//! The nomination dossier: what the regency sends on to the province for each innovation it
//! nominates, as one ZIP of PDFs with a table of contents (docs/documents.md, "Nomination
//! dossier"). Per nominee: the proposal laid out in the province's outline (the KIPP sections
//! the organisers tagged their questions with; an empty section is printed and listed as a
//! gap, never left silently blank), the nominee's scores, its certificate when it won an award,
//! and its evidence files as uploaded; with the berita acara and the draft decree. The dossier
//! is written in Indonesian whatever the reader's language, like the decree.

use std::io::{Cursor, Write};

use serde_json::Value;

use crate::error::AppError;
use crate::i18n::{two_decimals, Lang, PageKey};
use crate::models::{
    question_field, Basis, CurrentUser, Fields, KippSection, NominationData, NomineeCoverage,
    PhaseBlock, ProposalForm, Question, QuestionKind, ResultRow, ResultsBoard,
};
use crate::server::documents::{self, Contents, ContentsGroup, Labelled, OutlineSection};
use crate::server::infra::db::internal;
use crate::server::results::{board, exports, papers};
use crate::server::submission::proposals;
use crate::server::year::{competitions, form};
use crate::server::{identity, AppState, Db};

/// The dossier's language: it goes to the province.
const LANG: Lang = Lang::Id;

/// A proposal's answers placed in the outline.
#[derive(Debug, Default)]
pub struct Outlined {
    /// Every section of the outline in order, each with its answers (none: a gap).
    pub sections: Vec<(KippSection, Vec<Labelled>)>,
    /// Answers to untagged questions.
    pub other: Vec<Labelled>,
}

impl Outlined {
    /// The sections without any answer, in the outline's order.
    pub fn missing(&self) -> Vec<KippSection> {
        self.sections
            .iter()
            .filter(|(_, answers)| answers.is_empty())
            .map(|(s, _)| *s)
            .collect()
    }
}

/// An evidence file as the dossier carries it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvidenceFile {
    pub question_id: i64,
    pub file_name: String,
    pub sha256: String,
}

/// Places each answered question of `form` under its section (an evidence slot answers with
/// its files' names).
pub fn outline(form: &ProposalForm, fields: &Fields, files: &[EvidenceFile]) -> Outlined {
    let mut out = Outlined {
        sections: KippSection::ALL.iter().map(|s| (*s, Vec::new())).collect(),
        other: Vec::new(),
    };
    for q in form.questions() {
        let text = if q.kind == QuestionKind::Evidence {
            files
                .iter()
                .filter(|f| f.question_id == q.id)
                .map(|f| f.file_name.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            answer_text(q, fields.get(&question_field(q.id)))
        };
        if text.trim().is_empty() {
            continue;
        }
        let answer = Labelled {
            label: q.label.clone(),
            text,
        };
        match q
            .kipp_section
            .and_then(|k| out.sections.iter_mut().find(|(s, _)| *s == k))
        {
            Some((_, answers)) => answers.push(answer),
            None => out.other.push(answer),
        }
    }
    out
}

/// An answer as the dossier prints it: dates and numbers the Indonesian way, one line per
/// choice or team member.
fn answer_text(q: &Question, value: Option<&Value>) -> String {
    let Some(value) = value else {
        return String::new();
    };
    match (q.kind, value) {
        (_, Value::String(s)) if q.kind == QuestionKind::Date => {
            crate::i18n::day_of_iso(s.trim(), LANG)
        }
        (_, Value::String(s)) => s.trim().to_string(),
        (_, Value::Number(n)) => match n.as_i64() {
            Some(i) => grouped(i),
            None => n.to_string().replace('.', ","),
        },
        (QuestionKind::Team, Value::Array(members)) => members
            .iter()
            .filter_map(|m| {
                let part = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default().trim();
                match (part("name"), part("role")) {
                    ("", _) => None,
                    (name, "") => Some(name.to_string()),
                    (name, role) => Some(format!("{name} \u{2014} {role}")),
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// `12500` → `12.500`.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

async fn evidence(db: &Db, proposal_id: &str) -> Result<Vec<EvidenceFile>, AppError> {
    Ok(sqlx::query_as(
        "SELECT question_id, file_name, sha256 FROM attachments
         WHERE proposal_id = $1 ORDER BY uploaded_at, id",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The nomination page: the current year's nominees and what their dossiers lack.
pub async fn overview(db: &Db) -> Result<NominationData, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let (competition_name, year) = (competition.name.clone(), competition.year);
    let form = form::load(db, competition.id, 0).await?;
    let board = board::load(db, competition).await?;
    let mut nominees = Vec::new();
    for r in board.rows.iter().filter(|r| r.nominated) {
        let files = evidence(db, &r.proposal_id).await?;
        let fields = proposals::fields(db, &r.proposal_id).await?;
        nominees.push(NomineeCoverage {
            proposal_id: r.proposal_id.clone(),
            title: r.title.clone(),
            agency_name: r.agency_name.clone(),
            award: r.award,
            missing: outline(&form, &fields, &files).missing(),
            evidence_files: u32::try_from(files.len()).unwrap_or(u32::MAX),
        });
    }
    Ok(NominationData {
        competition_name,
        year,
        locked: board.locked_at.is_some(),
        nominees,
        tagged_questions: u32::try_from(
            form.questions()
                .filter(|q| q.kipp_section.is_some())
                .count(),
        )
        .unwrap_or(u32::MAX),
    })
}

/// A made ZIP and the name it downloads under.
pub struct Made {
    pub bytes: Vec<u8>,
    pub name: String,
}

/// One file of the ZIP: its path below the top folder, its bytes and what it holds.
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
    pub what: String,
}

/// The dossier of the nominee `only`, or of every nominee (`None`): once the results are
/// locked (nominations are final then). A proposal that is not nominated is "not found".
pub async fn zip(
    state: &AppState,
    admin: &CurrentUser,
    board: &ResultsBoard,
    only: Option<&str>,
    base: &str,
) -> Result<Made, AppError> {
    if board.locked_at.is_none() {
        return Err(AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
    }
    let nominees: Vec<&ResultRow> = board
        .rows
        .iter()
        .filter(|r| r.nominated && only.is_none_or(|id| r.proposal_id == id))
        .collect();
    match (nominees.is_empty(), only) {
        (true, Some(_)) => return Err(AppError::NotFound),
        (true, None) => return Err(AppError::PhaseBlocked(PhaseBlock::NoNominees)),
        _ => {}
    }
    let db = &state.db;
    let form = form::load(db, board.competition.id, 0).await?;
    let (identity, crest) = identity::letterhead(db, &state.files).await?;
    let government = identity.government_name.to_uppercase();
    let competition =
        crate::models::name_with_year(&board.competition.name, board.competition.year);

    let mut shared = vec![
        Entry {
            path: "rancangan-sk.pdf".into(),
            bytes: papers::decree(state, board).await?.bytes,
            what: "Rancangan keputusan kepala daerah tentang inovasi yang diusulkan ke tingkat \
                   provinsi, dengan lampiran daftar nominasi"
                .into(),
        },
        Entry {
            path: "berita-acara.pdf".into(),
            bytes: papers::recap(state, board, LANG).await?.bytes,
            what: "Berita acara rekapitulasi penilaian seluruh inovasi tahun ini".into(),
        },
    ];
    let mut groups = Vec::new();
    let mut entries = Vec::new();
    for (i, row) in nominees.iter().enumerate() {
        let folder = match only {
            Some(_) => String::new(),
            None => format!("{:02}-{}/", i + 1, slug(&row.title)),
        };
        let files = evidence(db, &row.proposal_id).await?;
        let fields = proposals::fields(db, &row.proposal_id).await?;
        let outlined = outline(&form, &fields, &files);
        let gaps: Vec<String> = outlined
            .missing()
            .into_iter()
            .map(|s| format!("{}. {}", s.number(), section_title(s)))
            .collect();
        let mut mine = Vec::new();
        let evidence_names: Vec<String> = files
            .iter()
            .enumerate()
            .map(|(n, f)| format!("{:02}-{}", n + 1, safe_name(&f.file_name)))
            .collect();
        let proposal = documents::OutlinedProposal {
            crest: crest.clone(),
            government: government.clone(),
            competition: competition.clone(),
            title: row.title.clone(),
            facts: facts(board, row),
            sections: outlined
                .sections
                .into_iter()
                .map(|(s, answers)| OutlineSection {
                    number: s.number(),
                    title: section_title(s).to_string(),
                    answers,
                })
                .collect(),
            other: outlined.other,
            evidence: evidence_names.clone(),
        };
        mine.push(Entry {
            path: format!("{folder}01-proposal.pdf"),
            bytes: papers::typeset(state, move |t| documents::pdf::proposal(t, &proposal)).await?,
            what: "Proposal inovasi menurut sistematika proposal tingkat provinsi (KIPP)".into(),
        });
        let scores = score_summary(board, row, &government, &competition, crest.clone());
        mine.push(Entry {
            path: format!("{folder}02-nilai.pdf"),
            bytes: papers::typeset(state, move |t| documents::pdf::scores(t, &scores)).await?,
            what: "Rekapitulasi nilai inovasi ini per kriteria".into(),
        });
        if row.award.is_some() {
            let certificate = papers::certificate(state, admin, board, row, base, LANG).await?;
            mine.push(Entry {
                path: format!("{folder}03-piagam.pdf"),
                bytes: certificate.bytes,
                what: format!(
                    "Piagam penghargaan ({})",
                    exports::award_label(row.award, LANG)
                ),
            });
        }
        for (f, name) in files.iter().zip(&evidence_names) {
            mine.push(Entry {
                path: format!("{folder}bukti/{name}"),
                bytes: state.files.get(&f.sha256).await?.to_vec(),
                what: "Bukti dukung, sebagaimana diunggah instansi".into(),
            });
        }
        groups.push(ContentsGroup {
            heading: format!("{}. {} \u{2014} {}", i + 1, row.title, row.agency_name),
            files: mine
                .iter()
                .map(|e| Labelled {
                    label: e.path.clone(),
                    text: e.what.clone(),
                })
                .collect(),
            gaps,
        });
        entries.extend(mine);
    }
    groups.insert(
        0,
        ContentsGroup {
            heading: String::new(),
            files: shared
                .iter()
                .map(|e| Labelled {
                    label: e.path.clone(),
                    text: e.what.clone(),
                })
                .collect(),
            gaps: Vec::new(),
        },
    );
    let contents = Contents {
        crest,
        government,
        competition,
        groups,
    };
    let mut all = vec![Entry {
        path: "00-daftar-isi.pdf".into(),
        bytes: papers::typeset(state, move |t| documents::pdf::contents(t, &contents)).await?,
        what: String::new(),
    }];
    all.append(&mut shared);
    all.append(&mut entries);

    let year = board.competition.year;
    let top = match (only, nominees.first()) {
        (Some(_), Some(row)) => format!("berkas-nominasi-{}-{year}", slug(&row.title)),
        _ => format!("berkas-nominasi-{year}"),
    };
    let bytes = tokio::task::spawn_blocking({
        let top = top.clone();
        move || write_zip(&top, &all)
    })
    .await
    .map_err(internal)??;
    Ok(Made {
        bytes,
        name: format!("{top}.zip"),
    })
}

/// Every file is stored as it is: PDFs, photos and office files are compressed already, and a
/// dossier of 50 MB of evidence is written in the time it takes to copy it.
pub fn write_zip(top: &str, entries: &[Entry]) -> Result<Vec<u8>, AppError> {
    let size = entries.iter().map(|e| e.bytes.len() + 200).sum();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(size > u32::MAX as usize / 2);
    for e in entries {
        out.start_file(format!("{top}/{}", e.path), options)
            .map_err(internal)?;
        out.write_all(&e.bytes).map_err(internal)?;
    }
    Ok(out.finish().map_err(internal)?.into_inner())
}

/// Agency, category, award and rank, as the proposal and the scores print them.
fn facts(board: &ResultsBoard, row: &ResultRow) -> Vec<Labelled> {
    let standing = row.standing(board.basis);
    let dash = "\u{2013}".to_string();
    let mut facts = vec![
        Labelled {
            label: PageKey::Agency.text(LANG).into(),
            text: row.agency_name.clone(),
        },
        Labelled {
            label: PageKey::CategoryLabel.text(LANG).into(),
            text: row.category_name.clone().unwrap_or_else(|| dash.clone()),
        },
        Labelled {
            label: PageKey::ColRank.text(LANG).into(),
            text: standing
                .rank
                .map_or(dash.clone(), |r| format!("{r} dari {}", board.rows.len())),
        },
    ];
    if row.award.is_some() {
        facts.push(Labelled {
            label: PageKey::ColAward.text(LANG).into(),
            text: exports::award_label(row.award, LANG).into(),
        });
    }
    facts
}

fn score_summary(
    board: &ResultsBoard,
    row: &ResultRow,
    government: &str,
    competition: &str,
    crest: Option<bytes::Bytes>,
) -> documents::ScoreSummary {
    let standing = row.standing(board.basis);
    let dash = || "\u{2013}".to_string();
    let mut facts = facts(board, row);
    facts.push(Labelled {
        label: "Nilai akhir (0\u{2013}100)".into(),
        text: standing.score.map_or_else(dash, |s| two_decimals(s, LANG)),
    });
    facts.push(Labelled {
        label: "Lembar nilai juri".into(),
        text: row.judges.to_string(),
    });
    let basis = match board.basis {
        Basis::Raw => PageKey::BasisRaw.text(LANG),
        Basis::Normalised => PageKey::BasisNormalised.text(LANG),
    };
    documents::ScoreSummary {
        crest,
        government: government.to_string(),
        competition: competition.to_string(),
        title: row.title.clone(),
        facts,
        criteria: board
            .criteria
            .iter()
            .zip(&row.criteria)
            .map(|(c, r)| documents::ScoreLine {
                name: c.name.clone(),
                weight: format!("{}%", c.weight),
                scale: format!("{}\u{2013}{}", c.scale_min, c.scale_max),
                mean: r.mean.map_or_else(dash, |m| two_decimals(m, LANG)),
            })
            .collect(),
        note: format!(
            "Nilai akhir adalah jumlah nilai kriteria berbobot pada skala 0\u{2013}100. Dasar \
             peringkat: {}. Batas lolos: {}.",
            basis.to_lowercase(),
            two_decimals(board.pass_mark, LANG)
        ),
    }
}

/// A section's title in the dossier's language.
pub fn section_title(s: KippSection) -> &'static str {
    crate::i18n::labels::kipp_section(s).text(LANG)
}

/// A folder name from a title: lower-case letters, digits and dashes, at most 40 characters.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "inovasi".into()
    } else {
        out
    }
}

/// An uploaded file's name as a ZIP entry: no folders, nothing a file manager would read as a
/// path (the name was already cleaned at upload; this keeps the ZIP safe whatever is stored).
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '\0' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    match cleaned.trim_start_matches('.').trim() {
        "" => "berkas".into(),
        name => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{FormSection, QuestionKind};
    use serde_json::json;

    fn question(id: i64, kind: QuestionKind, kipp: Option<KippSection>) -> Question {
        Question {
            id,
            kind,
            label: format!("Pertanyaan {id}"),
            help: String::new(),
            required: false,
            word_limit: None,
            char_limit: None,
            min_value: None,
            max_value: None,
            options: Vec::new(),
            max_files: None,
            is_start_date: false,
            kipp_section: kipp,
        }
    }

    fn form(questions: Vec<Question>) -> ProposalForm {
        ProposalForm {
            competition_id: 1,
            competition_name: "Lomba".into(),
            categories: Vec::new(),
            sections: vec![FormSection {
                id: 1,
                title: "A".into(),
                description: String::new(),
                questions,
            }],
            min_running_days: 0,
            deadline_at: None,
        }
    }

    #[test]
    fn answers_go_under_their_section_and_empty_sections_are_gaps() {
        let f = form(vec![
            question(1, QuestionKind::LongText, Some(KippSection::Summary)),
            question(2, QuestionKind::LongText, Some(KippSection::Background)),
            question(3, QuestionKind::Number, Some(KippSection::Significance)),
            question(4, QuestionKind::ShortText, None),
            question(5, QuestionKind::Evidence, Some(KippSection::Resources)),
            question(6, QuestionKind::Team, Some(KippSection::Resources)),
        ]);
        let fields: Fields = [
            ("q1".to_string(), json!("Ringkas.")),
            // Whitespace is no answer: the section stays a gap.
            ("q2".to_string(), json!("   ")),
            ("q3".to_string(), json!(12500)),
            ("q4".to_string(), json!("Lain")),
            (
                "q6".to_string(),
                json!([{"name": "Ani", "role": "Ketua"}, {"name": "", "role": "x"}]),
            ),
        ]
        .into_iter()
        .collect();
        let files = vec![EvidenceFile {
            question_id: 5,
            file_name: "sk.pdf".into(),
            sha256: "x".into(),
        }];
        let o = outline(&f, &fields, &files);
        let of = |s: KippSection| {
            o.sections
                .iter()
                .find(|(k, _)| *k == s)
                .map(|(_, a)| a.iter().map(|l| l.text.as_str()).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(of(KippSection::Summary), ["Ringkas."]);
        assert_eq!(of(KippSection::Significance), ["12.500"]);
        assert_eq!(of(KippSection::Resources), ["sk.pdf", "Ani \u{2014} Ketua"]);
        assert_eq!(o.other.len(), 1);
        assert_eq!(
            o.missing(),
            [
                KippSection::Background,
                KippSection::Novelty,
                KippSection::Implementation,
                KippSection::Adaptability,
                KippSection::Sustainability,
            ]
        );
    }

    #[test]
    fn dates_and_numbers_read_the_indonesian_way() {
        let date = question(1, QuestionKind::Date, None);
        assert_eq!(
            answer_text(&date, Some(&json!("2024-03-01"))),
            "1 Maret 2024"
        );
        assert_eq!(answer_text(&date, Some(&json!("kemarin"))), "kemarin");
        let n = question(2, QuestionKind::Number, None);
        assert_eq!(answer_text(&n, Some(&json!(-1234567))), "-1.234.567");
        assert_eq!(answer_text(&n, Some(&json!(12))), "12");
        assert_eq!(answer_text(&n, Some(&json!(2.5))), "2,5");
        let many = question(3, QuestionKind::MultipleChoice, None);
        assert_eq!(answer_text(&many, Some(&json!(["a", "b"]))), "a\nb");
    }

    #[test]
    fn names_in_the_zip_are_never_paths() {
        assert_eq!(
            slug("Posyandu Digital: Sehat & Cepat!"),
            "posyandu-digital-sehat-cepat"
        );
        assert_eq!(slug("../.."), "inovasi");
        assert_eq!(safe_name("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(safe_name("..\\a.pdf"), "-a.pdf");
        assert_eq!(safe_name(".."), "berkas");
    }
}
