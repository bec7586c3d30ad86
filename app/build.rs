#![expect(
    clippy::expect_used,
    reason = "a build script reports a broken tree by panicking"
)]
//! Generates the typed UI strings from `locales/fr.json` and `locales/en.json`, each merged
//! with the domain files beside it (`locales/fr/*.json`, `locales/en/*.json`).
//!
//! French is the reference language: every French key becomes a field of `Strings`. A key
//! missing in English falls back to French here (with a build warning) so a half-translated
//! tree still builds; the unit test `every_key_is_translated_in_both_languages` is what fails.

use std::{collections::BTreeMap, env, fs, path::Path};

fn load(path: &str) -> BTreeMap<String, String> {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path} is not a flat JSON object of strings: {e}"))
}

/// `locales/{lang}.json` merged with every `locales/{lang}/*.json`; a key defined twice is
/// an error.
fn load_lang(lang: &str) -> BTreeMap<String, String> {
    let mut all = load(&format!("locales/{lang}.json"));
    let dir = format!("locales/{lang}");
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for file in files {
        let path = file.to_string_lossy().into_owned();
        for (key, value) in load(&path) {
            assert!(
                all.insert(key.clone(), value).is_none(),
                "translation key {key:?} is defined twice ({path})"
            );
        }
    }
    all
}

fn main() {
    let fr = load_lang("fr");
    let en = load_lang("en");
    let mut out = String::from(
        "/// Every UI string, in one language.\n#[derive(Debug)]\npub struct Strings {\n",
    );
    for key in fr.keys() {
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "translation key {key:?} must be snake_case"
        );
        out.push_str(&format!("    pub {key}: &'static str,\n"));
    }
    out.push_str("}\n");
    // Lookup by key, for messages named by data (a form field's error code).
    out.push_str("impl Strings {\n    /// The string with this key, if there is one.\n    pub fn get(&self, key: &str) -> Option<&'static str> {\n        match key {\n");
    for key in fr.keys() {
        out.push_str(&format!("            {key:?} => Some(self.{key}),\n"));
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n");
    for (name, table) in [("FR", &fr), ("EN", &en)] {
        out.push_str(&format!(
            "/// The `{name}` strings.\npub const {name}: Strings = Strings {{\n"
        ));
        for (key, french) in &fr {
            let value = table.get(key).unwrap_or_else(|| {
                println!("cargo:warning=translation key {key} is missing in {name}");
                french
            });
            out.push_str(&format!("    {key}: {value:?},\n"));
        }
        out.push_str("};\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("strings.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
