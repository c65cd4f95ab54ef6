use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::fetch_audit;
use crate::components::{loaded, PageTitle};
use crate::i18n::{format_date, t, use_i18n, PageKey};
use crate::models::AuditPage;
use crate::routes;

/// The audit trail: who did what and when, with the values before and after; a filter (plain
/// GET form), a CSV export, and whether the chain of seals is intact.
#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked();
    let args = (q.get("action"), q.get("object_kind"), q.get("actor_email"));
    let data = Resource::new(move || args.clone(), |(a, k, e)| fetch_audit(a, k, e));
    view! {
        <PageTitle page=PageKey::AuditNav />
        <h1 id="page-title">{t(PageKey::AuditNav)}</h1>
        <p class="muted">{t(PageKey::AuditIntro)}</p>
        {loaded(data, |page| view! { <Trail page /> })}
    }
}

#[component]
fn Trail(page: AuditPage) -> impl IntoView {
    let i18n = use_i18n();
    let events = page.events;
    let head = page.head.clone();
    let seal = if page.intact {
        Either::Left(view! {
            <p class="card ok-line" role="status">
                {move || PageKey::AuditIntact.text(i18n.lang.get()).replace("{n}", &events.to_string())}
            </p>
            {head.map(|h| view! {
                <p class="muted">{t(PageKey::AuditHead)} " " <code class="seal">{h}</code></p>
            })}
        })
    } else {
        Either::Right(
            view! { <p class="card banner-warning" role="alert">{t(PageKey::AuditBroken)}</p> },
        )
    };
    let f = page.filter.clone();
    let action = f.action.clone().unwrap_or_default();
    let kind = f.object_kind.clone().unwrap_or_default();
    let actor = f.actor_email.clone().unwrap_or_default();
    let csv = format!(
        "{}?action={}&object_kind={}&actor_email={}",
        routes::ADMIN_AUDIT_CSV,
        encode(&action),
        encode(&kind),
        encode(&actor)
    );
    let entries = page.entries;
    view! {
        {seal}
        <form class="filters" method="get" action=routes::ADMIN_AUDIT>
            <div class="field">
                <label for="action">{t(PageKey::AuditAction)}</label>
                <input id="action" name="action" type="text" value=action placeholder="proposal." />
            </div>
            <div class="field">
                <label for="object_kind">{t(PageKey::AuditKindFilter)}</label>
                <input id="object_kind" name="object_kind" type="text" value=kind placeholder="user" />
            </div>
            <div class="field">
                <label for="actor_email">{t(PageKey::AuditActorFilter)}</label>
                <input id="actor_email" name="actor_email" type="email" value=actor />
            </div>
            <button type="submit" class="button">{t(PageKey::ApplyFilter)}</button>
            <a class="button" href=csv download>{t(PageKey::DownloadCsv)}</a>
        </form>
        {if entries.is_empty() {
            Either::Left(view! { <p class="muted">{t(PageKey::NoAuditEvents)}</p> })
        } else {
            Either::Right(view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="page-title">
                    <table class="table audit">
                        <thead>
                            <tr>
                                <th scope="col">{t(PageKey::AuditWhen)}</th>
                                <th scope="col">{t(PageKey::AuditWho)}</th>
                                <th scope="col">{t(PageKey::AuditAction)}</th>
                                <th scope="col">{t(PageKey::AuditObject)}</th>
                                <th scope="col">{t(PageKey::AuditBefore)}</th>
                                <th scope="col">{t(PageKey::AuditAfter)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {entries
                                .into_iter()
                                .map(|e| {
                                    let at = e.at;
                                    view! {
                                        <tr>
                                            <td>{move || format_date(at, i18n.lang.get())}</td>
                                            <td>{match e.actor_name {
                                                Some(name) => Either::Left(name),
                                                None => Either::Right(t(PageKey::System)),
                                            }}</td>
                                            <td><code>{e.action}</code></td>
                                            <td>{e.object_kind} " " <span class="muted">{e.object_id}</span></td>
                                            <td><code class="json">{e.before}</code></td>
                                            <td><code class="json">{e.after}</code></td>
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

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
