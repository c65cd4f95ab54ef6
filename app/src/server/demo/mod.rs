//! Demo data: the year "Lomba Inovasi Pelayanan Publik 2026" of the (fictional) Kabupaten
//! Sukamaju, in its submission phase, with its criteria, categories, form, agencies, one account
//! for every role, and a few proposals in different states. The data is in `demo.toml`; dates
//! are set relative to the day the seed runs, so the demo is always mid-way through submission.

mod field;
mod past_years;
mod presentation;
mod rows;

use crate::assignment::{self, JudgeSlot, ProposalSlot};
use crate::error::AppError;
use crate::models::{AgencyKind, Award, Phase, Role, RoundKind};
use crate::validation::Email;

use crate::server::infra::db::{flag, now_ms};
use crate::server::infra::passwords::PasswordHasher;
use crate::server::people::agencies::{self, NewAgency};
use crate::server::people::users::{self, NewUser};
use crate::server::year::rounds;
use crate::server::Db;
use rows::*;

/// The password of every demo account (printed by `seed-demo`, written in the README).
pub const DEMO_PASSWORD: &str = "demo-inovasi-2026";

pub const COMPETITION_NAME: &str = "Lomba Inovasi Pelayanan Publik 2026";

/// Which moment of the year the demo shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// Mid-way through submission: agencies write, heads approve.
    Submission,
    /// Mid-way through (blind) judging: screened proposals assigned to the judges, three each.
    Judging,
    /// The judging demo carried through to the end: results decided, locked and published
    /// (through the organisers' own code paths), with two earlier archived years of results
    /// behind it, so the gallery and open data show a few years. The organisers can start the
    /// next year from it.
    Published,
    /// Judging done: the judging demo with every judge's sheet handed in, the year in
    /// deliberation (the organisers decide, lock and publish).
    Deliberation,
    /// The regency's presentation day (docs/rounds.md): the year judged in two rounds, the
    /// desk round done and locked with its best eight sent on (through the organisers' own
    /// code), the presentation round under way with its own criteria, each room's panel of two
    /// judges scoring its finalists, the first two of each room presented and scored and the
    /// third on the stage; the rounds weighed 40 / 60.
    Presentation,
    /// Field verification (docs/rounds.md): as the presentation day, but the second round is a
    /// field round with the usual checklist, each finalist visited by two judges, no visit
    /// reported yet.
    Field,
}

/// A demo account as printed for the person trying the app.
#[derive(Clone, Debug)]
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub agency: Option<String>,
}

pub enum SeedOutcome {
    Seeded(Vec<DemoAccount>),
    /// The database already holds data; nothing was written.
    NotEmpty,
}

/// Writes the demo data in one transaction, unless the database already holds any account or
/// competition year.
pub async fn seed_demo(db: &Db, hasher: &PasswordHasher) -> Result<SeedOutcome, AppError> {
    seed_scenario(db, hasher, Scenario::Submission).await
}

pub async fn seed_scenario(
    db: &Db,
    hasher: &PasswordHasher,
    scenario: Scenario,
) -> Result<SeedOutcome, AppError> {
    let judging = scenario != Scenario::Submission;
    let demo: Demo = toml::from_str(DEMO).map_err(|e| bad_seed(&e.to_string()))?;

    // Hash first: nothing slow happens while the write lock is held.
    let mut hashes = Vec::new();
    for _ in &demo.accounts {
        hashes.push(hasher.hash(DEMO_PASSWORD.to_string()).await?);
    }

    let mut tx = db.begin_write().await?;
    let existing: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM competitions)",
    )
    .fetch_one(&mut *tx)
    .await?;
    if existing > 0 {
        return Ok(SeedOutcome::NotEmpty);
    }
    let now = now_ms();

    sqlx::query("INSERT INTO regency_identity (id, government_name, place) VALUES (1, $1, $2)")
        .bind(&demo.identity.government)
        .bind(&demo.identity.place)
        .execute(&mut *tx)
        .await?;

    let competition_id: i64 = sqlx::query_scalar(
        "INSERT INTO competitions (year, name, phase, blind_judging, judges_per_proposal,
             min_running_days, created_at)
         VALUES ($1, $2, $3, $4, 3, 365, $5) RETURNING id",
    )
    .bind(demo.competition.year)
    .bind(&demo.competition.name)
    .bind(match scenario {
        Scenario::Submission => "submission_open",
        Scenario::Judging => "judging",
        // Published below, the way the organisers publish: from deliberation; the
        // presentation round opens the way the organisers open it: from deliberation too.
        Scenario::Published | Scenario::Deliberation | Scenario::Presentation | Scenario::Field => {
            "deliberation"
        }
    })
    .bind(flag(judging))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let round_id = rounds::add_first(&mut *tx, competition_id, now).await?;

    // (phase, first day, last day) relative to today; each phase ends at 23.59 WIB (16.59 UTC).
    let phase_days: [(&str, i64, i64); 7] = [
        ("setup", -60, -30),
        ("submission_open", -30, 30),
        ("screening", 30, 44),
        ("judging", 44, 74),
        ("deliberation", 74, 81),
        ("published", 81, 120),
        ("archived", 120, 485),
    ];
    // The judging demo is two months further on: mid-way through judging; the published one
    // three months on, with the results out.
    let shift = match scenario {
        Scenario::Submission => 0,
        Scenario::Judging | Scenario::Deliberation | Scenario::Presentation | Scenario::Field => {
            -59
        }
        Scenario::Published => -90,
    };
    let midnight_utc = now - now.rem_euclid(DAY) + shift * DAY;
    let dates: Vec<(&str, i64, i64)> = phase_days
        .iter()
        .map(|(phase, from, to)| {
            (
                *phase,
                midnight_utc + from * DAY + 17 * 3_600_000,
                midnight_utc + to * DAY + 16 * 3_600_000 + 59 * 60_000,
            )
        })
        .collect();
    insert_phases(&mut tx, competition_id, &dates).await?;

    let category_ids = insert_categories(&mut tx, competition_id, &demo.categories).await?;

    insert_criteria(&mut tx, competition_id, &demo.criteria).await?;

    let question_ids = insert_form(&mut tx, competition_id, &demo.sections).await?;

    let mut agency_ids: Vec<(&str, i64)> = Vec::new();
    for a in &demo.agencies {
        let kind = AgencyKind::parse(&a.kind).ok_or_else(|| bad_seed(&a.kind))?;
        let id = agencies::create(
            &mut *tx,
            NewAgency {
                name: &a.name,
                short_name: Some(&a.short),
                kind,
                head_name: Some(&a.head),
            },
        )
        .await?;
        sqlx::query("INSERT INTO competition_agencies (competition_id, agency_id) VALUES ($1, $2)")
            .bind(competition_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        agency_ids.push((a.short.as_str(), id));
    }
    let agency_id = |short: &str| {
        agency_ids
            .iter()
            .find(|(s, _)| *s == short)
            .map(|(_, id)| *id)
            .ok_or_else(|| bad_seed(short))
    };

    let mut accounts = Vec::new();
    let mut user_ids: Vec<(&str, i64)> = Vec::new();
    for (a, hash) in demo.accounts.iter().zip(hashes) {
        let role = Role::parse(&a.role).ok_or_else(|| bad_seed(&a.role))?;
        let agency = a.agency.as_deref().map(agency_id).transpose()?;
        let id = users::create(
            &mut *tx,
            NewUser {
                email: &Email::parse(&a.email)?,
                name: &a.name,
                role,
                agency_id: agency,
                password_hash: Some(hash),
            },
        )
        .await?;
        if role == Role::Judge {
            sqlx::query("INSERT INTO competition_judges (competition_id, user_id) VALUES ($1, $2)")
                .bind(competition_id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        user_ids.push((a.email.as_str(), id));
        accounts.push(DemoAccount {
            email: a.email.clone(),
            role,
            agency: a.agency.clone(),
        });
    }

    let extra: &[ProposalSeed] = if judging {
        &demo.judging_proposals
    } else {
        &[]
    };
    let presenting: &[ProposalSeed] =
        if matches!(scenario, Scenario::Presentation | Scenario::Field) {
            &demo.presentation_proposals
        } else {
            &[]
        };
    let mut judges = Vec::new();
    for (email, id) in &user_ids {
        if let Some(a) = demo.accounts.iter().find(|a| a.email == *email) {
            if a.role == "judge" {
                judges.push(JudgeSlot {
                    id: *id,
                    agency_id: a.agency.as_deref().map(agency_id).transpose()?,
                    expertise: None,
                });
            }
        }
    }
    let mut screened = Vec::new();
    for (i, p) in demo
        .proposals
        .iter()
        .chain(extra)
        .chain(presenting)
        .enumerate()
    {
        let author = user_ids
            .iter()
            .find(|(e, _)| *e == p.author)
            .map(|(_, id)| *id)
            .ok_or_else(|| bad_seed(&p.author))?;
        let category_id = category_ids
            .iter()
            .find(|(c, _)| *c == p.category)
            .map(|(_, id)| *id);
        let answers = p
            .answers
            .iter()
            .map(|(code, value)| {
                let question = question_ids
                    .iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, id)| *id)
                    .ok_or_else(|| bad_seed(code))?;
                Ok((question, value.as_str()))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        // In the judging demo every submitted proposal has passed screening.
        let status = match p.status.as_str() {
            "submitted" if judging => "screened_in",
            other => other,
        };
        let id = insert_demo_proposal(
            &mut tx,
            DemoProposal {
                competition_id,
                agency_id: agency_id(&p.agency)?,
                category_id,
                author,
                title: &p.title,
                status,
                // Spread the last changes over the past days so the lists have an order.
                updated_at: now - (i as i64 + 1) * DAY / 3,
            },
            &answers,
        )
        .await?;
        if status == "screened_in" {
            screened.push(ProposalSlot {
                id,
                agency_id: agency_id(&p.agency)?,
                category_id,
            });
        }
    }

    if judging {
        let admin = user_ids
            .iter()
            .find(|(e, _)| e.starts_with("admin@"))
            .map(|(_, id)| *id)
            .ok_or_else(|| bad_seed("an admin account"))?;
        let plan = assignment::plan(&assignment::Input {
            proposals: screened,
            judges: judges.clone(),
            per_proposal: 3,
            ..assignment::Input::default()
        });
        for (proposal, judge) in plan.new {
            insert_assignment(&mut tx, round_id, &proposal, judge, admin, now).await?;
        }
    }

    if matches!(
        scenario,
        Scenario::Deliberation | Scenario::Published | Scenario::Presentation | Scenario::Field
    ) {
        hand_in_demo_sheets(&mut tx, round_id, now, None).await?;
    }
    if let Some(kind) = match scenario {
        Scenario::Presentation => Some(RoundKind::Presentation),
        Scenario::Field => Some(RoundKind::Field),
        _ => None,
    } {
        presentation::plan(
            &mut tx,
            competition_id,
            &demo.presentation_criteria,
            now,
            kind,
        )
        .await?;
    }
    let admin = user_ids
        .iter()
        .find(|(e, _)| e.starts_with("admin@"))
        .map(|(_, id)| *id)
        .ok_or_else(|| bad_seed("an admin account"))?;
    if scenario == Scenario::Published {
        past_years::seed(&mut tx, &demo, &agency_id, &judges, admin).await?;
    }

    tx.commit().await?;
    if scenario == Scenario::Published {
        publish_demo_year(db, admin).await?;
    }
    if scenario == Scenario::Presentation {
        presentation::open(db, admin, &judges, now).await?;
    }
    if scenario == Scenario::Field {
        field::open(db, admin, &judges, now).await?;
    }
    Ok(SeedOutcome::Seeded(accounts))
}

/// The demo year's results decided, locked and published as the organisers do it, through the
/// same code: the top of the official ranking wins (and goes on to the province), the next two
/// are finalists.
async fn publish_demo_year(db: &Db, admin: i64) -> Result<(), AppError> {
    let admin = users::load_current(db, admin)
        .await?
        .ok_or_else(|| bad_seed("the admin account"))?;
    let competition = crate::server::year::competitions::current(db)
        .await?
        .ok_or_else(|| bad_seed("the demo year"))?;
    let board = crate::server::results::board::load(db, competition).await?;
    let decisions: Vec<(String, Option<Award>, bool)> = board
        .rows
        .iter()
        .take(3)
        .enumerate()
        .map(|(place, row)| {
            let award = if place == 0 {
                Award::Winner
            } else {
                Award::Finalist
            };
            (row.proposal_id.clone(), Some(award), place == 0)
        })
        .collect();
    crate::server::results::deliberation::save_decisions(db, &admin, &decisions).await?;
    crate::server::results::deliberation::lock(db, &admin).await?;
    crate::server::year::setup::move_phase(
        db,
        &crate::server::http::state::Caches::default(),
        &admin,
        Phase::Published,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_consistent() {
        let demo: Demo = toml::from_str(DEMO).expect("demo.toml parses");
        assert_eq!(demo.competition.name, COMPETITION_NAME);
        assert_eq!(demo.criteria.iter().map(|c| c.weight).sum::<i64>(), 100);
        assert_eq!(
            demo.presentation_criteria
                .iter()
                .map(|c| c.weight)
                .sum::<i64>(),
            100
        );
        assert!(demo.agencies.len() >= 15);
        for a in &demo.agencies {
            assert!(AgencyKind::parse(&a.kind).is_some(), "{}", a.kind);
        }
        for a in &demo.accounts {
            let role = Role::parse(&a.role).expect("role");
            if role != Role::Judge {
                assert_eq!(role.belongs_to_agency(), a.agency.is_some(), "{}", a.email);
            }
        }
        for p in demo
            .proposals
            .iter()
            .chain(&demo.judging_proposals)
            .chain(&demo.presentation_proposals)
        {
            for value in p.answers.values() {
                serde_json::from_str::<serde_json::Value>(value).expect("answers are JSON");
            }
        }
    }
}
