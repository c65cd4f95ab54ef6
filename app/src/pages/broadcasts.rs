use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{fetch_broadcast, list_broadcasts, SaveBroadcast, SendBroadcast};
use crate::components::{
    field_error, kept_form, loaded, textarea_text, FieldProblem, PageTitle, QueryError,
};
use crate::error::{AppError, Field, Input};
use crate::i18n::{format_date, labels, t, use_i18n, PageKey};
use crate::models::{
    AgencyKind, BroadcastAudience, BroadcastFilter, BroadcastRecipient, BroadcastSummary,
    BroadcastTemplate, BroadcastView, ComplianceChoice, JudgeProgress, PLACEHOLDERS,
};
use crate::routes;

/// `/admin/broadcasts`: write a message to a group of people (from a template, in both
/// languages), and the broadcasts written before. Saving shows the draft with every recipient.
#[component]
pub fn BroadcastsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_broadcasts());
    let template = use_query_map()
        .read_untracked()
        .get("template")
        .and_then(|t| BroadcastTemplate::parse(&t))
        .unwrap_or(BroadcastTemplate::Announcement);
    let values = kept_values().unwrap_or_else(|| Values {
        id: String::new(),
        filter: template.filter(),
        message_id: template.text(crate::i18n::Lang::Id).to_string(),
        message_en: template.text(crate::i18n::Lang::En).to_string(),
    });
    view! {
        <PageTitle page=PageKey::BroadcastsNav />
        <h1 id="page-title">{t(PageKey::BroadcastsNav)}</h1>
        <p class="muted">{t(PageKey::BroadcastsIntro)}</p>
        <QueryError anchor=compose_input />
        <section class="card" aria-labelledby="compose-title">
            <h2 id="compose-title">{t(PageKey::BroadcastCompose)}</h2>
            <p>
                {t(PageKey::BroadcastTemplates)} " "
                {BroadcastTemplate::ALL.into_iter().map(|tpl| view! {
                    <a class="button small" href=format!("{}?template={}", routes::ADMIN_BROADCASTS, tpl.as_str())
                        aria-current=(tpl == template).then_some("true")>
                        {t(tpl.label())}
                    </a> " "
                }).collect_view()}
            </p>
            <Compose values />
        </section>
        {loaded(data, |items| view! { <History items /> })}
    }
}

/// What the compose form shows: what was typed (a refused post), the draft, or a template.
#[derive(Clone, Debug)]
struct Values {
    id: String,
    filter: BroadcastFilter,
    message_id: String,
    message_en: String,
}

/// What was typed into a refused compose form, read back leniently (a value that did not parse
/// is shown as "any").
fn kept_values() -> Option<Values> {
    let k = kept_form::<SaveBroadcast>()?;
    Some(Values {
        id: k.id,
        filter: BroadcastFilter {
            audience: BroadcastAudience::parse(&k.audience)
                .unwrap_or(BroadcastAudience::AgencyPeople),
            agency_kind: AgencyKind::parse(&k.agency_kind),
            compliance: ComplianceChoice::parse(&k.compliance),
            progress: JudgeProgress::parse(&k.progress),
        },
        message_id: k.message_id,
        message_en: k.message_en,
    })
}

/// The element id of the compose form's input a refused post was about.
fn compose_input(field: &Field) -> Option<String> {
    match field {
        Field::Input(
            i @ (Input::Audience
            | Input::Kind
            | Input::Level
            | Input::Progress
            | Input::MessageId
            | Input::MessageEn),
        ) => Some(format!("broadcast-{}", i.name())),
        _ => None,
    }
}

/// The compose form: whom (audience and filters), and what (both languages). A plain form.
#[component]
fn Compose(values: Values) -> impl IntoView {
    let save = ServerAction::<SaveBroadcast>::new();
    let i18n = use_i18n();
    let f = values.filter.clone();
    let errors = |name: &str| field_error(name);
    let (audience_err, id_err, en_err) = (
        errors("audience"),
        errors("message_id"),
        errors("message_en"),
    );
    let invalid = |e: &Option<String>| e.is_some().then_some("true");
    let known = PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <ActionForm action=save attr:class="broadcast-form">
            <input type="hidden" name="id" value=values.id />
            <fieldset class="filters">
                <legend>{t(PageKey::BroadcastWhom)}</legend>
                <div class="field">
                    <label for="broadcast-audience">{t(PageKey::BroadcastAudienceLabel)}</label>
                    <select id="broadcast-audience" name="audience" aria-invalid=invalid(&audience_err)
                        aria-describedby="broadcast-audience-error">
                        {BroadcastAudience::ALL.into_iter().map(|a| view! {
                            <option value=a.as_str() selected=a == f.audience>{t(a.label())}</option>
                        }).collect_view()}
                    </select>
                    <FieldProblem id="broadcast-audience-error".to_string() message=audience_err />
                </div>
                <div class="field">
                    <label for="broadcast-kind">{t(PageKey::BroadcastKindFilter)}</label>
                    <select id="broadcast-kind" name="agency_kind">
                        <option value="" selected=f.agency_kind.is_none()>{t(PageKey::FilterAll)}</option>
                        {AgencyKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=Some(k) == f.agency_kind>{t(labels::agency_kind(k))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="broadcast-level">{t(PageKey::BroadcastComplianceFilter)}</label>
                    <select id="broadcast-level" name="compliance">
                        <option value="" selected=f.compliance.is_none()>{t(PageKey::FilterAll)}</option>
                        {ComplianceChoice::all().into_iter().map(|c| view! {
                            <option value=c.as_str() selected=Some(c) == f.compliance>{compliance_label(c)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="broadcast-progress">{t(PageKey::ProgressLabel)}</label>
                    <select id="broadcast-progress" name="progress">
                        <option value="" selected=f.progress.is_none()>{t(PageKey::FilterAll)}</option>
                        {JudgeProgress::ALL.into_iter().map(|p| view! {
                            <option value=p.as_str() selected=Some(p) == f.progress>{t(p.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <p class="muted field-hint">{t(PageKey::BroadcastFilterHint)}</p>
            </fieldset>
            <div class="field">
                <label for="broadcast-message_id">{t(PageKey::BroadcastMessageId)}</label>
                <textarea id="broadcast-message_id" name="message_id" rows="7" required maxlength="2000"
                    aria-invalid=invalid(&id_err) aria-describedby="broadcast-placeholders broadcast-message_id-error"
                    autofocus=id_err.is_some()>{textarea_text(&values.message_id)}</textarea>
                <FieldProblem id="broadcast-message_id-error".to_string() message=id_err />
            </div>
            <div class="field">
                <label for="broadcast-message_en">{t(PageKey::BroadcastMessageEn)}</label>
                <textarea id="broadcast-message_en" name="message_en" rows="7" maxlength="2000"
                    aria-invalid=invalid(&en_err) aria-describedby="broadcast-placeholders broadcast-message_en-error"
                    autofocus=en_err.is_some()>{textarea_text(&values.message_en)}</textarea>
                <FieldProblem id="broadcast-message_en-error".to_string() message=en_err />
            </div>
            <p class="muted" id="broadcast-placeholders">
                {move || PageKey::BroadcastPlaceholders.text(i18n.lang.get()).replace("{known}", &known)}
            </p>
            <button type="submit" class="button primary">{t(PageKey::BroadcastPreview)}</button>
        </ActionForm>
    }
}

fn compliance_label(c: ComplianceChoice) -> impl IntoView {
    match c {
        ComplianceChoice::NotComplied => Either::Left(t(PageKey::BroadcastNotComplied)),
        ComplianceChoice::Level(l) => Either::Right(t(labels::compliance(l))),
    }
}

/// The broadcasts written before, newest first.
#[component]
fn History(items: Vec<BroadcastSummary>) -> impl IntoView {
    let i18n = use_i18n();
    (!items.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t(PageKey::BroadcastHistory)}</h2>
            <ul class="list">
                {items.into_iter().map(|b| {
                    let at = b.sent_at.unwrap_or(b.created_at);
                    let n = b.recipients;
                    view! {
                        <li class="list-item">
                            <div>
                                <a href=routes::admin_broadcast(b.id)>{b.excerpt}</a>
                                <p class="muted">
                                    {t(b.audience.label())} " · "
                                    {move || match b.sent_at {
                                        Some(_) => PageKey::BroadcastSentTo.text(i18n.lang.get()).replace("{n}", &n.to_string()),
                                        None => PageKey::BroadcastDraft.text(i18n.lang.get()).to_string(),
                                    }}
                                    " · " {move || format_date(at, i18n.lang.get())}
                                </p>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// `/admin/broadcasts/:id`: a draft with everyone it would reach now and what each reads (a
/// WhatsApp link where they gave a number), the send button and the form to change it; or a
/// sent broadcast with whom it reached.
#[component]
pub fn BroadcastPage() -> impl IntoView {
    let params = use_params_map();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => fetch_broadcast(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <PageTitle page=PageKey::BroadcastTitle />
        <p><a href=routes::ADMIN_BROADCASTS>{t(PageKey::BackToBroadcasts)}</a></p>
        <h1 id="page-title">{t(PageKey::BroadcastTitle)}</h1>
        <QueryError anchor=compose_input />
        {sent.then(|| view! { <p class="card notice-info" role="status">{t(PageKey::BroadcastSentNote)}</p> })}
        {loaded(data, |view| view! { <Detail view /> })}
    }
}

#[component]
fn Detail(view: BroadcastView) -> impl IntoView {
    let i18n = use_i18n();
    let b = view.broadcast.clone();
    let n = view.recipients.len();
    let draft = b.sent_at.is_none();
    let values = kept_values().unwrap_or_else(|| Values {
        id: b.id.to_string(),
        filter: b.filter.clone(),
        message_id: b.message_id.clone(),
        message_en: b.message_en.clone(),
    });
    view! {
        <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">{t(PageKey::BroadcastWhom)}</h2>
            <FilterSummary filter=b.filter.clone() />
            {match (b.sent_at, b.sent_by.clone()) {
                (Some(at), by) => Either::Left(view! {
                    <p class="stat-line">
                        <strong>
                            {move || PageKey::BroadcastSentTo.text(i18n.lang.get()).replace("{n}", &n.to_string())}
                        </strong>
                        " · " {move || format_date(at, i18n.lang.get())}
                        {by.map(|by| view! { " · " {by} })}
                    </p>
                }),
                (None, _) => Either::Right(view! { <SendCard id=b.id n mail=view.mail_configured /> }),
            }}
        </section>
        <Recipients recipients=view.recipients />
        {draft.then(|| view! {
            <section class="card" aria-labelledby="edit-title">
                <h2 id="edit-title">{t(PageKey::BroadcastEdit)}</h2>
                <Compose values />
            </section>
        })}
    }
}

/// Whom the broadcast is for, in words.
#[component]
fn FilterSummary(filter: BroadcastFilter) -> impl IntoView {
    let agencies = filter.audience.is_agencies();
    view! {
        <dl class="facts">
            <dt>{t(PageKey::BroadcastAudienceLabel)}</dt>
            <dd>{t(filter.audience.label())}</dd>
            {agencies.then(|| view! {
                <dt>{t(PageKey::BroadcastKindFilter)}</dt>
                <dd>{match filter.agency_kind {
                    Some(k) => Either::Left(t(labels::agency_kind(k))),
                    None => Either::Right(t(PageKey::FilterAll)),
                }}</dd>
                <dt>{t(PageKey::BroadcastComplianceFilter)}</dt>
                <dd>{match filter.compliance {
                    Some(c) => Either::Left(compliance_label(c)),
                    None => Either::Right(t(PageKey::FilterAll)),
                }}</dd>
            })}
            {(!agencies).then(|| view! {
                <dt>{t(PageKey::ProgressLabel)}</dt>
                <dd>{match filter.progress {
                    Some(p) => Either::Left(t(p.label())),
                    None => Either::Right(t(PageKey::FilterAll)),
                }}</dd>
            })}
        </dl>
    }
}

/// The send button, or why there is none.
#[component]
fn SendCard(id: i64, n: usize, mail: bool) -> impl IntoView {
    let i18n = use_i18n();
    let send = ServerAction::<SendBroadcast>::new();
    if n == 0 {
        return Either::Left(view! {
            <p class="banner-warning" role="note">{t(PageKey::BroadcastNobody)}</p>
        });
    }
    Either::Right(view! {
        {(!mail).then(|| view! {
            <p class="banner-warning" role="note">{t(PageKey::BroadcastNoMail)}</p>
        })}
        <ActionForm action=send>
            <input type="hidden" name="id" value=id.to_string() />
            <button type="submit" class="button primary">
                {move || PageKey::BroadcastSend.text(i18n.lang.get()).replace("{n}", &n.to_string())}
            </button>
        </ActionForm>
    })
}

/// Everyone it goes (went) to: the message as each reads it, and a WhatsApp link with it.
#[component]
fn Recipients(recipients: Vec<BroadcastRecipient>) -> impl IntoView {
    (!recipients.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="recipients-title">
            <h2 id="recipients-title">{t(PageKey::BroadcastRecipients)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="recipients-title">
                <table class="table broadcast-recipients">
                    <thead>
                        <tr>
                            <th scope="col">{t(PageKey::OutboxTo)}</th>
                            <th scope="col">{t(PageKey::BroadcastMessage)}</th>
                            <th scope="col">{t(PageKey::WhatsApp)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {recipients.into_iter().map(|r| view! {
                            <tr>
                                <td>
                                    {r.name}
                                    {r.agency.map(|a| view! { <br /> <span class="muted">{a}</span> })}
                                    <br /> <span class="muted">{r.email}</span>
                                </td>
                                <td class="broadcast-text">{r.text}</td>
                                <td>
                                    {match r.whatsapp {
                                        Some(link) => Either::Left(view! {
                                            <a class="button small" href=link target="_blank" rel="noopener noreferrer">
                                                {t(PageKey::WhatsAppSend)}
                                            </a>
                                        }),
                                        None => Either::Right(view! { <span class="muted">{t(PageKey::WhatsAppNone)}</span> }),
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    })
}
