use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_agency_overview;
use crate::components::wizard::format_size;
use crate::components::{
    loaded, CompetitionCard, EmptyState, PageTitle, QueryError, StatusBadge, UnsyncedNotice,
};
use crate::i18n::{format_date, format_day, t, use_i18n, Key, PageKey};
use crate::models::{AgencyOverview, Phase, ProposalStatus};
use crate::routes;

/// An agency's home (head and members): its proposals this year and its deadline.
#[component]
pub fn AgencyHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_agency_overview());
    loaded(data, |overview| view! { <Overview overview /> })
}

#[component]
fn Overview(overview: AgencyOverview) -> impl IntoView {
    let i18n = use_i18n();
    let slides_saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .is_some_and(|s| s == "slides");
    let deadline = overview.deadline_at.map(|at| {
        view! {
            <p class="deadline">
                <strong>{t(PageKey::Deadline)} ": "</strong>
                {move || format_date(at, i18n.lang.get())}
            </p>
        }
    });
    let list = if overview.proposals.is_empty() {
        Either::Left(
            view! { <EmptyState title=PageKey::NoProposals hint=PageKey::NoProposalsHint /> },
        )
    } else {
        // On a phone the table scrolls in its own region, the page does not.
        Either::Right(view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=t(PageKey::AgencyHomeTitle)>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t(PageKey::ColTitle)}</th>
                        <th scope="col">{t(Key::ColCategory)}</th>
                        <th scope="col">{t(PageKey::ColStatus)}</th>
                        <th scope="col">{t(PageKey::ColUpdated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {overview
                        .proposals
                        .into_iter()
                        .map(|p| {
                            let untitled = p.title.trim().is_empty();
                            let href = if p.status == ProposalStatus::Draft {
                                routes::agency_proposal(&p.id)
                            } else {
                                routes::proposal(&p.id)
                            };
                            let updated = p.updated_at;
                            // Statuses a published year gives: the judges' feedback is out.
                            let feedback = matches!(
                                p.status,
                                ProposalStatus::Winner
                                    | ProposalStatus::Finalist
                                    | ProposalStatus::NotSelected
                            )
                            .then(|| routes::agency_feedback(&p.id));
                            // Screening's outcome comes with the organisers' reason while it is
                            // the proposal's last word (judging's results say more after).
                            let reason = p.screening_note.filter(|_| {
                                matches!(
                                    p.status,
                                    ProposalStatus::ScreenedIn | ProposalStatus::ScreenedOut
                                )
                            });
                            view! {
                                <tr>
                                    <td>
                                        <a href=href class:muted=untitled>
                                            {if untitled {
                                                Either::Left(t(PageKey::Untitled))
                                            } else {
                                                Either::Right(p.title)
                                            }}
                                        </a>
                                    </td>
                                    <td>{p.category_name}</td>
                                    <td>
                                        <StatusBadge status=p.status />
                                        {feedback.map(|href| view! {
                                            " " <a href=href>{t(PageKey::SeeFeedback)}</a>
                                        })}
                                        {p.fix_by.map(|at| view! {
                                            <p class="fix-by">
                                                {t(PageKey::SentBackFixBy)} " "
                                                <strong>{move || format_day(at, i18n.lang.get())}</strong>
                                            </p>
                                        })}
                                        {reason.map(|reason| view! {
                                            <p class="screening-reason">
                                                {t(PageKey::ScreeningReason)} ": " {reason}
                                            </p>
                                        })}
                                    </td>
                                    <td>{move || format_date(updated, i18n.lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            </div>
        })
    };
    // Where and when its finalists present, in the presentation round under way.
    let slots = (!overview.slots.is_empty()).then(|| {
        let slots = overview.slots.clone();
        view! {
            <section class="card notice-info" aria-labelledby="slot-title">
                <h2 id="slot-title">{t(PageKey::AgencySlotTitle)}</h2>
                {slides_saved.then(|| view! { <p role="status"><strong>{t(PageKey::AgencySlidesSaved)}</strong></p> })}
                {slots.into_iter().enumerate().map(|(i, s)| {
                    let at = s.slot.starts_at;
                    let (present, questions) = (s.slot.present_minutes, s.slot.question_minutes);
                    let input = format!("slides-{i}");
                    let stored = s.slides.clone().map(|f| {
                        let when = f.uploaded_at;
                        let href = routes::slides(&s.proposal_id);
                        view! {
                            <p>
                                {move || PageKey::AgencySlidesStored.text(i18n.lang.get())
                                    .replace("{size}", &format_size(f.size_bytes))
                                    .replace("{when}", &format_date(when, i18n.lang.get()))}
                                " "
                                <a href=href target="_blank" rel="noopener">{f.file_name.clone()}</a>
                            </p>
                        }
                    });
                    let title = s.title.clone();
                    view! {
                        <p>
                            {move || PageKey::AgencySlotLine.text(i18n.lang.get())
                                .replace("{title}", &title)
                                .replace("{room}", &s.room)
                                .replace("{when}", &format_date(at, i18n.lang.get()))
                                .replace("{present}", &present.to_string())
                                .replace("{questions}", &questions.to_string())}
                        </p>
                        {stored}
                        <form method="post" action="/api/upload_slides" enctype="multipart/form-data" class="filters no-print">
                            <input type="hidden" name="proposal_id" value=s.proposal_id.clone() />
                            <div class="field">
                                <label for=input.clone()>
                                    {move || PageKey::AgencySlidesLabel.text(i18n.lang.get()).replace("{title}", &s.title)}
                                </label>
                                <input
                                    id=input.clone()
                                    type="file"
                                    name="file"
                                    required
                                    accept=".pdf,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation"
                                />
                            </div>
                            <button type="submit" class="button">{t(PageKey::AgencySlidesUpload)}</button>
                        </form>
                    }
                }).collect_view()}
            </section>
        }
    });
    let can_start = overview.competition.as_ref().is_some_and(|c| {
        c.phase == Phase::SubmissionOpen || overview.deadline_at.is_some_and(|d| d > overview.now)
    });
    view! {
        <PageTitle page=PageKey::AgencyHomeTitle text=overview.agency_name.clone() />
        <h1>{t(PageKey::AgencyHomeTitle)} " · " {overview.agency_name}</h1>
        {overview.competition.map(|competition| view! { <CompetitionCard competition /> })}
        <QueryError />
        {deadline}
        {slots}
        <UnsyncedNotice
            user_id=overview.user_id
            kind="proposal".to_string()
            path=routes::AGENCY_PROPOSALS.to_string()
        />
        {can_start
            .then(|| {
                view! {
                    <p>
                        <a class="button primary" href=routes::AGENCY_PROPOSAL_NEW>
                            {t(PageKey::NewProposal)}
                        </a>
                    </p>
                }
            })}
        <section class="card">{list}</section>
    }
}
