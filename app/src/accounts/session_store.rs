//! tower-sessions' store over the application's own database (SQLite or PostgreSQL), so
//! every server process sees the same sessions. (`tower-sessions-sqlx-store` would bring a
//! second sqlx and a conflicting libsqlite3.)
//!
//! Only a SHA-256 digest of each session id is stored: a copy of the table does not give
//! anyone a usable cookie.

use crate::entities::auth_session;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use sha2::{Digest, Sha256};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{Error, ExpiredDeletion, Result},
};

/// The key in a session's data that holds the signed-in user's id.
pub const USER_ID_KEY: &str = "user_id";

/// Sessions kept in the `auth_sessions` table.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    /// A store over `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// What is stored in place of a session id.
pub fn digest(id: &Id) -> String {
    let hash = Sha256::digest(id.to_string().as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn backend(error: sea_orm::DbErr) -> Error {
    tracing::error!(%error, "session store");
    Error::Backend("session store unavailable".into())
}

fn expiry(record: &Record) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| Error::Encode("expiry out of range".into()))
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A 128-bit random id does not collide in practice; a collision would fail the
        // primary key and the request, never reuse someone else's session.
        let row = to_row(record)?;
        auth_session::Entity::insert(row)
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        // Update only, never insert: a session ended meanwhile (signed out elsewhere,
        // password changed, account disabled) has no row any more and must stay ended,
        // even when a request that loaded it earlier saves it as it finishes (#14 item 4).
        // New sessions go through `create`, which tower-sessions calls for a new id.
        let mut row = to_row(record)?;
        row.id = NotSet;
        let saved = auth_session::Entity::update_many()
            .set(row)
            .filter(auth_session::Column::Id.eq(digest(&record.id)))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        if saved.rows_affected == 0 {
            tracing::info!("a session ended during a request was not written back");
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row = auth_session::Entity::find_by_id(digest(id))
            .filter(auth_session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date = tower_sessions::cookie::time::OffsetDateTime::from_unix_timestamp(
            row.expires_at.timestamp(),
        )
        .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        auth_session::Entity::delete_by_id(digest(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> Result<()> {
        auth_session::Entity::delete_many()
            .filter(auth_session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

fn to_row(record: &Record) -> Result<auth_session::ActiveModel> {
    let user_id = record
        .data
        .get(USER_ID_KEY)
        .and_then(|v| v.as_i64())
        .and_then(|v| i32::try_from(v).ok());
    Ok(auth_session::ActiveModel {
        id: Set(digest(&record.id)),
        user_id: Set(user_id),
        data: Set(serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?),
        expires_at: Set(expiry(record)?),
    })
}

/// Ends every session of a user at once (account disabled, password changed).
pub async fn end_sessions_of(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
) -> std::result::Result<u64, sea_orm::DbErr> {
    let result = auth_session::Entity::delete_many()
        .filter(auth_session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
