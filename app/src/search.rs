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
    let folded = fold(query.trim());
    if folded.is_empty() {
        return None;
    }
    let mut pattern = String::from("%");
    for c in folded.chars() {
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
    use sea_orm::sea_query::{ExprTrait, LikeExpr};
    like_pattern(query)
        .map(|p| sea_orm::sea_query::Expr::col(column).like(LikeExpr::new(p).escape('\\')))
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
}
