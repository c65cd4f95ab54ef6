use leptos::either::Either;
use leptos::prelude::*;

use leptos_router::hooks::use_query_map;

use crate::api::{fetch_notice_prefs, fetch_notifications, MarkNotificationsRead, SaveNoticePrefs};
use crate::components::{
    field_error, kept_form, loaded, EmptyState, FieldProblem, PageTitle, QueryError,
};
use crate::i18n::{format_date, t, use_i18n, PageKey};
use crate::models::{
    notice_kind_label, Delivery, NoticePref, NoticePrefs, NoticeWording, NotificationItem,
    NotificationList,
};

/// `/notifications`: what happened that the signed-in person should know, newest first, each
/// linking to where they act; unread ones marked, and marked read one by one or all at once
/// (plain forms). Below, how the person wants each kind e-mailed.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_notifications());
    let prefs = Resource::new(|| (), |_| fetch_notice_prefs());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <PageTitle page=PageKey::NotificationsTitle />
        <h1>{t(PageKey::NotificationsTitle)}</h1>
        <QueryError />
        {saved.then(|| view! { <p class="card notice-info" role="status">{t(PageKey::Saved)}</p> })}
        {loaded(data, |list| view! { <List list /> })}
        {loaded(prefs, |prefs| view! { <Preferences prefs /> })}
    }
}

/// Per kind of notice: e-mail at once, a daily digest, or the app only (mandatory kinds always
/// at once); and a WhatsApp number for the organisers' broadcast. Nothing to choose for a role
/// that receives no notices. A refused save shows what was typed.
#[component]
fn Preferences(prefs: NoticePrefs) -> impl IntoView {
    let save = ServerAction::<SaveNoticePrefs>::new();
    let i18n = use_i18n();
    let email = prefs.email.clone();
    let kept = kept_form::<SaveNoticePrefs>();
    let phone = match &kept {
        Some(k) => k.phone.clone().unwrap_or_default(),
        None => prefs
            .phone
            .clone()
            .map(|p| format!("+{p}"))
            .unwrap_or_default(),
    };
    let typed = kept.map(|k| k.delivery).unwrap_or_default();
    let phone_err = field_error("phone");
    let invalid = phone_err.is_some().then_some("true");
    (!prefs.prefs.is_empty()).then(|| view! {
        <section class="card notice-prefs" aria-labelledby="notice-prefs-title">
            <h2 id="notice-prefs-title">{t(PageKey::NoticePrefsTitle)}</h2>
            <p class="muted">
                {move || PageKey::NoticePrefsHint.text(i18n.lang.get()).replace("{email}", &email)}
            </p>
            {(!prefs.mail_configured).then(|| view! {
                <p class="banner-warning" role="note">{t(PageKey::MailNotConfiguredHint)}</p>
            })}
            <ActionForm action=save>
                <div class="pref-rows">
                    {prefs.prefs.into_iter().map(|mut pref| {
                        if let Some(d) = typed.get(&pref.kind).and_then(|d| Delivery::parse(d)) {
                            pref.delivery = d;
                        }
                        view! { <PrefRow pref /> }
                    }).collect_view()}
                </div>
                <div class="field">
                    <label for="phone">{t(PageKey::PhoneLabel)}</label>
                    <input type="tel" id="phone" name="phone" value=phone autocomplete="tel" maxlength="30"
                        aria-invalid=invalid aria-describedby="phone-hint phone-error" autofocus=invalid.is_some() />
                    <p class="muted field-hint" id="phone-hint">{t(PageKey::PhoneHint)}</p>
                    <FieldProblem id="phone-error".to_string() message=phone_err />
                </div>
                <button type="submit" class="button primary">{t(PageKey::NoticePrefsSave)}</button>
            </ActionForm>
        </section>
    })
}

#[component]
fn PrefRow(pref: NoticePref) -> impl IntoView {
    let id = format!("delivery-{}", pref.kind);
    let label = notice_kind_label(&pref.kind);
    if pref.mandatory {
        return Either::Left(view! {
            <p class="pref-row">
                <span class="pref-kind">{t(label)}</span>
                <span class="muted">{t(PageKey::DeliveryMandatory)}</span>
            </p>
        });
    }
    let chosen = pref.delivery;
    Either::Right(view! {
        <p class="pref-row">
            <label class="pref-kind" for=id.clone()>{t(label)}</label>
            <select id=id name=format!("delivery[{}]", pref.kind)>
                {Delivery::ALL.into_iter().map(|d| view! {
                    <option value=d.as_str() selected=d == chosen>{t(d.label())}</option>
                }).collect_view()}
            </select>
        </p>
    })
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
            {list.items.into_iter().map(|item| view! { <Item item wording=list.wording.clone() /> }).collect_view()}
        </ul>
    })
}

#[component]
fn Item(item: NotificationItem, wording: NoticeWording) -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let notice = item.notice.clone();
    let at = item.created_at;
    view! {
        <li class="list-item notification" class:unread={!item.read}>
            <div>
                <a href=item.notice.link()>{move || notice.sentence_in(i18n.lang.get(), &wording)}</a>
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
