//! One step in a participation request's history.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// `None` for the submission.
    pub status_from: Option<String>,
    pub status_to: String,
    /// The committee member or reviewer (never shown to the applicant).
    pub actor_user_id: Option<i32>,
    /// A reason, a question or the applicant's answer.
    pub message: Option<String>,
    pub from_applicant: bool,
    pub created_at: DateTimeUtc,
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
