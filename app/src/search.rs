//! Accent- and case-insensitive search, identical on SQLite and PostgreSQL: searchable text
//! is stored folded (lower case, no accents) in a `search_text` column, and queries are
//! folded the same way and matched with `LIKE`.

use crate::countries::fold;

/// The folded text of `parts`, for a `search_text` column.
pub fn searchable(parts: &[&str]) -> String {
    fold(&parts.join(" "))
}

/// The `LIKE` pattern matching rows whose folded text contains the folded `query` (with
/// `\` escaping `%`, `_` and itself), or `None` for an empty query.
pub fn like_pattern(query: &str) -> Option<String> {
    contains_pattern(&fold(query.trim()))
}

/// The `LIKE` pattern matching text that contains `text` as it is (`%`, `_` and `\`
/// escaped with `\`, so they match themselves), or `None` for an empty `text`.
pub fn contains_pattern(text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Some(pattern)
}

/// A `column LIKE pattern ESCAPE '\'` condition for `query`, or `None` for an empty query.
#[cfg(feature = "ssr")]
pub fn matches(
    column: impl sea_orm::ColumnTrait,
    query: &str,
) -> Option<sea_orm::sea_query::SimpleExpr> {
    like_pattern(query).map(|pattern| like(column, pattern))
}

/// A `column LIKE pattern ESCAPE '\'` condition for rows whose `column` contains `text` as
/// typed (not folded: for columns without a `search_text`), or `None` for an empty `text`.
#[cfg(feature = "ssr")]
pub fn contains(
    column: impl sea_orm::ColumnTrait,
    text: &str,
) -> Option<sea_orm::sea_query::SimpleExpr> {
    contains_pattern(text).map(|pattern| like(column, pattern))
}

#[cfg(feature = "ssr")]
fn like(column: impl sea_orm::ColumnTrait, pattern: String) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{ExprTrait, LikeExpr};
    sea_orm::sea_query::Expr::col(column).like(LikeExpr::new(pattern).escape('\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_ignore_accents_and_case_and_escape_wildcards() {
        assert_eq!(like_pattern(" Sécurité "), Some("%securite%".into()));
        assert_eq!(like_pattern("100%_x"), Some("%100\\%\\_x%".into()));
        assert_eq!(like_pattern("   "), None);
        assert!(searchable(&["Santé", "ÉCOLE"]).contains("sante ecole"));
    }

    #[test]
    fn a_filter_made_of_like_wildcards_matches_only_those_characters() {
        assert_eq!(contains_pattern("%"), Some(r"%\%%".into()));
        assert_eq!(contains_pattern("Adm_n"), Some(r"%Adm\_n%".into()));
        assert_eq!(contains_pattern(r"a\b"), Some(r"%a\\b%".into()));
        assert_eq!(contains_pattern("Awa"), Some("%Awa%".into()));
        assert_eq!(contains_pattern(""), None);
    }
}
