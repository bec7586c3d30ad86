//! Who may do what: the one permission matrix, shared by the server (which enforces it in
//! every server function and form handler) and the workspace (which shows only the tools a
//! role allows). Documented in `docs/PERMISSIONS.md`.

use crate::committees::MemberRole;
use serde::{Deserialize, Serialize};

/// An operation that needs more than being signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Create, edit and disable accounts and their roles.
    ManageUsers,
    /// Browse the audit log.
    ReadAuditLog,
    /// Read the outgoing e-mail kept when no SMTP server is configured.
    ReadOutbox,
    /// Create and edit sessions, choose the current one.
    ManageSessions,
    /// Edit and publish the agenda.
    EditAgenda,
    /// Review participation requests and decide on them.
    ReviewRequests,
    /// Publish, hide and merge concerns.
    ModerateConcerns,
    /// Draft, adopt and publish recommendations and their milestones.
    ManageRecommendations,
    /// Manage the diaspora figures and their sources.
    ManageDiaspora,
}

impl Permission {
    /// Every permission, in the order the workspace lists tools.
    pub const ALL: [Permission; 9] = [
        Permission::EditAgenda,
        Permission::ManageSessions,
        Permission::ReviewRequests,
        Permission::ModerateConcerns,
        Permission::ManageRecommendations,
        Permission::ManageDiaspora,
        Permission::ManageUsers,
        Permission::ReadAuditLog,
        Permission::ReadOutbox,
    ];
}

/// Which committee a member sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommitteeKind {
    /// Comité de pilotage.
    Steering,
    /// Comité technique.
    Technical,
}

impl CommitteeKind {
    /// The committee's slug in the database.
    pub fn slug(self) -> &'static str {
        match self {
            CommitteeKind::Steering => "steering",
            CommitteeKind::Technical => "technical",
        }
    }

    /// Reads a slug.
    pub fn parse(value: &str) -> Option<CommitteeKind> {
        match value {
            "steering" => Some(CommitteeKind::Steering),
            "technical" => Some(CommitteeKind::Technical),
            _ => None,
        }
    }
}

/// A seat on a committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// Which committee.
    pub committee: CommitteeKind,
    /// With which role.
    pub role: MemberRole,
}

/// The signed-in user as every permission check sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// Account id.
    pub id: i32,
    /// Display name (also the audit log's "who").
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Administrator.
    pub is_admin: bool,
    /// Reviewer of requests and concerns.
    pub is_reviewer: bool,
    /// Committee seats.
    pub seats: Vec<Seat>,
}

impl Principal {
    /// Whether this user may perform `permission`.
    ///
    /// | permission | administrator | steering committee | technical committee | reviewer |
    /// |---|---|---|---|---|
    /// | ManageUsers, ReadAuditLog, ReadOutbox | yes | | | |
    /// | ManageSessions | yes | yes | | |
    /// | EditAgenda, ManageRecommendations, ManageDiaspora | yes | yes | yes | |
    /// | ReviewRequests, ModerateConcerns | yes | yes | yes | yes |
    pub fn can(&self, permission: Permission) -> bool {
        if self.is_admin {
            return true;
        }
        let on_committee = !self.seats.is_empty();
        let on_steering = self
            .seats
            .iter()
            .any(|seat| seat.committee == CommitteeKind::Steering);
        match permission {
            Permission::ManageUsers | Permission::ReadAuditLog | Permission::ReadOutbox => false,
            Permission::ManageSessions => on_steering,
            Permission::EditAgenda
            | Permission::ManageRecommendations
            | Permission::ManageDiaspora => on_committee,
            Permission::ReviewRequests | Permission::ModerateConcerns => {
                on_committee || self.is_reviewer
            }
        }
    }

    /// The permissions this user holds, in workspace order.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| self.can(*p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(is_admin: bool, is_reviewer: bool, seats: Vec<Seat>) -> Principal {
        Principal {
            id: 1,
            name: "A".into(),
            email: "a@example.org".into(),
            is_admin,
            is_reviewer,
            seats,
        }
    }

    fn seat(committee: CommitteeKind) -> Seat {
        Seat {
            committee,
            role: MemberRole::Member,
        }
    }

    #[test]
    fn an_administrator_holds_every_permission() {
        assert_eq!(user(true, false, vec![]).permissions(), Permission::ALL);
    }

    #[test]
    fn a_reviewer_reviews_and_moderates_only() {
        assert_eq!(
            user(false, true, vec![]).permissions(),
            vec![Permission::ReviewRequests, Permission::ModerateConcerns]
        );
    }

    #[test]
    fn committees_edit_content_but_only_the_steering_committee_manages_sessions() {
        let technical = user(false, false, vec![seat(CommitteeKind::Technical)]);
        let steering = user(false, false, vec![seat(CommitteeKind::Steering)]);
        assert!(technical.can(Permission::EditAgenda));
        assert!(!technical.can(Permission::ManageSessions));
        assert!(steering.can(Permission::ManageSessions));
        for member in [technical, steering] {
            assert!(!member.can(Permission::ManageUsers));
            assert!(!member.can(Permission::ReadAuditLog));
        }
    }

    #[test]
    fn an_account_without_roles_may_only_sign_in() {
        assert!(user(false, false, vec![]).permissions().is_empty());
    }
}
