//! An anonymous, voluntary declaration of a household living abroad. No name, no contact,
//! no exact time.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "diaspora_declarations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_code: String,
    pub city: Option<String>,
    pub household_size: i32,
    pub arrival_year: Option<i32>,
    pub sector: Option<String>,
    pub declared_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
