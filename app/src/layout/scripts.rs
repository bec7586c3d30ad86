//! The page's scripts: the islands' loader, which fetches the WASM only on a page that has an
//! island, and the small script every page runs (the phone menu). Server only.
//!
//! Leptos' `HydrationScripts` preloads and starts the WASM on every page, islands or not;
//! here a page of server HTML alone downloads no WASM (docs/ARCHITECTURE.md).

use leptos::{WasmSplitManifest, prelude::*};
use std::{collections::HashMap, path::PathBuf, sync::OnceLock};

/// The loader (see the file's header).
const ISLANDS_LOADER: &str = include_str!("islands_loader.js");
/// The menu button and the "scripts run" mark.
const SITE_SCRIPT: &str = include_str!("site.js");

/// The built files' names, read once from cargo-leptos' hash file next to the binary.
struct Assets {
    js: String,
    wasm: String,
    /// The lazy islands' WASM files, for the preload links Leptos adds to pages that have them.
    split_manifest: Option<WasmSplitManifest>,
}

fn assets(options: &LeptosOptions) -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let mut hashes = HashMap::new();
        if options.hash_files {
            let path = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .unwrap_or_default();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    for line in text.lines() {
                        if let Some((file, hash)) = line.trim().split_once(':') {
                            hashes.insert(file.trim().to_string(), hash.trim().to_string());
                        }
                    }
                }
                Err(error) => tracing::error!(%error, path = %path.display(), "no hash file: the islands' scripts will not load"),
            }
        }
        let named = |stem: &str, kind: &str, extension: &str| match hashes.get(kind) {
            Some(hash) => format!("{stem}.{hash}{extension}"),
            None => format!("{stem}{extension}"),
        };
        let output = options.output_name.as_ref();
        let js = named(output, "js", "");
        let wasm = if options.hash_files {
            named(output, "wasm", "")
        } else {
            format!("{output}_bg")
        };
        let pkg_dir = options.site_pkg_dir.as_ref();
        let manifest_file = named("__wasm_split_manifest", "manifest", ".json");
        let split_js = named("__wasm_split", "split", ".js");
        let split_manifest = std::fs::read_to_string(
            PathBuf::from(options.site_root.as_ref())
                .join(pkg_dir)
                .join(&manifest_file),
        )
        .ok()
        .and_then(|text| serde_json::from_str::<HashMap<String, Vec<String>>>(&text).ok())
        .map(|manifest| {
            WasmSplitManifest(ArcStoredValue::new((
                format!("/{pkg_dir}"),
                manifest,
                split_js,
            )))
        });
        Assets {
            js,
            wasm,
            split_manifest,
        }
    })
}

/// The scripts of a page, in its `<head>` (module scripts run once the document is parsed).
#[component]
pub fn PageScripts(options: LeptosOptions) -> impl IntoView {
    // As Leptos' `HydrationScripts` does in islands mode: what is rendered outside islands
    // is not hydrated, so its resources are not serialised into the page.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let assets = assets(&options);
    if let Some(manifest) = &assets.split_manifest {
        provide_context(manifest.clone());
    }
    let nonce = leptos::nonce::use_nonce();
    let pkg_dir = options.site_pkg_dir.to_string();
    let loader = format!(
        "{ISLANDS_LOADER}({:?}, {pkg_dir:?}, {:?}, {:?});",
        "", assets.js, assets.wasm
    );
    view! {
        <script type="module" nonce=nonce.clone()>{SITE_SCRIPT}</script>
        <script type="module" nonce=nonce>{loader}</script>
    }
}
