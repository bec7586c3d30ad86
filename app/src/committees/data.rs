//! Committees as the public sees them, and the server function that loads them.

use crate::{error::AppError, i18n::Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A member's role in a committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberRole {
    /// Président·e / chair.
    President,
    /// Rapporteur·e.
    Rapporteur,
    /// Membre.
    Member,
}

impl MemberRole {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::President => "president",
            MemberRole::Rapporteur => "rapporteur",
            MemberRole::Member => "member",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<MemberRole> {
        match value {
            "president" => Some(MemberRole::President),
            "rapporteur" => Some(MemberRole::Rapporteur),
            "member" => Some(MemberRole::Member),
            _ => None,
        }
    }

    /// The role as shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            MemberRole::President => t.committee_role_president(),
            MemberRole::Rapporteur => t.committee_role_rapporteur(),
            MemberRole::Member => t.committee_role_member(),
        }
    }
}

/// A member as published: name and role only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Public name.
    pub name: String,
    /// Role in the committee.
    pub role: MemberRole,
}

/// A committee as published, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeView {
    /// Stable identifier (`steering`, `technical`), used as the section's anchor.
    pub slug: String,
    /// Name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Its missions, in order.
    pub missions: Vec<String>,
    /// Its members, chair first.
    pub members: Vec<MemberView>,
}

/// Loads the committees in `lang`.
#[server(endpoint = "committees")]
pub async fn get_committees(lang: Lang) -> Result<Vec<CommitteeView>, AppError> {
    let db = crate::state::db()?;
    Ok(super::service::list(&db, lang).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_what_it_stores() {
        for role in [
            MemberRole::President,
            MemberRole::Rapporteur,
            MemberRole::Member,
        ] {
            assert_eq!(MemberRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(MemberRole::parse("admin"), None);
    }
}
