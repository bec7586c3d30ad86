//! A diaspora organisation: it persists across sessions with its participation requests.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// The name folded (case, accents, punctuation, spacing) to find duplicates.
    pub normalized_name: String,
    pub acronym: Option<String>,
    /// One of `participation::KINDS`.
    pub kind: String,
    pub country_code: String,
    pub city: String,
    pub founded_year: Option<i32>,
    pub registration_number: Option<String>,
    pub registration_authority: Option<String>,
    pub member_count: Option<i32>,
    /// Sectors separated by commas (values of `participation::SECTORS`).
    pub sectors: String,
    pub website: Option<String>,
    /// Whether it may be listed in the public directory (once approved).
    pub publish_consent: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::participation_request::Entity")]
    ParticipationRequest,
}

impl Related<super::participation_request::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ParticipationRequest.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
