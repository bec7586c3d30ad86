//! A member of a committee: a public name and a role, optionally linked to a user account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "committee_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub committee_id: i32,
    pub user_id: Option<i32>,
    pub name: String,
    /// `president`, `rapporteur` or `member`.
    pub role: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::committee::Entity",
        from = "Column::CommitteeId",
        to = "super::committee::Column::Id",
        on_delete = "Cascade"
    )]
    Committee,
}

impl Related<super::committee::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Committee.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
