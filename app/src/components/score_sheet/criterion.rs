use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::{t, use_i18n, Key};
use crate::models::{comment_field, score_field, CriterionInfo};
use crate::validation::sheet::COMMENT_MAX_CHARS;

use super::ctx::SheetCtx;

/// One criterion: its weight, a button per score on the scale (large enough for a finger), the
/// rubric with the band of the chosen score marked, and a comment.
#[component]
pub fn CriterionScore(criterion: CriterionInfo) -> impl IntoView {
    let ctx = expect_context::<SheetCtx>();
    let i18n = use_i18n();
    let engine = ctx.engine;
    let score_key = score_field(criterion.id);
    let comment_key = comment_field(criterion.id);
    let score = {
        let key = score_key.clone();
        move || engine.value(&key).as_i64()
    };
    let weight = criterion.weight;
    let levels = criterion.levels.clone();
    view! {
        <fieldset class="criterion" data-criterion=criterion.code.clone()>
            <legend>
                {criterion.name.clone()}
                <span class="muted">
                    " · " {move || Key::WeightOf.text(i18n.lang.get()).replace("{n}", &weight.to_string())}
                </span>
            </legend>
            {(!criterion.description.is_empty()).then(|| view! { <p class="muted">{criterion.description.clone()}</p> })}
            <div class="scale">
                {(criterion.scale_min..=criterion.scale_max)
                    .map(|n| {
                        let key = score_key.clone();
                        let id = format!("{score_key}-{n}");
                        let label_for = id.clone();
                        let chosen = {
                            let score = score.clone();
                            move || score() == Some(n)
                        };
                        let checked = chosen.clone();
                        view! {
                            <label class="scale-option" class:chosen=chosen for=label_for>
                                <input
                                    type="radio"
                                    id=id
                                    name=score_key.clone()
                                    value=n.to_string()
                                    prop:checked=checked
                                    disabled=move || ctx.read_only.get()
                                    on:change=move |_| engine.edit(&key, Value::from(n))
                                />
                                <span>{n}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <ul class="rubric">
                {levels
                    .into_iter()
                    .map(|l| {
                        let score = score.clone();
                        let (from, to) = (l.from, l.to);
                        let here = move || score().is_some_and(|s| (from..=to).contains(&s));
                        view! {
                            <li class:current=here.clone() aria-current=move || here().then_some("true")>
                                <strong>{if from == to { from.to_string() } else { format!("{from}–{to}") }}</strong>
                                " " {l.descriptor}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="field">
                <label for=comment_key.clone()>{t(Key::CriterionComment)}</label>
                <textarea
                    id=comment_key.clone()
                    rows="2"
                    maxlength=COMMENT_MAX_CHARS.to_string()
                    prop:value={
                        let key = comment_key.clone();
                        move || engine.value(&key).as_str().unwrap_or_default().to_string()
                    }
                    readonly=move || ctx.read_only.get()
                    on:input={
                        let key = comment_key.clone();
                        move |ev| {
                            let v = event_target_value(&ev);
                            engine.edit(&key, if v.is_empty() { Value::Null } else { Value::String(v) });
                        }
                    }
                ></textarea>
            </div>
        </fieldset>
    }
}
