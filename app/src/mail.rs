//! Outgoing e-mail through an outbox: a write queues its e-mail in the database inside its
//! own transaction (both land or neither); the server sends queued e-mails by SMTP when it
//! is configured, otherwise they stay readable by administrators at `/espace/courriels`.

mod data;
mod page;
#[cfg(feature = "ssr")]
pub mod service;

pub use data::{OutboxEntry, OutboxPage, get_outbox};
pub use page::{OUTBOX_PATH, OutboxView};

/// E-mails listed per page of the outbox.
pub const PAGE_SIZE: u64 = 20;

/// The site's public address (`CCMEX_PUBLIC_URL`), set once at start-up.
static PUBLIC_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the public address that links in e-mails start with (e.g. `https://ccmex.ml`).
pub fn set_public_url(url: &str) {
    let _ = PUBLIC_URL.set(url.trim_end_matches('/').to_string());
}

/// `path` as a link an e-mail client can follow: the public address and the path (the
/// path alone when no public address is configured).
pub fn link(path: &str) -> String {
    format!("{}{path}", PUBLIC_URL.get().map_or("", String::as_str))
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_in_e_mails_start_with_the_public_address() {
        assert_eq!(super::link("/participer/suivi"), "/participer/suivi");
        super::set_public_url("https://ccmex.example.ml/");
        assert_eq!(
            super::link("/participer/suivi/CCMEX-AAAA-BBBB?cle=1"),
            "https://ccmex.example.ml/participer/suivi/CCMEX-AAAA-BBBB?cle=1"
        );
    }
}
