//! The field visits' reports on one finalist, on its result page: each judge's findings claim by
//! claim, what they saw, the notes, who went and when, and the photos (opened from
//! `/kunjungan/foto/<id>`, the organisers' and the visiting judge's only). A report handed in
//! while its round is judged can be opened again for its judge to correct, with a reason.

use leptos::prelude::*;

use crate::api::ReopenVisit;
use crate::i18n::{day_of_iso, format_date, t, use_i18n, AnyKey, Key, PageKey, Text};
use crate::models::{ClaimFinding, VisitPhoto, VisitReport};
use crate::routes;

#[component]
pub fn VisitReports(reports: Vec<VisitReport>) -> impl IntoView {
    (!reports.is_empty()).then(|| {
        view! {
            <section class="card visit-reports" aria-labelledby="visits-title">
                <h2 id="visits-title">{t(Key::VisitTitle)}</h2>
                {reports.into_iter().map(|report| view! { <Report report /> }).collect_view()}
            </section>
        }
    })
}

/// A finding's badge: its colour and its words.
fn finding_key(finding: Option<ClaimFinding>) -> (&'static str, AnyKey) {
    match finding {
        Some(ClaimFinding::Confirmed) => ("pass", Key::FindingConfirmed.into()),
        Some(ClaimFinding::Partly) => ("warn", Key::FindingPartly.into()),
        Some(ClaimFinding::NotSeen) => ("fail", Key::FindingNotSeen.into()),
        None => ("", PageKey::VisitNoFinding.into()),
    }
}

#[component]
fn Report(report: VisitReport) -> impl IntoView {
    let i18n = use_i18n();
    let status = match report.submitted_at {
        Some(at) => view! {
            <span class="badge pass">
                {move || PageKey::VisitHandedInOn.text(i18n.lang.get()).replace("{date}", &format_date(at, i18n.lang.get()))}
            </span>
        }
        .into_any(),
        None => view! { <span class="badge">{t(PageKey::VisitInProgress)}</span> }.into_any(),
    };
    let visited_on = report.visited_on.clone();
    let photos = report.photos.clone();
    let reopen = report.reopenable.then(|| {
        let action = ServerAction::<ReopenVisit>::new();
        let field_id = format!("reason-{}", report.id);
        let visit_id = report.id.clone();
        view! {
            <details class="reopen">
                <summary>{t(PageKey::ReopenVisit)}</summary>
                <ActionForm action>
                    <input type="hidden" name="visit_id" value=visit_id />
                    <label for=field_id.clone()>{t(Key::Reason)}</label>
                    <input type="text" id=field_id name="reason" required maxlength="1000" />
                    <button type="submit" class="button small">{t(PageKey::ReopenVisit)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <article class="visit-report">
            <h3>{report.judge.clone()} " " {status}</h3>
            {reopen}
            <dl class="facts">
                <div>
                    <dt>{t(Key::VisitedOn)}</dt>
                    <dd>{move || if visited_on.is_empty() { "–".to_string() } else { day_of_iso(&visited_on, i18n.lang.get()) }}</dd>
                </div>
                <div><dt>{t(Key::Visitors)}</dt><dd>{report.visitors.clone()}</dd></div>
            </dl>
            <ol class="claims">
                {report.claims.into_iter().enumerate().map(|(i, claim)| {
                    let n = i as i64 + 1;
                    let (class, key) = finding_key(claim.finding);
                    let label = move || key.text(i18n.lang.get());
                    let shots: Vec<VisitPhoto> = photos.iter().filter(|p| p.claim == Some(n)).cloned().collect();
                    view! {
                        <li class="claim">
                            <p><strong>{claim.claim}</strong> " " <span class=format!("badge {class}")>{label}</span></p>
                            {(!claim.seen.is_empty()).then(|| view! { <p class="pre-line">{claim.seen}</p> })}
                            <Photos photos=shots />
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(!report.notes.is_empty()).then(|| view! {
                <p><strong>{t(Key::VisitNotes)} ": "</strong><span class="pre-line">{report.notes.clone()}</span></p>
            })}
            <Photos photos=report.photos.into_iter().filter(|p| p.claim.is_none()).collect() />
        </article>
    }
}

#[component]
fn Photos(photos: Vec<VisitPhoto>) -> impl IntoView {
    let i18n = use_i18n();
    (!photos.is_empty()).then(|| {
        view! {
            <ul class="photos">
                {photos.into_iter().map(|p| {
                    let lang = i18n.lang.get_untracked();
                    let alt = Key::PhotoAlt.text(lang).replace("{time}", &format_date(p.taken_at, lang));
                    view! {
                        <li class="photo">
                            <a href=routes::visit_photo(&p.id) target="_blank" rel="noopener">
                                <img src=routes::visit_photo(&p.id) alt=alt width="160" height="120" loading="lazy" />
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
