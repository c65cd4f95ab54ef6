use leptos::prelude::*;

use crate::client::draft_store;
use crate::i18n::{provide_i18n, use_i18n, Key};

/// Tells the person when drafts on this device have not reached the server yet, with a link to
/// each (opening one syncs it). Shows nothing otherwise, and nothing before hydration.
// An island in the home pages' bundle, the only one a page with it is served when the lighter
// bundles are built; the full bundle of a release build leaves it out, as it does the score
// sheet (docs/architecture.md "Size").
#[cfg_attr(
    any(
        not(feature = "hydrate"),
        feature = "bundle-home",
        all(
            debug_assertions,
            not(any(feature = "bundle-sheet", feature = "bundle-visit"))
        )
    ),
    island
)]
#[cfg_attr(
    not(any(
        not(feature = "hydrate"),
        feature = "bundle-home",
        all(
            debug_assertions,
            not(any(feature = "bundle-sheet", feature = "bundle-visit"))
        )
    )),
    component
)]
pub fn UnsyncedNotice(
    /// Whose drafts to look for.
    user_id: i64,
    /// Which kind of record ("proposal", "sheet", "visit").
    kind: String,
    /// Where one record opens, before its id.
    path: String,
) -> impl IntoView {
    provide_i18n();
    let i18n = use_i18n();
    let ids = RwSignal::new(Vec::<String>::new());
    let kind = StoredValue::new(kind);
    let path = StoredValue::new(path);
    Effect::new(move |_| ids.set(draft_store::unsynced(user_id, &kind.get_value())));
    view! {
        <Show when=move || !ids.with(Vec::is_empty)>
            <div class="card notice-warning" role="status">
                <p>
                    {move || {
                        let key = match kind.get_value().as_str() {
                            "sheet" => Key::UnsyncedSheets,
                            "visit" => Key::UnsyncedVisits,
                            _ => Key::UnsyncedDrafts,
                        };
                        key.text(i18n.lang.get())
                            .replace("{n}", &ids.with(Vec::len).to_string())
                    }}
                </p>
                <ul>
                    {move || {
                        ids.get()
                            .into_iter()
                            .map(|id| {
                                let short = id.chars().take(8).collect::<String>();
                                view! {
                                    <li>
                                        <a href=format!("{}{id}", path.get_value())>{short}</a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
