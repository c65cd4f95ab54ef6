use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_identity, SaveIdentity};
use crate::components::{field_error, kept_form, loaded, FieldProblem, PageTitle, QueryError};
use crate::error::{Field, Input};
use crate::i18n::{t, use_i18n, PageKey};
use crate::models::{DocumentKind, NumberSeries, RegencyIdentity};
use crate::routes;

/// `/admin/identity`: the regency as every document names it — the government, the place
/// documents are dated at, the crest, who signs each kind of document, and the numbering.
#[component]
pub fn IdentityPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_identity());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <PageTitle page=PageKey::IdentityNav />
        <h1 id="page-title">{t(PageKey::IdentityNav)}</h1>
        <p class="muted">{t(PageKey::IdentityIntro)}</p>
        <QueryError anchor=identity_input />
        {saved.then(|| view! { <p class="card notice-info" role="status">{t(PageKey::Saved)}</p> })}
        {loaded(data, |identity| view! {
            <CrestCard identity=identity.clone() />
            <IdentityForm identity />
        })}
    }
}

/// The id of the input a refused post's error is about: the control's own name, with dashes.
fn identity_input(field: &Field) -> Option<String> {
    match field {
        Field::Input(input) => Some(input.name().replace('_', "-")),
        _ => None,
    }
}

/// One text input of the identity form, its label, hint and the error beside it.
#[component]
fn Text(
    input: Input,
    label: PageKey,
    value: String,
    #[prop(optional)] hint: Option<PageKey>,
    #[prop(default = 120)] maxlength: u32,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let id = input.name().replace('_', "-");
    let error = field_error(input.name());
    let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let described = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let bad = error.is_some();
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|h| view! { <p class="muted" id=hint_id>{t(h)}</p> })}
            <input type="text" id=id name=input.name() value=value maxlength=maxlength
                autocomplete="off" inputmode=numeric.then_some("numeric")
                aria-invalid=bad.then_some("true") aria-describedby=described autofocus=bad />
            <FieldProblem id=error_id message=error />
        </div>
    }
}

fn document_label(document: DocumentKind) -> PageKey {
    match document {
        DocumentKind::Certificate => PageKey::DocCertificate,
        DocumentKind::Recap => PageKey::DocRecap,
        DocumentKind::Decree => PageKey::DocDecree,
    }
}

/// The form's values: as stored, or as typed into a refused form.
fn values(identity: &RegencyIdentity) -> SaveIdentity {
    if let Some(kept) = kept_form::<SaveIdentity>() {
        return kept;
    }
    let signer = |d: DocumentKind| {
        identity
            .signatories
            .iter()
            .find(|s| s.document == d)
            .map(|s| (s.name.clone(), s.title.clone(), s.nip.clone()))
            .unwrap_or_default()
    };
    let series = |d: DocumentKind| {
        identity
            .series
            .iter()
            .find(|s| s.document == d)
            .map(|s| (s.pattern.clone(), s.next_number.to_string()))
            .unwrap_or_default()
    };
    let (c, r, d) = (
        signer(DocumentKind::Certificate),
        signer(DocumentKind::Recap),
        signer(DocumentKind::Decree),
    );
    let (cs, ds) = (
        series(DocumentKind::Certificate),
        series(DocumentKind::Decree),
    );
    SaveIdentity {
        government_name: identity.government_name.clone(),
        place: identity.place.clone(),
        certificate_signer_name: c.0,
        certificate_signer_title: c.1,
        certificate_signer_nip: c.2,
        recap_signer_name: r.0,
        recap_signer_title: r.1,
        recap_signer_nip: r.2,
        decree_signer_name: d.0,
        decree_signer_title: d.1,
        decree_signer_nip: d.2,
        certificate_pattern: cs.0,
        certificate_next: cs.1,
        decree_pattern: ds.0,
        decree_next: ds.1,
    }
}

#[component]
fn IdentityForm(identity: RegencyIdentity) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveIdentity>::new();
    let v = values(&identity);
    let signatories = [
        (
            DocumentKind::Certificate,
            (
                Input::CertificateSignerName,
                Input::CertificateSignerTitle,
                Input::CertificateSignerNip,
            ),
            (
                v.certificate_signer_name.clone(),
                v.certificate_signer_title.clone(),
                v.certificate_signer_nip.clone(),
            ),
        ),
        (
            DocumentKind::Recap,
            (
                Input::RecapSignerName,
                Input::RecapSignerTitle,
                Input::RecapSignerNip,
            ),
            (
                v.recap_signer_name.clone(),
                v.recap_signer_title.clone(),
                v.recap_signer_nip.clone(),
            ),
        ),
        (
            DocumentKind::Decree,
            (
                Input::DecreeSignerName,
                Input::DecreeSignerTitle,
                Input::DecreeSignerNip,
            ),
            (
                v.decree_signer_name.clone(),
                v.decree_signer_title.clone(),
                v.decree_signer_nip.clone(),
            ),
        ),
    ];
    // The next number each series gives in the current year, as stored (not as typed).
    let year = identity.numbering_year.unwrap_or_default();
    let example = move |document: DocumentKind| {
        identity
            .series
            .iter()
            .find(|s: &&NumberSeries| s.document == document)
            .map(|s| s.number(s.next_number, year))
            .unwrap_or_default()
    };
    let (next_certificate, next_decree) = (
        example(DocumentKind::Certificate),
        example(DocumentKind::Decree),
    );
    view! {
        <ActionForm action=save>
            <section class="card" aria-labelledby="government-title">
                <h2 id="government-title">{t(PageKey::GovernmentTitle)}</h2>
                <Text input=Input::GovernmentName label=PageKey::GovernmentNameLabel
                    hint=PageKey::GovernmentNameHint value=v.government_name.clone() />
                <Text input=Input::Place label=PageKey::PlaceLabel hint=PageKey::PlaceHint
                    value=v.place.clone() />
            </section>
            <section class="card" aria-labelledby="signatories-title">
                <h2 id="signatories-title">{t(PageKey::SignatoriesTitle)}</h2>
                <p class="muted">{t(PageKey::SignatoriesHint)}</p>
                <div class="grid three">
                    {signatories.into_iter().map(|(document, (name, title, nip), (name_v, title_v, nip_v))| view! {
                        <fieldset class="document">
                            <legend>{t(document_label(document))}</legend>
                            <Text input=name label=PageKey::SignerName value=name_v />
                            <Text input=title label=PageKey::SignerTitle value=title_v />
                            <Text input=nip label=PageKey::SignerNip value=nip_v maxlength=24 numeric=true />
                        </fieldset>
                    }).collect_view()}
                </div>
            </section>
            <section class="card" aria-labelledby="numbering-title">
                <h2 id="numbering-title">{t(PageKey::NumberingTitle)}</h2>
                <p class="muted">{t(PageKey::NumberingHint)}</p>
                <div class="grid two">
                    <fieldset class="document">
                        <legend>{t(PageKey::DocCertificate)}</legend>
                        <Text input=Input::CertificatePattern label=PageKey::CertificatePatternLabel
                            value=v.certificate_pattern.clone() maxlength=60 />
                        <Text input=Input::CertificateNext label=PageKey::CertificateNextLabel
                            value=v.certificate_next.clone() maxlength=7 numeric=true />
                        <p class="muted">{move || PageKey::NextNumberExample.text(i18n.lang.get()).replace("{number}", &next_certificate)}</p>
                    </fieldset>
                    <fieldset class="document">
                        <legend>{t(PageKey::DocDecree)}</legend>
                        <Text input=Input::DecreePattern label=PageKey::DecreePatternLabel
                            value=v.decree_pattern.clone() maxlength=60 />
                        <Text input=Input::DecreeNext label=PageKey::DecreeNextLabel
                            value=v.decree_next.clone() maxlength=7 numeric=true />
                        <p class="muted">{move || PageKey::NextNumberExample.text(i18n.lang.get()).replace("{number}", &next_decree)}</p>
                    </fieldset>
                </div>
            </section>
            <p><button type="submit" class="button primary">{t(PageKey::IdentitySave)}</button></p>
        </ActionForm>
    }
}

/// The crest: what is set, a plain multipart upload (works without script) and removal.
#[component]
fn CrestCard(identity: RegencyIdentity) -> impl IntoView {
    let i18n = use_i18n();
    let error = field_error(Input::File.name());
    let bad = error.is_some();
    let government = identity.government_name.clone();
    view! {
        <section class="card" aria-labelledby="crest-title">
            <h2 id="crest-title">{t(PageKey::CrestTitle)}</h2>
            {match identity.crest {
                Some(crest) => leptos::either::Either::Left(view! {
                    <p>
                        <img class="crest" src=routes::crest(&crest.version)
                            width=crest.width.min(120) alt=move || PageKey::CrestAlt.text(i18n.lang.get()).replace("{government}", &government) />
                    </p>
                    <form method="post" action="/api/upload_crest" enctype="multipart/form-data">
                        <input type="hidden" name="remove" value="1" />
                        <button type="submit" class="button small">{t(PageKey::CrestRemove)}</button>
                    </form>
                }),
                None => leptos::either::Either::Right(view! { <p>{t(PageKey::CrestNone)}</p> }),
            }}
            <form method="post" action="/api/upload_crest" enctype="multipart/form-data" class="filters">
                <div class="field">
                    <label for="file">{t(PageKey::CrestFile)}</label>
                    <p class="muted" id="file-hint">{t(PageKey::CrestHint)}</p>
                    <input type="file" id="file" name="file" accept="image/png,image/jpeg" required
                        aria-invalid=bad.then_some("true") aria-describedby="file-hint file-error" autofocus=bad />
                    <FieldProblem id="file-error".to_string() message=error />
                </div>
                <button type="submit" class="button primary">{t(PageKey::CrestUpload)}</button>
            </form>
        </section>
    }
}
