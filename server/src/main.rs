//! `server`: serves the CCMEX platform. `server --help` lists the settings.

use clap::Parser;
use server::{
    AppState, ServerState,
    auth::SessionSettings,
    config::{AdminCommand, Cli, Command, Config},
    db,
    rate_limit::Limits,
    router, seed, site_options,
};
use std::{process::ExitCode, time::Duration};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter =
        EnvFilter::try_new(&cli.config.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = cli.config;
    let db = prepare_database(&config).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => Ok(()),
        Command::Serve => serve(config, db).await,
        Command::Admin {
            command: AdminCommand::Create { email, name },
        } => create_admin(&db, &email, &name).await,
    }
}

/// `server admin create`: checks the address and password, then creates the account.
async fn create_admin(
    db: &sea_orm::DatabaseConnection,
    email: &str,
    name: &str,
) -> Result<(), String> {
    use app::{
        accounts::{Email, NewPassword, service},
        error::AppError,
        i18n::Lang,
    };
    let email = Email::parse(email).map_err(|p| p.message(Lang::En).to_string())?;
    let password = read_password()?;
    let password = NewPassword::parse(&password).map_err(|p| p.message(Lang::En).to_string())?;
    let roles = service::Roles {
        admin: true,
        reviewer: false,
        seat: None,
    };
    match service::create_user(
        db,
        &app::accounts::PasswordHashing::default(),
        &app::audit::Actor::CommandLine,
        &email,
        name,
        &password,
        roles,
    )
    .await
    {
        Ok(user) => {
            println!("administrator {} created (id {})", user.email, user.id);
            Ok(())
        }
        Err(AppError::Conflict) => Err(format!(
            "an account with the e-mail address {} already exists",
            email.as_str()
        )),
        Err(AppError::Validation(_)) => Err("the name must have 1 to 200 characters".to_string()),
        Err(other) => Err(format!("cannot create the administrator: {other}")),
    }
}

/// The new password: asked twice without echo on a terminal, else one line of stdin.
fn read_password() -> Result<String, String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (12 characters or more): ")
            .map_err(|e| e.to_string())?;
        let again =
            rpassword::prompt_password("Same password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".to_string());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

/// Opens, migrates and (unless disabled) seeds the database.
async fn prepare_database(config: &Config) -> Result<sea_orm::DatabaseConnection, String> {
    let url = &config.database_url;
    let db = db::connect(url, config.database_max_connections)
        .await
        .map_err(|e| e.to_string())?;
    db::migrate(&db, url).await.map_err(|e| e.to_string())?;
    if config.seed {
        let report = seed::run(&db)
            .await
            .map_err(|e| format!("cannot load the seed content: {e}"))?;
        tracing::info!(?report, "seed checked");
    }
    tracing::info!(database = %db::redact(url), "database ready");
    Ok(db)
}

async fn serve(config: Config, db: sea_orm::DatabaseConnection) -> Result<(), String> {
    use axum::serve::ListenerExt;

    let mut app = AppState::new(db.clone());
    if config.password_hashes > 0 {
        app.hashing = app::accounts::PasswordHashing::new(config.password_hashes);
    }
    tracing::info!(permits = app.hashing.permits(), "password hashing bound");
    let state = ServerState {
        app,
        leptos_options: site_options(&config.site_root, config.addr),
        request_timeout: Duration::from_secs(config.request_timeout_secs),
        https: config.https,
        sessions: SessionSettings {
            idle: Duration::from_secs(config.session_idle_minutes.saturating_mul(60)),
            lifetime: Duration::from_secs(config.session_lifetime_hours.saturating_mul(3600)),
        },
        limits: Limits::new(
            config.sign_in_per_minute,
            config.writes_per_minute,
            config.trust_proxy,
        ),
        page_cache: server::page_cache::PageCache::default(),
        live_viewers: server::agenda_live::ViewerLimit::new(config.live_max_viewers),
    };
    match &config.public_url {
        Some(url) => app::mail::set_public_url(url),
        None => tracing::warn!("CCMEX_PUBLIC_URL is not set: links in e-mails are paths only"),
    }
    match (&config.smtp_url, &config.mail_from) {
        (Some(url), Some(from)) => {
            server::mail::spawn_delivery(db.clone(), url, from)?;
            tracing::info!("e-mails are sent by SMTP");
        }
        (Some(_), None) => return Err("CCMEX_SMTP_URL needs CCMEX_MAIL_FROM".to_string()),
        (None, _) => {
            tracing::info!("no SMTP server: e-mails stay in the outbox (/espace/courriels)")
        }
    }
    // Expired sessions are removed every hour, by whichever process gets there.
    tokio::spawn(async move {
        use tower_sessions::session_store::ExpiredDeletion;
        let store = app::accounts::session_store::DbSessionStore::new(db);
        let mut hourly = tokio::time::interval(Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "expired session clean-up failed");
            }
        }
    });
    // On PostgreSQL, hear the other processes' agenda changes before serving anyone.
    if !state.app.live.ready(Duration::from_secs(5)).await {
        tracing::warn!("not yet listening for agenda changes: serving anyway, still trying");
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?
        // Without TCP_NODELAY, streamed responses over keep-alive stall on Nagle + delayed ACK.
        .tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::warn!(%error, "cannot set TCP_NODELAY");
            }
        });
    tracing::info!("listening on http://{}", config.addr);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
