//! A session of the CCMEX.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub number: i32,
    pub title_fr: String,
    pub title_en: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub venue_fr: String,
    pub venue_en: String,
    pub city: String,
    pub country_code: String,
    pub time_zone: String,
    pub status: String,
    pub is_current: bool,
    pub applications_open: bool,
    pub applications_open_from: Option<DateTimeUtc>,
    pub applications_close_at: Option<DateTimeUtc>,
    pub conditions_fr: Option<String>,
    pub conditions_en: Option<String>,
    pub max_organisations: Option<i32>,
    pub max_delegates: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::agenda_item::Entity")]
    AgendaItem,
}

impl Related<super::agenda_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AgendaItem.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
