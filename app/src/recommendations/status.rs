//! Where a recommendation stands.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where a recommendation stands (its progress is derived from milestones, not from this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecommendationStatus {
    /// Being written by the committees; never public.
    Draft,
    /// Adopted at a session, not yet under way.
    Adopted,
    /// Being implemented.
    InProgress,
    /// Done.
    Implemented,
    /// Given up.
    Abandoned,
}

impl RecommendationStatus {
    /// Every status, in the order forms and filters list them.
    pub const ALL: [RecommendationStatus; 5] = [
        RecommendationStatus::Draft,
        RecommendationStatus::Adopted,
        RecommendationStatus::InProgress,
        RecommendationStatus::Implemented,
        RecommendationStatus::Abandoned,
    ];

    /// The value stored in the database and used in URLs and open data.
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendationStatus::Draft => "draft",
            RecommendationStatus::Adopted => "adopted",
            RecommendationStatus::InProgress => "in_progress",
            RecommendationStatus::Implemented => "implemented",
            RecommendationStatus::Abandoned => "abandoned",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<RecommendationStatus> {
        RecommendationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// The status as shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            RecommendationStatus::Draft => t.recommendation_status_draft(),
            RecommendationStatus::Adopted => t.recommendation_status_adopted(),
            RecommendationStatus::InProgress => t.recommendation_status_in_progress(),
            RecommendationStatus::Implemented => t.recommendation_status_implemented(),
            RecommendationStatus::Abandoned => t.recommendation_status_abandoned(),
        }
    }

    /// Whether a recommendation in this status can still be late (it is not finished).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            RecommendationStatus::Implemented | RecommendationStatus::Abandoned
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_what_it_stores() {
        for status in RecommendationStatus::ALL {
            assert_eq!(RecommendationStatus::parse(status.as_str()), Some(status));
            assert_ne!(status.label(Lang::Fr), status.label(Lang::En));
        }
        assert_eq!(RecommendationStatus::parse("Adopted"), None);
    }

    #[test]
    fn only_unfinished_recommendations_can_be_overdue() {
        assert!(RecommendationStatus::InProgress.is_open());
        assert!(!RecommendationStatus::Implemented.is_open());
        assert!(!RecommendationStatus::Abandoned.is_open());
    }
}
