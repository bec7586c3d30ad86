//! The built site: Leptos options and the static files (`/pkg`, public assets).

use axum::{Router, http::HeaderValue};
use leptos::config::Env;
use leptos::prelude::LeptosOptions;
use std::path::Path;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// The WASM, JS and CSS bundle's name (`name` in the workspace's cargo-leptos metadata).
pub const OUTPUT_NAME: &str = "ccmex";

/// Leptos options for a site built under `site_root`.
///
/// File hashing is on when cargo-leptos wrote its `hash.txt` beside the binary (release
/// builds with `hash-files = true`), so the page links the hashed file names.
pub fn site_options(site_root: &Path, addr: std::net::SocketAddr) -> LeptosOptions {
    let hash_file = "hash.txt";
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file).exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(Env::PROD)
        .hash_files(hashed)
        .hash_file(hash_file.into())
        .build()
}

/// `/pkg/*`: the hashed bundle, cacheable for a year when names are hashed.
pub fn static_files<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let pkg = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new().nest_service(
        "/pkg",
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                axum::http::header::CACHE_CONTROL,
                HeaderValue::from_static(cache),
            ))
            // `cargo leptos build --release --precompress` writes .br and .gz beside each file.
            .service(ServeDir::new(pkg).precompressed_br().precompressed_gzip()),
    )
}
