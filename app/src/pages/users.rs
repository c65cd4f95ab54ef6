use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::{list_users, SetUserActive};
use crate::app::UserContext;
use crate::components::{EmptyState, ErrorPanel, QueryError};
use crate::i18n::{labels, t, Key};
use crate::models::UserListItem;

/// The admin's list of accounts, with activation and deactivation.
#[component]
pub fn UsersPage() -> impl IntoView {
    // The buttons are plain form posts; the server sends the browser back here afterwards, with
    // the error in the address if there was one.
    let toggle = ServerAction::<SetUserActive>::new();
    let data = Resource::new(|| (), |_| list_users());
    let me = expect_context::<UserContext>().0;
    let body = move || {
        Suspend::new(async move {
            let my_id = me.await.ok().flatten().map(|u| u.id);
            match data.await {
                Ok(users) if users.is_empty() => EitherOf3::A(view! {
                    <EmptyState title=Key::NoUsers hint=Key::UsersIntro />
                }),
                Ok(users) => EitherOf3::B(view! { <UserTable users my_id toggle /> }),
                Err(error) => EitherOf3::C(view! { <ErrorPanel error /> }),
            }
        })
    };
    view! {
        <h1>{t(Key::UsersTitle)}</h1>
        <p class="muted">{t(Key::UsersIntro)}</p>
        <QueryError />
        <Transition fallback=|| view! { <p class="muted">{t(Key::Loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn UserTable(
    users: Vec<UserListItem>,
    my_id: Option<i64>,
    toggle: ServerAction<SetUserActive>,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t(Key::Name)}</th>
                        <th scope="col">{t(Key::Email)}</th>
                        <th scope="col">{t(Key::ColRole)}</th>
                        <th scope="col">{t(Key::ColAgency)}</th>
                        <th scope="col">{t(Key::ColStatus)}</th>
                        <th scope="col">{t(Key::ColAction)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|u| {
                            let is_me = my_id == Some(u.id);
                            let name_for_label = u.name.clone();
                            let action = (!is_me)
                                .then(|| {
                                    let label = if u.active { Key::Deactivate } else { Key::Activate };
                                    view! {
                                        <ActionForm action=toggle>
                                            <input type="hidden" name="user_id" value=u.id.to_string() />
                                            <input type="hidden" name="active" value=(!u.active).to_string() />
                                            <button type="submit" class="button small">
                                                {t(label)}
                                                <span class="visually-hidden">" " {name_for_label}</span>
                                            </button>
                                        </ActionForm>
                                    }
                                });
                            view! {
                                <tr>
                                    <td>{u.name.clone()}</td>
                                    <td>{u.email}</td>
                                    <td>{t(labels::role(u.role))}</td>
                                    <td>{u.agency_name}</td>
                                    <td>
                                        <span class=if u.active {
                                            "badge ok"
                                        } else {
                                            "badge off"
                                        }>{t(if u.active { Key::Active } else { Key::Inactive })}</span>
                                    </td>
                                    <td>{action}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
