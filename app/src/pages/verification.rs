use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::fetch_verification;
use crate::components::{loaded, PageTitle};
use crate::i18n::{format_day, labels, t, use_i18n, PageKey};
use crate::models::{grouped_code, name_with_year, normalise_code, VerifiedCertificate};
use crate::routes;

/// `/verifikasi` and `/verifikasi/<code>`: anyone holding a certificate checks it — the address
/// printed under its QR code, or its code typed into the form. A code no certificate has gets
/// one answer, whatever it is (never a hint of which codes exist).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || {
        params
            .read()
            .get("code")
            .or_else(|| query.read().get("kode"))
            .map(|c| normalise_code(&c))
            .filter(|c| !c.is_empty())
    };
    let data = Resource::new(code, |code| async move {
        match code {
            Some(code) => fetch_verification(code.clone())
                .await
                .map(|v| Some((code, v))),
            None => Ok(None),
        }
    });
    view! {
        <PageTitle page=PageKey::VerifyTitle />
        <h1>{t(PageKey::VerifyTitle)}</h1>
        {loaded(data, |answer| match answer {
            Some((code, Some(certificate))) => Either::Left(view! { <Verified code certificate /> }),
            Some((code, None)) => Either::Right(Either::Left(view! { <Unknown code /> })),
            None => Either::Right(Either::Right(view! { <CodeForm typed=String::new() /> })),
        })}
    }
}

/// The form for a typed code: a plain GET, so it works without script.
#[component]
fn CodeForm(typed: String) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="verify-form-title">
            <h2 id="verify-form-title">{t(PageKey::VerifyFormTitle)}</h2>
            <form method="get" action=routes::VERIFY class="filters">
                <div class="field">
                    <label for="kode">{t(PageKey::VerifyCodeLabel)}</label>
                    <p class="muted" id="kode-hint">{t(PageKey::VerifyIntro)}</p>
                    <input type="text" id="kode" name="kode" value=typed maxlength="40" required
                        autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby="kode-hint" />
                </div>
                <button type="submit" class="button primary">{t(PageKey::VerifyButton)}</button>
            </form>
        </section>
    }
}

#[component]
fn Unknown(code: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card verify-result verify-unknown" role="status" aria-labelledby="verify-result">
            <h2 id="verify-result">{t(PageKey::VerifyUnknown)}</h2>
            <p>{t(PageKey::VerifyUnknownHint)}</p>
        </section>
        <CodeForm typed=grouped_code(&code) />
    }
}

#[component]
fn Verified(code: String, certificate: VerifiedCertificate) -> impl IntoView {
    let i18n = use_i18n();
    let c = certificate;
    let withdrawn = c
        .withdrawn_at
        .map(|at| (at, c.withdrawal_reason.clone().unwrap_or_default()));
    let (class, heading) = match withdrawn {
        Some(_) => (
            "card verify-result verify-withdrawn",
            PageKey::VerifyWithdrawn,
        ),
        None => ("card verify-result verify-valid", PageKey::VerifyValid),
    };
    let issued_at = c.issued_at;
    let government = c.government_name.clone();
    let award = c.award;
    let category = c.category_name.clone();
    let competition = name_with_year(
        &c.competition_name,
        i32::try_from(c.competition_year).unwrap_or_default(),
    );
    view! {
        <section class=class role="status" aria-labelledby="verify-result">
            <h2 id="verify-result">{t(heading)}</h2>
            {withdrawn.map(|(at, reason)| view! {
                <p><strong>{move || PageKey::VerifyWithdrawnLine.text(i18n.lang.get()).replace("{date}", &format_day(at, i18n.lang.get()))}</strong></p>
                <p>{t(PageKey::VerifyReason)} ": " {reason}</p>
            })}
            <p>{move || {
                let lang = i18n.lang.get();
                let key = if government.trim().is_empty() { PageKey::VerifyIssuedOn } else { PageKey::VerifyIssuedBy };
                key.text(lang).replace("{government}", &government).replace("{date}", &format_day(issued_at, lang))
            }}</p>
            <dl class="verify-facts">
                <dt>{t(PageKey::CertNumberLabel)}</dt>
                <dd>{c.number}</dd>
                <dt>{t(PageKey::CertGivenToLabel)}</dt>
                <dd>{c.agency_name}</dd>
                <dt>{t(PageKey::CertInnovationLabel)}</dt>
                <dd>{c.proposal_title}</dd>
                <dt>{t(PageKey::CertAwardLabel)}</dt>
                <dd>{move || labels::award_line(award, category.as_deref(), i18n.lang.get())}</dd>
                <dt>{t(PageKey::CertCompetitionLabel)}</dt>
                <dd>{competition}</dd>
                <dt>{t(PageKey::VerifyCodeLabel)}</dt>
                <dd><code>{grouped_code(&code)}</code></dd>
            </dl>
        </section>
        <p><a href=routes::VERIFY>{t(PageKey::VerifyAnother)}</a></p>
    }
}
