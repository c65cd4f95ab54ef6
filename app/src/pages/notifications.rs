use leptos::either::Either;
use leptos::prelude::*;

use crate::api::{fetch_notifications, MarkNotificationsRead};
use crate::components::{loaded, EmptyState, PageTitle, QueryError};
use crate::i18n::{format_date, format_day, t, use_i18n, Lang, PageKey};
use crate::models::{Notice, NotificationItem, NotificationList};
use crate::routes;

/// `/notifications`: what happened that the signed-in person should know, newest first, each
/// linking to where they act; unread ones marked, and marked read one by one or all at once
/// (plain forms).
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_notifications());
    view! {
        <PageTitle page=PageKey::NotificationsTitle />
        <h1>{t(PageKey::NotificationsTitle)}</h1>
        <QueryError />
        {loaded(data, |list| view! { <List list /> })}
    }
}

#[component]
fn List(list: NotificationList) -> impl IntoView {
    let all = ServerAction::<MarkNotificationsRead>::new();
    if list.items.is_empty() {
        return Either::Left(view! {
            <EmptyState title=PageKey::NoNotifications hint=PageKey::NoNotificationsHint />
        });
    }
    Either::Right(view! {
        {(list.unread > 0).then(|| view! {
            <ActionForm action=all>
                <input type="hidden" name="which" value="all" />
                <button type="submit" class="button">{t(PageKey::MarkAllRead)}</button>
            </ActionForm>
        })}
        <ul class="list notifications">
            {list.items.into_iter().map(|item| view! { <Item item /> }).collect_view()}
        </ul>
    })
}

/// The sentence for a notice, in `lang`.
fn sentence(notice: &Notice, lang: Lang) -> String {
    // A proposal not yet titled is named as the agency's list names it.
    let text = |key: PageKey, title: &str| {
        let title = if title.trim().is_empty() {
            PageKey::Untitled.text(lang)
        } else {
            title
        };
        key.text(lang).replace("{title}", title)
    };
    match notice {
        Notice::AwaitingApproval { title, .. } => text(PageKey::NoticeAwaitingApproval, title),
        Notice::ReturnedToDraft { title, note, .. } => {
            text(PageKey::NoticeReturnedToDraft, title).replace("{note}", note)
        }
        Notice::Submitted { title, .. } => text(PageKey::NoticeSubmitted, title),
        Notice::Screened {
            title,
            passed: true,
            ..
        } => text(PageKey::NoticeScreenedIn, title),
        Notice::Screened { title, reason, .. } => {
            text(PageKey::NoticeScreenedOut, title).replace("{reason}", reason)
        }
        Notice::SentBack { title, fix_by, .. } => {
            text(PageKey::NoticeSentBack, title).replace("{day}", &format_day(*fix_by, lang))
        }
        Notice::DeadlineExtended {
            deadline_at,
            reason,
        } => PageKey::NoticeDeadlineExtended
            .text(lang)
            .replace("{day}", &format_day(*deadline_at, lang))
            .replace("{reason}", reason),
        Notice::SheetReopened { title, reason, .. } => {
            text(PageKey::NoticeSheetReopened, title).replace("{reason}", reason)
        }
    }
}

/// Where the person acts on a notice: one of our own pages.
fn link(notice: &Notice) -> String {
    match notice {
        Notice::ReturnedToDraft { proposal_id, .. } | Notice::SentBack { proposal_id, .. } => {
            routes::agency_proposal(proposal_id)
        }
        Notice::AwaitingApproval { proposal_id, .. }
        | Notice::Submitted { proposal_id, .. }
        | Notice::Screened { proposal_id, .. } => routes::proposal(proposal_id),
        Notice::DeadlineExtended { .. } => routes::AGENCY.to_string(),
        Notice::SheetReopened { proposal_id, .. } => routes::judge_sheet(proposal_id),
    }
}

#[component]
fn Item(item: NotificationItem) -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let notice = item.notice.clone();
    let at = item.created_at;
    view! {
        <li class="list-item notification" class:unread={!item.read}>
            <div>
                <a href=link(&item.notice)>{move || sentence(&notice, i18n.lang.get())}</a>
                <p class="muted">
                    {(!item.read).then(|| view! { <strong>{t(PageKey::Unread)}</strong> " · " })}
                    {move || format_date(at, i18n.lang.get())}
                </p>
            </div>
            {(!item.read).then(|| view! {
                <ActionForm action=mark>
                    <input type="hidden" name="which" value=item.id.to_string() />
                    <button type="submit" class="button small">{t(PageKey::MarkRead)}</button>
                </ActionForm>
            })}
        </li>
    }
}
