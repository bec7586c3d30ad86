//! An organisation's request to take part in a session.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "participation_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub organisation_id: i32,
    /// `CCMEX-XXXX-XXXX`, unique.
    #[sea_orm(unique)]
    pub tracking_code: String,
    /// The key of the form that created it: a second post of the same form is recognised.
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    /// A `RequestStatus` value.
    pub status: String,
    pub contact_name: String,
    pub contact_email: String,
    /// E.164 (`+` and digits).
    pub contact_phone: String,
    pub motivation: String,
    pub contribution: String,
    pub consent_processing: bool,
    pub consent_directory: bool,
    /// `fr` or `en`: the language of the e-mails sent to the applicant.
    pub language: String,
    pub assigned_to: Option<i32>,
    /// The organisation had a request rejected before.
    pub previously_rejected: bool,
    pub waitlist_position: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The secret in the applicant's status link (64 hex characters).
    pub access_key: Option<String>,
    /// `session:country:normalised name` while the request counts as the organisation's
    /// application to the session (unique); `None` once withdrawn.
    #[sea_orm(unique)]
    pub duplicate_guard: Option<String>,
    /// What the applicant typed about the organisation (JSON of
    /// `participation::proposal::ProposedDetails`); the organisation's record takes it only
    /// when a committee approves the request. `None` for requests stored before.
    pub organisation_details: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
    #[sea_orm(has_many = "super::delegate::Entity")]
    Delegate,
    #[sea_orm(has_many = "super::request_event::Entity")]
    RequestEvent,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::delegate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Delegate.def()
    }
}

impl Related<super::request_event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RequestEvent.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
