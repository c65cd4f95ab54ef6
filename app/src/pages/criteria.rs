use leptos::prelude::*;

use crate::api::{fetch_criteria, AddCategory, ApplyCriteriaPreset, RemoveCategory, SaveCriteria};
use crate::components::{
    field_error, kept_form, loaded, textarea_text, FieldProblem, PageTitle, QueryError,
};
use crate::error::{Field, Input};
use crate::i18n::{t, use_i18n, Key, PageKey};
use crate::models::{CriteriaSetup, CriterionDraft};

/// Spare empty rows under the criteria, for adding new ones without script.
const SPARE_ROWS: usize = 2;

/// `/admin/criteria`: the year's categories, and its criteria edited as one set (weights total
/// 100) or replaced by a preset; fixed once judges have scored. Plain forms throughout.
#[component]
pub fn CriteriaPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_criteria());
    view! {
        <PageTitle page=PageKey::CriteriaTitle />
        <h1>{t(PageKey::CriteriaTitle)}</h1>
        <QueryError anchor=criterion_input />
        {loaded(data, |setup| view! { <Setup setup /> })}
    }
}

#[component]
fn Setup(setup: CriteriaSetup) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCriteria>::new();
    let preset = ServerAction::<ApplyCriteriaPreset>::new();
    let add = ServerAction::<AddCategory>::new();
    let locked = setup.locked;
    let total: i64 = setup.criteria.iter().map(|c| c.weight).sum();
    // Sent back refused: the rows as the admin typed them, not as stored.
    let rows = match kept_form::<SaveCriteria>() {
        Some(kept) => kept.criteria,
        None => {
            let mut rows: Vec<CriterionDraft> = setup
                .criteria
                .iter()
                .map(CriterionDraft::from_info)
                .collect();
            rows.extend((0..SPARE_ROWS).map(|_| CriterionDraft {
                scale_min: "1".into(),
                scale_max: "10".into(),
                counts: Some("on".into()),
                ..CriterionDraft::default()
            }));
            rows
        }
    };
    let weights_error = field_error("weights");
    let weights_invalid = weights_error.is_some();
    view! {
        <section class="card" aria-labelledby="categories-title">
            <h2 id="categories-title">{t(PageKey::CategoriesTitle)}</h2>
            <ul class="list">
                {setup.categories.into_iter().map(|(id, name, description)| {
                    let remove = ServerAction::<RemoveCategory>::new();
                    view! {
                        <li class="list-item">
                            <span class="list-title">{name}</span>
                            <span class="muted">{description}</span>
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="category_id" value=id.to_string() />
                                <button type="submit" class="link-button">{t(PageKey::RemoveCategory)}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=add attr:class="filters">
                <div class="field">
                    <label for="category-name">{t(Key::Name)}</label>
                    <input type="text" id="category-name" name="name" required maxlength="120" />
                </div>
                <div class="field">
                    <label for="category-description">{t(Key::Description)}</label>
                    <input type="text" id="category-description" name="description" maxlength="500" />
                </div>
                <button type="submit" class="button">{t(PageKey::AddCategory)}</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="criteria-title">
            <h2 id="criteria-title">{t(PageKey::CriteriaTitle)}</h2>
            <p>
                <strong>{move || PageKey::WeightTotalNow.text(i18n.lang.get()).replace("{n}", &total.to_string())}</strong>
            </p>
            <FieldProblem id="weights-error".to_string() message=weights_error />
            {locked.then(|| view! { <p class="notice-info card">{t(PageKey::CriteriaLocked)}</p> })}
            {(!locked).then(|| view! {
                <div class="sheet-actions preset-actions">
                    <span>{t(PageKey::UsePreset)} ":"</span>
                    <ActionForm action=preset>
                        <input type="hidden" name="preset" value="regency" />
                        <button type="submit" class="button small">{t(PageKey::PresetRegency)}</button>
                    </ActionForm>
                    <ActionForm action=preset>
                        <input type="hidden" name="preset" value="kipp2023" />
                        <button type="submit" class="button small">{t(PageKey::PresetKipp)}</button>
                    </ActionForm>
                </div>
            })}
            <ActionForm action=save>
                {rows.into_iter().enumerate().map(|(i, row)| view! { <CriterionRow i row locked weights_invalid /> }).collect_view()}
                {(!locked).then(|| view! { <button type="submit" class="button primary">{t(PageKey::SaveCriteria)}</button> })}
            </ActionForm>
        </section>
    }
}

/// The id of the input a criteria error is about: that row's input (rows counted from 1); the
/// weights' total is the first weight.
fn criterion_input(field: &Field) -> Option<String> {
    match field {
        Field::Input(Input::Weights) => Some("criteria-0-weight".into()),
        Field::Criterion { row, part } => {
            Some(format!("criteria-{}-{}", row.checked_sub(1)?, part.name()))
        }
        _ => None,
    }
}

#[component]
fn CriterionRow(
    i: usize,
    row: CriterionDraft,
    locked: bool,
    /// The weights' total was refused: every weight is marked, the first one focused.
    weights_invalid: bool,
) -> impl IntoView {
    let id = move |what: &str| format!("criteria-{i}-{what}");
    let name = move |what: &str| format!("criteria[{i}][{what}]");
    let problem = move |what: &str| field_error(&format!("criteria.{}.{what}", i + 1));
    let (name_err, weight_err, min_err, max_err, rubric_err) = (
        problem("name"),
        problem("weight"),
        problem("scale_min"),
        problem("scale_max"),
        problem("rubric"),
    );
    let invalid = |e: &Option<String>| e.is_some().then_some("true");
    let weight_invalid = weight_err.is_some() || weights_invalid;
    let weight_described = if weights_invalid {
        "weights-error".to_string()
    } else {
        id("weight-error")
    };
    view! {
        <fieldset class="criterion criterion-edit">
            <legend>{t(PageKey::Criterion)} " " {i + 1}</legend>
            <div class="criterion-grid">
                <div class="field">
                    <label for=id("name")>{t(Key::Name)}</label>
                    <input type="text" id=id("name") name=name("name") value=row.name maxlength="120" disabled=locked
                        aria-invalid=invalid(&name_err) aria-describedby=id("name-error") autofocus=name_err.is_some() />
                    <FieldProblem id=id("name-error") message=name_err />
                </div>
                <div class="field">
                    <label for=id("weight")>{t(PageKey::Weight)}</label>
                    <input type="number" id=id("weight") name=name("weight") value=row.weight min="0" max="100" disabled=locked
                        aria-invalid=weight_invalid.then_some("true") aria-describedby=weight_described
                        autofocus=weight_err.is_some() || (weights_invalid && i == 0) />
                    <FieldProblem id=id("weight-error") message=weight_err />
                </div>
                <div class="field">
                    <label for=id("scale_min")>{t(PageKey::ScaleMin)}</label>
                    <input type="number" id=id("scale_min") name=name("scale_min") value=row.scale_min min="0" max="99" disabled=locked
                        aria-invalid=invalid(&min_err) aria-describedby=id("scale_min-error") autofocus=min_err.is_some() />
                    <FieldProblem id=id("scale_min-error") message=min_err />
                </div>
                <div class="field">
                    <label for=id("scale_max")>{t(PageKey::ScaleMax)}</label>
                    <input type="number" id=id("scale_max") name=name("scale_max") value=row.scale_max min="1" max="100" disabled=locked
                        aria-invalid=invalid(&max_err) aria-describedby=id("scale_max-error") autofocus=max_err.is_some() />
                    <FieldProblem id=id("scale_max-error") message=max_err />
                </div>
            </div>
            <label class="check" for=id("counts")>
                <input type="checkbox" id=id("counts") name=name("counts") value="on" checked=row.counts.is_some() disabled=locked />
                {t(PageKey::CountsTowardRanking)}
            </label>
            <div class="field">
                <label for=id("description")>{t(Key::Description)}</label>
                <input type="text" id=id("description") name=name("description") value=row.description maxlength="2000" disabled=locked />
            </div>
            <div class="field">
                <label for=id("rubric")>{t(PageKey::Rubric)}</label>
                <textarea id=id("rubric") name=name("rubric") rows="4" disabled=locked
                    aria-invalid=invalid(&rubric_err) aria-describedby=id("rubric-error") autofocus=rubric_err.is_some()>{textarea_text(&row.rubric)}</textarea>
                <FieldProblem id=id("rubric-error") message=rubric_err />
            </div>
        </fieldset>
    }
}
