//! Reads the committees, their missions and members.

use super::{CommitteeView, MemberRole, MemberView};
use crate::{
    entities::{committee, committee_member, committee_mission},
    i18n::Lang,
};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QueryOrder};

/// Every committee in display order, with missions and members (three queries in all).
pub async fn list(db: &DatabaseConnection, lang: Lang) -> Result<Vec<CommitteeView>, DbErr> {
    let (committees, missions, members) = tokio::try_join!(
        committee::Entity::find()
            .order_by_asc(committee::Column::Position)
            .all(db),
        committee_mission::Entity::find()
            .order_by_asc(committee_mission::Column::Position)
            .all(db),
        committee_member::Entity::find()
            .order_by_asc(committee_member::Column::Position)
            .all(db),
    )?;
    Ok(committees
        .into_iter()
        .map(|c| {
            let missions = missions
                .iter()
                .filter(|m| m.committee_id == c.id)
                .map(|m| lang.pick(m.text_fr.clone(), m.text_en.clone()))
                .collect();
            let mut members: Vec<MemberView> = members
                .iter()
                .filter(|m| m.committee_id == c.id)
                .filter_map(|m| {
                    let role = MemberRole::parse(&m.role).or_else(|| {
                        tracing::warn!(member = m.id, role = %m.role, "unknown committee role");
                        None
                    })?;
                    Some(MemberView {
                        name: m.name.clone(),
                        role,
                    })
                })
                .collect();
            // Chair, then rapporteur, then members; stable within a role.
            members.sort_by_key(|m| m.role as u8);
            CommitteeView {
                slug: c.slug,
                name: lang.pick(c.name_fr, c.name_en),
                description: lang.pick(c.description_fr, c.description_en),
                missions,
                members,
            }
        })
        .collect())
}
