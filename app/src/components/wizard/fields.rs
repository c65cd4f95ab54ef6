//! One input per question type. Each reads its value from the draft record and writes every
//! change back at once; a broken rule shows beside the field in the person's language.

use leptos::either::EitherOf5;
use leptos::prelude::*;
use serde_json::{json, Value};

use super::state::WizardCtx;
use crate::error::AppError;
use crate::i18n::{t, use_i18n, Key};
use crate::models::{question_field, Question, QuestionKind, CATEGORY_FIELD, TITLE_FIELD};
use crate::validation::answers::{word_count, TITLE_MAX_CHARS};

fn text_of(v: &Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_default()
}

/// Empty text is stored as "no answer".
fn text_value(s: String) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::String(s)
    }
}

/// The label, help text and error line around a single control with id `field`.
#[component]
fn Frame(
    field: String,
    label: String,
    help: String,
    required: bool,
    /// Extra text beside the help, such as a word counter.
    #[prop(optional, into)]
    counter: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let error_id = format!("{field}-error");
    let help_id = format!("{field}-help");
    let problem = {
        let field = field.clone();
        Memo::new(move |_| ctx.field_problem(&field))
    };
    view! {
        <div class="field" class:invalid=move || problem.get().is_some()>
            <label for=field.clone()>
                {label}
                {required
                    .then(|| view! { <span class="required">" (" {t(Key::RequiredMark)} ")"</span> })}
            </label>
            {(!help.is_empty()).then(|| view! { <p class="help" id=help_id.clone()>{help.clone()}</p> })}
            {children()}
            {counter.map(|c| view! { <p class="counter muted">{c}</p> })}
            <p class="field-error" id=error_id>
                {move || problem.get()}
            </p>
        </div>
    }
}

/// The attributes that tie a control to its help and error lines.
fn described_by(field: &str, has_help: bool) -> String {
    if has_help {
        format!("{field}-help {field}-error")
    } else {
        format!("{field}-error")
    }
}

/// The innovation's title.
#[component]
pub fn TitleField() -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let value = Memo::new(move |_| text_of(&ctx.value(TITLE_FIELD)));
    let i18n = use_i18n();
    view! {
        <Frame
            field=TITLE_FIELD.to_string()
            label=Key::FieldTitle.text(i18n.lang.get_untracked()).to_string()
            help=String::new()
            required=true
        >
            <input
                id=TITLE_FIELD
                type="text"
                maxlength=TITLE_MAX_CHARS.to_string()
                aria-describedby=described_by(TITLE_FIELD, false)
                value=value.get_untracked()
                readonly=move || !ctx.ready.get()
                prop:value=move || value.get()
                on:input:target=move |ev| ctx.edit(TITLE_FIELD, text_value(ev.target().value()))
            />
        </Frame>
    }
}

/// The category the proposal competes in.
#[component]
pub fn CategoryField() -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let selected = Memo::new(move |_| {
        ctx.value(CATEGORY_FIELD)
            .as_i64()
            .map(|id| id.to_string())
            .unwrap_or_default()
    });
    let categories = ctx.form.with_value(|f| f.categories.clone());
    view! {
        <Frame
            field=CATEGORY_FIELD.to_string()
            label=Key::ColCategory.text(i18n.lang.get_untracked()).to_string()
            help=String::new()
            required=true
        >
            <select
                id=CATEGORY_FIELD
                aria-describedby=described_by(CATEGORY_FIELD, false)
                disabled=move || !ctx.ready.get()
                prop:value=move || selected.get()
                on:change:target=move |ev| {
                    let v = ev.target().value().parse::<i64>().map(Value::from).unwrap_or(Value::Null);
                    ctx.edit(CATEGORY_FIELD, v);
                }
            >
                <option value="">{t(Key::ChooseCategory)}</option>
                {categories
                    .into_iter()
                    .map(|c| {
                        let id = c.id.to_string();
                        view! {
                            <option value=id.clone() selected=move || selected.get() == id>
                                {c.name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </Frame>
    }
}

/// Any question of the form, rendered by its type.
#[component]
pub fn QuestionField(question: Question) -> impl IntoView {
    match question.kind {
        QuestionKind::ShortText | QuestionKind::Number | QuestionKind::Date => {
            EitherOf5::A(view! { <LineInput question /> })
        }
        QuestionKind::LongText => EitherOf5::B(view! { <LongText question /> }),
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            EitherOf5::C(view! { <Choices question /> })
        }
        QuestionKind::Team => EitherOf5::D(view! { <Team question /> }),
        QuestionKind::Evidence => EitherOf5::E(view! { <Evidence question /> }),
    }
}

/// The legend of a group of controls (choices, team, files): the question, whether it is
/// required, and its help.
#[component]
fn GroupHead(question: Question) -> impl IntoView {
    view! {
        <legend>
            {question.label.clone()}
            {question
                .required
                .then(|| view! { <span class="required">" (" {t(Key::RequiredMark)} ")"</span> })}
        </legend>
        {(!question.help.is_empty()).then(|| view! { <p class="help">{question.help.clone()}</p> })}
    }
}

/// One-line answers: text, number, date.
#[component]
fn LineInput(question: Question) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let field = question_field(question.id);
    let kind = question.kind;
    let value = {
        let field = field.clone();
        Memo::new(move |_| match ctx.value(&field) {
            Value::Number(n) => n.to_string(),
            other => text_of(&other),
        })
    };
    let input_type = match kind {
        QuestionKind::Number => "number",
        QuestionKind::Date => "date",
        _ => "text",
    };
    let on_input = {
        let field = field.clone();
        move |raw: String| {
            let v = match kind {
                // An unparsable number never leaves the field as text: the input gives "".
                QuestionKind::Number => raw
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
                    .map(|v| match v.as_f64() {
                        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => json!(f as i64),
                        _ => v,
                    })
                    .unwrap_or(Value::Null),
                _ => text_value(raw),
            };
            ctx.edit(&field, v);
        }
    };
    view! {
        <Frame
            field=field.clone()
            label=question.label.clone()
            help=question.help.clone()
            required=question.required
        >
            <input
                id=field.clone()
                type=input_type
                inputmode=(kind == QuestionKind::Number).then_some("decimal")
                min=question.min_value.map(|v| v.to_string())
                max=question.max_value.map(|v| v.to_string())
                maxlength=question.char_limit.map(|v| v.to_string())
                aria-describedby=described_by(&field, !question.help.is_empty())
                value=value.get_untracked()
                readonly=move || !ctx.ready.get()
                prop:value=move || value.get()
                on:input:target=move |ev| on_input(ev.target().value())
            />
        </Frame>
    }
}

/// A long answer with its word counter.
#[component]
fn LongText(question: Question) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let field = question_field(question.id);
    let value = {
        let field = field.clone();
        Memo::new(move |_| text_of(&ctx.value(&field)))
    };
    let counter = question.word_limit.map(|max| {
        Signal::derive(move || {
            Key::WordsCount
                .text(i18n.lang.get())
                .replace("{n}", &value.with(|v| word_count(v)).to_string())
                .replace("{max}", &max.to_string())
        })
    });
    let edit_field = field.clone();
    view! {
        <Frame
            field=field.clone()
            label=question.label.clone()
            help=question.help.clone()
            required=question.required
            counter=counter.unwrap_or_else(|| Signal::derive(String::new))
        >
            <textarea
                id=field.clone()
                rows="6"
                aria-describedby=described_by(&field, !question.help.is_empty())
                readonly=move || !ctx.ready.get()
                prop:value=move || value.get()
                on:input:target=move |ev| ctx.edit(&edit_field, text_value(ev.target().value()))
            >
                {initial_text(value.get_untracked())}
            </textarea>
        </Frame>
    }
}

/// A long answer as the page first carries it, before the island sets the value itself. On the
/// server it is escaped (`textarea_text`: an answer holding `</textarea>` must not end the
/// element); in the browser it is a text node, which cannot be markup.
fn initial_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    return crate::components::textarea_text(&text);
    #[cfg(not(feature = "ssr"))]
    text
}

/// Single choice (radio buttons) or multiple choice (check boxes), in a fieldset.
#[component]
fn Choices(question: Question) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let field = question_field(question.id);
    let multiple = question.kind == QuestionKind::MultipleChoice;
    let chosen = {
        let field = field.clone();
        Memo::new(move |_| match ctx.value(&field) {
            Value::String(s) => vec![s],
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        })
    };
    let problem = {
        let field = field.clone();
        Memo::new(move |_| ctx.field_problem(&field))
    };
    let error_id = format!("{field}-error");
    let describe = error_id.clone();
    let options = question.options.clone();
    view! {
        <fieldset class="field choices" aria-describedby=describe>
            <GroupHead question=question.clone() />
            {options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let id = format!("{field}-{i}");
                    let field = field.clone();
                    let checked = {
                        let option = option.clone();
                        move || chosen.with(|c| c.contains(&option))
                    };
                    let toggle = {
                        let option = option.clone();
                        move |on: bool| {
                            let v = if multiple {
                                // Keep the form's order of options.
                                let current = chosen.get_untracked();
                                let items: Vec<Value> = ctx
                                    .form
                                    .with_value(|f| {
                                        f.questions()
                                            .find(|q| question_field(q.id) == field)
                                            .map(|q| q.options.clone())
                                    })
                                    .unwrap_or_default()
                                    .into_iter()
                                    .filter(|o| if *o == option { on } else { current.contains(o) })
                                    .map(Value::String)
                                    .collect();
                                if items.is_empty() { Value::Null } else { Value::Array(items) }
                            } else {
                                Value::String(option.clone())
                            };
                            ctx.edit(&field, v);
                        }
                    };
                    view! {
                        <label class="choice" for=id.clone()>
                            <input
                                id=id.clone()
                                type=if multiple { "checkbox" } else { "radio" }
                                name=format!("{}-choice", question_field(question.id))
                                checked=checked()
                                disabled=move || !ctx.ready.get()
                                prop:checked=checked
                                on:change:target=move |ev| toggle(ev.target().checked())
                            />
                            <span>{option.clone()}</span>
                        </label>
                    }
                })
                .collect_view()}
            <p class="field-error" id=error_id>
                {move || problem.get()}
            </p>
        </fieldset>
    }
}

/// The team: rows of name and role, added and removed by buttons.
#[component]
fn Team(question: Question) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let field = question_field(question.id);
    let members = {
        let field = field.clone();
        Memo::new(move |_| match ctx.value(&field) {
            Value::Array(items) => items
                .iter()
                .map(|m| {
                    let get = |k: &str| {
                        m.get(k)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string()
                    };
                    (get("name"), get("role"))
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    let store = {
        let field = field.clone();
        move |list: Vec<(String, String)>| {
            let v = if list.is_empty() {
                Value::Null
            } else {
                Value::Array(
                    list.into_iter()
                        .map(|(n, r)| json!({"name": n, "role": r}))
                        .collect(),
                )
            };
            ctx.edit(&field, v);
        }
    };
    let problem = {
        let field = field.clone();
        Memo::new(move |_| ctx.field_problem(&field))
    };
    let error_id = format!("{field}-error");
    let add = {
        let store = store.clone();
        move |_| {
            let mut list = members.get_untracked();
            list.push((String::new(), String::new()));
            store(list);
        }
    };
    let describe = error_id.clone();
    view! {
        <fieldset class="field team" aria-describedby=describe>
            <GroupHead question=question.clone() />
            <Show when=move || members.with(Vec::is_empty)>
                <p class="muted">{t(Key::NoMembers)}</p>
            </Show>
            <ol class="team-list">
                {move || {
                    let count = members.with(Vec::len);
                    (0..count)
                        .map(|i| {
                            let row_label = move || {
                                Key::MemberNumber.text(i18n.lang.get()).replace("{n}", &(i + 1).to_string())
                            };
                            let set = {
                                let store = store.clone();
                                move |which: usize, text: String| {
                                    let mut list = members.get_untracked();
                                    if let Some(row) = list.get_mut(i) {
                                        if which == 0 { row.0 = text } else { row.1 = text }
                                    }
                                    store(list);
                                }
                            };
                            let set_role = set.clone();
                            let remove = {
                                let store = store.clone();
                                move |_| {
                                    let mut list = members.get_untracked();
                                    if i < list.len() {
                                        list.remove(i);
                                    }
                                    store(list);
                                }
                            };
                            let name_id = format!("{}-{i}-name", question_field(question.id));
                            let role_id = format!("{}-{i}-role", question_field(question.id));
                            view! {
                                <li class="team-row">
                                    <span class="visually-hidden">{row_label}</span>
                                    <label for=name_id.clone()>{t(Key::Name)}</label>
                                    <input
                                        id=name_id
                                        type="text"
                                        value=members.with_untracked(|m| m.get(i).map(|r| r.0.clone()).unwrap_or_default())
                                        readonly=move || !ctx.ready.get()
                                        prop:value=move || members.with(|m| m.get(i).map(|r| r.0.clone()).unwrap_or_default())
                                        on:input:target=move |ev| set(0, ev.target().value())
                                    />
                                    <label for=role_id.clone()>{t(Key::TeamRole)}</label>
                                    <input
                                        id=role_id
                                        type="text"
                                        value=members.with_untracked(|m| m.get(i).map(|r| r.1.clone()).unwrap_or_default())
                                        readonly=move || !ctx.ready.get()
                                        prop:value=move || members.with(|m| m.get(i).map(|r| r.1.clone()).unwrap_or_default())
                                        on:input:target=move |ev| set_role(1, ev.target().value())
                                    />
                                    <button type="button" class="button small" on:click=remove>
                                        {t(Key::RemoveMember)}
                                        <span class="visually-hidden">" " {row_label}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <button type="button" class="button small" on:click=add>
                {t(Key::AddMember)}
            </button>
            <p class="field-error" id=error_id>
                {move || problem.get()}
            </p>
        </fieldset>
    }
}

/// An evidence slot: the files attached, each downloadable and removable, and an upload with
/// its progress. Uploading needs the network; offline the slot says so and waits.
#[component]
fn Evidence(question: Question) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let field = question_field(question.id);
    let qid = question.id;
    let max = question
        .max_files
        .unwrap_or(crate::validation::answers::DEFAULT_MAX_FILES);
    let files = Memo::new(move |_| {
        ctx.attachments.with(|all| {
            all.iter()
                .filter(|a| a.question_id == qid)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let problem = {
        let field = field.clone();
        Memo::new(move |_| ctx.field_problem(&field))
    };
    // The upload in progress: (file name, percent).
    let uploading = RwSignal::new(None::<(String, u32)>);
    // The refusal, with the name of the file it is about (a person may pick several in a row).
    let slot_error = RwSignal::new(None::<(Option<String>, AppError)>);
    // A preview uploads nothing: the slot shows as it will, but stays shut.
    let full = move || ctx.engine.is_local_only() || files.with(Vec::len) as u32 >= max;
    let input_id = format!("{field}-file");
    let error_id = format!("{field}-error");
    let describe = format!("{field}-limits {error_id}");

    let on_pick = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            input.set_value("");
            // Checked here to spare a doomed upload; the server checks everything again.
            if file.size() > 10.0 * 1024.0 * 1024.0 {
                slot_error.set(Some((
                    Some(file.name()),
                    AppError::Invalid(crate::error::FieldError::new(
                        crate::error::Input::File,
                        crate::error::Problem::FileTooLarge { max_mb: 10 },
                    )),
                )));
                return;
            }
            slot_error.set(None);
            let name = file.name();
            let refused_name = name.clone();
            uploading.set(Some((name.clone(), 0)));
            crate::client::upload::send(
                &ctx.proposal_id(),
                qid,
                file,
                move |percent| uploading.set(Some((name.clone(), percent))),
                move |result| {
                    uploading.set(None);
                    match result {
                        Ok(info) => ctx.attachments.update(|all| all.push(info)),
                        Err(e) => slot_error.set(Some((Some(refused_name.clone()), e))),
                    }
                },
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            match crate::api::delete_attachment(id.clone()).await {
                Ok(()) => ctx.attachments.update(|all| all.retain(|a| a.id != id)),
                Err(e) => slot_error.set(Some((None, e))),
            }
        });
    };

    view! {
        <fieldset class="field evidence" aria-describedby=describe>
            <GroupHead question=question.clone() />
            <p class="help" id=format!("{field}-limits")>
                {move || Key::FilesLimit.text(i18n.lang.get()).replace("{max}", &max.to_string())}
            </p>
            <Show
                when=move || !files.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">{t(Key::NoFiles)}</p> }
            >
                <ul class="files">
                    <For each=move || files.get() key=|f| f.id.clone() let(f)>
                        {
                            let id = f.id.clone();
                            view! {
                                <li>
                                    <a href=crate::routes::file(&f.id)>{f.file_name.clone()}</a>
                                    " (" {format_size(f.size_bytes)} ") "
                                    <button
                                        type="button"
                                        class="button small"
                                        on:click=move |_| remove(id.clone())
                                    >
                                        {t(Key::RemoveFile)}
                                        <span class="visually-hidden">" " {f.file_name.clone()}</span>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            {move || {
                uploading
                    .get()
                    .map(|(name, percent)| {
                        let label = Key::Uploading.text(i18n.lang.get()).replace("{name}", &name);
                        view! {
                            <div class="upload-progress">
                                <progress max="100" value=percent.to_string() aria-label=label.clone()></progress>
                                <span class="muted">{label} " " {percent} "%"</span>
                            </div>
                        }
                    })
            }}
            <Show
                when=move || ctx.online.get()
                fallback=|| view! { <p class="muted">{t(Key::EvidenceNeedsNetwork)}</p> }
            >
                <label class="button small upload-button" for=input_id.clone() class:disabled=move || full() || uploading.with(Option::is_some)>
                    {t(Key::UploadFile)}
                </label>
                <input
                    id=input_id.clone()
                    class="visually-hidden"
                    type="file"
                    accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png"
                    disabled=move || full() || uploading.with(Option::is_some)
                    on:change=on_pick
                />
            </Show>
            <p class="field-error" id=error_id>
                {move || {
                    slot_error
                        .get()
                        .map(|(file, e)| match (file, e) {
                            // "laporan.pdf: bukan PDF, JPG, …": which file, and what is wrong.
                            (Some(file), AppError::Invalid(fe)) => {
                                format!("{file}: {}", fe.problem.message(i18n.lang.get()))
                            }
                            (_, AppError::Invalid(fe)) => fe.problem.message(i18n.lang.get()),
                            (_, other) => other.message(i18n.lang.get()),
                        })
                        .or_else(|| problem.get())
                }}
            </p>
        </fieldset>
    }
}

/// `1.2 MB`, `340 KB` (integer arithmetic: float formatting is large in wasm).
pub fn format_size(bytes: i64) -> String {
    if bytes >= 1_000_000 {
        let tenths = (bytes + 50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", (bytes + 999) / 1000)
    }
}
