use leptos::prelude::*;

use crate::i18n::{use_i18n, Key, Lang};

/// Switches between Bahasa Indonesia and English: a plain form that the server answers by setting
/// the language cookie and sending the browser back to the same page, rendered in the new
/// language. Works without any script.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = match i18n.lang.get_untracked() {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    view! {
        <form class="language-switch" method="post" action="/api/set_language">
            <input type="hidden" name="lang" value=other.code() />
            <button type="submit" class="link-button" lang=other.code()>
                {Key::LanguageName.text(other)}
            </button>
        </form>
    }
}
