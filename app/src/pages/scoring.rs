use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{fetch_scoring, DeclareConflict};
use crate::components::score_sheet::ScoreSheet;
use crate::components::{
    loaded, PageTitle, ProposalAnswers, QueryError, RoomScreen, VisitChecklist,
};
use crate::i18n::{t, Key, PageKey};
use crate::models::ScoringData;
use crate::routes;
use crate::validation::sheet::COMMENT_MAX_CHARS;

/// `/judge/proposals/:id`: the proposal to read beside the judge's score sheet (in a field
/// round, with the checklist of the visit above it). On a landscape tablet the two sit side by
/// side; in portrait the sheet follows the proposal.
#[component]
pub fn ScoringPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let data = Resource::new(move || id.clone(), fetch_scoring);
    loaded(data, |data| view! { <Scoring data /> })
}

#[component]
fn Scoring(data: ScoringData) -> impl IntoView {
    let proposal_id = data.sheet.proposal_id.clone();
    let open = data.sheet.judging_open;
    // The title as the reading copy shows it (masked when judging is blind).
    let title = data.proposal.state.title().map(str::to_string);
    // On the presentation day the sheet follows the judge's room to the next finalist.
    let follow = data.room.map(|room| {
        view! {
            <RoomScreen
                room_id=room.room_id
                live=None
                drive=false
                follow=true
                known_start=room.started_seq
                here=Some(proposal_id.clone())
            />
        }
    });
    view! {
        <PageTitle page=Key::ScoreSheetTitle text=title />
        <p class="no-print">
            <a href=routes::JUDGE>{t(PageKey::BackToList)}</a>
        </p>
        <QueryError />
        {follow}
        <div class="scoring-layout">
            <div class="reading">
                {data.blind.then(|| view! { <p class="card notice-info">{t(PageKey::BlindNotice)}</p> })}
                <ProposalAnswers form=data.proposal.form state=data.proposal.state />
            </div>
            <aside class="sheet-pane" aria-label=t(Key::ScoreSheetTitle)>
                // In a field round the report of the visit comes first: it is written on the
                // spot, the scores often after.
                {data.visit.map(|data| view! { <VisitChecklist data /> })}
                <ScoreSheet data=data.sheet />
                {open.then(|| view! { <ConflictForm proposal_id /> })}
            </aside>
        </div>
    }
}

/// Declaring a conflict of interest: a plain form (works without script), behind a disclosure
/// so it is not pressed by accident.
#[component]
fn ConflictForm(proposal_id: String) -> impl IntoView {
    let declare = ServerAction::<DeclareConflict>::new();
    view! {
        <details class="card conflict-form">
            <summary>{t(PageKey::DeclareConflict)}</summary>
            <p class="muted">{t(PageKey::DeclareConflictHint)}</p>
            <ActionForm action=declare>
                <input type="hidden" name="proposal_id" value=proposal_id />
                <div class="field">
                    <label for="conflict-reason">{t(Key::Reason)}</label>
                    <textarea
                        id="conflict-reason"
                        name="reason"
                        rows="3"
                        required
                        maxlength=COMMENT_MAX_CHARS.to_string()
                    ></textarea>
                </div>
                <button type="submit" class="button danger">{t(PageKey::DeclareConflictAction)}</button>
            </ActionForm>
        </details>
    }
}
