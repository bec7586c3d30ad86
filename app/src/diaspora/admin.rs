//! Committees manage the known figures and their sources (server only). Every function
//! checks the caller's permission itself; every write is audited.

use super::{Figure, SourceKind};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    countries,
    entities::diaspora_figure,
    error::{AppError, FieldError},
    forms::{self, Fields},
};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder};

/// Largest figure accepted for one country.
pub const MAX_FIGURE: i64 = 100_000_000;

impl From<diaspora_figure::Model> for Figure {
    fn from(row: diaspora_figure::Model) -> Self {
        Figure {
            id: row.id,
            country_code: row.country_code,
            figure: row.figure,
            source_kind: row.source_kind,
            source_label: row.source_label,
            as_of: row.as_of.to_string(),
        }
    }
}

struct FigureInput {
    country_code: String,
    figure: i64,
    source_kind: SourceKind,
    source_label: String,
    as_of: NaiveDate,
}

impl FigureInput {
    /// The row's columns that the form sets, changed at `now`.
    fn into_row(self, now: chrono::DateTime<Utc>) -> diaspora_figure::ActiveModel {
        diaspora_figure::ActiveModel {
            country_code: Set(self.country_code),
            figure: Set(self.figure),
            source_kind: Set(self.source_kind.as_str().to_string()),
            source_label: Set(self.source_label),
            as_of: Set(self.as_of),
            updated_at: Set(now),
            ..Default::default()
        }
    }
}

fn parse(fields: &Fields) -> Result<FigureInput, AppError> {
    let field = |name: &str| forms::field(fields, name).trim();
    let mut errors = Vec::new();
    let country = countries::find(field("country"));
    if country.is_none() {
        errors.push(FieldError::new("country", "diaspora_country_missing"));
    }
    let figure = field("figure")
        .replace([' ', '\u{a0}', '\u{202f}'], "")
        .parse::<i64>()
        .ok();
    if !figure.is_some_and(|f| (1..=MAX_FIGURE).contains(&f)) {
        errors.push(FieldError::new("figure", "diaspora_figure_invalid"));
    }
    let kind = SourceKind::parse(field("source_kind"));
    if kind.is_none() {
        errors.push(FieldError::new(
            "source_kind",
            "diaspora_source_kind_missing",
        ));
    }
    let label = field("source_label");
    if label.is_empty() || label.chars().count() > 300 {
        errors.push(FieldError::new("source_label", "diaspora_source_missing"));
    }
    let as_of = NaiveDate::parse_from_str(field("as_of"), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= Utc::now().date_naive());
    if as_of.is_none() {
        errors.push(FieldError::new("as_of", "diaspora_date_invalid"));
    }
    match (country, figure, kind, as_of, errors.is_empty()) {
        (Some(country), Some(figure), Some(source_kind), Some(as_of), true) => Ok(FigureInput {
            country_code: country.code.to_string(),
            figure,
            source_kind,
            source_label: label.to_string(),
            as_of,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

fn snapshot(row: &diaspora_figure::Model) -> serde_json::Value {
    serde_json::json!({
        "country_code": row.country_code,
        "figure": row.figure,
        "source_kind": row.source_kind,
        "source_label": row.source_label,
        "as_of": row.as_of.to_string(),
    })
}

/// Every figure, by country then latest first.
pub async fn list(
    db: &DatabaseConnection,
    caller: Option<Principal>,
) -> Result<Vec<Figure>, AppError> {
    authorize(caller, Permission::ManageDiaspora)?;
    Ok(diaspora_figure::Entity::find()
        .order_by_asc(diaspora_figure::Column::CountryCode)
        .order_by_desc(diaspora_figure::Column::AsOf)
        .all(db)
        .await?
        .into_iter()
        .map(Figure::from)
        .collect())
}

/// One figure.
pub async fn find(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
) -> Result<Figure, AppError> {
    authorize(caller, Permission::ManageDiaspora)?;
    diaspora_figure::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Figure::from)
        .ok_or(AppError::NotFound)
}

/// Adds a figure from the committees' form.
pub async fn create(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    fields: &Fields,
) -> Result<i32, AppError> {
    let caller = authorize(caller, Permission::ManageDiaspora)?;
    let input = parse(fields)?;
    let now = Utc::now();
    let txn = crate::state::begin_write(db).await?;
    let created = diaspora_figure::Entity::insert(diaspora_figure::ActiveModel {
        created_at: Set(now),
        ..input.into_row(now)
    })
    .exec_with_returning(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "create",
        "diaspora_figure",
        created.id,
        None,
        Some(snapshot(&created)),
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a figure.
pub async fn update(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    fields: &Fields,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageDiaspora)?;
    let input = parse(fields)?;
    let txn = crate::state::begin_write(db).await?;
    let before = diaspora_figure::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let after = diaspora_figure::Entity::update(diaspora_figure::ActiveModel {
        id: Set(id),
        ..input.into_row(Utc::now())
    })
    .exec(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "update",
        "diaspora_figure",
        id,
        Some(snapshot(&before)),
        Some(snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a figure.
pub async fn delete(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageDiaspora)?;
    let txn = crate::state::begin_write(db).await?;
    let before = diaspora_figure::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    diaspora_figure::Entity::delete_by_id(id).exec(&txn).await?;
    record(
        &txn,
        &Actor::from(&caller),
        "delete",
        "diaspora_figure",
        id,
        Some(snapshot(&before)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
