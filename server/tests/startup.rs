//! The server binary as an operator meets it: `--help`, and clear one-line errors with a
//! non-zero exit when the database cannot be used.

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
