use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::i18n::{format_day, t, use_i18n, Key, PageKey};
use crate::models::{SendBackRecord, CATEGORY_FIELD, TITLE_FIELD};

/// An item of the administrative check by its name: the form's label for a question, the
/// page's words for the title and the category (which the form does not label).
#[component]
pub fn FixItemLabel(item: String, label: String) -> impl IntoView {
    match item.as_str() {
        TITLE_FIELD => EitherOf3::A(t(PageKey::ColTitle)),
        CATEGORY_FIELD => EitherOf3::B(t(Key::ColCategory)),
        _ => EitherOf3::C(label),
    }
}

/// Above a sent-back proposal's wizard: what the organisers ask the agency to fix, and by when.
/// Rendered on the server, outside the wizard's island.
#[component]
pub fn FixRequestNotice(record: SendBackRecord) -> impl IntoView {
    let i18n = use_i18n();
    let fix_by = record.fix_by;
    view! {
        <section class="card notice-warning fix-request" aria-labelledby="fix-request-title">
            <h2 id="fix-request-title">{t(PageKey::FixRequestTitle)}</h2>
            <p>
                {t(PageKey::FixRequestIntro)} " "
                <strong>{move || format_day(fix_by, i18n.lang.get())}</strong>
                "."
            </p>
            <ul>
                {record.items.into_iter().map(|f| view! {
                    <li><strong><FixItemLabel item=f.item label=f.label /></strong> ": " {f.note}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
