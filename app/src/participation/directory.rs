//! The public directory of organisations: those with at least one approved request that
//! consented to be listed, with the sessions they took part in. Never contact details.
//! Also the open data files `/api/v1/organisations.json` and `.csv` (same rows).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The directory page.
pub const DIRECTORY_PATH: &str = "/organisations";
/// Open data, JSON.
pub const DIRECTORY_JSON_PATH: &str = "/api/v1/organisations.json";
/// Open data, CSV.
pub const DIRECTORY_CSV_PATH: &str = "/api/v1/organisations.csv";
/// Organisations a page of the directory shows.
pub const DIRECTORY_PAGE_SIZE: u64 = 20;

/// A listed organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedOrganisation {
    /// Stable id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Kind (stored value).
    pub kind: String,
    /// ISO country code.
    pub country_code: String,
    /// City.
    pub city: String,
    /// Sectors (stored values).
    pub sectors: Vec<String>,
    /// Website.
    pub website: Option<String>,
    /// Numbers of the sessions it was approved for, in order.
    pub sessions: Vec<i32>,
}

/// The directory's filters (`?pays=&secteur=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryFilter {
    /// Only this country (ISO code).
    pub country: Option<String>,
    /// Only this sector.
    pub sector: Option<String>,
    /// 1-based page.
    pub page: u64,
}

/// One page of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    /// The organisations, by name.
    pub organisations: Vec<ListedOrganisation>,
    /// Matching.
    pub total: u64,
    /// Pages.
    pub pages: u64,
    /// The page shown.
    pub page: u64,
    /// Countries with a listed organisation (ISO codes), for the filter.
    pub countries: Vec<String>,
}

/// The directory (anyone).
#[server(endpoint = "organisations")]
pub async fn get_directory(filter: DirectoryFilter) -> Result<DirectoryPage, AppError> {
    let db = crate::state::db()?;
    service::page(&db, &filter)
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// Reading the directory (server only).
#[cfg(feature = "ssr")]
pub mod service {
    use super::{DIRECTORY_PAGE_SIZE, DirectoryFilter, DirectoryPage, ListedOrganisation};
    use crate::{
        countries,
        entities::{organisation, participation_request as request, session},
        layout::page_count,
        participation::{RequestStatus, review::sectors},
    };
    use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
    use std::collections::{BTreeSet, HashMap};

    /// Every listed organisation, by folded name then id.
    pub async fn listed(conn: &impl ConnectionTrait) -> Result<Vec<ListedOrganisation>, DbErr> {
        let numbers: HashMap<i32, i32> = session::Entity::find()
            .all(conn)
            .await?
            .into_iter()
            .map(|s| (s.id, s.number))
            .collect();
        let mut sessions: HashMap<i32, BTreeSet<i32>> = HashMap::new();
        let mut consented: BTreeSet<i32> = BTreeSet::new();
        for r in request::Entity::find()
            .filter(request::Column::Status.eq(RequestStatus::Approved.as_str()))
            .all(conn)
            .await?
        {
            if let Some(number) = numbers.get(&r.session_id) {
                sessions
                    .entry(r.organisation_id)
                    .or_default()
                    .insert(*number);
            }
            if r.consent_directory {
                consented.insert(r.organisation_id);
            }
        }
        let mut rows: Vec<(String, ListedOrganisation)> = organisation::Entity::find()
            .filter(organisation::Column::PublishConsent.eq(true))
            .filter(organisation::Column::Id.is_in(consented))
            .all(conn)
            .await?
            .into_iter()
            .map(|o| {
                (
                    o.normalized_name.clone(),
                    ListedOrganisation {
                        sessions: sessions
                            .remove(&o.id)
                            .unwrap_or_default()
                            .into_iter()
                            .collect(),
                        id: o.id,
                        name: o.name,
                        acronym: o.acronym.filter(|a| !a.is_empty()),
                        kind: o.kind,
                        country_code: o.country_code,
                        city: o.city,
                        sectors: sectors(&o.sectors),
                        website: o.website.filter(|w| !w.is_empty()),
                    },
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        Ok(rows.into_iter().map(|(_, o)| o).collect())
    }

    /// One page of the directory, filtered. The directory is small (approved organisations
    /// only), so it is filtered and paged here rather than in SQL.
    pub async fn page(
        conn: &impl ConnectionTrait,
        filter: &DirectoryFilter,
    ) -> Result<DirectoryPage, DbErr> {
        let all = listed(conn).await?;
        let countries: BTreeSet<String> = all.iter().map(|o| o.country_code.clone()).collect();
        let country = filter.country.as_deref().and_then(countries::find);
        let sector = filter.sector.as_deref().filter(|s| !s.is_empty());
        let matching: Vec<ListedOrganisation> = all
            .into_iter()
            .filter(|o| country.is_none_or(|c| o.country_code == c.code))
            .filter(|o| sector.is_none_or(|s| o.sectors.iter().any(|x| x == s)))
            .collect();
        let total = matching.len() as u64;
        let pages = page_count(total, DIRECTORY_PAGE_SIZE);
        let page = filter.page.clamp(1, pages);
        let start = usize::try_from((page - 1) * DIRECTORY_PAGE_SIZE).unwrap_or(usize::MAX);
        Ok(DirectoryPage {
            organisations: matching
                .into_iter()
                .skip(start)
                .take(DIRECTORY_PAGE_SIZE as usize)
                .collect(),
            total,
            pages,
            page,
            countries: countries.into_iter().collect(),
        })
    }

    /// A listed organisation as open data (JSON and CSV, row for row).
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub struct OpenOrganisation {
        /// Stable id.
        pub id: i32,
        /// Name, as typed.
        pub name: String,
        /// Acronym (empty if none).
        pub acronym: String,
        /// Kind (stored value).
        pub kind: String,
        /// ISO 3166-1 alpha-2 code.
        pub country_code: String,
        /// The country's French name.
        pub country_fr: String,
        /// The country's English name.
        pub country_en: String,
        /// City.
        pub city: String,
        /// Sectors, separated by spaces.
        pub sectors: String,
        /// Website (empty if none).
        pub website: String,
        /// Session numbers it was approved for, separated by spaces.
        pub sessions: String,
    }

    /// Every listed organisation as open data.
    pub async fn open_data(conn: &impl ConnectionTrait) -> Result<Vec<OpenOrganisation>, DbErr> {
        Ok(listed(conn)
            .await?
            .into_iter()
            .map(|o| {
                let country = countries::find(&o.country_code);
                OpenOrganisation {
                    id: o.id,
                    name: o.name,
                    acronym: o.acronym.unwrap_or_default(),
                    kind: o.kind,
                    country_fr: country.map(|c| c.fr).unwrap_or_default().to_string(),
                    country_en: country.map(|c| c.en).unwrap_or_default().to_string(),
                    country_code: o.country_code,
                    city: o.city,
                    sectors: o.sectors.join(" "),
                    website: o.website.unwrap_or_default(),
                    sessions: o
                        .sessions
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                }
            })
            .collect())
    }
}
