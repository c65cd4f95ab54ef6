use leptos::either::Either;
use leptos::prelude::*;

use leptos_router::hooks::use_query_map;

use crate::api::{fetch_form_builder, fetch_form_preview, SaveForm, SaveOutlineTags};
use crate::components::wizard::ProposalWizard;
use crate::components::{
    error_from_query, kept_form, loaded, textarea_text, FieldProblem, PageTitle, QueryError,
};
use crate::error::{AppError, Field, FormPart};
use crate::i18n::{labels, t, use_i18n, Key, PageKey};
use crate::models::{
    FormBuilderData, FormSection, KippSection, QuestionDraft, QuestionKind, SectionDraft,
};
use crate::routes;
use crate::validation::form_builder::Edit;

/// `/admin/form`: the proposal form's sections and questions, edited as one form and saved
/// whole. Each section ends with an empty row for a new question, and the form with an empty
/// section; the arrow and remove buttons save the form with that edit made. Fixed once any
/// proposal has been written. Plain form posts throughout.
#[component]
pub fn FormBuilderPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_form_builder());
    // Back from saving the outline's sections (the card at the page's end).
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <PageTitle page=PageKey::FormTitle />
        <h1>{t(PageKey::FormTitle)}</h1>
        <p class="muted">{t(PageKey::FormIntro)}</p>
        {saved.then(|| view! { <p class="card notice-info" role="status">{t(PageKey::Saved)}</p> })}
        <p><a class="button" href=routes::ADMIN_FORM_PREVIEW>{t(PageKey::PreviewForm)}</a></p>
        <QueryError anchor=form_input />
        {loaded(data, |data| view! { <Builder data /> })}
    }
}

#[component]
fn Builder(data: FormBuilderData) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveForm>::new();
    let locked = data.proposals > 0;
    // Sent back refused: the form as it was typed (spare rows included, as posted).
    let sections = match kept_form::<SaveForm>().and_then(|k| k.sections) {
        Some(sections) if !sections.is_empty() => sections,
        _ => {
            let mut sections: Vec<SectionDraft> = data
                .sections
                .iter()
                .map(SectionDraft::from_section)
                .collect();
            for s in &mut sections {
                s.questions.push(QuestionDraft::default());
            }
            sections.push(SectionDraft {
                questions: vec![QuestionDraft::default()],
                ..SectionDraft::default()
            });
            sections
        }
    };
    let count = sections.len();
    let proposals = data.proposals;
    view! {
        {locked.then(|| view! {
            <p class="card notice-info">
                {move || PageKey::FormLocked.text(i18n.lang.get()).replace("{n}", &proposals.to_string())}
            </p>
        })}
        <ActionForm action=save>
            {sections.into_iter().enumerate().map(|(i, section)| {
                view! { <SectionEditor i section last=i + 1 == count locked /> }
            }).collect_view()}
            {(!locked).then(|| view! {
                <button type="submit" class="button primary">{t(PageKey::SaveForm)}</button>
            })}
        </ActionForm>
        {locked.then(|| view! { <OutlineCard sections=data.sections /> })}
    }
}

/// The outline's sections for a fixed form: which section of the province's proposal each
/// question fills in a nomination dossier. Tagging changes no answer, so it stays open.
#[component]
fn OutlineCard(sections: Vec<FormSection>) -> impl IntoView {
    let save = ServerAction::<SaveOutlineTags>::new();
    let mut k = 0;
    let rows = sections
        .into_iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.questions
                .into_iter()
                .enumerate()
                .map(move |(j, q)| (i, j, q))
        })
        .map(|(i, j, q)| {
            let row = view! {
                <input type="hidden" name=format!("tags[{k}][question]") value=q.id.to_string() />
                <OutlineSelect
                    id=format!("s{i}-q{j}-kipp_section")
                    name=format!("tags[{k}][section]")
                    label=format!("{}.{} {}", i + 1, j + 1, q.label)
                    chosen=q.kipp_section.map(|k| k.as_str().to_string()).unwrap_or_default()
                    problem=problem_at(i + 1, Some(j + 1)).map(|(_, message)| message)
                />
            };
            k += 1;
            row
        })
        .collect_view();
    view! {
        <section class="card" id="outline" aria-labelledby="outline-title">
            <h2 id="outline-title">{t(PageKey::OutlineTitle)}</h2>
            <p class="muted">{t(PageKey::OutlineIntro)}</p>
            <ActionForm action=save>
                {rows}
                <button type="submit" class="button primary">{t(PageKey::SaveOutline)}</button>
            </ActionForm>
        </section>
    }
}

/// A select of the outline's sections (and "none"), with the error of a refused save below.
#[component]
fn OutlineSelect(
    id: String,
    name: String,
    label: String,
    chosen: String,
    problem: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let bad = problem.is_some();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name
                aria-invalid=bad.then_some("true") aria-describedby=error_id.clone() autofocus=bad>
                <option value="" selected=chosen.is_empty()>{t(PageKey::KippNone)}</option>
                {KippSection::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=chosen == s.as_str()>
                        {move || format!("{}. {}", s.number(), labels::kipp_section(s).text(i18n.lang.get()))}
                    </option>
                }).collect_view()}
            </select>
            <FieldProblem id=error_id message=problem />
        </div>
    }
}

/// The refused save's error, when it is about section `section`'s own inputs (`question`
/// none) or about its question `question` (both counted from 1): the input's part, and the
/// message.
fn problem_at(section: usize, question: Option<usize>) -> Option<(String, String)> {
    let error = error_from_query()?;
    let AppError::Invalid(fe) = &error else {
        return None;
    };
    match &fe.field {
        Field::Form {
            section: s,
            question: q,
            part,
        } if *s == section && *q == question => Some((
            part.name().to_string(),
            error.message(use_i18n().lang.get_untracked()),
        )),
        _ => None,
    }
}

/// The id of the input a form error names (counted from 1) → `s0-what`, `s0-q2-what`; a
/// section without questions → its first question's label.
fn form_input(field: &Field) -> Option<String> {
    let Field::Form {
        section,
        question,
        part,
    } = field
    else {
        return None;
    };
    let s = section.checked_sub(1)?;
    match (question, part) {
        (None, FormPart::Questions) => Some(format!("s{s}-q0-label")),
        (None, part) => Some(format!("s{s}-{}", part.name())),
        (Some(q), part) => Some(format!("s{s}-q{}-{}", q.checked_sub(1)?, part.name())),
    }
}

/// A move/remove button: submits the whole form with `edit` set, so nothing typed is lost.
#[component]
fn EditButton(edit: Edit, label: PageKey, what: String, locked: bool) -> impl IntoView {
    view! {
        <button type="submit" class="button small" name="edit" value=edit.value() disabled=locked>
            {t(label)}
            <span class="visually-hidden">" " {what}</span>
        </button>
    }
}

#[component]
fn SectionEditor(i: usize, section: SectionDraft, last: bool, locked: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |what: &str| format!("s{i}-{what}");
    let name = move |what: &str| format!("sections[{i}][{what}]");
    let n = i + 1;
    let heading = move || {
        if last {
            PageKey::NewSection.text(i18n.lang.get()).to_string()
        } else {
            PageKey::SectionN
                .text(i18n.lang.get())
                .replace("{n}", &n.to_string())
        }
    };
    let what = PageKey::SectionN
        .text(i18n.lang.get_untracked())
        .replace("{n}", &n.to_string());
    let count = section.questions.len();
    let problem = problem_at(n, None);
    let on = |w: &str| problem.as_ref().is_some_and(|(what, _)| what == w);
    let (title_bad, description_bad) = (on("title"), on("description"));
    view! {
        <fieldset class="card form-section-edit">
            <legend>{heading}</legend>
            <div class="field">
                <label for=id("title")>{t(PageKey::SectionTitle)}</label>
                <input type="text" id=id("title") name=name("title") value=section.title maxlength="200" disabled=locked
                    aria-invalid=title_bad.then_some("true") aria-describedby=id("error") autofocus=title_bad />
            </div>
            <div class="field">
                <label for=id("description")>{t(Key::Description)}</label>
                <textarea id=id("description") name=name("description") rows="2" maxlength="2000" disabled=locked
                    aria-invalid=description_bad.then_some("true") aria-describedby=id("error") autofocus=description_bad>{textarea_text(&section.description)}</textarea>
            </div>
            <FieldProblem id=id("error") message=problem.map(|(_, message)| message) />
            {section.questions.into_iter().enumerate().map(|(j, q)| {
                view! { <QuestionEditor i j question=q last=j + 1 == count locked /> }
            }).collect_view()}
            {(!last).then(|| view! {
                <div class="row-actions">
                    <EditButton edit=Edit::SectionUp(i) label=PageKey::MoveUp what=what.clone() locked />
                    <EditButton edit=Edit::SectionDown(i) label=PageKey::MoveDown what=what.clone() locked />
                    <EditButton edit=Edit::SectionRemove(i) label=PageKey::RemoveSection what=what.clone() locked />
                </div>
            })}
        </fieldset>
    }
}

#[component]
fn QuestionEditor(
    i: usize,
    j: usize,
    question: QuestionDraft,
    last: bool,
    locked: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |what: &str| format!("s{i}-q{j}-{what}");
    let name = move |what: &str| format!("sections[{i}][questions][{j}][{what}]");
    let heading = move || {
        if last {
            PageKey::NewQuestion.text(i18n.lang.get()).to_string()
        } else {
            PageKey::QuestionN
                .text(i18n.lang.get())
                .replace("{n}", &(j + 1).to_string())
        }
    };
    // Names the question for screen readers on its buttons ("Pertanyaan 2.3").
    let what = PageKey::QuestionN
        .text(i18n.lang.get_untracked())
        .replace("{n}", &format!("{}.{}", i + 1, j + 1));
    let kind = QuestionKind::parse(&question.kind).unwrap_or(QuestionKind::ShortText);
    // A refused save's error about this question: marked on its input, the message below.
    let problem = problem_at(i + 1, Some(j + 1));
    let bad = {
        let what = problem.as_ref().map(|(w, _)| w.clone());
        move |w: &str| what.as_deref() == Some(w)
    };
    let invalid = {
        let bad = bad.clone();
        move |w: &str| bad(w).then_some("true")
    };
    let described = id("error");
    view! {
        <fieldset class="question-edit">
            <legend>{heading}</legend>
            <div class="criterion-grid">
                <div class="field wide-field">
                    <label for=id("label")>{t(PageKey::QuestionLabel)}</label>
                    <input type="text" id=id("label") name=name("label") value=question.label maxlength="500" disabled=locked
                        aria-invalid=invalid("label") aria-describedby=described.clone() autofocus=bad("label") />
                </div>
                <div class="field">
                    <label for=id("kind")>{t(PageKey::QuestionKind)}</label>
                    <select id=id("kind") name=name("kind") disabled=locked
                        aria-invalid=invalid("kind") aria-describedby=described.clone() autofocus=bad("kind")>
                        {QuestionKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=k == kind>{t(labels::question_kind(k))}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for=id("help")>{t(PageKey::QuestionHelp)}</label>
                <input type="text" id=id("help") name=name("help") value=question.help maxlength="2000" disabled=locked />
            </div>
            <div class="criterion-grid">
                <div class="field">
                    <label for=id("word_limit")>{t(PageKey::WordLimit)}</label>
                    <input type="number" id=id("word_limit") name=name("word_limit") value=question.word_limit min="1" disabled=locked
                        aria-invalid=invalid("word_limit") aria-describedby=described.clone() autofocus=bad("word_limit") />
                </div>
                <div class="field">
                    <label for=id("char_limit")>{t(PageKey::CharLimit)}</label>
                    <input type="number" id=id("char_limit") name=name("char_limit") value=question.char_limit min="1" disabled=locked
                        aria-invalid=invalid("char_limit") aria-describedby=described.clone() autofocus=bad("char_limit") />
                </div>
                <div class="field">
                    <label for=id("min_value")>{t(PageKey::MinValue)}</label>
                    <input type="number" id=id("min_value") name=name("min_value") value=question.min_value disabled=locked
                        aria-invalid=invalid("min_value") aria-describedby=described.clone() autofocus=bad("min_value") />
                </div>
                <div class="field">
                    <label for=id("max_value")>{t(PageKey::MaxValue)}</label>
                    <input type="number" id=id("max_value") name=name("max_value") value=question.max_value disabled=locked
                        aria-invalid=invalid("max_value") aria-describedby=described.clone() autofocus=bad("max_value") />
                </div>
                <div class="field">
                    <label for=id("max_files")>{t(PageKey::MaxFiles)}</label>
                    <input type="number" id=id("max_files") name=name("max_files") value=question.max_files min="1" max="20" disabled=locked
                        aria-invalid=invalid("max_files") aria-describedby=described.clone() autofocus=bad("max_files") />
                </div>
            </div>
            <div class="field">
                <label for=id("options")>{t(PageKey::ChoiceOptions)}</label>
                <textarea id=id("options") name=name("options") rows="3" disabled=locked
                    aria-invalid=invalid("options") aria-describedby=described.clone() autofocus=bad("options")>{textarea_text(&question.options)}</textarea>
            </div>
            <label class="check" for=id("required")>
                <input type="checkbox" id=id("required") name=name("required") value="on" checked=question.required.is_some() disabled=locked />
                {t(PageKey::RequiredQuestion)}
            </label>
            <label class="check" for=id("start_date")>
                <input type="checkbox" id=id("start_date") name=name("start_date") value="on" checked=question.start_date.is_some() disabled=locked
                    aria-invalid=invalid("start_date") aria-describedby=described.clone() autofocus=bad("start_date") />
                {t(PageKey::IsStartDate)}
            </label>
            // A fixed form is tagged in the outline card below it instead.
            {(!locked).then(|| view! {
                <OutlineSelect
                    id=id("kipp_section")
                    name=name("kipp_section")
                    label=PageKey::KippSectionLabel.text(i18n.lang.get_untracked()).to_string()
                    chosen=question.kipp_section.clone()
                    problem=None
                />
            })}
            <FieldProblem id=described.clone() message=problem.map(|(_, message)| message) />
            {(!last).then(|| view! {
                <div class="row-actions">
                    <EditButton edit=Edit::QuestionUp(i, j) label=PageKey::MoveUp what=what.clone() locked />
                    <EditButton edit=Edit::QuestionDown(i, j) label=PageKey::MoveDown what=what.clone() locked />
                    <EditButton edit=Edit::QuestionRemove(i, j) label=PageKey::RemoveQuestion what=what.clone() locked />
                </div>
            })}
        </fieldset>
    }
}

/// `/admin/form/preview`: the agencies' own wizard over the current form, in preview mode.
#[component]
pub fn FormPreviewPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_form_preview());
    view! {
        <p><a href=routes::ADMIN_FORM>{t(PageKey::BackToForm)}</a></p>
        <PageTitle page=PageKey::PreviewForm />
        <h1>{t(PageKey::PreviewForm)}</h1>
        {loaded(data, |data| {
            if data.form.sections.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::FormEmpty)}</p> })
            } else {
                Either::Right(view! { <ProposalWizard data /> })
            }
        })}
    }
}
