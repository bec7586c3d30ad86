//! Delivery of the outbox by SMTP, against a real SMTP conversation on a local socket, on
//! SQLite and PostgreSQL: a queued e-mail reaches the SMTP server and is marked sent.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::{
    entities::outbox_email,
    i18n::Lang,
    mail::service::{Email, queue},
};
use common::TestApp;
use sea_orm::EntityTrait;
use std::time::Duration;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::mpsc,
};

/// A minimal SMTP server: answers one client's commands and hands over each message's data.
async fn smtp_peer(listener: TcpListener, messages: mpsc::UnboundedSender<String>) {
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            return;
        };
        let messages = messages.clone();
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 test ESMTP\r\n").await.unwrap();
            let mut data: Option<String> = None;
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(body) = data.as_mut() {
                    if line == "." {
                        messages.send(data.take().unwrap_or_default()).unwrap();
                        write.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                    } else {
                        body.push_str(&line);
                        body.push('\n');
                    }
                    continue;
                }
                let command = line.to_ascii_uppercase();
                let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                    b"250 test\r\n"
                } else if command.starts_with("DATA") {
                    data = Some(String::new());
                    b"354 go ahead\r\n"
                } else if command.starts_with("QUIT") {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    return;
                } else {
                    b"250 OK\r\n"
                };
                write.write_all(reply).await.unwrap();
            }
        });
    }
}

on_both_databases! {
    async fn a_queued_email_is_sent_by_smtp_and_marked_sent(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (sender, mut received) = mpsc::unbounded_channel();
        tokio::spawn(smtp_peer(listener, sender));
        let id = queue(&app.db, Email {
            to: "awa@example.org".into(),
            subject: "Demande reçue — CCMEX-7K3F-9QXD".into(),
            body: "Bonjour Awa, votre demande est bien reçue.".into(),
            lang: Lang::Fr,
            related: None,
        })
        .await
        .unwrap();

        server::mail::spawn_delivery(app.db.clone(), &format!("smtp://127.0.0.1:{port}"), "CCMEX <ne-pas-repondre@example.ml>").unwrap();
        let message = tokio::time::timeout(Duration::from_secs(20), received.recv()).await.expect("delivered in time").unwrap();

        assert!(message.contains("To: awa@example.org"), "{message}");
        assert!(message.contains("votre demande est bien re"), "{message}");
        let mut sent = None;
        for _ in 0..100 {
            sent = outbox_email::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().sent_at;
            if sent.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(sent.is_some(), "the e-mail is marked sent");
    }
}
