//! The themes concerns and recommendations are filed under.

use crate::i18n::Lang;

/// Every theme, as stored (the order forms and counts use).
pub const THEMES: [&str; 10] = [
    "consular_documents",
    "money_transfers",
    "investment_housing",
    "return_reintegration",
    "education",
    "health",
    "security",
    "political_participation",
    "culture_sport",
    "other",
];

/// A theme's name in `lang` (the stored value itself if it is unknown).
pub fn theme_label(theme: &str, lang: Lang) -> &'static str {
    let t = lang.strings();
    t.get(&format!("theme_{theme}")).unwrap_or(t.theme_other())
}

/// `(theme, name)` of every theme in `lang`: a select list's choices.
pub fn theme_choices(lang: Lang) -> Vec<(&'static str, &'static str)> {
    THEMES
        .iter()
        .map(|theme| (*theme, theme_label(theme, lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_is_named_in_both_languages() {
        for theme in THEMES {
            for lang in [Lang::Fr, Lang::En] {
                let key = format!("theme_{theme}");
                assert!(lang.strings().get(&key).is_some(), "{key} missing");
            }
        }
        assert_ne!(
            theme_label("security", Lang::Fr),
            theme_label("security", Lang::En)
        );
    }
}
