//! A recommendation adopted at a session, followed until it is implemented.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub number: i32,
    pub title_fr: String,
    pub title_en: String,
    pub text_fr: String,
    pub text_en: String,
    /// One of `concerns::THEMES`.
    pub theme: String,
    pub institution: String,
    pub deadline: Option<Date>,
    /// `draft`, `adopted`, `in_progress`, `implemented` or `abandoned`.
    pub status: String,
    /// Set when committees publish it; public pages list only published recommendations.
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Number, titles, texts and institution folded for search (lower case, no accents).
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
