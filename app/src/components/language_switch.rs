use leptos::prelude::*;

use crate::i18n::{use_i18n, Key, Lang, LANG_COOKIE};

/// Switches between Bahasa Indonesia and English. Once hydrated it switches in place (and
/// works offline); before that it posts to the server, which sets the same cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.lang.get() {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let next = other();
        remember(next);
        i18n.lang.set(next);
    };
    view! {
        <form class="language-switch" method="post" action="/api/set_language" on:submit=on_submit>
            <input type="hidden" name="lang" value=move || other().code() />
            <button type="submit" class="link-button" lang=move || other().code()>
                {move || Key::LanguageName.text(other())}
            </button>
        </form>
    }
}

/// Stores the choice for the server's next render and marks the document's language.
fn remember(lang: Lang) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Ok(html_doc) = doc.clone().dyn_into::<web_sys::HtmlDocument>() {
                let _ = html_doc.set_cookie(&format!(
                    "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    lang.code()
                ));
            }
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (lang, LANG_COOKIE);
    }
}
