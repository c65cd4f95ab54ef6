use leptos::either::Either;
use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::{t, use_i18n, Key, PageKey};
use crate::models::{question_field, ProposalForm, ProposalState, QuestionKind, CATEGORY_FIELD};

use super::wizard::format_size;

/// A proposal laid out for reading and printing: every section with its questions and answers.
#[component]
pub fn ProposalAnswers(
    /// The year's form, for the questions and their order.
    form: ProposalForm,
    /// The proposal's content.
    state: ProposalState,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = state.title().unwrap_or_default().to_string();
    let category = state
        .fields
        .get(CATEGORY_FIELD)
        .and_then(Value::as_i64)
        .and_then(|id| form.categories.iter().find(|c| c.id == id))
        .map(|c| c.name.clone());
    let sections = form.sections.clone();
    view! {
        <article class="proposal-doc">
            <h1>{title}</h1>
            <dl class="facts">
                <div>
                    <dt>{t(PageKey::Agency)}</dt>
                    // Empty when judging is blind.
                    <dd>
                        {if state.agency_name.is_empty() {
                            Either::Left(t(PageKey::AgencyHidden))
                        } else {
                            Either::Right(state.agency_name.clone())
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t(Key::ColCategory)}</dt>
                    <dd>{category}</dd>
                </div>
                <div>
                    <dt>{t(PageKey::CurrentYear)}</dt>
                    <dd>{form.competition_name.clone()}</dd>
                </div>
            </dl>
            {sections
                .into_iter()
                .map(|section| {
                    let state = state.clone();
                    view! {
                        <section class="doc-section">
                            <h2>{section.title}</h2>
                            {section
                                .questions
                                .into_iter()
                                .map(|q| {
                                    if q.kind == QuestionKind::Evidence {
                                        let files: Vec<_> = state
                                            .attachments
                                            .iter()
                                            .filter(|a| a.question_id == q.id)
                                            .cloned()
                                            .collect();
                                        return Either::Left(view! {
                                            <div class="doc-answer">
                                                <h3>{q.label}</h3>
                                                <ul class="files">
                                                    {files
                                                        .into_iter()
                                                        .map(|a| view! {
                                                            <li>
                                                                <a href=crate::routes::file(&a.id)>{a.file_name}</a>
                                                                " (" {format_size(a.size_bytes)} ")"
                                                            </li>
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </div>
                                        });
                                    }
                                    let answer = state.fields.get(&question_field(q.id)).map(render_value);
                                    Either::Right(view! {
                                        <div class="doc-answer">
                                            <h3>{q.label}</h3>
                                            {match answer {
                                                Some(text) => Either::Left(view! { <p class="answer-text">{text}</p> }),
                                                None => Either::Right(view! {
                                                    <p class="muted">{move || PageKey::NotAnswered.text(i18n.lang.get())}</p>
                                                }),
                                            }}
                                        </div>
                                    })
                                })
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()}
        </article>
    }
}

/// An answer as plain text: lists one item per line, team members as "name — role".
pub fn render_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                Value::Object(o) => {
                    let get = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or_default();
                    if get("role").is_empty() {
                        get("name").to_string()
                    } else {
                        format!("{} — {}", get("name"), get("role"))
                    }
                }
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
