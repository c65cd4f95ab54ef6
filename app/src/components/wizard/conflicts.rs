//! The conflict screen: for each field changed both here and elsewhere, both versions side by
//! side, and the person decides. Nothing is resolved by the machine.

use leptos::prelude::*;
use serde_json::Value;

use super::state::WizardCtx;
use crate::i18n::{t, use_i18n, Key};
use crate::sync::draft::Resolution;

fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                Value::Object(o) => o
                    .values()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" — "),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

#[component]
pub fn ConflictPanel() -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let conflicts = Memo::new(move |_| {
        ctx.record.with(|r| {
            r.conflicts
                .iter()
                .map(|(f, theirs)| (f.clone(), theirs.clone(), r.value(f)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !conflicts.with(Vec::is_empty)>
            <section class="card conflicts" aria-labelledby="conflicts-title" role="region">
                <h2 id="conflicts-title">{t(Key::ConflictTitle)}</h2>
                <p>{t(Key::ConflictIntro)}</p>
                <For
                    each=move || conflicts.get()
                    key=|(field, theirs, mine)| (field.clone(), theirs.to_string(), mine.to_string())
                    let((field, theirs, mine))
                >
                    <ConflictItem field theirs mine />
                </For>
            </section>
        </Show>
    }
}

#[component]
fn ConflictItem(field: String, theirs: Value, mine: Value) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let label = super::state::field_label(&ctx, &field, i18n.lang.get_untracked());
    // Text answers can be merged by hand; other kinds are settled by choosing one side.
    let mergeable = matches!(
        (&mine, &theirs),
        (
            Value::String(_) | Value::Null,
            Value::String(_) | Value::Null
        )
    );
    let merged = RwSignal::new(shown(&mine));
    let merge_id = format!("merge-{field}");
    let (f1, f2, f3) = (field.clone(), field.clone(), field.clone());
    view! {
        <div class="conflict" data-field=field.clone()>
            <h3>{label}</h3>
            <div class="versions">
                <div class="version">
                    <h4>{t(Key::ConflictYours)}</h4>
                    <p class="version-text">{shown(&mine)}</p>
                    <button type="button" class="button small" on:click=move |_| ctx.resolve(&f1, Resolution::KeepMine)>
                        {t(Key::KeepMine)}
                    </button>
                </div>
                <div class="version">
                    <h4>{t(Key::ConflictTheirs)}</h4>
                    <p class="version-text">{shown(&theirs)}</p>
                    <button type="button" class="button small" on:click=move |_| ctx.resolve(&f2, Resolution::TakeTheirs)>
                        {t(Key::TakeTheirs)}
                    </button>
                </div>
            </div>
            {mergeable
                .then(|| {
                    view! {
                        <div class="field">
                            <label for=merge_id.clone()>{t(Key::MergedLabel)}</label>
                            <textarea
                                id=merge_id.clone()
                                rows="4"
                                prop:value=move || merged.get()
                                on:input:target=move |ev| merged.set(ev.target().value())
                            ></textarea>
                            <button
                                type="button"
                                class="button small"
                                on:click=move |_| {
                                    let text = merged.get_untracked();
                                    let v = if text.is_empty() { Value::Null } else { Value::String(text) };
                                    ctx.resolve(&f3, Resolution::Edited(v));
                                }
                            >
                                {t(Key::SaveMerged)}
                            </button>
                        </div>
                    }
                })}
        </div>
    }
}
