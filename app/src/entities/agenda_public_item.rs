//! The public copy of an agenda item: what viewers see, replaced on each publication
//! (same id as the working copy in `agenda_items`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_public_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub session_id: i32,
    pub position: i32,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub kind: String,
    pub theme: Option<String>,
    pub title_fr: String,
    pub title_en: String,
    pub description_fr: Option<String>,
    pub description_en: Option<String>,
    pub room: Option<String>,
    pub speakers: Option<String>,
    pub status: String,
    /// The working copy's version that was published (the iCalendar SEQUENCE).
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
