use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::fetch_compliance;
use crate::components::{loaded, CompetitionCard, PageTitle};
use crate::i18n::{format_date, labels, t, use_i18n, Key, PageKey};
use crate::models::{AgencyKind, ComplianceLevel, ComplianceRegister};
use crate::routes;

/// The *One Agency One Innovation* register: every obligated agency and its status this year,
/// with a filter (a plain GET form) and a CSV export of what is shown.
#[component]
pub fn CompliancePage() -> impl IntoView {
    let query = use_query_map();
    let level = query.read_untracked().get("level");
    let kind = query.read_untracked().get("kind");
    let data = Resource::new(
        move || (level.clone(), kind.clone()),
        |(l, k)| fetch_compliance(l, k),
    );
    view! {
        <PageTitle page=PageKey::ComplianceTitle />
        <h1 id="page-title">{t(PageKey::ComplianceTitle)}</h1>
        <p class="muted">{t(PageKey::ComplianceIntro)}</p>
        {loaded(data, |register| view! { <Register register /> })}
    }
}

#[component]
fn Register(register: ComplianceRegister) -> impl IntoView {
    let i18n = use_i18n();
    let pct = if register.total == 0 {
        0
    } else {
        (register.complied * 100 + register.total / 2) / register.total
    };
    let share = move || {
        PageKey::ComplianceShare
            .text(i18n.lang.get())
            .replace("{n}", &register.complied.to_string())
            .replace("{total}", &register.total.to_string())
            .replace("{pct}", &pct.to_string())
    };
    let level_value = register
        .filter
        .level
        .map(|l| l.as_str())
        .unwrap_or_default();
    let kind_value = register.filter.kind.map(|k| k.as_str()).unwrap_or_default();
    let csv = format!(
        "{}?level={level_value}&kind={kind_value}",
        routes::ADMIN_COMPLIANCE_CSV
    );
    let rows = register.rows;
    view! {
        <CompetitionCard competition=register.competition />
        <section class="card">
            <p class="stat-line">
                <strong>{share}</strong>
            </p>
            <div class="progress" role="img" aria-label=share>
                <div class="progress-fill" style=format!("width: {pct}%")></div>
            </div>
        </section>
        <form class="filters" method="get" action=routes::ADMIN_COMPLIANCE>
            <div class="field">
                <label for="level">{t(PageKey::ColStatus)}</label>
                <select id="level" name="level">
                    <option value="" selected=level_value.is_empty()>{t(PageKey::FilterAll)}</option>
                    {ComplianceLevel::ALL
                        .into_iter()
                        .map(|l| view! {
                            <option value=l.as_str() selected=l.as_str() == level_value>{t(labels::compliance(l))}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="kind">{t(PageKey::AgencyKindLabel)}</label>
                <select id="kind" name="kind">
                    <option value="" selected=kind_value.is_empty()>{t(PageKey::FilterAll)}</option>
                    {AgencyKind::ALL
                        .into_iter()
                        .map(|k| view! {
                            <option value=k.as_str() selected=k.as_str() == kind_value>{t(labels::agency_kind(k))}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t(PageKey::ApplyFilter)}</button>
            <a class="button" href=csv download>{t(PageKey::DownloadCsv)}</a>
        </form>
        {if rows.is_empty() {
            Either::Left(view! { <p class="muted">{t(PageKey::NoMatchingAgencies)}</p> })
        } else {
            Either::Right(view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="page-title">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{t(Key::ColAgency)}</th>
                                <th scope="col">{t(PageKey::AgencyKindLabel)}</th>
                                <th scope="col">{t(PageKey::ColStatus)}</th>
                                <th scope="col" class="num">{t(PageKey::ProposalCount)}</th>
                                <th scope="col">{t(PageKey::ColUpdated)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|r| {
                                    let last = r.last_activity;
                                    view! {
                                        <tr>
                                            <td>{r.agency_name}<br /><span class="muted">{r.head_name}</span></td>
                                            <td>{t(labels::agency_kind(r.kind))}</td>
                                            <td>
                                                <span class=format!("badge level-{}", r.level.as_str())>{t(labels::compliance(r.level))}</span>
                                            </td>
                                            <td class="num">{r.proposals}</td>
                                            <td>{move || last.map(|at| format_date(at, i18n.lang.get()))}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        }}
    }
}
