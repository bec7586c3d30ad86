//! What an applicant typed about their organisation (server only).
//!
//! Anyone may apply in an organisation's name, so an application must not change what the
//! public reads about an organisation that already exists (issue #14, item 1). The typed
//! details are kept on the request (`organisation_details`, JSON); committees review them
//! there; the organisation's public record takes them only when a committee approves the
//! request ([`publish`], called by `service::apply_transition`), audited with before and
//! after.

use super::{OrganisationInput, application::normalized_name};
use crate::{
    audit::{Actor, record},
    entities::{organisation, participation_request as request},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde::{Deserialize, Serialize};

/// The audit log's entity type for organisations.
pub const ORGANISATION: &str = "organisation";

/// The fields of an organisation's record an application proposes. The country is not
/// among them: with the folded name it is how the organisation is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedDetails {
    /// Name, as typed.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Kind (one of `KINDS`).
    pub kind: String,
    /// City.
    pub city: String,
    /// Founding year.
    pub founded_year: Option<i32>,
    /// Registration number.
    pub registration_number: Option<String>,
    /// Registering authority.
    pub registration_authority: Option<String>,
    /// Members.
    pub member_count: Option<i32>,
    /// Sectors, separated by commas.
    pub sectors: String,
    /// Website.
    pub website: Option<String>,
    /// Whether it may be listed in the public directory.
    pub publish_consent: bool,
}

impl ProposedDetails {
    /// What the form holds.
    pub fn typed(input: &OrganisationInput, publish_consent: bool) -> Self {
        ProposedDetails {
            name: input.name.clone(),
            acronym: input.acronym.clone(),
            kind: input.kind.clone(),
            city: input.city.clone(),
            founded_year: input.founded_year,
            registration_number: input.registration_number.clone(),
            registration_authority: input.registration_authority.clone(),
            member_count: input.member_count,
            sectors: input.sectors.join(","),
            website: input.website.clone(),
            publish_consent,
        }
    }

    /// What an organisation's record holds now.
    pub fn of(record: &organisation::Model) -> Self {
        ProposedDetails {
            name: record.name.clone(),
            acronym: record.acronym.clone(),
            kind: record.kind.clone(),
            city: record.city.clone(),
            founded_year: record.founded_year,
            registration_number: record.registration_number.clone(),
            registration_authority: record.registration_authority.clone(),
            member_count: record.member_count,
            sectors: record.sectors.clone(),
            website: record.website.clone(),
            publish_consent: record.publish_consent,
        }
    }

    /// The JSON stored on the request.
    pub fn to_json(&self) -> Result<String, DbErr> {
        serde_json::to_string(self).map_err(|e| DbErr::Custom(e.to_string()))
    }

    /// What `request` proposes (`None` for requests stored before proposals were kept).
    pub fn on(request: &request::Model) -> Option<Self> {
        let json = request.organisation_details.as_deref()?;
        serde_json::from_str(json)
            .inspect_err(|error| {
                tracing::error!(request = request.id, %error, "unreadable organisation details");
            })
            .ok()
    }

    /// The columns of an organisation's record these details set (`updated_at` = `now`).
    pub fn active(self, now: DateTime<Utc>) -> organisation::ActiveModel {
        organisation::ActiveModel {
            normalized_name: Set(folded(&self.name)),
            name: Set(self.name),
            acronym: Set(self.acronym),
            kind: Set(self.kind),
            city: Set(self.city),
            founded_year: Set(self.founded_year),
            registration_number: Set(self.registration_number),
            registration_authority: Set(self.registration_authority),
            member_count: Set(self.member_count),
            sectors: Set(self.sectors),
            website: Set(self.website),
            publish_consent: Set(self.publish_consent),
            updated_at: Set(now),
            ..Default::default()
        }
    }

    /// `record` as it would be with these details.
    pub fn over(self, record: organisation::Model) -> organisation::Model {
        organisation::Model {
            normalized_name: folded(&self.name),
            name: self.name,
            acronym: self.acronym,
            kind: self.kind,
            city: self.city,
            founded_year: self.founded_year,
            registration_number: self.registration_number,
            registration_authority: self.registration_authority,
            member_count: self.member_count,
            sectors: self.sectors,
            website: self.website,
            publish_consent: self.publish_consent,
            ..record
        }
    }
}

/// The folded name that finds an organisation (see `normalized_name`).
pub fn folded(name: &str) -> String {
    // Folding may lengthen a few letters: keep within the column.
    normalized_name(name).chars().take(200).collect()
}

/// The organisation as `request`'s applicant described it: what committees review.
pub fn as_submitted(request: &request::Model, record: organisation::Model) -> organisation::Model {
    match ProposedDetails::on(request) {
        Some(details) => details.over(record),
        None => record,
    }
}

/// Gives the organisation of `request` (just approved by `actor`) the details the request
/// proposes, inside the approval's transaction, and audits the change with before and
/// after. Nothing changes when the request proposes nothing or the same details.
pub async fn publish(
    txn: &impl ConnectionTrait,
    request: &request::Model,
    actor: &Actor,
) -> Result<(), DbErr> {
    let Some(proposed) = ProposedDetails::on(request) else {
        return Ok(());
    };
    let Some(current) = organisation::Entity::find_by_id(request.organisation_id)
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let before = ProposedDetails::of(&current);
    if before == proposed {
        return Ok(());
    }
    let mut change = proposed.clone().active(Utc::now());
    change.id = Set(current.id);
    organisation::Entity::update(change).exec(txn).await?;
    let json = |details: &ProposedDetails| serde_json::to_value(details).ok();
    record(
        txn,
        actor,
        "update",
        ORGANISATION,
        request.organisation_id,
        json(&before),
        json(&proposed),
    )
    .await
}
