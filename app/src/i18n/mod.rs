//! Every UI string goes through here. Bahasa Indonesia is the default; English is available.
//! The language lives in a cookie so the server renders the page in it, and in a signal so the
//! switch works without a reload once the page is hydrated.

mod dictionary;
mod format;
pub mod labels;
mod lang;
mod page_dictionary;

pub use dictionary::Key;
pub use format::{
    day_of_iso, format_date, format_day, iso_clock, iso_day, one_decimal, two_decimals,
    WIB_OFFSET_MS,
};
pub use lang::{Lang, LANG_COOKIE};
pub use page_dictionary::PageKey;

use leptos::prelude::*;

/// The language of the current page, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// A text in the current language; reactive when read inside a closure.
    pub fn t(&self, key: impl Text) -> &'static str {
        key.text(self.lang.get())
    }
}

/// A key of one of the two dictionaries. `Key` holds what islands may show (it reaches the
/// browser's wasm); `PageKey` holds texts only server-rendered pages use, so they cost the
/// wasm nothing.
pub trait Text: Copy + Send + Sync + 'static {
    fn text(self, lang: Lang) -> &'static str;
}

/// A key of either dictionary, where one value may come from both (a page's table of labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnyKey {
    Key(Key),
    Page(PageKey),
}

impl Text for AnyKey {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            AnyKey::Key(k) => k.text(lang),
            AnyKey::Page(k) => k.text(lang),
        }
    }
}

impl From<Key> for AnyKey {
    fn from(k: Key) -> Self {
        AnyKey::Key(k)
    }
}

impl From<PageKey> for AnyKey {
    fn from(k: PageKey) -> Self {
        AnyKey::Page(k)
    }
}

/// Provides the language context. Called by `App` on the server, and at the root of every island
/// in the browser (islands do not see the server's context).
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial_lang()),
    };
    provide_context(i18n);
    i18n
}

/// The page's language context.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}

/// Shorthand inside `view!`: `{t(Key::SignIn)}` re-renders when the language changes.
pub fn t(key: impl Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// The language in which the current request should be rendered.
/// On the server it comes from the cookie; in the browser from `<html lang>`, which the server set.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .and_then(|code| Lang::parse(&code))
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Lang::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_picks_the_language() {
        assert_eq!(Lang::from_cookie_header("a=b; inovasi_lang=en"), Lang::En);
        assert_eq!(Lang::from_cookie_header("inovasi_lang=id"), Lang::Id);
        assert_eq!(Lang::from_cookie_header("inovasi_lang=xx"), Lang::Id);
        assert_eq!(Lang::from_cookie_header(""), Lang::Id);
    }
}
