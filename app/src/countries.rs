//! Countries (ISO 3166-1 alpha-2) with French and English names, shared by every form and
//! page that asks for or shows a country of residence.

mod data;

use crate::i18n::Lang;
pub use data::COUNTRIES;

/// A country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: &'static str,
    /// French name.
    pub fr: &'static str,
    /// English name.
    pub en: &'static str,
}

impl Country {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.fr, self.en)
    }
}

/// The country with this code (case-insensitive), if it exists.
pub fn find(code: &str) -> Option<&'static Country> {
    let code = code.trim().to_ascii_uppercase();
    COUNTRIES
        .binary_search_by(|country| country.code.cmp(code.as_str()))
        .ok()
        .map(|index| &COUNTRIES[index])
}

/// Every country sorted by its name in `lang`, accents ignored (for select lists).
pub fn sorted(lang: Lang) -> Vec<&'static Country> {
    let mut list: Vec<_> = COUNTRIES.iter().collect();
    list.sort_by_cached_key(|country| fold(country.name(lang)));
    list
}

/// `(code, name)` of every country sorted by name in `lang`: a select list's choices.
pub fn choices(lang: Lang) -> Vec<(&'static str, &'static str)> {
    sorted(lang)
        .into_iter()
        .map(|country| (country.code, country.name(lang)))
        .collect()
}

/// Lower case without accents, for sorting and searching French text.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_sorted_by_code_and_named_in_both_languages() {
        assert!(COUNTRIES.len() >= 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(find("ml").map(|c| c.name(Lang::Fr)), Some("Mali"));
        assert_eq!(find("CI").map(|c| c.name(Lang::En)), Some("Côte d'Ivoire"));
        assert_eq!(find("ZZ"), None);
    }

    #[test]
    fn french_order_ignores_accents() {
        let names: Vec<_> = sorted(Lang::Fr).iter().map(|c| c.fr).collect();
        let egypt = names.iter().position(|n| *n == "Égypte").unwrap_or(0);
        let ecuador = names.iter().position(|n| *n == "Équateur").unwrap_or(0);
        let spain = names.iter().position(|n| *n == "Espagne").unwrap_or(0);
        assert!(
            egypt < ecuador && ecuador < spain,
            "{egypt} {ecuador} {spain}"
        );
    }
}
