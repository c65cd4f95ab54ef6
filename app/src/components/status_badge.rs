use leptos::prelude::*;

use crate::i18n::{labels, t};
use crate::models::ProposalStatus;

/// A proposal's status as a coloured label (the colour repeats the text, never replaces it).
#[component]
pub fn StatusBadge(
    /// The status to show.
    status: ProposalStatus,
) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.as_str())>{t(labels::status(status))}</span> }
}
