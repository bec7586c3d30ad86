//! Opening the database, creating what is missing, migrating and seeding.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use std::{path::Path, time::Duration};

/// Why the database could not be made ready. Each reads as one clear line.
#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    /// The URL is not one we can use.
    #[error(
        "DATABASE_URL is malformed ({0}): use sqlite://path/to/file.db or postgres://user@host:port/database"
    )]
    MalformedUrl(String),
    /// The folder of the SQLite file could not be created.
    #[error("cannot create the folder {folder} for the SQLite database: {reason}")]
    CreateFolder {
        /// The folder.
        folder: String,
        /// The operating system's reason.
        reason: String,
    },
    /// Connecting failed.
    #[error("cannot open the database {url}: {reason}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// The driver's reason.
        reason: String,
    },
    /// A migration failed.
    #[error("cannot migrate the database {url}: {reason}")]
    Migrate {
        /// The URL, without its password.
        url: String,
        /// The reason.
        reason: String,
    },
}

/// The kinds of database the platform runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Recognises the backend from a URL's scheme.
    pub fn of(url: &str) -> Result<Backend, DbSetupError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbSetupError::MalformedUrl(format!(
                "unsupported scheme in {:?}",
                redact(url)
            )))
        }
    }
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.rsplit_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

/// The file path of a SQLite URL (`None` for in-memory databases).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Opens a pool on `url`: creates a SQLite file and its folder if needed (WAL, foreign
/// keys on), and checks the connection works.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbSetupError> {
    let backend = Backend::of(url)?;
    if backend == Backend::Sqlite
        && let Some(folder) = sqlite_path(url).and_then(|p| Path::new(p).parent())
        && !folder.as_os_str().is_empty()
    {
        std::fs::create_dir_all(folder).map_err(|e| DbSetupError::CreateFolder {
            folder: folder.display().to_string(),
            reason: e.to_string(),
        })?;
    }

    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    let connect_error = |e: sea_orm::DbErr| DbSetupError::Connect {
        url: redact(url),
        reason: one_line(&e),
    };
    let db = Database::connect(options).await.map_err(connect_error)?;
    // A pool connects lazily: make sure the database really answers now.
    db.execute_unprepared("SELECT 1")
        .await
        .map_err(connect_error)?;
    Ok(db)
}

/// Key of the PostgreSQL advisory lock that serialises migrations between processes.
const MIGRATION_LOCK_KEY: i64 = 0x00cc_3e80_0001;

/// Applies every pending migration. On PostgreSQL, several processes may start at once:
/// an advisory lock held for one transaction lets one migrate while the others wait, then
/// find nothing left to do.
pub async fn migrate(db: &DatabaseConnection, url: &str) -> Result<(), DbSetupError> {
    let error = |e: sea_orm::DbErr| DbSetupError::Migrate {
        url: redact(url),
        reason: one_line(&e),
    };
    if db.get_database_backend() != DbBackend::Postgres {
        return Migrator::up(db, None).await.map_err(error);
    }
    let txn = app::state::begin_write(db).await.map_err(error)?;
    txn.execute_unprepared(&format!(
        "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
    ))
    .await
    .map_err(error)?;
    Migrator::up(&txn, None).await.map_err(error)?;
    txn.commit().await.map_err(error)
}

/// A driver error on one line (some span several).
fn one_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://ccmex:s3cret@db:5432/ccmex"),
            "postgres://ccmex:***@db:5432/ccmex"
        );
        assert_eq!(
            redact("postgres://root@127.0.0.1/test"),
            "postgres://root@127.0.0.1/test"
        );
        assert_eq!(redact("sqlite://data/ccmex.db"), "sqlite://data/ccmex.db");
    }

    #[test]
    fn only_sqlite_and_postgres_urls_are_accepted() {
        assert_eq!(Backend::of("sqlite://data/x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::of("postgresql://a@b/c").unwrap(),
            Backend::Postgres
        );
        assert!(matches!(
            Backend::of("mysql://a@b/c"),
            Err(DbSetupError::MalformedUrl(_))
        ));
        assert!(matches!(
            Backend::of("data/ccmex.db"),
            Err(DbSetupError::MalformedUrl(_))
        ));
    }

    #[test]
    fn the_sqlite_file_path_is_read_from_the_url() {
        assert_eq!(
            sqlite_path("sqlite://data/ccmex.db?mode=rwc"),
            Some("data/ccmex.db")
        );
        assert_eq!(sqlite_path("sqlite:ccmex.db"), Some("ccmex.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
