//! The append-only record of every write by a committee member or administrator.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub actor_user_id: Option<i32>,
    /// Who acted, as shown in the log (a user's name, or `command line`).
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// JSON of the entity before the change (none for a creation).
    pub before: Option<String>,
    /// JSON of the entity after the change (none for a deletion).
    pub after: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
