//! Delivery of the outbox by SMTP (lettre over rustls), when `CCMEX_SMTP_URL` is set: a
//! background task sends the queued e-mails every few seconds and records each attempt.
//! Several processes may run it: each e-mail is claimed before it is sent.

use app::{entities::outbox_email, mail::service};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use sea_orm::{DatabaseConnection, DbErr};
use std::time::Duration;

/// How often the outbox is looked at.
const EVERY: Duration = Duration::from_secs(10);
/// E-mails taken per look.
const BATCH: u64 = 50;

/// Starts the delivery task; an invalid URL or sender stops the server at start-up.
pub fn spawn_delivery(db: DatabaseConnection, smtp_url: &str, from: &str) -> Result<(), String> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| format!("CCMEX_MAIL_FROM is not an address: {e}"))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
        .map_err(|e| format!("CCMEX_SMTP_URL is not a valid SMTP URL: {e}"))?
        .timeout(Some(Duration::from_secs(30)))
        .build();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            if let Err(error) = deliver(&db, &transport, &from).await {
                tracing::warn!(%error, "outbox delivery failed");
            }
        }
    });
    Ok(())
}

fn message(email: &outbox_email::Model, from: &Mailbox) -> Result<Message, String> {
    let to: Mailbox = email.to_address.parse().map_err(|e| format!("{e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())
        .map_err(|e| e.to_string())
}

/// Sends what is waiting; returns how many were sent.
async fn deliver(
    db: &DatabaseConnection,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
) -> Result<usize, DbErr> {
    let mut sent = 0;
    for email in service::unsent(db, BATCH).await? {
        if !service::claim(db, &email).await? {
            continue;
        }
        let outcome = match message(&email, from) {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(error) => Err(error),
        };
        match outcome {
            Ok(()) => sent += 1,
            Err(ref error) => tracing::warn!(id = email.id, %error, "e-mail not sent"),
        }
        service::record_attempt(db, email.id, outcome.err()).await?;
    }
    if sent > 0 {
        tracing::info!(sent, "e-mails sent");
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queued_email_becomes_a_plain_text_message() {
        let now = chrono::Utc::now();
        let email = outbox_email::Model {
            id: 1,
            to_address: "awa@example.org".into(),
            subject: "Demande reçue — CCMEX-7K3F-9QXD".into(),
            body: "Bonjour,\n\nߒߞߏ".into(),
            language: "fr".into(),
            related_type: None,
            related_id: None,
            created_at: now,
            sent_at: None,
            attempts: 0,
            last_error: None,
        };
        let from: Mailbox = "CCMEX <ne-pas-repondre@example.ml>"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        let built =
            message(&email, &from).map(|m| String::from_utf8_lossy(&m.formatted()).to_string());
        assert!(
            built.is_ok_and(
                |text| text.contains("To: awa@example.org") && text.contains("text/plain")
            )
        );
        let bad = outbox_email::Model {
            to_address: "not an address".into(),
            ..email
        };
        assert!(message(&bad, &from).is_err());
    }
}
