use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{fetch_gallery, fetch_gallery_item, RecordInterest};
use crate::components::{loaded, PageTitle, ProposalAnswers, QueryError};
use crate::i18n::{t, use_i18n, Key, PageKey};
use crate::models::{Award, GalleryDetail, GalleryFilter, GalleryItem, GalleryPage};
use crate::routes;

/// `/galeri`: the innovations of every published year, for anyone — search, filters, badges,
/// and the open data.
#[component]
pub fn GalleryListPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let filter = GalleryFilter {
                q: q.get("q"),
                year: q.get("year"),
                category: q.get("category"),
                award: q.get("award"),
            };
            let page = q
                .get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1);
            (filter, page)
        },
        |(filter, page)| fetch_gallery(filter, page),
    );
    let i18n = use_i18n();
    view! {
        <Meta name="description" content=PageKey::GalleryIntro.text(i18n.lang.get_untracked()) />
        <PageTitle page=PageKey::GalleryTitle />
        <h1>{t(PageKey::GalleryTitle)}</h1>
        <p class="muted">{t(PageKey::GalleryIntro)}</p>
        {loaded(data, |page| view! { <Gallery page /> })}
    }
}

fn award_badge(award: Option<Award>) -> impl IntoView {
    award.map(|a| {
        let (key, class) = match a {
            Award::Winner => (PageKey::AwardWinner, "badge award-winner"),
            Award::Finalist => (PageKey::AwardFinalist, "badge award-finalist"),
        };
        view! { <span class=class>{t(key)}</span> }
    })
}

#[component]
fn Gallery(page: GalleryPage) -> impl IntoView {
    let i18n = use_i18n();
    let q = use_query_map().read_untracked();
    let (text, year, category, award) = (
        q.get("q").unwrap_or_default(),
        q.get("year").unwrap_or_default(),
        q.get("category").unwrap_or_default(),
        q.get("award").unwrap_or_default(),
    );
    let current = q
        .get("page")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let pages = page.total.div_ceil(crate::models::GALLERY_PAGE_SIZE).max(1);
    // The filters again, for the page links and the open data.
    let params = {
        let mut s = form_urlencoded_pairs(&[
            ("q", &text),
            ("year", &year),
            ("category", &category),
            ("award", &award),
        ]);
        if !s.is_empty() {
            s.push('&');
        }
        s
    };
    let total = page.total;
    // Each published year's book of innovations.
    let books = page.years.clone();
    view! {
        {(!books.is_empty()).then(|| view! {
            <p class="compendium-links">
                {books.into_iter().map(|y| view! {
                    <a class="button" href=routes::compendium(y)>
                        {move || PageKey::CompendiumHeading.text(i18n.lang.get()).replace("{year}", &y.to_string())}
                    </a>
                    " "
                }).collect_view()}
            </p>
        })}
        <form method="get" action=routes::GALLERY class="card filters" role="search">
            <div class="field">
                <label for="gallery-q">{t(PageKey::Search)}</label>
                <input type="search" id="gallery-q" name="q" value=text.clone() maxlength="100" />
            </div>
            <div class="field">
                <label for="gallery-year">{t(PageKey::YearNumber)}</label>
                <select id="gallery-year" name="year">
                    <option value="">{t(PageKey::AllYears)}</option>
                    {page.years.iter().map(|y| {
                        let y = y.to_string();
                        view! { <option value=y.clone() selected={y == year}>{y.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="gallery-category">{t(Key::ColCategory)}</label>
                <select id="gallery-category" name="category">
                    <option value="">{t(PageKey::AllCategories)}</option>
                    {page.categories.iter().map(|c| view! {
                        <option value=c.clone() selected={*c == category}>{c.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="gallery-award">{t(PageKey::ColAward)}</label>
                <select id="gallery-award" name="award">
                    <option value="">{t(PageKey::AllInnovations)}</option>
                    <option value="finalist" selected={award == "finalist"}>{t(PageKey::FinalistsAndWinners)}</option>
                    <option value="winner" selected={award == "winner"}>{t(PageKey::WinnersOnly)}</option>
                </select>
            </div>
            <button type="submit" class="button primary">{t(PageKey::Search)}</button>
        </form>
        <p role="status">{move || PageKey::GalleryCount.text(i18n.lang.get()).replace("{n}", &total.to_string())}</p>
        {if page.items.is_empty() {
            Either::Left(view! { <p class="card muted">{t(PageKey::GalleryEmpty)}</p> })
        } else {
            Either::Right(view! {
                <ul class="gallery">
                    {page.items.into_iter().map(|item| view! { <Card item /> }).collect_view()}
                </ul>
            })
        }}
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label=PageKey::Pages.text(i18n.lang.get_untracked())>
                {(1..=pages).filter(|p| *p == 1 || *p == pages || p.abs_diff(current) <= 3).map(|p| {
                    let href = format!("{}?{params}page={p}", routes::GALLERY);
                    if p == current {
                        Either::Left(view! { <span aria-current="page" class="current">{p}</span> })
                    } else {
                        Either::Right(view! { <a href=href>{p}</a> })
                    }
                }).collect_view()}
            </nav>
        })}
        <p class="muted">
            {t(PageKey::OpenData)} ": "
            <a href=format!("{}?{params}", routes::GALLERY_JSON)>"JSON"</a> " · "
            <a href=format!("{}?{params}", routes::GALLERY_CSV)>"CSV"</a>
        </p>
    }
}

/// `k=v&k=v` of the non-empty pairs, percent-encoded.
fn form_urlencoded_pairs(pairs: &[(&str, &String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[component]
fn Card(item: GalleryItem) -> impl IntoView {
    view! {
        <li class="card gallery-card">
            <h2><a href=routes::gallery_item(&item.proposal_id)>{item.title}</a></h2>
            <p class="muted">
                {item.agency_name} " · " {item.year}
                {item.category_name.map(|c| format!(" · {c}"))}
            </p>
            {award_badge(item.award)}
            <p>{item.summary}</p>
        </li>
    }
}

/// `/galeri/:id`: one published innovation, with the tags that make a good link preview and
/// the "I want to replicate this" form.
#[component]
pub fn GalleryItemPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        fetch_gallery_item,
    );
    view! {
        <p><a href=routes::GALLERY>{t(PageKey::BackToGallery)}</a></p>
        <QueryError />
        {loaded(data, |detail| view! { <ItemView detail /> })}
    }
}

#[component]
fn ItemView(detail: GalleryDetail) -> impl IntoView {
    let i18n = use_i18n();
    let item = detail.item;
    let thanks = use_query_map().read_untracked().get("thanks").is_some();
    let description = if item.summary.is_empty() {
        format!("{} — {}", item.agency_name, item.year)
    } else {
        item.summary.clone()
    };
    let record = ServerAction::<RecordInterest>::new();
    let interests = detail.interests;
    view! {
        <PageTitle page=PageKey::GalleryTitle text=item.title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:type" content="article" />
        <Meta property="og:title" content=item.title.clone() />
        <Meta property="og:description" content=description />
        <Meta property="og:site_name" content=PageKey::AppName.text(i18n.lang.get_untracked()) />
        <Meta name="twitter:card" content="summary" />
        <p>{award_badge(item.award)}</p>
        <ProposalAnswers form=detail.print.form state=detail.print.state />
        <section class="card" aria-labelledby="replicate-title">
            <h2 id="replicate-title">{t(PageKey::ReplicateTitle)}</h2>
            <p>{t(PageKey::ReplicateHelp)}</p>
            {(interests > 0).then(|| view! {
                <p class="muted">{move || PageKey::InterestCount.text(i18n.lang.get()).replace("{n}", &interests.to_string())}</p>
            })}
            {if thanks {
                Either::Left(view! { <p class="notice-info" role="status">{t(PageKey::ReplicateThanks)}</p> })
            } else {
                Either::Right(view! {
                    <ActionForm action=record>
                        <input type="hidden" name="proposal_id" value=item.proposal_id.clone() />
                        <div class="field">
                            <label for="interest-name">{t(Key::Name)}</label>
                            <input type="text" id="interest-name" name="name" required maxlength="100" autocomplete="name" />
                        </div>
                        <div class="field">
                            <label for="interest-organisation">{t(PageKey::Organisation)}</label>
                            <input type="text" id="interest-organisation" name="organisation" required maxlength="150" />
                        </div>
                        <div class="field">
                            <label for="interest-contact">{t(PageKey::Contact)}</label>
                            <input type="text" id="interest-contact" name="contact" required maxlength="150" />
                        </div>
                        <div class="field">
                            <label for="interest-message">{t(PageKey::Message)}</label>
                            <textarea id="interest-message" name="message" rows="3" maxlength="1000"></textarea>
                        </div>
                        <button type="submit" class="button primary">{t(PageKey::ReplicateButton)}</button>
                    </ActionForm>
                })
            }}
        </section>
    }
}
