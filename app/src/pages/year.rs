use leptos::either::Either;
use leptos::prelude::*;

use crate::api::{
    fetch_year_setup, CreateYear, GrantExtension, MovePhase, RevokeExtension, SavePhaseDates,
    SaveYearSettings,
};
use crate::components::{loaded, CompetitionCard, QueryError};
use crate::i18n::{format_date, iso_day, labels, t, use_i18n, Key, PageKey};
use crate::models::{NewYearInfo, Phase, YearPageData, YearSetup};
use crate::validation::phases::field;

/// `/admin/year`: the current year's phase (moved by the server's rules, refusals say why),
/// its dates, its judging settings, and per-agency deadline extensions. Plain forms throughout.
#[component]
pub fn YearPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_year_setup());
    view! {
        <h1>{t(PageKey::YearNav)}</h1>
        <QueryError />
        {loaded(data, |page: YearPageData| view! {
            {page.setup.map(|setup| view! { <Setup setup /> })}
            <NewYear info=page.new_year />
        })}
    }
}

/// Starting the next year: offered once the current year has published its results (or when
/// there is no year at all, on a fresh installation).
#[component]
fn NewYear(info: NewYearInfo) -> impl IntoView {
    let create = ServerAction::<CreateYear>::new();
    view! {
        <section class="card" aria-labelledby="new-year-title">
            <h2 id="new-year-title">{t(PageKey::NewYearTitle)}</h2>
            {if info.may_start {
                Either::Left(view! {
                    <ActionForm action=create>
                        <div class="filters">
                            <div class="field narrow-field">
                                <label for="new-year">{t(PageKey::YearNumber)}</label>
                                <input type="number" id="new-year" name="year" min="2000" max="2100" required value=info.suggested_year.to_string() />
                            </div>
                            <div class="field">
                                <label for="new-year-name">{t(Key::Name)}</label>
                                <input type="text" id="new-year-name" name="name" maxlength="150" />
                            </div>
                        </div>
                        {info.can_copy.then(|| view! {
                            <label class="check" for="copy-setup">
                                <input type="checkbox" id="copy-setup" name="copy_setup" value="on" checked />
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
                    <input type="checkbox" id="blind_judging" name="blind_judging" value="on" checked=setup.blind_judging disabled=!open />
                    {t(PageKey::BlindJudging)}
                </label>
                <div class="field narrow-field">
                    <label for="judges_per_proposal">{t(Key::JudgesPerProposal)}</label>
                    <input type="number" id="judges_per_proposal" name="judges_per_proposal" min="1" max="10" value=setup.judges_per_proposal.to_string() disabled=!open />
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
                                <th scope="col">{t(PageKey::CurrentPhase)}</th>
                                <th scope="col">{t(Key::PhaseFirstDay)}</th>
                                <th scope="col">{t(Key::PhaseLastDay)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {Phase::ALL
                                .into_iter()
                                .map(|phase| {
                                    let current = phases.iter().find(|p| p.phase == phase);
                                    let from = current.map(|p| iso_day(p.starts_at)).unwrap_or_default();
                                    let to = current.map(|p| iso_day(p.ends_at)).unwrap_or_default();
                                    let (from_id, to_id) = (field(phase, false), field(phase, true));
                                    let (from_for, to_for) = (from_id.clone(), to_id.clone());
                                    let (from_name, to_name) = (format!("dates[{from_id}]"), format!("dates[{to_id}]"));
                                    view! {
                                        <tr>
                                            <th scope="row">{t(labels::phase(phase))}</th>
                                            <td>
                                                <label class="visually-hidden" for=from_for>
                                                    {move || format!("{} — {}", labels::phase(phase).text(i18n.lang.get()), Key::PhaseFirstDay.text(i18n.lang.get()))}
                                                </label>
                                                <input type="date" id=from_id name=from_name value=from required />
                                            </td>
                                            <td>
                                                <label class="visually-hidden" for=to_for>
                                                    {move || format!("{} — {}", labels::phase(phase).text(i18n.lang.get()), Key::PhaseLastDay.text(i18n.lang.get()))}
                                                </label>
                                                <input type="date" id=to_id name=to_name value=to required />
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
                    <select id="ext-agency" name="agency_id">
                        {setup.agencies.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ext-deadline">{t(PageKey::NewDeadline)}</label>
                    <input type="date" id="ext-deadline" name="deadline" required />
                </div>
                <div class="field">
                    <label for="ext-reason">{t(Key::Reason)}</label>
                    <input type="text" id="ext-reason" name="reason" required maxlength="1000" />
                </div>
                <button type="submit" class="button">{t(PageKey::GrantExtension)}</button>
            </ActionForm>
        </section>
    }
}
