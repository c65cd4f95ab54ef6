use leptos::either::Either;
use leptos::prelude::*;

use crate::api::{fetch_outbox, RetryMail};
use crate::components::{loaded, PageTitle, QueryError};
use crate::i18n::{format_date, t, use_i18n, PageKey};
use crate::models::{MailStatus, NoticeWording, OutboxItem, OutboxPage as Outbox};

/// `/admin/outbox`: the e-mails notifications send — how many wait, went, failed or were
/// dropped, and the newest of them (the failed first) with why, and a retry for the failed and
/// dropped ones (a plain form). Says so plainly when no SMTP server is configured.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_outbox());
    view! {
        <PageTitle page=PageKey::OutboxNav />
        <h1 id="page-title">{t(PageKey::OutboxNav)}</h1>
        <p class="muted">{t(PageKey::OutboxIntro)}</p>
        <QueryError />
        {loaded(data, |page| view! { <Mails page /> })}
    }
}

#[component]
fn Mails(page: Outbox) -> impl IntoView {
    let counts = page.counts.clone();
    view! {
        {(!page.mail_configured).then(|| view! {
            <p class="card banner-warning" role="note">{t(PageKey::OutboxNotConfigured)}</p>
        })}
        {page.webhook_configured.then(|| view! {
            <p class="card notice-info" role="note">{t(PageKey::OutboxWebhookOn)}</p>
        })}
        <ul class="outbox-counts">
            {counts.into_iter().map(|(status, n)| view! {
                <li class=format!("mail-{}", status.as_str())>
                    <strong>{n}</strong> " " {t(status.label())}
                </li>
            }).collect_view()}
        </ul>
        {if page.items.is_empty() {
            Either::Left(view! { <p class="muted">{t(PageKey::OutboxEmpty)}</p> })
        } else {
            Either::Right(view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="page-title">
                    <table class="table outbox">
                        <thead>
                            <tr>
                                <th scope="col">{t(PageKey::AuditWhen)}</th>
                                <th scope="col">{t(PageKey::OutboxTo)}</th>
                                <th scope="col">{t(PageKey::OutboxWhat)}</th>
                                <th scope="col">{t(PageKey::OutboxStatus)}</th>
                                <th scope="col"><span class="visually-hidden">{t(PageKey::OutboxRetry)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.items.into_iter().map(|item| view! { <Row item wording=page.wording.clone() /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        }}
    }
}

#[component]
fn Row(item: OutboxItem, wording: NoticeWording) -> impl IntoView {
    let i18n = use_i18n();
    let retry = ServerAction::<RetryMail>::new();
    let at = item.created_at;
    let due = item.due_at;
    let notice = item.notice.clone();
    let status = item.status;
    let attempts = item.attempts;
    let can_retry = matches!(status, MailStatus::Failed | MailStatus::Dropped);
    view! {
        <tr class=format!("mail-{}", status.as_str())>
            <td>{move || format_date(at, i18n.lang.get())}</td>
            <td>
                {item.recipient} <br />
                <span class="muted">
                    {if item.webhook { Either::Left(t(PageKey::OutboxViaGateway)) } else { Either::Right(item.email) }}
                </span>
            </td>
            <td>
                {move || notice.sentence_in(i18n.lang.get(), &wording)}
                {item.digest.then(|| view! { <br /> <span class="muted">{t(PageKey::OutboxInDigest)}</span> })}
            </td>
            <td>
                <strong>{t(status.label())}</strong>
                {(attempts > 0).then(|| view! {
                    <br />
                    <span class="muted">
                        {move || PageKey::OutboxAttempts.text(i18n.lang.get()).replace("{n}", &attempts.to_string())}
                    </span>
                })}
                {(status == MailStatus::Pending).then(|| view! {
                    <br />
                    <span class="muted">
                        {move || PageKey::OutboxDue.text(i18n.lang.get()).replace("{at}", &format_date(due, i18n.lang.get()))}
                    </span>
                })}
                {item.last_error.map(|e| view! { <br /> <code class="mail-error">{e}</code> })}
            </td>
            <td>
                {can_retry.then(|| view! {
                    <ActionForm action=retry>
                        <input type="hidden" name="id" value=item.id.to_string() />
                        <button type="submit" class="button small">{t(PageKey::OutboxRetry)}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
