use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::api::{
    list_agencies, list_users, take_issued_link, InviteUser, IssueResetLink, SetUserActive,
};
use crate::components::UserContext;
use crate::components::{
    field_error, kept_form, EmptyState, ErrorPanel, FieldProblem, PageTitle, QueryError,
};
use crate::error::{Field, Input};
use crate::i18n::{format_date, labels, t, use_i18n, Key, PageKey};
use crate::models::{AgencyRow, IssuedLink, LinkPurpose, Role, UserListItem};

/// The admin's accounts page: invite someone (the one-time link is shown here once, to pass on
/// by chat or e-mail), make a password-reset link, activate and deactivate accounts.
#[component]
pub fn UsersPage() -> impl IntoView {
    // The buttons are plain form posts; the server sends the browser back here afterwards, with
    // the error in the address if there was one.
    let toggle = ServerAction::<SetUserActive>::new();
    let data = Resource::new(|| (), |_| list_users());
    let link = Resource::new(|| (), |_| take_issued_link());
    let agencies = Resource::new(|| (), |_| list_agencies());
    let me = expect_context::<UserContext>().0;
    let body = move || {
        Suspend::new(async move {
            let my_id = me.await.ok().flatten().map(|u| u.id);
            match data.await {
                Ok(users) if users.is_empty() => EitherOf3::A(view! {
                    <EmptyState title=PageKey::NoUsers hint=PageKey::UsersIntro />
                }),
                Ok(users) => EitherOf3::B(view! { <UserTable users my_id toggle /> }),
                Err(error) => EitherOf3::C(view! { <ErrorPanel error /> }),
            }
        })
    };
    let issued = move || {
        Suspend::new(async move {
            link.await
                .ok()
                .flatten()
                .map(|link| view! { <IssuedLinkCard link /> })
        })
    };
    let invite = move || {
        Suspend::new(async move {
            let agencies = agencies.await.unwrap_or_default();
            view! { <InviteCard agencies /> }
        })
    };
    view! {
        <PageTitle page=PageKey::UsersTitle />
        <h1 id="page-title">{t(PageKey::UsersTitle)}</h1>
        <p class="muted">{t(PageKey::UsersIntro)}</p>
        <QueryError anchor=invite_input />
        <Suspense fallback=|| ()>{issued}</Suspense>
        <Suspense fallback=|| ()>{invite}</Suspense>
        <Transition fallback=|| view! { <p class="muted">{t(Key::Loading)}</p> }>{body}</Transition>
    }
}

/// The link just made, with ways to pass it on. It is shown this once: the server keeps only its
/// hash.
#[component]
fn IssuedLinkCard(link: IssuedLink) -> impl IntoView {
    let i18n = use_i18n();
    let title = match link.purpose {
        LinkPurpose::Invite => PageKey::InviteLinkTitle,
        LinkPurpose::Reset => PageKey::ResetLinkTitle,
    };
    let message = format!("{} {}", link.name, link.url);
    let mailto = format!(
        "mailto:{}?subject={}&body={}",
        link.email,
        encode("Inovasi"),
        encode(&link.url)
    );
    let whatsapp = format!("https://wa.me/?text={}", encode(&message));
    let expires = link.expires_at;
    view! {
        <section class="card notice-info" aria-labelledby="issued-link-title" role="status">
            <h2 id="issued-link-title">{t(title)}</h2>
            <p>{link.name.clone()} " · " {link.email.clone()}</p>
            <div class="field">
                <label for="issued-link">{t(PageKey::LinkLabel)}</label>
                <input type="text" id="issued-link" readonly value=link.url.clone() />
            </div>
            <p class="muted">
                {move || PageKey::LinkExpires.text(i18n.lang.get()).replace("{date}", &format_date(expires, i18n.lang.get()))}
            </p>
            {link.emailed.map(|sent| view! {
                <p><strong>{t(if sent { PageKey::LinkEmailed } else { PageKey::LinkEmailFailed })}</strong></p>
            })}
            <p class="sheet-actions">
                <a class="button small" href=mailto>{t(PageKey::SendByEmail)}</a>
                <a class="button small" href=whatsapp rel="noopener noreferrer" target="_blank">{t(PageKey::SendByWhatsapp)}</a>
            </p>
        </section>
    }
}

/// Percent-encoding for a link's query value.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The id of the invitation's input a refused post's error is about.
fn invite_input(field: &Field) -> Option<String> {
    matches!(
        field,
        Field::Input(Input::Name | Input::Email | Input::Role | Input::Agency)
    )
    .then(|| format!("invite-{field}"))
}

#[component]
fn InviteCard(agencies: Vec<AgencyRow>) -> impl IntoView {
    let invite = ServerAction::<InviteUser>::new();
    // Refused (an address already in use, an agency role without an agency): as typed.
    let kept = kept_form::<InviteUser>();
    let (name, email, role, agency) = match kept {
        Some(k) => (k.name, k.email, k.role, k.agency_id.unwrap_or_default()),
        None => (
            String::new(),
            String::new(),
            Role::AgencyMember.as_str().to_string(),
            String::new(),
        ),
    };
    let error = |field: &str| field_error(field);
    let (name_err, email_err, role_err, agency_err) = (
        error("name"),
        error("email"),
        error("role"),
        error("agency"),
    );
    let invalid = |e: &Option<String>| e.is_some().then_some("true");
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(PageKey::InviteTitle)}</h2>
            <p class="muted">{t(PageKey::InviteHelp)}</p>
            <ActionForm action=invite attr:class="filters">
                <div class="field">
                    <label for="invite-name">{t(Key::Name)}</label>
                    <input type="text" id="invite-name" name="name" required maxlength="120" autocomplete="off" value=name
                        aria-invalid=invalid(&name_err) aria-describedby="invite-name-error" autofocus=name_err.is_some() />
                    <FieldProblem id="invite-name-error".to_string() message=name_err />
                </div>
                <div class="field">
                    <label for="invite-email">{t(Key::Email)}</label>
                    <input type="email" id="invite-email" name="email" required maxlength="254" autocomplete="off" value=email
                        aria-invalid=invalid(&email_err) aria-describedby="invite-email-error" autofocus=email_err.is_some() />
                    <FieldProblem id="invite-email-error".to_string() message=email_err />
                </div>
                <div class="field">
                    <label for="invite-role">{t(PageKey::ColRole)}</label>
                    <select id="invite-role" name="role"
                        aria-invalid=invalid(&role_err) aria-describedby="invite-role-error" autofocus=role_err.is_some()>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r.as_str() == role>{t(labels::role(r))}</option>
                        }).collect_view()}
                    </select>
                    <FieldProblem id="invite-role-error".to_string() message=role_err />
                </div>
                <div class="field">
                    <label for="invite-agency">{t(Key::ColAgency)}</label>
                    <select id="invite-agency" name="agency_id"
                        aria-invalid=invalid(&agency_err) aria-describedby="invite-agency-error" autofocus=agency_err.is_some()>
                        <option value="">{t(PageKey::NoAgency)}</option>
                        {agencies.into_iter().filter(|a| a.active).map(|a| {
                            let value = a.id.to_string();
                            let selected = value == agency;
                            view! { <option value=value selected=selected>{a.name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldProblem id="invite-agency-error".to_string() message=agency_err />
                </div>
                <button type="submit" class="button primary">{t(PageKey::InviteButton)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn UserTable(
    users: Vec<UserListItem>,
    my_id: Option<i64>,
    toggle: ServerAction<SetUserActive>,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="page-title">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t(Key::Name)}</th>
                        <th scope="col">{t(Key::Email)}</th>
                        <th scope="col">{t(PageKey::ColRole)}</th>
                        <th scope="col">{t(Key::ColAgency)}</th>
                        <th scope="col">{t(PageKey::ColStatus)}</th>
                        <th scope="col">{t(PageKey::ColAction)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|u| {
                            let is_me = my_id == Some(u.id);
                            let name_for_label = u.name.clone();
                            let name_for_reset = u.name.clone();
                            let id = u.id.to_string();
                            let reset_id = id.clone();
                            let reset = ServerAction::<IssueResetLink>::new();
                            let actions = (!is_me)
                                .then(|| {
                                    let label = if u.active { PageKey::Deactivate } else { PageKey::Activate };
                                    view! {
                                        <div class="row-actions">
                                            <ActionForm action=toggle>
                                                <input type="hidden" name="user_id" value=id />
                                                <input type="hidden" name="active" value=(!u.active).to_string() />
                                                <button type="submit" class="button small">
                                                    {t(label)}
                                                    <span class="visually-hidden">" " {name_for_label}</span>
                                                </button>
                                            </ActionForm>
                                            {u.active.then(|| view! {
                                                <ActionForm action=reset>
                                                    <input type="hidden" name="user_id" value=reset_id />
                                                    <button type="submit" class="button small">
                                                        {t(if u.has_password { PageKey::MakeResetLink } else { PageKey::MakeInviteLinkAgain })}
                                                        <span class="visually-hidden">" " {name_for_reset}</span>
                                                    </button>
                                                </ActionForm>
                                            })}
                                        </div>
                                    }
                                });
                            let status = if !u.active {
                                Either::Left(view! { <span class="badge off">{t(PageKey::Inactive)}</span> })
                            } else if u.has_password {
                                Either::Left(view! { <span class="badge ok">{t(PageKey::Active)}</span> })
                            } else {
                                Either::Right(view! { <span class="badge">{t(PageKey::AwaitingActivation)}</span> })
                            };
                            view! {
                                <tr>
                                    <td>{u.name.clone()}</td>
                                    <td>{u.email}</td>
                                    <td>{t(labels::role(u.role))}</td>
                                    <td>{u.agency_name}</td>
                                    <td>{status}</td>
                                    <td>{actions}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
