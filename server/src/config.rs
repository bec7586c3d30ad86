//! Configuration from the command line and the environment, with sensible defaults.

use clap::{ArgAction, Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf};

/// The CCMEX platform's web server.
#[derive(Debug, Parser)]
#[command(name = "server", version, about, long_about = None)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings shared by every command.
    #[command(flatten)]
    pub config: Config,
}

/// Subcommands of the server binary.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the platform (the default).
    Serve,
    /// Apply pending migrations (and the seed unless disabled), then exit.
    Migrate,
    /// Manage administrator accounts.
    Admin {
        /// What to do.
        #[command(subcommand)]
        command: AdminCommand,
    },
}

/// `server admin …`
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an administrator. The password is asked on the terminal, or read as one line
    /// from standard input when it is not a terminal (never from the command line).
    Create {
        /// The administrator's e-mail address (their login).
        #[arg(long)]
        email: String,
        /// The name shown in the workspace and the audit log.
        #[arg(long)]
        name: String,
    },
}

/// Server settings.
#[derive(Debug, Clone, Parser)]
pub struct Config {
    /// Database: `sqlite://path/to/file.db` (created with its folder) or
    /// `postgres://user@host:port/db`.
    // Its value may hold a password: `--help` never shows it.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/ccmex.db",
        hide_env_values = true
    )]
    pub database_url: String,

    /// Largest number of pooled database connections.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 16)]
    pub database_max_connections: u32,

    /// Address and port to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site (`pkg/` and public assets), as written by cargo-leptos.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Load the first session, its agenda, the committees and the objectives into an empty
    /// database. `false` starts with an empty database.
    #[arg(long, env = "CCMEX_SEED", default_value_t = true, action = ArgAction::Set)]
    pub seed: bool,

    /// Log filter, e.g. `info`, `debug`, `server=debug,tower_http=debug`.
    #[arg(
        long = "log",
        env = "RUST_LOG",
        default_value = "info,sqlx=warn,sea_orm=warn"
    )]
    pub log_filter: String,

    /// Set when the public address is HTTPS (behind a TLS proxy): adds HSTS.
    #[arg(long, env = "CCMEX_HTTPS", default_value_t = false, action = ArgAction::Set)]
    pub https: bool,

    /// Seconds after which a request is answered with 408 instead of waiting on.
    #[arg(long, env = "CCMEX_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// A signed-in session unused this many minutes ends.
    #[arg(long, env = "CCMEX_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: u64,

    /// A signed-in session ends this many hours after sign-in, however active.
    #[arg(long, env = "CCMEX_SESSION_LIFETIME_HOURS", default_value_t = 12)]
    pub session_lifetime_hours: u64,

    /// Live agenda streams this process serves at once (about 36 KiB each); further
    /// viewers get 503 and try again later.
    #[arg(long, env = "CCMEX_LIVE_MAX_VIEWERS", default_value_t = 10_000)]
    pub live_max_viewers: usize,

    /// Password hashes (argon2, 19 MiB each) this process runs at once; sign-ins and
    /// password changes beyond them get 503 with `Retry-After`. 0: twice the cores.
    #[arg(long, env = "CCMEX_PASSWORD_HASHES", default_value_t = 0)]
    pub password_hashes: usize,

    /// Sign-in attempts allowed per client IP and minute.
    #[arg(long, env = "CCMEX_SIGN_IN_PER_MINUTE", default_value_t = 20)]
    pub sign_in_per_minute: u32,

    /// Form posts and server-function calls allowed per client IP and minute.
    #[arg(long, env = "CCMEX_WRITES_PER_MINUTE", default_value_t = 120)]
    pub writes_per_minute: u32,

    /// Behind a reverse proxy that sets `X-Forwarded-For`: take the client's IP from it.
    /// Never enable without such a proxy (clients could pick their own IP).
    #[arg(long, env = "CCMEX_TRUST_PROXY", default_value_t = false, action = ArgAction::Set)]
    pub trust_proxy: bool,

    /// SMTP server that sends the outbox: `smtp://user:password@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:password@host:465` (TLS). Unset: e-mails stay in the
    /// outbox, readable by administrators at `/espace/courriels`.
    #[arg(long, env = "CCMEX_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mails, e.g. `CCMEX <ne-pas-repondre@example.ml>` (needed with
    /// `CCMEX_SMTP_URL`).
    #[arg(long, env = "CCMEX_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// The site's public address, which links in e-mails start with, e.g.
    /// `https://ccmex.example.ml`. Unset: e-mails carry paths only (and the tracking code).
    #[arg(long, env = "CCMEX_PUBLIC_URL")]
    pub public_url: Option<String>,
}
