//! UI languages: French first, English second.
//!
//! Strings come from `app/locales/*.json`, compiled into typed methods (see `build.rs`), so a
//! component cannot name a key that does not exist. The page's language is decided once per
//! request on the server (cookie, then `Accept-Language`, then French) and read back from
//! `<html lang>` in the browser.

use serde::{Deserialize, Serialize};

mod strings {
    include!(concat!(env!("OUT_DIR"), "/strings.rs"));
}
pub use strings::{BROWSER_LOOKUP_KEYS, Strings};

/// Name of the cookie that remembers the visitor's choice of language.
pub const LANG_COOKIE: &str = "ccmex_lang";

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// French, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, default first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 code used in `<html lang>`, cookies and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a language code such as `fr`, `EN` or `en-GB`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The UI strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Fr => &strings::FR,
            Lang::En => &strings::EN,
        }
    }

    /// Of a French / English pair of stored texts, the one in this language.
    pub fn pick<T>(self, fr: T, en: T) -> T {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// Chooses the language of a request: the remembered choice (cookie) wins, then the
    /// best supported entry of `Accept-Language`, then French.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie_header
            .and_then(|header| cookie_value(header, LANG_COOKIE))
            .and_then(Lang::parse)
            .or_else(|| accept_language.and_then(best_accepted))
            .unwrap_or_default()
    }

    /// [`Lang::negotiate`] on a request's `Cookie` and `Accept-Language` headers.
    pub fn of_request(headers: &http::HeaderMap) -> Lang {
        let header = |name| {
            headers
                .get(name)
                .and_then(|v: &http::HeaderValue| v.to_str().ok())
        };
        Lang::negotiate(
            header(http::header::COOKIE),
            header(http::header::ACCEPT_LANGUAGE),
        )
    }
}

/// The language of the page being rendered: provided once at the root by [`page_lang`] on
/// the server; in an island in the browser (where the root's context is not), read from
/// `<html lang>` as the server wrote it.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_else(page_lang)
}

/// Decides the page's language: from the request on the server, from `<html lang>` (which
/// the server wrote) in the browser, so both render the same.
pub fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| Lang::of_request(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Lang::parse(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// The supported language with the highest quality in an `Accept-Language` header.
/// Earlier entries win ties, as browsers list preferences in order.
fn best_accepted(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for entry in header.split(',') {
        let mut parts = entry.split(';');
        let Some(lang) = parts.next().and_then(Lang::parse) else {
            continue;
        };
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
            best = Some((lang, quality));
        }
    }
    best.map(|(lang, _)| lang)
}

/// Replaces `{name}` in a translated template.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A language's strings: `locales/{lang}.json` and its domain files `locales/{lang}/*.json`.
    fn keys(lang: &str) -> BTreeMap<String, String> {
        let root = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
        let mut paths = vec![std::path::PathBuf::from(format!("{root}/{lang}.json"))];
        if let Ok(entries) = std::fs::read_dir(format!("{root}/{lang}")) {
            paths.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
        let mut all = BTreeMap::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let table: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
            all.extend(table);
        }
        all
    }

    #[test]
    fn every_key_is_translated_in_both_languages() {
        let fr = keys("fr");
        let en = keys("en");
        let only_fr: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
        assert!(only_fr.is_empty(), "missing in en.json: {only_fr:?}");
        assert!(only_en.is_empty(), "missing in fr.json: {only_en:?}");
        let empty: Vec<_> = fr
            .iter()
            .chain(en.iter())
            .filter(|(_, v)| v.trim().is_empty())
            .collect();
        assert!(empty.is_empty(), "empty translations: {empty:?}");
    }

    #[test]
    fn the_language_switch_names_the_other_language_in_its_own_words() {
        assert_eq!(Lang::Fr.strings().lang_other_name(), "English");
        assert_eq!(Lang::En.strings().lang_other_name(), "Français");
        assert_eq!(
            Lang::parse(Lang::Fr.strings().lang_other_code()),
            Some(Lang::En)
        );
    }

    #[test]
    fn a_remembered_choice_beats_the_browser_languages() {
        let lang = Lang::negotiate(Some("a=1; ccmex_lang=en; b=2"), Some("fr-FR,fr;q=0.9"));
        assert_eq!(lang, Lang::En);
    }

    #[test]
    fn accept_language_is_followed_by_quality() {
        assert_eq!(
            Lang::negotiate(None, Some("de-DE,de;q=0.9,en;q=0.8,fr;q=0.7")),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(None, Some("en;q=0.5, fr-ML;q=0.6")),
            Lang::Fr
        );
        assert_eq!(Lang::negotiate(None, Some("en-GB")), Lang::En);
    }

    #[test]
    fn french_is_the_default_for_unknown_or_unusable_preferences() {
        assert_eq!(Lang::negotiate(None, None), Lang::Fr);
        assert_eq!(
            Lang::negotiate(Some("ccmex_lang=xx"), Some("de, es;q=0.5")),
            Lang::Fr
        );
        assert_eq!(Lang::negotiate(None, Some("en;q=0")), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some(";;,,q=")), Lang::Fr);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("{n} pays", "n", "77"), "77 pays");
    }
}
