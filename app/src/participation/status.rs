//! Where a participation request stands, and who may move it where: the one state machine
//! the applicant's page, the reviewers' page and the server all follow.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The status of a participation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestStatus {
    /// Sent, waiting for a decision.
    Submitted,
    /// The committee asked the applicant for more information.
    InfoRequested,
    /// Accepted for the session.
    Approved,
    /// Refused, with a reason sent to the applicant.
    Rejected,
    /// Acceptable, but the session's quota of organisations is reached.
    Waitlisted,
    /// Withdrawn by the applicant.
    Withdrawn,
    /// Approved, then revoked by the committee with a reason.
    Revoked,
}

/// Something that changes a request's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Transition {
    /// Committee: accept (refused by the service when the quota is reached).
    Approve,
    /// Committee: refuse, with a reason.
    Reject,
    /// Committee: ask the applicant for more information, with a message.
    RequestInfo,
    /// Committee: put on the waiting list (the quota is reached).
    Waitlist,
    /// Committee: take back an approval, with a reason (frees a place).
    Revoke,
    /// The waiting list's first request gets a freed place.
    Promote,
    /// Applicant: answer a request for information.
    Answer,
    /// Applicant: withdraw.
    Withdraw,
}

impl RequestStatus {
    /// Every status, in the order lists and counts show them.
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Submitted,
        RequestStatus::InfoRequested,
        RequestStatus::Waitlisted,
        RequestStatus::Approved,
        RequestStatus::Rejected,
        RequestStatus::Withdrawn,
        RequestStatus::Revoked,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Submitted => "submitted",
            RequestStatus::InfoRequested => "info_requested",
            RequestStatus::Approved => "approved",
            RequestStatus::Rejected => "rejected",
            RequestStatus::Waitlisted => "waitlisted",
            RequestStatus::Withdrawn => "withdrawn",
            RequestStatus::Revoked => "revoked",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The status as shown to people (key `request_status_<value>`).
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        t.get(&format!("request_status_{}", self.as_str()))
            .unwrap_or(t.error_not_found())
    }

    /// Whether nothing can happen to the request any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RequestStatus::Rejected | RequestStatus::Withdrawn | RequestStatus::Revoked
        )
    }

    /// Whether the request holds one of the session's places.
    pub fn holds_a_place(self) -> bool {
        self == RequestStatus::Approved
    }

    /// The status after `transition`, or `None` if it is not allowed from here.
    pub fn after(self, transition: Transition) -> Option<RequestStatus> {
        use RequestStatus as S;
        use Transition as T;
        match (self, transition) {
            (S::Submitted | S::InfoRequested | S::Waitlisted, T::Approve) => Some(S::Approved),
            (S::Submitted | S::InfoRequested | S::Waitlisted, T::Reject) => Some(S::Rejected),
            (S::Submitted | S::Waitlisted, T::RequestInfo) => Some(S::InfoRequested),
            (S::Submitted | S::InfoRequested, T::Waitlist) => Some(S::Waitlisted),
            (S::Approved, T::Revoke) => Some(S::Revoked),
            (S::Waitlisted, T::Promote) => Some(S::Approved),
            (S::InfoRequested, T::Answer) => Some(S::Submitted),
            (S::Submitted | S::InfoRequested | S::Waitlisted | S::Approved, T::Withdraw) => {
                Some(S::Withdrawn)
            }
            _ => None,
        }
    }
}

impl Transition {
    /// Every transition.
    pub const ALL: [Transition; 8] = [
        Transition::Approve,
        Transition::Reject,
        Transition::RequestInfo,
        Transition::Waitlist,
        Transition::Revoke,
        Transition::Promote,
        Transition::Answer,
        Transition::Withdraw,
    ];

    /// The value posted by forms and stored in the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Approve => "approve",
            Transition::Reject => "reject",
            Transition::RequestInfo => "request_info",
            Transition::Waitlist => "waitlist",
            Transition::Revoke => "revoke",
            Transition::Promote => "promote",
            Transition::Answer => "answer",
            Transition::Withdraw => "withdraw",
        }
    }

    /// Reads a posted value.
    pub fn parse(value: &str) -> Option<Transition> {
        Transition::ALL.into_iter().find(|t| t.as_str() == value)
    }

    /// Whether the applicant (not the committee) makes this transition.
    pub fn by_applicant(self) -> bool {
        matches!(self, Transition::Answer | Transition::Withdraw)
    }

    /// Whether a message is required: a reason for a refusal or a revocation, the question
    /// asked, the applicant's answer.
    pub fn needs_message(self) -> bool {
        matches!(
            self,
            Transition::Reject | Transition::Revoke | Transition::RequestInfo | Transition::Answer
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus as S;
    use Transition as T;

    #[test]
    fn every_allowed_transition_and_nothing_else() {
        let allowed: Vec<(S, T, S)> = S::ALL
            .into_iter()
            .flat_map(|s| {
                T::ALL
                    .into_iter()
                    .filter_map(move |t| s.after(t).map(|n| (s, t, n)))
            })
            .collect();
        assert_eq!(allowed.len(), 17, "{allowed:#?}");
        for status in [S::Rejected, S::Withdrawn, S::Revoked] {
            assert!(status.is_final());
            assert!(T::ALL.into_iter().all(|t| status.after(t).is_none()));
        }
        assert_eq!(S::Approved.after(T::Revoke), Some(S::Revoked));
        assert_eq!(S::Approved.after(T::Approve), None, "no double approval");
        assert_eq!(
            S::Submitted.after(T::Promote),
            None,
            "only the waiting list is promoted"
        );
        assert_eq!(S::InfoRequested.after(T::Answer), Some(S::Submitted));
        assert_eq!(S::Submitted.after(T::Answer), None);
    }

    #[test]
    fn stored_values_read_back() {
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        for transition in T::ALL {
            assert_eq!(T::parse(transition.as_str()), Some(transition));
        }
    }
}
