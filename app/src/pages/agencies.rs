use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{fetch_agency, list_agencies, AddAgency, SetAgencyActive, UpdateAgency};
use crate::components::{
    error_from_query, field_error, kept_form, loaded, FieldProblem, PageTitle, QueryError,
};
use crate::error::{field_label, AppError, Field, Input};
use crate::i18n::{labels, t, use_i18n, Key, PageKey};
use crate::models::{AgencyKind, AgencyRow};
use crate::routes;

/// `/admin/agencies`: every agency with its kind, head and accounts; add one, import many from a
/// CSV file (refused whole, with a report of each broken row), edit, deactivate.
#[component]
pub fn AgenciesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_agencies());
    view! {
        <PageTitle page=PageKey::AgenciesTitle />
        <h1 id="page-title">{t(PageKey::AgenciesTitle)}</h1>
        <p class="muted">{t(PageKey::AgenciesIntro)}</p>
        <QueryError anchor=new_agency_input />
        <ImportNotice />
        <ImportCard />
        <AddCard />
        {loaded(data, |agencies| view! { <AgencyTable agencies /> })}
    }
}

/// After an import: how many came in, or the rows that kept the file out.
#[component]
fn ImportNotice() -> impl IntoView {
    let i18n = use_i18n();
    let imported = use_query_map().read_untracked().get("imported");
    let report = match error_from_query() {
        Some(AppError::ImportRejected { rows, total }) => Some((rows, total)),
        _ => None,
    };
    view! {
        {imported.map(|n| view! {
            <p class="card notice-info" role="status">
                {move || PageKey::ImportDone.text(i18n.lang.get()).replace("{n}", &n)}
            </p>
        })}
        {report.map(|(rows, total)| {
            let shown = rows.len() as u32;
            view! {
                <section class="card" aria-labelledby="import-report-title">
                    <h2 id="import-report-title">{t(PageKey::ImportReportTitle)}</h2>
                    <div class="table-scroll" tabindex="0">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{t(PageKey::CsvLine)}</th>
                                    <th scope="col">{t(PageKey::CsvColumn)}</th>
                                    <th scope="col">{t(PageKey::CsvProblem)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td>{r.line}</td>
                                        <td>{move || field_label(&r.column, i18n.lang.get())}</td>
                                        <td>{move || r.problem.message(i18n.lang.get())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(total > shown).then(|| view! {
                        <p class="muted">
                            {move || PageKey::ImportMoreRows.text(i18n.lang.get()).replace("{n}", &(total - shown).to_string())}
                        </p>
                    })}
                </section>
            }
        })}
    }
}

#[component]
fn ImportCard() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">{t(PageKey::ImportTitle)}</h2>
            <p>{t(PageKey::ImportHelp)}</p>
            <p>
                <a href="/templat-instansi.csv" download="templat-instansi.csv">{t(PageKey::ImportTemplate)}</a>
            </p>
            // A plain multipart post: works before (and without) the page's script.
            <form method="post" action="/api/import_agencies" enctype="multipart/form-data" class="filters">
                <div class="field">
                    <label for="import-file">{t(PageKey::CsvFile)}</label>
                    <input type="file" id="import-file" name="file" accept=".csv,text/csv" required />
                </div>
                <button type="submit" class="button primary">{t(PageKey::ImportButton)}</button>
            </form>
        </section>
    }
}

/// What the fields of one agency hold: the stored agency, or what was typed into a refused form.
#[derive(Clone, Default)]
struct AgencyValues {
    name: String,
    short_name: String,
    kind: String,
    head_name: String,
}

impl AgencyValues {
    fn of(agency: &AgencyRow) -> AgencyValues {
        AgencyValues {
            name: agency.name.clone(),
            short_name: agency.short_name.clone().unwrap_or_default(),
            kind: agency.kind.as_str().to_string(),
            head_name: agency.head_name.clone().unwrap_or_default(),
        }
    }
}

/// The id of the input a refused agency form's error is about, on the page whose fields carry
/// `prefix`.
fn agency_input(prefix: &str, field: &Field) -> Option<String> {
    let what = match field {
        Field::Input(Input::Name) => "name",
        Field::Input(Input::ShortName) => "short",
        Field::Input(Input::Kind) => "kind",
        Field::Input(Input::HeadName) => "head",
        _ => return None,
    };
    Some(format!("{prefix}-{what}"))
}

fn new_agency_input(field: &Field) -> Option<String> {
    agency_input("new-agency", field)
}

fn edited_agency_input(field: &Field) -> Option<String> {
    agency_input("agency", field)
}

/// The fields of one agency, shared by the add form and the edit page; an error a refused post
/// brought back stands beside its field.
#[component]
fn AgencyFields(prefix: &'static str, values: AgencyValues) -> impl IntoView {
    let id = move |what: &str| format!("{prefix}-{what}");
    let error = move |field: &str| field_error(field);
    let (name_err, short_err, kind_err, head_err) = (
        error("name"),
        error("short_name"),
        error("kind"),
        error("head_name"),
    );
    let invalid = |e: &Option<String>| e.is_some().then_some("true");
    let kind = values.kind;
    view! {
        <div class="field">
            <label for=id("name")>{t(Key::Name)}</label>
            <input type="text" id=id("name") name="name" value=values.name required maxlength="150"
                aria-invalid=invalid(&name_err) aria-describedby=id("name-error") autofocus=name_err.is_some() />
            <FieldProblem id=id("name-error") message=name_err />
        </div>
        <div class="field">
            <label for=id("short")>{t(PageKey::ShortName)}</label>
            <input type="text" id=id("short") name="short_name" value=values.short_name maxlength="40"
                aria-invalid=invalid(&short_err) aria-describedby=id("short-error") autofocus=short_err.is_some() />
            <FieldProblem id=id("short-error") message=short_err />
        </div>
        <div class="field">
            <label for=id("kind")>{t(PageKey::AgencyKind)}</label>
            <select id=id("kind") name="kind"
                aria-invalid=invalid(&kind_err) aria-describedby=id("kind-error") autofocus=kind_err.is_some()>
                {AgencyKind::ALL.into_iter().map(|k| view! {
                    <option value=k.as_str() selected=kind == k.as_str()>{t(labels::agency_kind(k))}</option>
                }).collect_view()}
            </select>
            <FieldProblem id=id("kind-error") message=kind_err />
        </div>
        <div class="field">
            <label for=id("head")>{t(PageKey::HeadName)}</label>
            <input type="text" id=id("head") name="head_name" value=values.head_name maxlength="120"
                aria-invalid=invalid(&head_err) aria-describedby=id("head-error") autofocus=head_err.is_some() />
            <FieldProblem id=id("head-error") message=head_err />
        </div>
    }
}

#[component]
fn AddCard() -> impl IntoView {
    let add = ServerAction::<AddAgency>::new();
    // Refused: the form as it was typed (the error is for this form only when it was posted).
    let kept = kept_form::<AddAgency>();
    let values = kept.map_or_else(AgencyValues::default, |k| AgencyValues {
        name: k.name,
        short_name: k.short_name,
        kind: k.kind,
        head_name: k.head_name,
    });
    view! {
        <section class="card" aria-labelledby="add-agency-title">
            <h2 id="add-agency-title">{t(PageKey::AddAgency)}</h2>
            <ActionForm action=add attr:class="filters">
                <AgencyFields prefix="new-agency" values />
                <button type="submit" class="button">{t(PageKey::AddAgency)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AgencyTable(agencies: Vec<AgencyRow>) -> impl IntoView {
    if agencies.is_empty() {
        return Either::Left(view! { <p class="muted">{t(PageKey::NoAgencies)}</p> });
    }
    Either::Right(view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="page-title">
            <table class="table">
                <caption class="visually-hidden">{t(PageKey::AgenciesTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::Name)}</th>
                        <th scope="col">{t(PageKey::AgencyKind)}</th>
                        <th scope="col">{t(PageKey::HeadName)}</th>
                        <th scope="col">{t(PageKey::People)}</th>
                        <th scope="col">{t(PageKey::ColStatus)}</th>
                        <th scope="col">{t(PageKey::ColAction)}</th>
                    </tr>
                </thead>
                <tbody>
                    {agencies.into_iter().map(|a| {
                        let edit = routes::admin_agency(a.id);
                        let name = a.name.clone();
                        view! {
                            <tr>
                                <th scope="row">
                                    {a.name}
                                    {a.short_name.map(|s| view! { <span class="muted">" (" {s} ")"</span> })}
                                </th>
                                <td>{t(labels::agency_kind(a.kind))}</td>
                                <td>{a.head_name}</td>
                                <td>{a.people}</td>
                                <td>
                                    <span class=if a.active { "badge ok" } else { "badge off" }>
                                        {t(if a.active { PageKey::Active } else { PageKey::Inactive })}
                                    </span>
                                </td>
                                <td>
                                    <a href=edit>
                                        {t(PageKey::Edit)}
                                        <span class="visually-hidden">" " {name}</span>
                                    </a>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// `/admin/agencies/:id`: change an agency's name, kind and head; activate or deactivate it.
#[component]
pub fn AgencyEditPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => fetch_agency(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p><a href=routes::ADMIN_AGENCIES>{t(PageKey::BackToAgencies)}</a></p>
        <QueryError anchor=edited_agency_input />
        {loaded(data, |agency| view! { <EditAgency agency /> })}
    }
}

#[component]
fn EditAgency(agency: AgencyRow) -> impl IntoView {
    let update = ServerAction::<UpdateAgency>::new();
    let toggle = ServerAction::<SetAgencyActive>::new();
    let id = agency.id.to_string();
    let id_again = id.clone();
    let active = agency.active;
    let title = agency.name.clone();
    let values = kept_form::<UpdateAgency>().map_or_else(
        || AgencyValues::of(&agency),
        |k| AgencyValues {
            name: k.name,
            short_name: k.short_name,
            kind: k.kind,
            head_name: k.head_name,
        },
    );
    view! {
        <PageTitle page=PageKey::AgenciesTitle text=title.clone() />
        <h1>{title}</h1>
        <section class="card" aria-labelledby="edit-agency-title">
            <h2 id="edit-agency-title">{t(PageKey::Edit)}</h2>
            <ActionForm action=update>
                <input type="hidden" name="agency_id" value=id />
                <AgencyFields prefix="agency" values />
                <button type="submit" class="button primary">{t(PageKey::Save)}</button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="agency-status-title">
            <h2 id="agency-status-title">{t(PageKey::ColStatus)}</h2>
            <p class="muted">{t(if active { PageKey::DeactivateAgencyHint } else { PageKey::ActivateAgencyHint })}</p>
            <ActionForm action=toggle>
                <input type="hidden" name="agency_id" value=id_again />
                <input type="hidden" name="active" value=(!active).to_string() />
                <button type="submit" class="button">{t(if active { PageKey::Deactivate } else { PageKey::Activate })}</button>
            </ActionForm>
        </section>
    }
}
