//! Reads the home page's data from the database.

use super::HomeData;
use crate::{
    entities::{objective, session},
    i18n::Lang,
    sessions::SessionSummary,
};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The current session (the most recent one marked current) and the objectives.
pub async fn load(db: &DatabaseConnection, lang: Lang) -> Result<HomeData, DbErr> {
    let (current, objectives) = tokio::try_join!(
        session::Entity::find()
            .filter(session::Column::IsCurrent.eq(true))
            .order_by_desc(session::Column::Number)
            .one(db),
        objective::Entity::find()
            .order_by_asc(objective::Column::Position)
            .all(db),
    )?;
    Ok(HomeData {
        session: current.map(|model| SessionSummary::from_model(model, lang)),
        objectives: objectives
            .into_iter()
            .map(|o| lang.pick(o.text_fr, o.text_en))
            .collect(),
    })
}
