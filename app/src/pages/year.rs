use leptos::either::Either;
use leptos::prelude::*;

use crate::api::{
    fetch_year_setup, CreateYear, GrantExtension, MovePhase, RevokeExtension, SavePhaseDates,
    SaveYearSettings,
};
use crate::components::{
    field_error, kept_form, loaded, CompetitionCard, FieldProblem, PageTitle, QueryError,
};
use crate::error::{Field, Input};
use crate::i18n::{format_date, iso_day, labels, t, use_i18n, Key, PageKey};
use crate::models::{NewYearInfo, Phase, YearPageData, YearSetup};
use crate::validation::phases::field;

/// `/admin/year`: the current year's phase (moved by the server's rules, refusals say why),
/// its dates, its judging settings, and per-agency deadline extensions. Plain forms throughout.
#[component]
pub fn YearPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_year_setup());
    view! {
        <PageTitle page=PageKey::YearNav />
        <h1>{t(PageKey::YearNav)}</h1>
        <QueryError anchor=year_input />
        {loaded(data, |page: YearPageData| view! {
            {page.setup.map(|setup| view! { <Setup setup /> })}
            <NewYear info=page.new_year />
        })}
    }
}

/// The id of the input a refused form's error is about (the phase dates' inputs carry their
/// field's name as id).
fn year_input(field: &Field) -> Option<String> {
    let Field::Input(input) = field else {
        return matches!(field, Field::PhaseDay { .. }).then(|| field.to_string());
    };
    let id = match input {
        Input::Deadline => "ext-deadline",
        Input::Agency => "ext-agency",
        Input::Reason => "ext-reason",
        Input::Year => "new-year",
        Input::Name => "new-year-name",
        Input::JudgesPerProposal => "judges_per_proposal",
        _ => return None,
    };
    Some(id.to_string())
}

/// Starting the next year: offered once the current year has published its results (or when
/// there is no year at all, on a fresh installation).
#[component]
fn NewYear(info: NewYearInfo) -> impl IntoView {
    let create = ServerAction::<CreateYear>::new();
    let kept = kept_form::<CreateYear>();
    let year = kept
        .as_ref()
        .map_or_else(|| info.suggested_year.to_string(), |k| k.year.clone());
    let name = kept.as_ref().map(|k| k.name.clone()).unwrap_or_default();
    let copy = kept.as_ref().is_none_or(|k| k.copy_setup.is_some());
    let (year_err, name_err) = (field_error("year"), field_error("name"));
    view! {
        <section class="card" aria-labelledby="new-year-title">
            <h2 id="new-year-title">{t(PageKey::NewYearTitle)}</h2>
            {if info.may_start {
                Either::Left(view! {
                    <ActionForm action=create>
                        <div class="filters">
                            <div class="field narrow-field">
                                <label for="new-year">{t(PageKey::YearNumber)}</label>
                                <input type="number" id="new-year" name="year" min="2000" max="2100" required value=year
                                    aria-invalid=year_err.is_some().then_some("true") aria-describedby="new-year-error" autofocus=year_err.is_some() />
                                <FieldProblem id="new-year-error".to_string() message=year_err />
                            </div>
                            <div class="field">
                                <label for="new-year-name">{t(Key::Name)}</label>
                                <input type="text" id="new-year-name" name="name" maxlength="150" value=name
                                    aria-invalid=name_err.is_some().then_some("true") aria-describedby="new-year-name-error" autofocus=name_err.is_some() />
                                <FieldProblem id="new-year-name-error".to_string() message=name_err />
                            </div>
                        </div>
                        {info.can_copy.then(|| view! {
                            <label class="check" for="copy-setup">
                                <input type="checkbox" id="copy-setup" name="copy_setup" value="on" checked=copy />
                                {t(PageKey::CopySetup)}
                            </label>
                        })}
                        <button type="submit" class="button primary">{t(PageKey::CreateYear)}</button>
                    </ActionForm>
                })
            } else {
                Either::Right(view! { <p class="muted">{t(PageKey::NewYearLater)}</p> })
            }}
        </section>
    }
}

#[component]
fn Setup(setup: YearSetup) -> impl IntoView {
    let i18n = use_i18n();
    let move_action = ServerAction::<MovePhase>::new();
    let settings = ServerAction::<SaveYearSettings>::new();
    let dates = ServerAction::<SavePhaseDates>::new();
    let moves = setup.moves.clone();
    let phases = setup.competition.phases.clone();
    let open = setup.settings_open;
    // A refused form comes back as it was typed.
    let kept_settings = kept_form::<SaveYearSettings>();
    let blind = kept_settings
        .as_ref()
        .map_or(setup.blind_judging, |k| k.blind_judging.is_some());
    let per_proposal = kept_settings.map_or_else(
        || setup.judges_per_proposal.to_string(),
        |k| k.judges_per_proposal,
    );
    let per_proposal_err = field_error("judges_per_proposal");
    let kept_dates = kept_form::<SavePhaseDates>().map(|k| k.dates.rows());
    view! {
        <CompetitionCard competition=setup.competition.clone() />
        <section class="card" aria-labelledby="move-title">
            <h2 id="move-title">{t(PageKey::MovePhaseTitle)}</h2>
            {if moves.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::NoMoves)}</p> })
            } else {
                Either::Right(view! {
                    <div class="sheet-actions">
                        {moves
                            .into_iter()
                            .map(|to| view! {
                                <ActionForm action=move_action>
                                    <input type="hidden" name="to" value=to.as_str() />
                                    <button type="submit" class="button primary">
                                        {move || PageKey::MoveTo.text(i18n.lang.get()).replace("{phase}", labels::phase(to).text(i18n.lang.get()))}
                                    </button>
                                </ActionForm>
                            })
                            .collect_view()}
                    </div>
                })
            }}
        </section>
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{t(PageKey::YearSettingsTitle)}</h2>
            <ActionForm action=settings>
                <label class="check" for="blind_judging">
                    <input type="checkbox" id="blind_judging" name="blind_judging" value="on" checked=blind disabled=!open />
                    {t(PageKey::BlindJudging)}
                </label>
                <div class="field narrow-field">
                    <label for="judges_per_proposal">{t(PageKey::JudgesPerProposal)}</label>
                    <input type="number" id="judges_per_proposal" name="judges_per_proposal" min="1" max="10" value=per_proposal disabled=!open
                        aria-invalid=per_proposal_err.is_some().then_some("true") aria-describedby="judges_per_proposal-error" autofocus=per_proposal_err.is_some() />
                    <FieldProblem id="judges_per_proposal-error".to_string() message=per_proposal_err />
                </div>
                {if open {
                    Either::Left(view! { <button type="submit" class="button">{t(PageKey::Save)}</button> })
                } else {
                    Either::Right(view! { <p class="muted">{t(Key::ErrSettingsLocked)}</p> })
                }}
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="dates-title">
            <h2 id="dates-title">{t(PageKey::PhaseDatesTitle)}</h2>
            <ActionForm action=dates>
                <div class="table-scroll" tabindex="0">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{t(PageKey::PhaseColumn)}</th>
                                <th scope="col">{t(PageKey::PhaseFirstDay)}</th>
                                <th scope="col">{t(PageKey::PhaseLastDay)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {Phase::ALL
                                .into_iter()
                                .map(|phase| {
                                    let current = phases.iter().find(|p| p.phase == phase);
                                    let typed = kept_dates.as_ref().and_then(|rows| rows.iter().find(|r| r.0 == phase));
                                    let (from, to) = match typed {
                                        Some((_, from, to)) => (from.clone(), to.clone()),
                                        None => (
                                            current.map(|p| iso_day(p.starts_at)).unwrap_or_default(),
                                            current.map(|p| iso_day(p.ends_at)).unwrap_or_default(),
                                        ),
                                    };
                                    let (from_id, to_id) = (field(phase, false).to_string(), field(phase, true).to_string());
                                    let (from_err, to_err) = (field_error(&from_id), field_error(&to_id));
                                    let (from_err_id, to_err_id) = (format!("{from_id}-error"), format!("{to_id}-error"));
                                    let (from_invalid, to_invalid) = (from_err.is_some(), to_err.is_some());
                                    let (from_for, to_for) = (from_id.clone(), to_id.clone());
                                    let (from_name, to_name) = (format!("dates[{from_id}]"), format!("dates[{to_id}]"));
                                    view! {
                                        <tr>
                                            <th scope="row">{t(labels::phase(phase))}</th>
                                            <td>
                                                <label class="visually-hidden" for=from_for>
                                                    {move || format!("{} — {}", labels::phase(phase).text(i18n.lang.get()), PageKey::PhaseFirstDay.text(i18n.lang.get()))}
                                                </label>
                                                <input type="date" id=from_id name=from_name value=from required
                                                    aria-invalid=from_invalid.then_some("true") aria-describedby=from_err_id.clone() autofocus=from_invalid />
                                                <FieldProblem id=from_err_id message=from_err />
                                            </td>
                                            <td>
                                                <label class="visually-hidden" for=to_for>
                                                    {move || format!("{} — {}", labels::phase(phase).text(i18n.lang.get()), PageKey::PhaseLastDay.text(i18n.lang.get()))}
                                                </label>
                                                <input type="date" id=to_id name=to_name value=to required
                                                    aria-invalid=to_invalid.then_some("true") aria-describedby=to_err_id.clone() autofocus=to_invalid />
                                                <FieldProblem id=to_err_id message=to_err />
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <button type="submit" class="button">{t(PageKey::Save)}</button>
            </ActionForm>
        </section>
        <Extensions setup />
    }
}

#[component]
fn Extensions(setup: YearSetup) -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<GrantExtension>::new();
    let kept = kept_form::<GrantExtension>();
    let (chosen, deadline, reason) = match kept {
        Some(k) => (k.agency_id, k.deadline, k.reason),
        None => Default::default(),
    };
    let (agency_err, deadline_err, reason_err) = (
        field_error("agency"),
        field_error("deadline"),
        field_error("reason"),
    );
    view! {
        <section class="card" aria-labelledby="extensions-title">
            <h2 id="extensions-title">{t(PageKey::ExtensionsTitle)}</h2>
            {if setup.extensions.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::NoExtensions)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="list">
                        {setup.extensions.into_iter().map(|e| {
                            let revoke = ServerAction::<RevokeExtension>::new();
                            let at = e.deadline_at;
                            view! {
                                <li class="list-item">
                                    <span class="list-title">{e.agency_name}</span>
                                    <span>{move || format_date(at, i18n.lang.get())}</span>
                                    <span class="muted">{e.reason}</span>
                                    <ActionForm action=revoke attr:class="inline-form">
                                        <input type="hidden" name="agency_id" value=e.agency_id.to_string() />
                                        <button type="submit" class="link-button">{t(PageKey::RevokeExtension)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            <ActionForm action=grant attr:class="filters">
                <div class="field">
                    <label for="ext-agency">{t(Key::ColAgency)}</label>
                    <select id="ext-agency" name="agency_id"
                        aria-invalid=agency_err.is_some().then_some("true") aria-describedby="ext-agency-error" autofocus=agency_err.is_some()>
                        {setup.agencies.into_iter().map(|(id, name)| {
                            let value = id.to_string();
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldProblem id="ext-agency-error".to_string() message=agency_err />
                </div>
                <div class="field">
                    <label for="ext-deadline">{t(PageKey::NewDeadline)}</label>
                    <input type="date" id="ext-deadline" name="deadline" required value=deadline
                        aria-invalid=deadline_err.is_some().then_some("true") aria-describedby="ext-deadline-error" autofocus=deadline_err.is_some() />
                    <FieldProblem id="ext-deadline-error".to_string() message=deadline_err />
                </div>
                <div class="field">
                    <label for="ext-reason">{t(Key::Reason)}</label>
                    <input type="text" id="ext-reason" name="reason" required maxlength="1000" value=reason
                        aria-invalid=reason_err.is_some().then_some("true") aria-describedby="ext-reason-error" autofocus=reason_err.is_some() />
                    <FieldProblem id="ext-reason-error".to_string() message=reason_err />
                </div>
                <button type="submit" class="button">{t(PageKey::GrantExtension)}</button>
            </ActionForm>
        </section>
    }
}
