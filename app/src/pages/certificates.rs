//! The organisers' list of the year's certificates on the results page: each with its number,
//! whether it is in force, its verification page, a withdrawal with a reason, and the purge of
//! a withdrawn one.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_certificates, PurgeCertificate, WithdrawCertificate};
use crate::components::{field_error, kept_form, loaded, FieldProblem};
use crate::error::Input;
use crate::i18n::{format_day, labels, t, use_i18n, PageKey};
use crate::models::{grouped_code, IssuedCertificate};
use crate::routes;

#[component]
pub fn CertificateRegister() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_certificates());
    let query = use_query_map().read_untracked();
    let withdrawn = query.get("withdrawn").is_some();
    let purged = query.get("purged").is_some();
    view! {
        <section class="card" id="certificates" aria-labelledby="certificates-title">
            <h2 id="certificates-title">{t(PageKey::CertificatesIssuedTitle)}</h2>
            <p class="muted">{t(PageKey::CertificatesIssuedHint)}</p>
            {withdrawn.then(|| view! { <p class="notice-info" role="status">{t(PageKey::CertificateWithdrawnNotice)}</p> })}
            {purged.then(|| view! { <p class="notice-info" role="status">{t(PageKey::CertificatePurgedNotice)}</p> })}
            {loaded(data, |list| if list.is_empty() {
                Either::Left(view! { <p>{t(PageKey::NoCertificatesYet)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="plain certificate-list">
                        {list.into_iter().map(|c| view! { <CertificateItem certificate=c /> }).collect_view()}
                    </ul>
                })
            })}
        </section>
    }
}

#[component]
fn CertificateItem(certificate: IssuedCertificate) -> impl IntoView {
    let i18n = use_i18n();
    let c = certificate;
    let award = c.award;
    let issued_at = c.issued_at;
    let id = c.id;
    if let Some(at) = c.purged_at {
        // Only the number is left of it.
        return view! {
            <li class="certificate-item">
                <p>
                    <strong>{c.number}</strong> " — " <span class="badge">{t(PageKey::CertStatusPurged)}</span> " "
                    {move || format_day(at, i18n.lang.get())}
                </p>
            </li>
        }
        .into_any();
    }
    view! {
        <li class="certificate-item">
            <p>
                <strong>{c.number.clone()}</strong> " — " {c.agency_name.clone()} ": " {c.proposal_title.clone()}
                " (" {move || labels::award_line(award, None, i18n.lang.get())} ")"
            </p>
            <p class="muted">
                {move || PageKey::CertificateIssuedOn.text(i18n.lang.get()).replace("{date}", &format_day(issued_at, i18n.lang.get()))}
                " · "
                <a href=routes::verification(&c.code)>{t(PageKey::CertVerifyLink)} " " <code>{grouped_code(&c.code)}</code></a>
            </p>
            {match c.withdrawn_at {
                Some(at) => Either::Left(view! {
                    <p class="badge-line">
                        <span class="badge warn">{t(PageKey::CertStatusWithdrawn)}</span> " "
                        {move || format_day(at, i18n.lang.get())} ": " {c.withdrawal_reason.clone().unwrap_or_default()}
                    </p>
                    <PurgeForm id />
                }),
                None => Either::Right(view! { <WithdrawForm id /> }),
            }}
        </li>
    }
    .into_any()
}

/// Purge of a withdrawn certificate, behind a disclosure that says what it does: it cannot be
/// undone.
#[component]
fn PurgeForm(id: i64) -> impl IntoView {
    let purge = ServerAction::<PurgeCertificate>::new();
    view! {
        <details>
            <summary>{t(PageKey::PurgeButton)}</summary>
            <p class="muted">{t(PageKey::PurgeHint)}</p>
            <ActionForm action=purge>
                <input type="hidden" name="certificate" value=id.to_string() />
                <button type="submit" class="button danger">{t(PageKey::PurgeButton)}</button>
            </ActionForm>
        </details>
    }
}

/// Withdrawal: a reason is required (it is shown on the verification page and audited).
#[component]
fn WithdrawForm(id: i64) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawCertificate>::new();
    let kept = kept_form::<WithdrawCertificate>().filter(|k| k.certificate == id.to_string());
    let refused = kept.is_some();
    let error = refused.then(|| field_error(Input::Reason.name())).flatten();
    let bad = error.is_some();
    let (field, error_id) = (format!("reason-{id}"), format!("reason-{id}-error"));
    view! {
        <details open=refused>
            <summary><span class="badge ok">{t(PageKey::CertStatusInForce)}</span> " " {t(PageKey::WithdrawButton)}</summary>
            <ActionForm action=withdraw>
                <input type="hidden" name="certificate" value=id.to_string() />
                <div class="field">
                    <label for=field.clone()>{t(PageKey::WithdrawReasonLabel)}</label>
                    <input type="text" id=field name="reason" maxlength="500" required
                        value=kept.map(|k| k.reason).unwrap_or_default()
                        aria-invalid=bad.then_some("true") aria-describedby=error_id.clone() autofocus=bad />
                    <FieldProblem id=error_id message=error />
                </div>
                <button type="submit" class="button danger">{t(PageKey::WithdrawButton)}</button>
            </ActionForm>
        </details>
    }
}
