use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{
    fetch_result_detail, fetch_results, AdvanceRound, LockResults, SaveCertificateSigner,
    SaveDecisions, SaveResultSettings,
};
use crate::components::charts::{bins, histogram, radar, Chart};
use crate::components::{
    field_error, kept_form, loaded, textarea_text, CompetitionCard, EmptyState, FieldProblem,
    PageTitle, QueryError,
};
use crate::error::{Field, Input};
use crate::i18n::{format_date, labels, t, two_decimals, use_i18n, Key, PageKey};
use crate::models::{
    Award, Basis, CertificateSigner, CriterionHead, MissingSheet, Phase, ResultDetail, ResultRow,
    ResultsBoard, RoundInfo, Standing,
};
use crate::pages::certificates::CertificateRegister;
use crate::routes;

/// `/admin/results`: the raw and the normalised ranking side by side, how far the judges agree,
/// the sheets still missing, the deliberation's decisions, locking, and the result files.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_results());
    view! {
        <PageTitle page=PageKey::ResultsTitle />
        <h1>{t(PageKey::ResultsTitle)}</h1>
        <QueryError anchor=results_input />
        <SavedNotice />
        {loaded(data, |board| match board {
            Some(board) => Either::Left(view! { <Board board /> }),
            None => Either::Right(view! {
                <EmptyState title=PageKey::ResultsNotYet hint=PageKey::ResultsNotYetHint />
            }),
        })}
    }
}

#[component]
fn SavedNotice() -> impl IntoView {
    let saved = use_query_map().read_untracked().get("saved");
    saved.map(|what| {
        let key = match what.as_str() {
            "locked" => PageKey::ResultsLockedNotice,
            "advanced" => PageKey::AdvancedNotice,
            _ => PageKey::Saved,
        };
        view! { <p class="card notice-info" role="status">{t(key)}</p> }
    })
}

fn score(s: Option<f64>) -> impl IntoView {
    let i18n = use_i18n();
    move || s.map_or_else(|| "–".to_string(), |s| two_decimals(s, i18n.lang.get()))
}

fn rank(s: &Standing) -> String {
    s.rank.map_or_else(|| "–".to_string(), |r| r.to_string())
}

#[component]
fn Board(board: ResultsBoard) -> impl IntoView {
    let i18n = use_i18n();
    let official: Vec<f64> = board
        .rows
        .iter()
        .filter_map(|r| r.standing(board.basis).score)
        .collect();
    let counts = bins(official.into_iter());
    let chart = histogram(
        &counts,
        PageKey::DistributionTitle.text(i18n.lang.get_untracked()),
    );
    let locked = board.locked_at;
    let total = board.rounds.len();
    let round = board.current_round().cloned().filter(|_| total > 1);
    let next = board.next_round().cloned();
    // A round another follows is locked by sending proposals on, not by locking the results.
    let lockable = board.editable && next.is_none();
    let advance = next.filter(|_| board.editable).map(|next| {
        view! {
            <Advance board=board.clone() next />
        }
    });
    view! {
        <CompetitionCard competition=board.competition.clone() />
        {round.map(|r| view! {
            <p class="card notice-info">
                {move || PageKey::RoundOf.text(i18n.lang.get())
                    .replace("{n}", &r.position.to_string())
                    .replace("{total}", &total.to_string())
                    .replace("{kind}", labels::round_kind(r.kind).text(i18n.lang.get()))}
            </p>
        })}
        <Status missing=board.missing.clone() locked editable=lockable awarded=board.rows.iter().filter(|r| r.award.is_some()).map(|r| (r.proposal_id.clone(), r.title.clone())).collect() nominated=board.rows.iter().any(|r| r.nominated)
            rounds_locked=board.rounds.iter().filter(|r| r.locked_at.is_some()).map(|r| r.position).collect() />
        {advance}
        {locked.is_some().then(|| view! { <CertificateRegister /> })}
        <div class="grid two">
            <Settings pass_mark=board.pass_mark basis=board.basis editable=board.editable />
            <section class="card" aria-labelledby="distribution-title">
                <h2 id="distribution-title">{t(PageKey::DistributionTitle)}</h2>
                <Chart svg=chart />
                <p class="muted">{t(PageKey::DistributionHint)}</p>
            </section>
        </div>
        <Ranking board=board.clone() />
        <Judges board=board.clone() />
        <Signer
            signer=board.signer
            editable=matches!(board.competition.phase, Phase::Deliberation | Phase::Published)
        />
    }
}

/// The id of the input a refused post's error is about.
fn results_input(field: &Field) -> Option<String> {
    let id = match field {
        Field::Input(Input::PassMark) => "pass-mark",
        Field::Input(Input::SignerName) => "signer-name",
        Field::Input(Input::SignerTitle) => "signer-title-input",
        Field::Input(Input::Reason) => "advance-reason",
        _ => return None,
    };
    Some(id.to_string())
}

/// Who signs the certificates: the name and title printed under the signature line.
#[component]
fn Signer(signer: CertificateSigner, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCertificateSigner>::new();
    let default_name = signer.locked_by.clone().unwrap_or_default();
    // Refused (a name too long): as typed, the error beside it.
    let (name, title) = match kept_form::<SaveCertificateSigner>() {
        Some(k) => (k.signer_name, k.signer_title),
        None => (signer.name, signer.title),
    };
    let (name_err, title_err) = (field_error("signer_name"), field_error("signer_title"));
    let (name_bad, title_bad) = (name_err.is_some(), title_err.is_some());
    view! {
        <section class="card" aria-labelledby="signer-title">
            <h2 id="signer-title">{t(PageKey::CertificateSignerTitle)}</h2>
            <p class="muted">{t(PageKey::CertificateSignerHint)}</p>
            <ActionForm action=save>
                <div class="grid two">
                    <div class="field">
                        <label for="signer-name">{t(PageKey::SignerName)}</label>
                        <input type="text" id="signer-name" name="signer_name" maxlength="120" autocomplete="off"
                            value=name placeholder=default_name disabled=!editable
                            aria-invalid=name_bad.then_some("true") aria-describedby="signer-name-error" autofocus=name_bad />
                        <FieldProblem id="signer-name-error".to_string() message=name_err />
                    </div>
                    <div class="field">
                        <label for="signer-title-input">{t(PageKey::SignerTitle)}</label>
                        <input type="text" id="signer-title-input" name="signer_title" maxlength="120" autocomplete="off"
                            value=title placeholder=move || PageKey::CertSigner.text(i18n.lang.get()) disabled=!editable
                            aria-invalid=title_bad.then_some("true") aria-describedby="signer-title-error" autofocus=title_bad />
                        <FieldProblem id="signer-title-error".to_string() message=title_err />
                    </div>
                </div>
                {editable.then(|| view! { <button type="submit" class="button">{t(PageKey::Save)}</button> })}
            </ActionForm>
        </section>
    }
}

/// Where the year stands: sheets still missing, locking, and the files.
#[component]
fn Status(
    missing: Vec<MissingSheet>,
    locked: Option<i64>,
    editable: bool,
    awarded: Vec<(String, String)>,
    /// Someone is nominated to the province: the draft decree names them.
    nominated: bool,
    /// The rounds proposals were sent on from, each with its own berita acara.
    rounds_locked: Vec<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lock = ServerAction::<LockResults>::new();
    let n = missing.len();
    view! {
        <section class="card" aria-labelledby="status-title">
            <h2 id="status-title">{t(PageKey::ResultsStatus)}</h2>
            {match locked {
                Some(at) => Either::Left(view! {
                    <p class="notice-info">
                        {move || PageKey::LockedAt.text(i18n.lang.get()).replace("{date}", &format_date(at, i18n.lang.get()))}
                    </p>
                }),
                None => Either::Right(view! { <p>{t(PageKey::NotLockedYet)}</p> }),
            }}
            {if missing.is_empty() {
                Either::Left(view! { <p>{t(PageKey::AllSheetsIn)}</p> })
            } else {
                Either::Right(view! {
                    <details open={n <= 10}>
                        <summary>{move || PageKey::SheetsWaiting.text(i18n.lang.get()).replace("{n}", &n.to_string())}</summary>
                        <ul class="plain">
                            {missing.into_iter().map(|m| view! {
                                <li>
                                    {m.proposal_title} " — " {m.judge_name} " ("
                                    {t(labels::sheet_state(m.status))} ")"
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                })
            }}
            {(editable).then(|| view! {
                <ActionForm action=lock>
                    <p class="muted">{t(PageKey::LockHint)}</p>
                    <button type="submit" class="button primary">{t(PageKey::LockResults)}</button>
                </ActionForm>
            })}
            <h3>{t(PageKey::ResultFiles)}</h3>
            <ul class="plain links">
                <li><a href=routes::ADMIN_RESULTS_CSV download>{t(PageKey::DownloadCsv)}</a></li>
                <li><a href=routes::ADMIN_RESULTS_XLSX download>{t(PageKey::DownloadXlsx)}</a></li>
                <li><a href=routes::ADMIN_RECAP_PDF download>{t(PageKey::DownloadRecap)}</a></li>
                {rounds_locked.into_iter().map(|n| view! {
                    <li><a href=routes::round_recap(n) download>{move || PageKey::RoundRecapLink.text(i18n.lang.get()).replace("{n}", &n.to_string())}</a></li>
                }).collect_view()}
                {(locked.is_some() && nominated).then(|| view! {
                    <li><a href=routes::ADMIN_DECREE_PDF download>{t(PageKey::DownloadDecree)}</a></li>
                })}
                {nominated.then(|| view! {
                    <li><a href=routes::ADMIN_NOMINATION>{t(PageKey::NominationTitle)}</a></li>
                })}
            </ul>
            {(locked.is_some() && !awarded.is_empty()).then(|| view! {
                <h3>{t(PageKey::Certificates)}</h3>
                <ul class="plain links">
                    {awarded.into_iter().map(|(id, title)| view! {
                        <li><a href=routes::certificate(&id) download>{title}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn Settings(pass_mark: f64, basis: Basis, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveResultSettings>::new();
    // Written the way the page's language writes numbers ("75,00" in Indonesian); the server
    // reads either separator (`deliberation::parse_pass_mark`).
    let kept = kept_form::<SaveResultSettings>();
    let basis = match kept.as_ref().map(|k| k.basis.as_str()) {
        Some("raw") => Basis::Raw,
        Some("normalised") => Basis::Normalised,
        _ => basis,
    };
    // A refused pass mark comes back as it was typed, its error beside it.
    let mark = kept.map_or_else(
        || two_decimals(pass_mark, i18n.lang.get_untracked()),
        |k| k.pass_mark,
    );
    let mark_err = field_error("pass_mark");
    let mark_invalid = mark_err.is_some();
    view! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{t(PageKey::RankingSettings)}</h2>
            <ActionForm action=save>
                <div class="field narrow-field">
                    <label for="pass-mark">{t(PageKey::PassMark)}</label>
                    <input type="text" inputmode="decimal" id="pass-mark" name="pass_mark" value=mark required disabled=!editable
                        aria-invalid=mark_invalid.then_some("true") aria-describedby="pass-mark-error" autofocus=mark_invalid />
                    <FieldProblem id="pass-mark-error".to_string() message=mark_err />
                </div>
                <fieldset class="field" disabled=!editable>
                    <legend>{t(PageKey::OfficialRanking)}</legend>
                    <label class="check" for="basis-raw">
                        <input type="radio" id="basis-raw" name="basis" value="raw" checked={basis == Basis::Raw} />
                        {t(PageKey::BasisRaw)}
                    </label>
                    <label class="check" for="basis-normalised">
                        <input type="radio" id="basis-normalised" name="basis" value="normalised" checked={basis == Basis::Normalised} />
                        {t(PageKey::BasisNormalised)}
                    </label>
                </fieldset>
                {editable.then(|| view! { <button type="submit" class="button">{t(PageKey::Save)}</button> })}
            </ActionForm>
            <p class="muted">
                {t(PageKey::RankingRulesHint)} " "
                <a href=routes::RULES>{t(PageKey::RankingRulesLink)}</a>
            </p>
            {(!editable).then(|| view! { <p class="muted">{move || PageKey::DecisionsClosed.text(i18n.lang.get())}</p> })}
        </section>
    }
}

#[component]
fn AwardCell(row: ResultRow, index: usize, editable: bool) -> impl IntoView {
    let name = move |what: &str| format!("decisions[{index}][{what}]");
    let id = format!("award-{index}");
    let nominate_id = format!("nominate-{index}");
    let nominate_for = nominate_id.clone();
    let label = format!("{} {}", t_static(PageKey::ColAward), row.title);
    let nominate_label = format!("{} {}", t_static(PageKey::ColNominated), row.title);
    view! {
        <td>
            <input type="hidden" name=name("proposal_id") value=row.proposal_id.clone() />
            <select id=id name=name("award") aria-label=label disabled=!editable>
                <option value="" selected=row.award.is_none()>"—"</option>
                <option value="finalist" selected={row.award == Some(Award::Finalist)}>{t(PageKey::AwardFinalist)}</option>
                <option value="winner" selected={row.award == Some(Award::Winner)}>{t(PageKey::AwardWinner)}</option>
            </select>
        </td>
        <td class="center">
            // The whole cell-sized label is the target a finger presses.
            <label class="check-target" for=nominate_for>
                <input type="checkbox" id=nominate_id name=name("nominated") value="on" checked=row.nominated aria-label=nominate_label disabled=!editable />
            </label>
        </td>
    }
}

/// A label for an attribute, in the page's language at render time (attributes of a
/// server-rendered page are not reactive anyway).
fn t_static(key: PageKey) -> &'static str {
    key.text(use_i18n().lang.get_untracked())
}

#[component]
fn Ranking(board: ResultsBoard) -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<SaveDecisions>::new();
    let category = use_query_map()
        .read_untracked()
        .get("category")
        .and_then(|c| c.parse::<i64>().ok());
    let editable = board.editable;
    let basis = board.basis;
    let pass_mark = board.pass_mark;
    // After the first round: each earlier round's column, and the combination's.
    let earlier = board
        .current_round()
        .map_or(0, |r| (r.position as usize).saturating_sub(1));
    let combination = board.combination;
    let rows: Vec<ResultRow> = board
        .rows
        .into_iter()
        .filter(|r| category.is_none() || r.category_id == category)
        .collect();
    let in_category = category.is_some();
    view! {
        <section class="card" aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t(PageKey::RankingTitle)}</h2>
            <form method="get" action=routes::ADMIN_RESULTS class="filters">
                <div class="field">
                    <label for="category-filter">{t(Key::ColCategory)}</label>
                    <select id="category-filter" name="category">
                        <option value="">{t(PageKey::AllCategories)}</option>
                        {board.categories.into_iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected={category == Some(id)}>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button small">{t(PageKey::ApplyFilter)}</button>
            </form>
            <p class="muted">{t(PageKey::RankingHint)}</p>
            {(earlier > 0).then(|| view! {
                <p class="muted">{move || PageKey::CombinedHint.text(i18n.lang.get()).replace("{how}", labels::combination(combination).text(i18n.lang.get()))}</p>
            })}
            <ActionForm action=decide>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ranking-title">
                    <table class="table results-table">
                        <thead>
                            <tr>
                                <th scope="col" class="num">{t(PageKey::ColRank)}</th>
                                <th scope="col">{t(PageKey::ColProposal)}</th>
                                {(1..=earlier).map(|n| view! {
                                    <th scope="col" class="num">{move || PageKey::ColRoundN.text(i18n.lang.get()).replace("{n}", &n.to_string())}</th>
                                }).collect_view()}
                                <th scope="col" class="num">{t(PageKey::ColRawScore)}</th>
                                <th scope="col" class="num">{t(PageKey::ColNormalisedScore)}</th>
                                {(earlier > 0).then(|| view! { <th scope="col" class="num">{t(PageKey::ColCombined)}</th> })}
                                <th scope="col" class="num">{t(PageKey::ColJudges)}</th>
                                <th scope="col">{t(PageKey::ColFlags)}</th>
                                <th scope="col">{t(PageKey::ColAward)}</th>
                                <th scope="col">{t(PageKey::ColNominated)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().enumerate().map(|(i, r)| {
                                let official = r.standing(basis).clone();
                                let shown_rank = if in_category {
                                    official.rank_in_category.map_or_else(|| "–".to_string(), |n| n.to_string())
                                } else {
                                    rank(&official)
                                };
                                let passes = official.passes;
                                let raw_rank = rank(&r.raw);
                                let norm_rank = rank(&r.normalised);
                                let (raw, norm) = (r.raw.score, r.normalised.score);
                                let before = r.earlier.clone();
                                let combined = (earlier > 0).then(|| official.clone());
                                let disagreement = r.disagreement;
                                let class = if passes { "passes" } else { "" };
                                view! {
                                    <tr class=class>
                                        <td class="num">{shown_rank}</td>
                                        <td>
                                            <a href=routes::admin_result(&r.proposal_id)>{r.title.clone()}</a>
                                            <br />
                                            <span class="muted">{r.agency_name.clone()} {r.category_name.clone().map(|c| format!(" · {c}"))}</span>
                                        </td>
                                        {(0..earlier).map(|n| {
                                            let s = before.get(n).cloned().unwrap_or_default();
                                            let shown = rank(&s);
                                            view! { <td class="num">{score(s.score)} <span class="muted">" (#" {shown} ")"</span></td> }
                                        }).collect_view()}
                                        <td class="num">{score(raw)} <span class="muted">" (#" {raw_rank} ")"</span></td>
                                        <td class="num">{score(norm)} <span class="muted">" (#" {norm_rank} ")"</span></td>
                                        {combined.map(|c| {
                                            let shown = rank(&c);
                                            view! { <td class="num"><strong>{score(c.score)}</strong> <span class="muted">" (#" {shown} ")"</span></td> }
                                        })}
                                        <td class="num">{r.judges}</td>
                                        <td>
                                            {passes.then(|| view! { <span class="badge pass">{t(PageKey::Passes)}</span> })}
                                            {disagreement.then(|| view! { <span class="badge warn">{t(PageKey::Disagreement)}</span> })}
                                        </td>
                                        <AwardCell row=r index=i editable />
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="muted">{move || PageKey::PassMarkIs.text(i18n.lang.get()).replace("{n}", &two_decimals(pass_mark, i18n.lang.get()))}</p>
                {editable.then(|| view! { <button type="submit" class="button primary">{t(PageKey::SaveDecisions)}</button> })}
            </ActionForm>
        </section>
    }
}

/// Sending proposals on to the next round: every ranked proposal with a tick, the rule's choice
/// ticked to start with (or, after a refused post, the ticks as they were), and the reason.
#[component]
fn Advance(board: ResultsBoard, next: RoundInfo) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AdvanceRound>::new();
    let kept = kept_form::<AdvanceRound>();
    let reason = kept.as_ref().map(|k| k.reason.clone()).unwrap_or_default();
    let ticked: Vec<String> = match &kept {
        Some(k) => k
            .picks
            .iter()
            .flatten()
            .filter(|p| p.go.as_deref().is_some_and(|v| !v.is_empty()))
            .map(|p| p.proposal_id.clone())
            .collect(),
        None => board.advancing.clone(),
    };
    let current = board.current_round().cloned();
    let rule = current.as_ref().and_then(|r| r.rule);
    let value = current.as_ref().and_then(|r| r.value);
    let basis = board.basis;
    let reason_err = field_error(Input::Reason.name());
    view! {
        <section class="card" aria-labelledby="advance-title">
            <h2 id="advance-title">
                {move || PageKey::AdvanceTitle.text(i18n.lang.get())
                    .replace("{n}", &next.position.to_string())
                    .replace("{kind}", labels::round_kind(next.kind).text(i18n.lang.get()))}
            </h2>
            <p class="muted">
                {move || {
                    let rule = rule.map_or_else(|| "–".to_string(), |r| labels::rule_text(r, value, i18n.lang.get()));
                    PageKey::AdvanceHint.text(i18n.lang.get()).replace("{rule}", &rule)
                }}
            </p>
            <ActionForm action>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="advance-title">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col" class="num">{t(PageKey::ColRank)}</th>
                                <th scope="col">{t(PageKey::ColProposal)}</th>
                                <th scope="col" class="num">{t(PageKey::ColScore)}</th>
                                <th scope="col">{t(PageKey::ColAdvance)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {board.rows.into_iter().enumerate().map(|(i, r)| {
                                let s = r.standing(basis).clone();
                                let id = format!("advance-{i}");
                                let checked = ticked.contains(&r.proposal_id);
                                view! {
                                    <tr>
                                        <td class="num">{rank(&s)}</td>
                                        <td>
                                            <label for=id.clone()>{r.title.clone()}</label>
                                            <br />
                                            <span class="muted">{r.agency_name.clone()} {r.category_name.clone().map(|c| format!(" · {c}"))}</span>
                                        </td>
                                        <td class="num">{score(s.score)}</td>
                                        <td>
                                            <input type="hidden" name=format!("picks[{i}][proposal_id]") value=r.proposal_id.clone() />
                                            <input type="checkbox" id=id name=format!("picks[{i}][go]") value="1" checked=checked />
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="field">
                    <label for="advance-reason">{t(PageKey::AdvanceReasonLabel)}</label>
                    <textarea id="advance-reason" name="reason" rows="3" maxlength="2000"
                        aria-invalid=reason_err.is_some().then_some("true") aria-describedby="advance-reason-error"
                        autofocus=reason_err.is_some()>{textarea_text(&reason)}</textarea>
                    <FieldProblem id="advance-reason-error".to_string() message=reason_err />
                </div>
                <button type="submit" class="button primary">{t(PageKey::AdvanceButton)}</button>
            </ActionForm>
        </section>
    }
}

/// Judges who score far from the rest of the panel on the same proposals.
#[component]
fn Judges(board: ResultsBoard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="judges-title">
            <h2 id="judges-title">{t(PageKey::JudgeAgreementTitle)}</h2>
            <p class="muted">{t(PageKey::JudgeAgreementHint)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="judges-title">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t(PageKey::ColJudge)}</th>
                            <th scope="col" class="num">{t(PageKey::ColSheets)}</th>
                            <th scope="col" class="num">{t(PageKey::ColOffset)}</th>
                            <th scope="col">{t(PageKey::ColFlags)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {board.judges.into_iter().map(|j| {
                            let offset = j.offset;
                            view! {
                                <tr>
                                    <td>{j.name}</td>
                                    <td class="num">{j.sheets}</td>
                                    <td class="num">
                                        {move || offset.map_or_else(|| "–".to_string(), |o| {
                                            let sign = if o < 0.0 { "−" } else { "+" };
                                            format!("{sign}{}", two_decimals(o.abs(), i18n.lang.get()))
                                        })}
                                    </td>
                                    <td>{j.far.then(|| view! { <span class="badge warn">{t(PageKey::FarFromPanel)}</span> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// `/admin/results/:id`: one proposal's scores per criterion and per judge, with a radar.
#[component]
pub fn ResultDetailPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        fetch_result_detail,
    );
    view! {
        <p><a href=routes::ADMIN_RESULTS>{t(PageKey::BackToResults)}</a></p>
        // A visit report's reopening refused (no reason) comes back here.
        <QueryError />
        {loaded(data, |detail| view! { <Detail detail /> })}
    }
}

fn place(c: &CriterionHead, mean: Option<f64>) -> Option<f64> {
    let span = (c.scale_max - c.scale_min) as f64;
    mean.map(|m| ((m - c.scale_min as f64) / span).clamp(0.0, 1.0))
}

#[component]
fn Detail(detail: ResultDetail) -> impl IntoView {
    let i18n = use_i18n();
    let row = detail.row;
    let axes: Vec<(String, Option<f64>)> = detail
        .criteria
        .iter()
        .zip(&row.criteria)
        .map(|(c, r)| (c.code.clone(), place(c, r.mean)))
        .collect();
    let chart = radar(&axes, PageKey::RadarTitle.text(i18n.lang.get_untracked()));
    let official = row.standing(detail.basis).clone();
    let criteria = detail.criteria.clone();
    let visits = detail.visits.clone();
    view! {
        <PageTitle page=PageKey::ResultsTitle text=row.title.clone() />
        <h1>{row.title.clone()}</h1>
        <p class="muted">{row.agency_name.clone()} {row.category_name.clone().map(|c| format!(" · {c}"))}</p>
        <div class="grid two">
            <section class="card" aria-labelledby="standing-title">
                <h2 id="standing-title">{t(PageKey::StandingTitle)}</h2>
                <dl class="facts">
                    <div><dt>{t(PageKey::ColScore)}</dt><dd>{score(official.score)}</dd></div>
                    <div><dt>{t(PageKey::ColRank)}</dt><dd>{rank(&official)}</dd></div>
                    <div><dt>{t(PageKey::ColRawScore)}</dt><dd>{score(row.raw.score)} " (#" {rank(&row.raw)} ")"</dd></div>
                    <div><dt>{t(PageKey::ColNormalisedScore)}</dt><dd>{score(row.normalised.score)} " (#" {rank(&row.normalised)} ")"</dd></div>
                </dl>
                {row.disagreement.then(|| view! { <p><span class="badge warn">{t(PageKey::Disagreement)}</span></p> })}
            </section>
            <section class="card" aria-labelledby="radar-title">
                <h2 id="radar-title">{t(PageKey::RadarTitle)}</h2>
                <Chart svg=chart />
            </section>
        </div>
        <section class="card" aria-labelledby="criteria-detail-title">
            <h2 id="criteria-detail-title">{t(PageKey::PerCriterion)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="criteria-detail-title">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t(PageKey::Criteria)}</th>
                            <th scope="col" class="num">{t(PageKey::Weight)}</th>
                            <th scope="col" class="num">{t(PageKey::Mean)}</th>
                            <th scope="col" class="num">{t(PageKey::Spread)}</th>
                            {detail.judges.iter().map(|j| view! { <th scope="col" class="num">{j.judge_name.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {criteria.iter().enumerate().map(|(c, head)| {
                            let r = &row.criteria[c];
                            view! {
                                <tr>
                                    <th scope="row">{head.code.clone()} " " {head.name.clone()}</th>
                                    <td class="num">{head.weight} "%"</td>
                                    <td class="num">{score(r.mean)}</td>
                                    <td class="num">{score(r.spread)}</td>
                                    {detail.judges.iter().map(|j| view! {
                                        <td class="num">{j.values[c].map_or_else(|| "–".to_string(), |v| v.to_string())}</td>
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                        <tr>
                            <th scope="row">{t(PageKey::ColTotal)}</th>
                            <td></td>
                            <td class="num">{score(row.raw.score)}</td>
                            <td></td>
                            {detail.judges.iter().map(|j| view! { <td class="num">{score(j.total)}</td> }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
        <super::visit_reports::VisitReports reports=visits />
    }
}
