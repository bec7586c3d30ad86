//! What is typed in the agenda editor survives a reload: the creation form and the inline
//! edit form are kept in the browser's `localStorage` as they are typed, one key per session
//! and form (`ccmex-agenda-draft:{session}:new`, `ccmex-agenda-draft:{session}:{item id}`).
//!
//! The editor's forms are signals rather than plain forms, so this is its own small store
//! rather than [`crate::drafts::DraftKeeper`]. An edit keeps the item as it was when the
//! edit started: saved after a reload, it still names that version, so a change made
//! meanwhile by someone else ends in the usual conflict view instead of being overwritten.
//!
//! Everything here happens in Effects, which run only in the browser after hydration: the
//! server's rendering and the browser's first one stay the same.

use super::{Editor, EditorItem, FieldForm, ItemFields, editor_state::focus_later};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The prefix of every key; the session's number and the form follow.
pub(super) const DRAFT_KEY_PREFIX: &str = "ccmex-agenda-draft:";

/// An inline edit as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct EditDraft {
    /// The item as it was when the edit started (its version is the one a save sends).
    pub base: EditorItem,
    /// What is typed.
    pub fields: ItemFields,
    /// When it was last typed in (milliseconds since 1970): the latest reopens on load.
    #[serde(default)]
    pub saved_at: f64,
}

/// The editor's state about drafts; all empty until the browser restores something.
#[derive(Debug, Clone, Copy)]
pub(super) struct DraftState {
    /// The creation form was filled again from a draft.
    pub restored_new: RwSignal<bool>,
    /// The inline form was filled again from a draft.
    pub restored_edit: RwSignal<bool>,
    /// The row whose Edit was pressed while another row has unsaved changes: it asks first.
    pub switch_to: RwSignal<Option<i32>>,
}

impl DraftState {
    pub fn new() -> Self {
        DraftState {
            restored_new: RwSignal::new(false),
            restored_edit: RwSignal::new(false),
            switch_to: RwSignal::new(None),
        }
    }
}

/// The key of session `session`'s creation form (`None`) or of item `id`'s edit.
fn key(session: i32, id: Option<i32>) -> String {
    match id {
        Some(id) => format!("{DRAFT_KEY_PREFIX}{session}:{id}"),
        None => format!("{DRAFT_KEY_PREFIX}{session}:new"),
    }
}

/// The browser's side; without it (on the server) nothing is stored.
#[cfg(feature = "hydrate")]
mod store {
    use leptos::prelude::window;
    use serde::{Serialize, de::DeserializeOwned};
    use web_sys::Storage;

    fn storage() -> Option<Storage> {
        // Storage may be refused (privacy settings): then there are no drafts.
        window().local_storage().ok().flatten()
    }

    /// The value under `key`; an unreadable one (an older shape) is forgotten.
    pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
        let storage = storage()?;
        let text = storage.get_item(key).ok().flatten()?;
        let value = serde_json::from_str(&text).ok();
        if value.is_none() {
            _ = storage.remove_item(key);
        }
        value
    }

    pub fn save<T: Serialize>(key: &str, value: &T) {
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
            // A full storage only means no draft.
            _ = storage.set_item(key, &text);
        }
    }

    pub fn remove(key: &str) {
        if let Some(storage) = storage() {
            _ = storage.remove_item(key);
        }
    }

    /// Every key that starts with `prefix`.
    pub fn keys(prefix: &str) -> Vec<String> {
        let Some(storage) = storage() else {
            return Vec::new();
        };
        (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }

    pub fn now() -> f64 {
        web_sys::js_sys::Date::now()
    }
}

#[cfg(not(feature = "hydrate"))]
mod store {
    use serde::{Serialize, de::DeserializeOwned};

    pub fn load<T: DeserializeOwned>(_key: &str) -> Option<T> {
        None
    }

    pub fn save<T: Serialize>(_key: &str, _value: &T) {}

    pub fn remove(_key: &str) {}

    pub fn keys(_prefix: &str) -> Vec<String> {
        Vec::new()
    }

    pub fn now() -> f64 {
        0.0
    }
}

impl Editor {
    /// Restores this session's drafts once hydrated, then keeps both forms as typed.
    pub(super) fn keep_drafts(self) {
        Effect::new(move |_| untrack(move || self.restore_drafts()));
        Effect::new(move |_| self.keep_new_draft());
        Effect::new(move |_| self.keep_edit_draft());
    }

    /// Fills the creation form again and reopens the edit typed in last. Drafts of other
    /// items stay stored and come back when their row's Edit is pressed; drafts of items
    /// that no longer exist are dropped.
    fn restore_drafts(self) {
        let session = self.number();
        let new_key = key(session, None);
        if let Some(fields) = store::load::<ItemFields>(&new_key) {
            self.create_form.set(FieldForm::new(fields, self.bounds()));
            self.drafts.restored_new.set(true);
        }
        let prefix = format!("{DRAFT_KEY_PREFIX}{session}:");
        let mut latest: Option<(f64, EditorItem)> = None;
        for stored in store::keys(&prefix).into_iter().filter(|k| *k != new_key) {
            let Some(draft) = store::load::<EditDraft>(&stored) else {
                continue;
            };
            match self.item(draft.base.id).filter(|item| !item.removed) {
                Some(item) if latest.as_ref().is_none_or(|(at, _)| draft.saved_at > *at) => {
                    latest = Some((draft.saved_at, item));
                }
                Some(_) => {}
                None => store::remove(&stored),
            }
        }
        if let Some((_, item)) = latest {
            self.open_edit(item);
        }
    }

    /// Stores the creation form once something was typed in it since it was last reset.
    fn keep_new_draft(self) {
        let typed = self
            .create_form
            .with(|f| (!f.touched.is_empty()).then(|| f.fields.clone()));
        let Some(fields) = typed else {
            return;
        };
        let key = key(self.number(), None);
        if self.view.with_untracked(FieldForm::blank).fields == fields {
            store::remove(&key);
        } else {
            store::save(&key, &fields);
        }
    }

    /// Stores the inline form while it differs from the item it started from.
    fn keep_edit_draft(self) {
        let Some(base) = self.editing.get() else {
            return;
        };
        let fields = self.edit_form.with(|f| f.fields.clone());
        let key = key(self.number(), Some(base.id));
        if fields == base.fields {
            store::remove(&key);
        } else {
            let saved_at = store::now();
            store::save(
                &key,
                &EditDraft {
                    base,
                    fields,
                    saved_at,
                },
            );
        }
    }

    /// The stored edit of item `id`, if any.
    pub(super) fn edit_draft(self, id: i32) -> Option<EditDraft> {
        store::load(&key(self.number(), Some(id)))
    }

    /// The item edited inline, if its form differs from it (changes not saved yet).
    pub(super) fn unsaved(self) -> Option<EditorItem> {
        let base = self.editing.get_untracked()?;
        let fields = self.edit_form.with_untracked(|f| f.fields.clone());
        (fields != base.fields).then_some(base)
    }

    /// Forgets the stored edit of the item edited inline (saved, cancelled or dropped).
    pub(super) fn forget_edit_draft(self) {
        if let Some(item) = self.editing.get_untracked() {
            store::remove(&key(self.number(), Some(item.id)));
        }
        self.drafts.restored_edit.set(false);
    }

    /// Forgets the creation form's draft (the item was added).
    pub(super) fn forget_new_draft(self) {
        store::remove(&key(self.number(), None));
        self.drafts.restored_new.set(false);
    }

    /// Empties the restored creation form and forgets its draft.
    pub(super) fn discard_new_draft(self) {
        self.forget_new_draft();
        self.create_form
            .set(self.view.with_untracked(FieldForm::blank));
        focus_later("agenda-editor-new-day".to_string());
    }
}
