//! The server binary as an operator meets it: `--help`, and clear one-line errors with a
//! non-zero exit when the database cannot be used.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::process::{Command, Output};

fn server(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("RUST_LOG");
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().expect("the server binary runs")
}

fn assert_clear_failure(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "must exit non-zero");
    assert!(!stderr.contains("panicked"), "no panic trace: {stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: ") && last.contains(expected),
        "one clear line, got: {stderr}"
    );
}

#[test]
fn help_lists_every_setting() {
    let output = server(&["--help"], &[]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for setting in [
        "DATABASE_URL",
        "LEPTOS_SITE_ADDR",
        "RUST_LOG",
        "CCMEX_SEED",
        "migrate",
    ] {
        assert!(help.contains(setting), "--help mentions {setting}");
    }
}

#[test]
fn a_malformed_database_url_is_a_clear_error() {
    let output = server(
        &["migrate"],
        &[("DATABASE_URL", "mysql://nobody@nowhere/db")],
    );
    assert_clear_failure(&output, "DATABASE_URL is malformed");
}

#[test]
fn a_database_that_cannot_be_opened_is_a_clear_error() {
    let output = server(
        &["migrate"],
        &[(
            "DATABASE_URL",
            "sqlite:///proc/ccmex-cannot-be-here/ccmex.db",
        )],
    );
    assert_clear_failure(&output, "cannot create the folder");

    let output = server(
        &["migrate"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    assert_clear_failure(
        &output,
        "cannot open the database postgres://nobody@127.0.0.1:1/none",
    );
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let folder = std::env::temp_dir().join(format!("ccmex-startup-{}", std::process::id()));
    let file = folder.join("deep/ccmex.db");
    let url = format!("sqlite://{}", file.display());
    let output = server(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(file.exists());
    let _ = std::fs::remove_dir_all(folder);
}

fn temp_folder(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("ccmex-{name}-{}", std::process::id()))
}

fn count_sessions(file: &std::path::Path) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = sea_orm::Database::connect(format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        app::entities::session::Entity::find()
            .count(&db)
            .await
            .unwrap()
    })
}

#[test]
fn the_seed_loads_by_default_and_can_be_turned_off() {
    let folder = temp_folder("seed-toggle");
    let seeded = folder.join("seeded.db");
    let empty = folder.join("empty.db");

    let output = server(
        &["migrate"],
        &[("DATABASE_URL", &format!("sqlite://{}", seeded.display()))],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = server(
        &["migrate"],
        &[
            ("DATABASE_URL", &format!("sqlite://{}", empty.display())),
            ("CCMEX_SEED", "false"),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    assert_eq!(count_sessions(&seeded), 1);
    assert_eq!(count_sessions(&empty), 0);
    let _ = std::fs::remove_dir_all(folder);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};

    let folder = temp_folder("sigterm");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/ccmex.db", folder.display()),
        )
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();

    // Wait until it answers its health check.
    let started = Instant::now();
    let healthy = loop {
        if let Ok(mut stream) = std::net::TcpStream::connect(&addr) {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 200") {
                break true;
            }
        }
        if started.elapsed() > Duration::from_secs(20) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let _ = std::fs::remove_dir_all(folder);

    assert!(healthy, "the server answered /healthz");
    assert!(
        status.success(),
        "a SIGTERM ends the server with exit code 0, got {status}"
    );
}
