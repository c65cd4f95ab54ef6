use leptos::prelude::*;

use crate::i18n::{format_date, labels, t, use_i18n, PageKey};
use crate::models::CompetitionSummary;

/// The competition year, its current phase and when that phase ends.
#[component]
pub fn CompetitionCard(
    /// The year to show.
    competition: CompetitionSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    let ends = competition.current_phase_ends_at();
    view! {
        <section class="card competition" aria-labelledby="competition-name">
            <h2 id="competition-name">{competition.name.clone()}</h2>
            <dl class="facts">
                <div>
                    <dt>{t(PageKey::CurrentYear)}</dt>
                    <dd>{competition.year}</dd>
                </div>
                <div>
                    <dt>{t(PageKey::CurrentPhase)}</dt>
                    <dd>
                        <span class="badge phase">{t(labels::phase(competition.phase))}</span>
                    </dd>
                </div>
                {ends
                    .map(|ends| {
                        view! {
                            <div>
                                <dt>{t(PageKey::PhaseEnds)}</dt>
                                <dd>{move || format_date(ends, i18n.lang.get())}</dd>
                            </div>
                        }
                    })}
            </dl>
        </section>
    }
}
