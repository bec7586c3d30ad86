//! Diaspora figures and declarations (server only).

use super::{CountryFigures, Declared, FigureView, NewDeclaration, PRIVACY_THRESHOLD, SourceKind};
use crate::{
    countries,
    entities::{diaspora_declaration, diaspora_figure},
    i18n::Lang,
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set,
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use std::collections::BTreeMap;

#[derive(Debug, FromQueryResult)]
struct DeclarationTotals {
    country_code: String,
    households: i64,
    people: i64,
}

/// Every country with a known figure or at least [`PRIVACY_THRESHOLD`] declarations,
/// largest first. A country with fewer declarations and no figure is not listed at all:
/// its mere presence would say someone there declared.
pub async fn countries(
    conn: &impl ConnectionTrait,
    lang: Lang,
) -> Result<Vec<CountryFigures>, DbErr> {
    let figures = diaspora_figure::Entity::find()
        .order_by_desc(diaspora_figure::Column::AsOf)
        .all(conn)
        .await?;
    let totals = diaspora_declaration::Entity::find()
        .select_only()
        .column(diaspora_declaration::Column::CountryCode)
        .column_as(
            Expr::col(diaspora_declaration::Column::Id).count(),
            "households",
        )
        // Cast so PostgreSQL's SUM (numeric) and SQLite's read back as one integer type.
        .column_as(
            Expr::col(diaspora_declaration::Column::HouseholdSize)
                .sum()
                .cast_as(sea_orm::sea_query::Alias::new("BIGINT")),
            "people",
        )
        .group_by(diaspora_declaration::Column::CountryCode)
        .into_model::<DeclarationTotals>()
        .all(conn)
        .await?;

    let mut rows: BTreeMap<String, CountryFigures> = BTreeMap::new();
    for figure in figures {
        let Some(kind) = SourceKind::parse(&figure.source_kind) else {
            continue;
        };
        if let Some(row) = row(&mut rows, &figure.country_code, lang) {
            row.figures.push(FigureView {
                value: figure.figure,
                kind,
                source: figure.source_label,
                as_of: figure.as_of.to_string(),
            });
        }
    }
    for total in totals
        .into_iter()
        .filter(|t| t.households >= PRIVACY_THRESHOLD)
    {
        if let Some(row) = row(&mut rows, &total.country_code, lang) {
            row.declared = Declared::Count {
                households: total.households,
                people: total.people,
            };
        }
    }
    let mut list: Vec<_> = rows.into_values().collect();
    list.sort_by(|a, b| b.best().cmp(&a.best()).then_with(|| a.name.cmp(&b.name)));
    Ok(list)
}

/// The row of the country `code` (created empty), if the code is a country.
fn row<'a>(
    rows: &'a mut BTreeMap<String, CountryFigures>,
    code: &str,
    lang: Lang,
) -> Option<&'a mut CountryFigures> {
    let country = countries::find(code)?;
    Some(
        rows.entry(country.code.to_string())
            .or_insert_with(|| CountryFigures {
                code: country.code.to_string(),
                name: country.name(lang).to_string(),
                figures: Vec::new(),
                declared: Declared::Fewer,
            }),
    )
}

/// Stores a declaration, dated by the day only.
pub async fn declare(
    conn: &impl ConnectionTrait,
    declaration: NewDeclaration,
) -> Result<(), DbErr> {
    diaspora_declaration::Entity::insert(diaspora_declaration::ActiveModel {
        country_code: Set(declaration.country_code),
        city: Set(declaration.city),
        household_size: Set(declaration.household_size),
        arrival_year: Set(declaration.arrival_year),
        sector: Set(declaration.sector),
        declared_on: Set(Utc::now().date_naive()),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// One published number, as the open data files list it (JSON and CSV, row for row).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenDataRow {
    /// ISO 3166-1 alpha-2 code.
    pub country_code: String,
    /// French name.
    pub country_fr: String,
    /// English name.
    pub country_en: String,
    /// `official_estimate`, `consular_registrations`, `organisation_declarations` or
    /// `voluntary_declarations`.
    pub kind: String,
    /// Number of people; empty for voluntary declarations below the threshold.
    pub people: Option<i64>,
    /// Households (voluntary declarations only; empty otherwise or below the threshold).
    pub households: Option<i64>,
    /// The source, named (empty for voluntary declarations).
    pub source: String,
    /// Date of the figure, `YYYY-MM-DD` (empty for voluntary declarations: they are counted
    /// up to today).
    pub as_of: String,
}

/// Every published number, country by country (largest first), as open data.
pub async fn open_data(conn: &impl ConnectionTrait) -> Result<Vec<OpenDataRow>, DbErr> {
    let mut out = Vec::new();
    for row in countries(conn, Lang::Fr).await? {
        let Some(country) = countries::find(&row.code) else {
            continue;
        };
        let base = |kind: &str| OpenDataRow {
            country_code: country.code.to_string(),
            country_fr: country.fr.to_string(),
            country_en: country.en.to_string(),
            kind: kind.to_string(),
            people: None,
            households: None,
            source: String::new(),
            as_of: String::new(),
        };
        for figure in &row.figures {
            out.push(OpenDataRow {
                people: Some(figure.value),
                source: figure.source.clone(),
                as_of: figure.as_of.clone(),
                ..base(figure.kind.as_str())
            });
        }
        let (people, households) = match row.declared {
            Declared::Count { people, households } => (Some(people), Some(households)),
            Declared::Fewer => (None, None),
        };
        out.push(OpenDataRow {
            people,
            households,
            ..base("voluntary_declarations")
        });
    }
    Ok(out)
}
