//! One item of a session's agenda.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key)]
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
    /// Whether this version is the public one (false once edited, until published).
    pub published: bool,
    /// Deleted in the draft; still public until the next publication.
    pub removed: bool,
    /// Incremented on every change; a save over a newer version is refused.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::session::Entity",
        from = "Column::SessionId",
        to = "super::session::Column::Id",
        on_delete = "Cascade"
    )]
    Session,
}

impl Related<super::session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
