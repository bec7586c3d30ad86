//! Forms that work with JavaScript off.
//!
//! Every form is a plain `<form method="post">` to its own page's address. The server's
//! handler validates and writes through the same service a server function would call; on
//! success it redirects (303), on failure it renders the page again with a [`PostedForm`]
//! in context, so the errors show beside the fields and nothing typed is lost (passwords
//! excepted). The posted form is carried to the browser with the page, so hydration sees
//! the same values.

use crate::{
    error::{AppError, FieldError},
    i18n::{Lang, use_lang},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `next` if it is a path on this site, else `fallback`: never an open redirect.
pub fn local_path<'a>(next: &'a str, fallback: &'a str) -> &'a str {
    LocalPath::parse(next).map_or(fallback, LocalPath::as_str)
}

/// Characters that some browser, proxy or server may read as `/` or `\\`: a target
/// holding one is refused rather than trusted to be read as a plain path.
const SLASH_LOOK_ALIKES: [char; 9] = [
    '\u{2044}', // FRACTION SLASH
    '\u{2215}', // DIVISION SLASH
    '\u{29F8}', // BIG SOLIDUS
    '\u{FF0F}', // FULLWIDTH SOLIDUS
    '\u{2216}', // SET MINUS
    '\u{29F5}', // REVERSE SOLIDUS OPERATOR
    '\u{29F9}', // BIG REVERSE SOLIDUS
    '\u{FE68}', // SMALL REVERSE SOLIDUS
    '\u{FF3C}', // FULLWIDTH REVERSE SOLIDUS
];

/// How many layers of percent-encoding are looked through (`%252F` is two); a target still
/// encoded deeper is refused.
const DECODING_DEPTH: usize = 4;

/// A redirect target that is a path on this site: no scheme, no host, nothing a browser
/// would strip or reinterpret into one (browsers drop TABs and newlines inside URLs and read
/// `\\` as `/`, so `/\t/evil.example` becomes `//evil.example`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalPath<'a>(&'a str);

impl<'a> LocalPath<'a> {
    /// `target` if it is a local path: printable ASCII only (no control character, no
    /// space, no raw Unicode), a valid request target starting with exactly one `/`, no
    /// backslash; and the same holds, bar the ASCII rule, for every percent-decoded form of
    /// it, with no slash look-alike in any of them.
    pub fn parse(target: &'a str) -> Option<Self> {
        let printable = !target.is_empty() && target.bytes().all(|b| b.is_ascii_graphic());
        if !printable || !is_plain_path(target) {
            return None;
        }
        let without_fragment = target.split('#').next().unwrap_or_default();
        http::uri::PathAndQuery::try_from(without_fragment).ok()?;
        let mut layer = target.to_string();
        for _ in 0..DECODING_DEPTH {
            let decoded = percent_decode(&layer);
            if decoded == layer {
                return Some(LocalPath(target));
            }
            if !is_plain_path(&decoded) {
                return None;
            }
            layer = decoded;
        }
        None
    }

    /// The path, as given.
    pub fn as_str(self) -> &'a str {
        self.0
    }
}

/// Starts with exactly one `/`; no backslash, control character or slash look-alike.
fn is_plain_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_control() || SLASH_LOOK_ALIKES.contains(&c))
}

/// `text` with its `%XX` escapes decoded (invalid UTF-8 becomes U+FFFD; a `%` not followed
/// by two hex digits stays as it is).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A submitted form's fields, by name (the last value wins for a repeated name).
pub type Fields = BTreeMap<String, String>;

/// Fields from `(name, value)` pairs (tests and tools build forms this way).
pub fn fields_of(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// The value posted for `name`, or `""`.
pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.get(name).map(String::as_str).unwrap_or("")
}

/// Whether the checkbox `name` was ticked (browsers post `on`; `true` is accepted too).
pub fn checked(fields: &Fields, name: &str) -> bool {
    matches!(field(fields, name), "on" | "true")
}

/// A submitted form the server answers by rendering its page again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostedForm {
    /// The form's action (its page's path), so only that form picks it up.
    pub action: String,
    /// What was typed, by field name (never passwords).
    pub values: Fields,
    /// Why the submission was refused.
    pub error: Option<AppError>,
}

impl PostedForm {
    /// The value typed in `field`, or `""`.
    pub fn value(&self, name: &str) -> String {
        field(&self.values, name).to_string()
    }

    /// Whether `field` was checked (checkboxes post `on` or `true`).
    pub fn checked(&self, name: &str) -> bool {
        checked(&self.values, name)
    }

    /// The translated message for `field`, if it was refused.
    pub fn field_error(&self, field: &str, lang: Lang) -> Option<&'static str> {
        self.field_errors()
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message(lang))
    }

    fn field_errors(&self) -> &[FieldError] {
        match &self.error {
            Some(AppError::Validation(errors)) => errors,
            _ => &[],
        }
    }
}

/// The posted form for the form whose action is `action` (empty if the page was not the
/// answer to that form). Call once per form, in the same order on server and browser.
pub fn use_posted_form(action: &str) -> PostedForm {
    let action = action.to_string();
    use_posted_form_where(move |posted| posted == action)
}

/// The posted form whose action satisfies `wanted` (for a page with one form per row, such
/// as a moderation list: each row then checks the action is its own). Same rules as
/// [`use_posted_form`].
pub fn use_posted_form_where(wanted: impl Fn(&str) -> bool + 'static) -> PostedForm {
    SharedValue::new(move || {
        use_context::<PostedForm>()
            .filter(|form| wanted(&form.action))
            .unwrap_or_default()
    })
    .into_inner()
}

/// The summary at the top of a refused form: the general message and a link to each field
/// in error, announced to screen readers.
#[component]
pub fn FormErrors(form: PostedForm) -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    form.error.clone().map(|error| {
        let fields = form
            .field_errors()
            .iter()
            .map(|e| {
                let href = format!("#field-{}", e.field);
                view! { <li><a href=href>{e.message(lang)}</a></li> }
            })
            .collect_view();
        view! {
            <div class="notice notice-error" role="alert" id="form-errors" tabindex="-1">
                <p class="notice-title">{t.error_heading()}</p>
                <p>{error.message(lang)}</p>
                <ul>{fields}</ul>
            </div>
        }
    })
}

/// What a text field or text area shows: its id, its value, its error, and the ids that tie
/// the hint and the error to it for screen readers.
struct FieldParts {
    id: String,
    value: String,
    error: Option<&'static str>,
    hint_id: Option<String>,
    error_id: Option<String>,
    described_by: Option<String>,
}

impl FieldParts {
    fn new(
        form: &PostedForm,
        name: &str,
        id: Option<String>,
        initial: Option<String>,
        has_hint: bool,
    ) -> Self {
        let id = id.unwrap_or_else(|| format!("field-{name}"));
        let error = form.field_error(name, use_lang());
        let value = if form.action.is_empty() {
            initial.unwrap_or_default()
        } else {
            form.value(name)
        };
        let hint_id = has_hint.then(|| format!("{id}-hint"));
        let error_id = error.map(|_| format!("{id}-error"));
        let described_by = [hint_id.clone(), error_id.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        FieldParts {
            id,
            value,
            error,
            hint_id,
            error_id,
            described_by: (!described_by.is_empty()).then_some(described_by),
        }
    }

    /// The label, the hint and the error, above the control.
    fn notes(&self, label: &'static str, hint: Option<&'static str>) -> impl IntoView + use<> {
        let hint_id = self.hint_id.clone();
        let error_id = self.error_id.clone();
        view! {
            <label for=self.id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {self.error.map(|error| view! { <p class="field-error" id=error_id>{error}</p> })}
        }
    }
}

/// A labelled input with its hint and error message tied to it for screen readers.
#[component]
pub fn TextField(
    /// The visible label.
    label: &'static str,
    /// The field's `name`.
    name: &'static str,
    /// The posted form, for the value typed and the error.
    form: PostedForm,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Whether the field must be filled.
    #[prop(default = false)]
    required: bool,
    /// The value shown when the form was not posted.
    #[prop(optional, into)]
    initial: Option<String>,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The longest value accepted.
    #[prop(optional)]
    maxlength: Option<usize>,
    /// The element id, where a page has several fields of this name (`field-<name>` else).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let mut parts = FieldParts::new(&form, name, id, initial, hint.is_some());
    if kind == "password" {
        parts.value.clear();
    }
    view! {
        <div class="field" class:field-invalid=parts.error.is_some()>
            {parts.notes(label, hint)}
            <input
                id=parts.id
                name=name
                type=kind
                value=parts.value
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                aria-invalid=parts.error.map(|_| "true")
                aria-describedby=parts.described_by
            />
        </div>
    }
}

/// `value` ready to be a `<textarea>`'s content. Leptos' server renderer writes a textarea's
/// children unescaped (tachys 0.2 marks it raw text), so typed text containing
/// `</textarea>` would break out of the field: the server escapes it here. In the browser
/// the text is set as a DOM text node, which needs no escaping.
pub fn textarea_text(value: String) -> String {
    if cfg!(feature = "ssr") {
        value
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        value
    }
}

/// A labelled multi-line text field with its hint and error tied to it for screen readers.
#[component]
pub fn TextArea(
    /// The visible label.
    label: &'static str,
    /// The field's `name`.
    name: &'static str,
    /// The posted form, for the value typed and the error.
    form: PostedForm,
    /// Whether the field must be filled.
    #[prop(default = false)]
    required: bool,
    /// The value shown when the form was not posted.
    #[prop(optional, into)]
    initial: Option<String>,
    /// Help shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The longest value accepted.
    #[prop(optional)]
    maxlength: Option<usize>,
    /// Visible lines.
    #[prop(default = 6)]
    rows: u32,
    /// The element id, where a page has several fields of this name (`field-<name>` else).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let parts = FieldParts::new(&form, name, id, initial, hint.is_some());
    view! {
        <div class="field" class:field-invalid=parts.error.is_some()>
            {parts.notes(label, hint)}
            <textarea
                id=parts.id
                name=name
                rows=rows
                required=required
                maxlength=maxlength
                aria-invalid=parts.error.map(|_| "true")
                aria-describedby=parts.described_by
            >{textarea_text(parts.value)}</textarea>
        </div>
    }
}

/// The `(value, text)` choices of a [`SelectField`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices(pub Vec<(String, String)>);

impl From<Vec<(&'static str, &'static str)>> for Choices {
    fn from(pairs: Vec<(&'static str, &'static str)>) -> Self {
        Choices(
            pairs
                .into_iter()
                .map(|(value, text)| (value.to_string(), text.to_string()))
                .collect(),
        )
    }
}

impl From<Vec<(String, String)>> for Choices {
    fn from(pairs: Vec<(String, String)>) -> Self {
        Choices(pairs)
    }
}

/// A labelled select list with an empty first choice and the field's error.
#[component]
pub fn SelectField(
    /// The field's `name` (its id is `field-<name>`).
    name: &'static str,
    /// The visible label.
    label: &'static str,
    /// The posted form, for the choice made and the error.
    form: PostedForm,
    /// Whether a choice is required (otherwise the label says optional).
    required: bool,
    /// `(value, text)` of each choice: fixed lists or data read at run time.
    #[prop(into)]
    options: Choices,
    /// The value chosen when the form was not posted.
    #[prop(optional, into)]
    initial: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let id = format!("field-{name}");
    let chosen = if form.action.is_empty() {
        initial.unwrap_or_default()
    } else {
        form.value(name)
    };
    let error = form.field_error(name, lang);
    let error_id = format!("{id}-error");
    let options = options
        .0
        .into_iter()
        .map(|(value, text)| {
            let selected = chosen == value;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=id.clone()>{label}{(!required).then_some(t.optional_suffix())}</label>
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <select id=id name=name required=required aria-invalid=error.map(|_| "true")
                aria-describedby=error.map(|_| error_id.clone())>
                <option value="">{t.choose()}</option>
                {options}
            </select>
        </div>
    }
}

/// A labelled `<select>` of a list's GET filter form, with an "any" first choice: `chosen`
/// is the value in the query, if any.
pub fn filter_choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    chosen: Option<String>,
) -> impl IntoView {
    let chosen = chosen.unwrap_or_default();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {options}
            </select>
        </div>
    }
}

/// A checkbox with its label.
#[component]
pub fn CheckField(
    /// The visible label.
    label: &'static str,
    /// The field's `name`.
    name: &'static str,
    /// The posted form.
    form: PostedForm,
    /// Whether it is checked when the form was not posted.
    #[prop(default = false)]
    initial: bool,
) -> impl IntoView {
    let checked = if form.action.is_empty() {
        initial
    } else {
        form.checked(name)
    };
    let id = format!("field-{name}");
    view! {
        <div class="field field-check">
            <input id=id.clone() name=name type="checkbox" checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

/// A notice after a successful action, named by a translation key in the `ok` query
/// parameter (unknown keys show nothing).
#[component]
pub fn SuccessNotice() -> impl IntoView {
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    move || {
        let key = query.with(|q| q.get("ok"))?;
        let message = lang.strings().get(&format!("ok_{key}"))?;
        Some(view! { <div class="notice notice-success" role="status"><p>{message}</p></div> })
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn an_open_redirect_through_controls_backslashes_or_slash_look_alikes_falls_back_home() {
        let hostile = [
            "/\t/evil.example",
            "\t//evil.example",
            "/%09/evil.example",
            "%2F%09%2Fevil.example",
            "/\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "https://evil.example/",
            "https:evil.example",
            "javascript:alert(1)",
            "//evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            "/%252F/evil.example",
            "/\u{2215}/evil.example",
            "/\u{FF0F}evil.example",
            "/%E2%88%95/evil.example",
            "/%EF%BC%8Fevil.example",
            "/\r\n/evil.example",
            "/a\r\nSet-Cookie: x=1",
            "/%0D%0ALocation:%20//evil.example",
            "/\u{0}/evil.example",
            "/%00/evil.example",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            " /evil.example",
            "/ /evil.example",
            "evil.example",
            "",
            "/%25252F%25252Fevil.example",
        ];
        for target in hostile {
            assert_eq!(local_path(target, "/espace"), "/espace", "{target:?}");
        }
    }

    #[test]
    fn local_paths_with_queries_and_encoded_text_are_followed() {
        for target in [
            "/",
            "/espace/demandes?statut=submitted&page=2",
            "/recherche?q=%C3%A9cole%2Fsant%C3%A9",
            "/agenda#jour-2",
            "/espace/journal?acteur=a%25b",
        ] {
            assert_eq!(local_path(target, "/espace"), target, "{target:?}");
        }
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/agenda?jour=2", "/"), "/agenda?jour=2");
        assert_eq!(local_path("https://evil.example/", "/"), "/");
        assert_eq!(local_path("//evil.example/", "/espace"), "/espace");
        assert_eq!(local_path("/\\evil.example", "/"), "/");
        assert_eq!(local_path("/a\r\nSet-Cookie: x", "/"), "/");
        assert_eq!(local_path("", "/"), "/");
    }
}
