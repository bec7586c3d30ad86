//! A concern submitted by a member of the diaspora, moderated before it is public.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "concerns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: Option<i32>,
    /// One of `concerns::THEMES`.
    pub theme: String,
    pub country_code: String,
    pub body: String,
    pub organisation_name: Option<String>,
    /// A way to reply (e-mail or phone); never public.
    pub contact: Option<String>,
    pub consent: bool,
    /// `pending`, `published`, `hidden` or `merged`.
    pub status: String,
    pub hidden_reason: Option<String>,
    pub merged_into: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The body and organisation folded for search (lower case, no accents).
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
