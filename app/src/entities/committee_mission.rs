//! One mission of a committee.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "committee_missions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub committee_id: i32,
    pub position: i32,
    pub text_fr: String,
    pub text_en: String,
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
