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

/// The locale files whose keys the browser may look up by name ([`Strings::get`] in the
/// WASM): the messages of the checks that islands run or receive (the application form, the
/// agenda and its editor, drafts), and the keys of `fr.json` with one of
/// [`BROWSER_LOOKUP_PREFIXES`]. Every other string is kept out of the browser's bundle unless
/// an island names it. `BROWSER_LOOKUP_KEYS` lists them, for the tests.
const BROWSER_LOOKUP_FILES: [&str; 4] = ["agenda", "agenda_editor", "drafts", "participation"];
/// Generic errors, e-mail checks and sector names (the application form checks e-mails and
/// sums up sectors in the browser).
const BROWSER_LOOKUP_PREFIXES: [&str; 3] = ["error_", "email_", "sector_"];

/// The keys of `locales/{lang}/{file}.json` for each file of [`BROWSER_LOOKUP_FILES`].
fn browser_lookup_keys() -> Vec<String> {
    BROWSER_LOOKUP_FILES
        .iter()
        .flat_map(|file| load(&format!("locales/fr/{file}.json")).into_keys())
        .collect()
}

/// Writes `get`, the lookup by key for messages named by data (a form field's error code),
/// over `keys`.
fn push_get(out: &mut String, cfg: &str, doc: &str, keys: &mut dyn Iterator<Item = &String>) {
    out.push_str(&format!(
        "    /// The string with this key, if there is one{doc}.\n    {cfg}\n    pub fn get(&self, key: &str) -> Option<&'static str> {{\n        match key {{\n"
    ));
    for key in keys {
        out.push_str(&format!("            {key:?} => Some(self.{key}()),\n"));
    }
    out.push_str("            _ => None,\n        }\n    }\n");
}

fn main() {
    let fr = load_lang("fr");
    let en = load_lang("en");
    // One method per key rather than a table: a build keeps only the strings its code names,
    // so the browser's WASM carries its islands' strings and not the whole site's.
    let mut out = String::from(
        "/// Every UI string, in one language: one method per key.\n#[derive(Debug)]\npub struct Strings(super::Lang);\n\nimpl Strings {\n",
    );
    for (key, french) in &fr {
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "translation key {key:?} must be snake_case"
        );
        let english = en.get(key).unwrap_or_else(|| {
            println!("cargo:warning=translation key {key} is missing in EN");
            french
        });
        out.push_str(&format!(
            "    #[allow(missing_docs)]\n    pub fn {key}(&self) -> &'static str {{\n        match self.0 {{\n            super::Lang::Fr => {french:?},\n            super::Lang::En => {english:?},\n        }}\n    }}\n"
        ));
    }
    push_get(
        &mut out,
        "#[cfg(not(feature = \"hydrate\"))]",
        "",
        &mut fr.keys(),
    );
    let mut browser: Vec<String> = browser_lookup_keys();
    browser.extend(
        fr.keys()
            .filter(|k| BROWSER_LOOKUP_PREFIXES.iter().any(|p| k.starts_with(p)))
            .cloned(),
    );
    browser.sort();
    browser.dedup();
    push_get(
        &mut out,
        "#[cfg(feature = \"hydrate\")]",
        " (in the browser: the messages of the islands' checks)",
        &mut browser.iter(),
    );
    out.push_str("}\n");
    out.push_str("/// The keys [`Strings::get`] finds in the browser.\npub const BROWSER_LOOKUP_KEYS: &[&str] = &[\n");
    for key in &browser {
        out.push_str(&format!("    {key:?},\n"));
    }
    out.push_str("];\n");
    out.push_str("/// The French strings.\npub const FR: Strings = Strings(super::Lang::Fr);\n");
    out.push_str("/// The English strings.\npub const EN: Strings = Strings(super::Lang::En);\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("strings.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
