//! A person an organisation sends to the session.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "delegates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// 1, 2, … in the order typed.
    pub position: i32,
    pub name: String,
    pub function: String,
    pub email: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::participation_request::Entity",
        from = "Column::RequestId",
        to = "super::participation_request::Column::Id"
    )]
    ParticipationRequest,
}

impl Related<super::participation_request::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ParticipationRequest.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
