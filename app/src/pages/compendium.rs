//! The year's compendium of innovations: `/kompendium` (public, linked from the gallery; also
//! printable as it is) and `/admin/kompendium`, where the organisers write the foreword and
//! choose which innovations the book holds. The PDF is `/kompendium.pdf?year=…`.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_compendium, fetch_compendium_settings, SaveCompendium};
use crate::components::{
    field_error, kept_form, loaded, textarea_text, FieldProblem, PageTitle, QueryError,
};
use crate::error::{Field, Input};
use crate::i18n::{labels, t, use_i18n, PageKey};
use crate::models::{Compendium, CompendiumEntry, CompendiumSelection, CompendiumSettings};
use crate::routes;

/// `/kompendium?year=2026`: the book of a published year, one article per innovation.
#[component]
pub fn CompendiumPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("year"), fetch_compendium);
    view! {
        <PageTitle page=PageKey::CompendiumTitle />
        {loaded(data, |book| view! { <Book book /> })}
    }
}

/// Paragraphs at blank lines.
fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

#[component]
fn Book(book: Compendium) -> impl IntoView {
    let i18n = use_i18n();
    let year = book.year;
    let heading = move || {
        PageKey::CompendiumHeading
            .text(i18n.lang.get())
            .replace("{year}", &year.to_string())
    };
    let others: Vec<i32> = book.years.iter().copied().filter(|y| *y != year).collect();
    let contents: Vec<(String, Vec<(u32, String)>)> = book
        .categories
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.entries
                    .iter()
                    .map(|e| (e.number, e.title.clone()))
                    .collect(),
            )
        })
        .collect();
    view! {
        <article class="compendium">
            <header class="compendium-head">
                <p class="muted">{book.government.clone()}</p>
                <h1 id="page-title">{heading}</h1>
                <p>{crate::models::name_with_year(&book.competition_name, year)}</p>
                <p class="no-print">
                    <a class="button" href=routes::compendium_pdf(year) download>{t(PageKey::DownloadCompendium)}</a>
                    " "
                    <a href=routes::GALLERY>{t(PageKey::GalleryTitle)}</a>
                </p>
                {(!others.is_empty()).then(|| view! {
                    <p class="no-print">
                        {t(PageKey::OtherYears)}
                        {others.into_iter().map(|y| view! {
                            " " <a href=routes::compendium(y)>{y}</a>
                        }).collect_view()}
                    </p>
                })}
            </header>
            {(!book.foreword.trim().is_empty()).then(|| view! {
                <section class="foreword" aria-labelledby="foreword-title">
                    <h2 id="foreword-title">{t(PageKey::ForewordLabel)}</h2>
                    {paragraphs(&book.foreword)}
                </section>
            })}
            <nav class="compendium-contents" aria-labelledby="contents-title">
                <h2 id="contents-title">{t(PageKey::CompendiumContents)}</h2>
                {contents.into_iter().map(|(name, entries)| view! {
                    <h3>{category_name(name)}</h3>
                    <ol class="plain">
                        {entries.into_iter().map(|(n, title)| view! {
                            <li><a href=format!("#inovasi-{n}")>{n} ". " {title}</a></li>
                        }).collect_view()}
                    </ol>
                }).collect_view()}
            </nav>
            {book.categories.into_iter().map(|c| view! {
                <section class="compendium-category">
                    <h2>{category_name(c.name)}</h2>
                    {c.entries.into_iter().map(|e| view! { <Entry entry=e /> }).collect_view()}
                </section>
            }).collect_view()}
            <section class="compendium-index" aria-labelledby="index-title">
                <h2 id="index-title">{t(PageKey::CompendiumIndex)}</h2>
                <ul class="plain">
                    {book.agencies.into_iter().map(|(agency, numbers)| view! {
                        <li>
                            {agency} " "
                            {numbers.into_iter().map(|n| view! {
                                " " <a href=format!("#inovasi-{n}")>{n}</a>
                            }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </article>
    }
}

fn category_name(name: String) -> impl IntoView {
    if name.is_empty() {
        Either::Left(t(PageKey::NoCategory))
    } else {
        Either::Right(name)
    }
}

#[component]
fn Entry(entry: CompendiumEntry) -> impl IntoView {
    let e = entry;
    let parts = [
        (PageKey::Summary, e.summary),
        (PageKey::PartProblem, e.problem),
        (PageKey::PartNovelty, e.novelty),
        (PageKey::PartResults, e.results),
    ];
    view! {
        <article class="compendium-entry" id=format!("inovasi-{}", e.number)>
            <h3>{e.number} ". " {e.title}</h3>
            <p class="muted">
                {e.agency_name}
                {e.award.map(|a| view! { " \u{00b7} " <strong>{t(labels::award(a))}</strong> })}
                {e.nominated.then(|| view! { " \u{00b7} " <strong>{t(PageKey::ColNominated)}</strong> })}
            </p>
            {parts.into_iter().filter(|(_, text)| !text.trim().is_empty()).map(|(key, text)| view! {
                <h4>{t(key)}</h4>
                {paragraphs(&text)}
            }).collect_view()}
            <p class="muted">{t(PageKey::ContactLabel)} ": " {e.contact}</p>
            <p class="no-print"><a href=routes::gallery_item(&e.proposal_id)>{t(PageKey::ReadInGallery)}</a></p>
        </article>
    }
}

/// `/admin/kompendium`: the foreword and which innovations the book holds, saved for the
/// current year; the book itself once the results are locked.
#[component]
pub fn CompendiumSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_compendium_settings());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <PageTitle page=PageKey::CompendiumTitle />
        <h1>{t(PageKey::CompendiumTitle)}</h1>
        <p class="muted">{t(PageKey::CompendiumIntro)}</p>
        <QueryError anchor=settings_input />
        {saved.then(|| view! { <p class="card notice-info" role="status">{t(PageKey::Saved)}</p> })}
        {loaded(data, |settings| view! { <Settings settings /> })}
    }
}

fn settings_input(field: &Field) -> Option<String> {
    match field {
        Field::Input(input) => Some(input.name().to_string()),
        _ => None,
    }
}

#[component]
fn Settings(settings: CompendiumSettings) -> impl IntoView {
    let save = ServerAction::<SaveCompendium>::new();
    // Refused: the foreword as it was typed.
    let kept = kept_form::<SaveCompendium>();
    let foreword = kept
        .as_ref()
        .map_or(settings.foreword.clone(), |k| k.foreword.clone());
    let selection = kept
        .as_ref()
        .and_then(|k| CompendiumSelection::parse(&k.selection))
        .unwrap_or(settings.selection);
    let foreword_error = field_error(Input::Foreword.name());
    let bad = foreword_error.is_some();
    let year = settings.year;
    view! {
        <section class="card">
            {if !settings.locked {
                Either::Left(view! { <p class="notice-info">{t(PageKey::CompendiumNotLocked)}</p> })
            } else {
                Either::Right(view! {
                    <p>{if settings.published { t(PageKey::CompendiumPublic) } else { t(PageKey::CompendiumPrivate) }}</p>
                    <ul class="plain links">
                        <li><a href=routes::compendium(year)>{t(PageKey::CompendiumPreview)}</a></li>
                        <li><a href=routes::compendium_pdf(year) download>{t(PageKey::DownloadCompendium)}</a></li>
                    </ul>
                })
            }}
        </section>
        <ActionForm action=save>
            <fieldset class="card" id="selection">
                <legend>{t(PageKey::CompendiumSelectionLabel)}</legend>
                {CompendiumSelection::ALL.into_iter().map(|s| view! {
                    <label class="check">
                        <input type="radio" name="selection" value=s.as_str() checked=s == selection />
                        {t(match s {
                            CompendiumSelection::Screened => PageKey::SelectionScreened,
                            CompendiumSelection::Awarded => PageKey::SelectionAwarded,
                        })}
                    </label>
                }).collect_view()}
                <FieldProblem id="selection-error".to_string() message=field_error(Input::Selection.name()) />
            </fieldset>
            <div class="card field">
                <label for="foreword">{t(PageKey::ForewordLabel)}</label>
                <p class="muted" id="foreword-hint">{t(PageKey::ForewordHint)}</p>
                <textarea id="foreword" name="foreword" rows="12" maxlength="6000"
                    aria-invalid=bad.then_some("true") aria-describedby="foreword-hint foreword-error" autofocus=bad>{textarea_text(&foreword)}</textarea>
                <FieldProblem id="foreword-error".to_string() message=foreword_error />
            </div>
            <button type="submit" class="button primary">{t(PageKey::SaveCompendium)}</button>
        </ActionForm>
    }
}
