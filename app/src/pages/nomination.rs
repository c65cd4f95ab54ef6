//! `/admin/nominasi`: the innovations the regency nominates to the province, each with the
//! sections of the province's proposal outline its answers leave empty, and its dossier (a ZIP)
//! once the results are locked. The gaps show before locking, while they can still be met by
//! tagging the form's questions (`/admin/form#outline`).

use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_nomination;
use crate::components::{loaded, PageTitle};
use crate::i18n::{labels, t, use_i18n, PageKey};
use crate::models::{NominationData, NomineeCoverage};
use crate::routes;

#[component]
pub fn NominationPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_nomination());
    view! {
        <PageTitle page=PageKey::NominationTitle />
        <h1 id="page-title">{t(PageKey::NominationTitle)}</h1>
        <p class="muted">{t(PageKey::NominationIntro)}</p>
        {loaded(data, |data| view! { <Nominees data /> })}
    }
}

#[component]
fn Nominees(data: NominationData) -> impl IntoView {
    let locked = data.locked;
    let untagged = data.tagged_questions == 0;
    let form_outline = format!("{}#outline", routes::ADMIN_FORM);
    view! {
        {untagged.then(|| view! {
            <p class="card notice-warning">
                {t(PageKey::NominationUntagged)} " "
                <a href=form_outline.clone()>{t(PageKey::TagTheForm)}</a>
            </p>
        })}
        {if data.nominees.is_empty() {
            Either::Left(view! {
                <p class="card">
                    {t(PageKey::NominationNone)} " "
                    <a href=routes::ADMIN_RESULTS>{t(PageKey::ResultsTitle)}</a>
                </p>
            })
        } else {
            Either::Right(view! {
                {if locked {
                    Either::Left(view! {
                        <ul class="plain links">
                            <li><a href=routes::ADMIN_DOSSIERS_ZIP download>{t(PageKey::DownloadAllDossiers)}</a></li>
                            <li><a href=routes::ADMIN_DECREE_PDF download>{t(PageKey::DownloadDecree)}</a></li>
                        </ul>
                    })
                } else {
                    Either::Right(view! {
                        <p class="card notice-info">{t(PageKey::NominationNotLocked)}</p>
                    })
                }}
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="page-title">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{t(PageKey::ColTitle)}</th>
                                <th scope="col">{t(PageKey::Agency)}</th>
                                <th scope="col">{t(PageKey::ColGaps)}</th>
                                <th scope="col" class="num">{t(PageKey::ColEvidence)}</th>
                                <th scope="col">{t(PageKey::ColDossier)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data.nominees.into_iter().map(|n| view! { <NomineeRow nominee=n locked /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="muted">
                    {t(PageKey::NominationTagHint)} " "
                    <a href=form_outline>{t(PageKey::TagTheForm)}</a>
                </p>
            })
        }}
    }
}

#[component]
fn NomineeRow(nominee: NomineeCoverage, locked: bool) -> impl IntoView {
    let i18n = use_i18n();
    let n = nominee;
    let gaps = n.missing.clone();
    let complete = gaps.is_empty();
    view! {
        <tr>
            <th scope="row">
                {n.title.clone()}
                {n.award.map(|a| view! { <span class="muted">" (" {t(labels::award(a))} ")"</span> })}
            </th>
            <td>{n.agency_name}</td>
            <td>
                {if complete {
                    Either::Left(view! { <span>{t(PageKey::NoGaps)}</span> })
                } else {
                    Either::Right(view! {
                        <ul class="plain gaps">
                            {gaps.into_iter().map(|s| view! {
                                <li>{move || format!("{}. {}", s.number(), labels::kipp_section(s).text(i18n.lang.get()))}</li>
                            }).collect_view()}
                        </ul>
                    })
                }}
            </td>
            <td class="num">{n.evidence_files}</td>
            <td>
                {if locked {
                    Either::Left(view! {
                        <a href=routes::dossier(&n.proposal_id) download>
                            {t(PageKey::DownloadDossier)}
                            <span class="visually-hidden">" " {n.title}</span>
                        </a>
                    })
                } else {
                    Either::Right(view! { <span class="muted">"\u{2013}"</span> })
                }}
            </td>
        </tr>
    }
}
