//! `server admin create`: the first administrator comes from the command line, with a
//! password read from standard input, never a default one.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use app::entities::{audit_log, user};
use sea_orm::{EntityTrait, PaginatorTrait};
use std::{
    io::Write,
    path::PathBuf,
    process::{Command, Output, Stdio},
};

struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fresh_database(name: &str) -> (Folder, String) {
    let folder = std::env::temp_dir().join(format!("ccmex-admin-{name}-{}", std::process::id()));
    let url = format!("sqlite://{}/ccmex.db", folder.display());
    (Folder(folder), url)
}

fn admin_create(url: &str, email: &str, name: &str, stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["admin", "create", "--email", email, "--name", name])
        .env("DATABASE_URL", url)
        .env("CCMEX_SEED", "false")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn users(url: &str) -> (Vec<user::Model>, u64) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = sea_orm::Database::connect(url).await.unwrap();
        (
            user::Entity::find().all(&db).await.unwrap(),
            audit_log::Entity::find().count(&db).await.unwrap(),
        )
    })
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn an_administrator_is_created_with_an_argon2id_hash_and_an_audit_entry() {
    let (_folder, url) = fresh_database("create");
    let output = admin_create(
        &url,
        "Awa.Kone@Example.ML",
        "Awa Koné",
        "le fleuve Niger à Ségou\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));

    let (users, audit_rows) = users(&url);
    assert_eq!(users.len(), 1);
    let admin = &users[0];
    assert_eq!(admin.email, "Awa.Kone@example.ml");
    assert_eq!(admin.name, "Awa Koné");
    assert!(admin.is_admin);
    assert!(
        admin.password_hash.starts_with("$argon2id$"),
        "never stored in clear"
    );
    assert!(app::accounts::verify_password(
        &admin.password_hash,
        "le fleuve Niger à Ségou"
    ));
    assert_eq!(audit_rows, 1, "the creation is audited");
}

#[test]
fn weak_passwords_and_bad_addresses_are_refused_with_a_clear_message() {
    let (_folder, url) = fresh_database("refused");
    let cases = [
        ("awa@example.ml", "court\n", "at least 12 characters"),
        ("awa@example.ml", "123456qwerty\n", "most used"),
        ("awa@example.ml", "\n", "at least 12 characters"),
        (
            "not-an-address",
            "le fleuve Niger à Ségou\n",
            "does not look right",
        ),
    ];
    for (email, password, expected) in cases {
        let output = admin_create(&url, email, "Awa Koné", password);
        assert!(
            !output.status.success(),
            "{email} / {password:?} must be refused"
        );
        let message = stderr(&output);
        assert!(
            message.contains(expected) && !message.contains("panicked"),
            "{message}"
        );
    }
    assert!(users(&url).0.is_empty(), "nothing was created");
}

#[test]
fn an_address_cannot_be_used_twice() {
    let (_folder, url) = fresh_database("twice");
    assert!(
        admin_create(
            &url,
            "awa@example.ml",
            "Awa Koné",
            "le fleuve Niger à Ségou\n"
        )
        .status
        .success()
    );
    let again = admin_create(
        &url,
        "awa@example.ml",
        "Another",
        "une autre phrase assez longue\n",
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(users(&url).0.len(), 1);
}
