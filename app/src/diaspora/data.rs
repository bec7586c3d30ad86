//! Diaspora figures as the public sees them.

use crate::{error::AppError, i18n::Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// An estimate published by an institution.
    OfficialEstimate,
    /// Registrations at consulates and embassies.
    ConsularRegistrations,
    /// Counts declared by approved organisations.
    OrganisationDeclarations,
}

impl SourceKind {
    /// Every kind, in display order.
    pub const ALL: [SourceKind; 3] = [
        SourceKind::OfficialEstimate,
        SourceKind::ConsularRegistrations,
        SourceKind::OrganisationDeclarations,
    ];

    /// The value stored in the database and used in open data.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::OfficialEstimate => "official_estimate",
            SourceKind::ConsularRegistrations => "consular_registrations",
            SourceKind::OrganisationDeclarations => "organisation_declarations",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<SourceKind> {
        SourceKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
    }

    /// The kind as shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            SourceKind::OfficialEstimate => t.diaspora_source_official(),
            SourceKind::ConsularRegistrations => t.diaspora_source_consular(),
            SourceKind::OrganisationDeclarations => t.diaspora_source_organisations(),
        }
    }
}

/// One known figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureView {
    /// Number of people.
    pub value: i64,
    /// Kind of source.
    pub kind: SourceKind,
    /// The source, named.
    pub source: String,
    /// Date of the figure, ISO `YYYY-MM-DD`.
    pub as_of: String,
}

/// What voluntary declarations say about a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Declared {
    /// Fewer than the privacy threshold: no number is published.
    Fewer,
    /// Enough declarations to publish their totals.
    Count {
        /// Households that declared.
        households: i64,
        /// People in them.
        people: i64,
    },
}

/// A country's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryFigures {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name in the reader's language.
    pub name: String,
    /// Known figures, latest first.
    pub figures: Vec<FigureView>,
    /// Voluntary declarations.
    pub declared: Declared,
}

impl CountryFigures {
    /// The largest number known for the country (for ranking and the chart).
    pub fn best(&self) -> i64 {
        let declared = match self.declared {
            Declared::Count { people, .. } => people,
            Declared::Fewer => 0,
        };
        self.figures
            .iter()
            .map(|f| f.value)
            .chain([declared])
            .max()
            .unwrap_or(0)
    }
}

/// Every country with a known figure or enough declarations, largest first.
#[server(endpoint = "diaspora")]
pub async fn get_diaspora(lang: Lang) -> Result<Vec<CountryFigures>, AppError> {
    let db = crate::state::db()?;
    Ok(super::service::countries(&db, lang).await?)
}
