//! The inline edit of an agenda item in the browser: opening it, saving over the version it
//! started from, and, when someone else saved first, applying this editor's changes on top
//! of theirs or dropping them.

use super::{
    EditorItem, FieldForm,
    editor_state::{CONFLICT_ID, Editor, NOTICE_ID, Notice, edit_button_id, focus_later},
    get_agenda_editor_item, update_agenda_item,
};
use crate::error::AppError;
use leptos::{prelude::*, task::spawn_local};

/// The id prefix of item `id`'s inline form controls.
pub(super) fn edit_prefix(id: i32) -> String {
    format!("agenda-editor-edit-{id}")
}

/// The id of the "Back to those changes" button that row `id` shows before switching.
pub(super) fn switch_back_id(id: i32) -> String {
    format!("agenda-editor-switch-back-{id}")
}

impl Editor {
    /// Opens the inline form of `item`, focus on its title. While another row has unsaved
    /// changes, that row's changes are not dropped silently: `item`'s row asks first.
    pub fn start_edit(self, item: EditorItem) {
        if self.unsaved().is_some_and(|open| open.id != item.id) {
            self.drafts.switch_to.set(Some(item.id));
            focus_later(switch_back_id(item.id));
            return;
        }
        let id = item.id;
        self.open_edit(item);
        focus_later(format!("{}-title_fr", edit_prefix(id)));
    }

    /// Opens the inline form of `item` (closing any other), with its stored draft if there
    /// is one: the draft keeps the version its edit started from, so saving it over a newer
    /// version ends in the conflict view.
    pub(super) fn open_edit(self, item: EditorItem) {
        let (base, fields, restored) = match self.edit_draft(item.id) {
            Some(draft) => (draft.base, draft.fields, true),
            None => (item.clone(), item.fields, false),
        };
        self.edit_form.set(FieldForm::new(fields, self.bounds()));
        self.conflict.set(None);
        self.confirm_delete.set(None);
        self.drafts.switch_to.set(None);
        self.drafts.restored_edit.set(restored);
        self.editing.set(Some(base));
    }

    /// Closes the inline form without saving and forgets its draft; focus back on the
    /// row's Edit button.
    pub fn cancel_edit(self) {
        if let Some(item) = self.editing.get_untracked() {
            self.forget_edit_draft();
            self.editing.set(None);
            self.conflict.set(None);
            focus_later(edit_button_id(item.id));
        }
    }

    /// Saves the inline form over the version it started from.
    pub fn save_edit(self) {
        let Some(base) = self.editing.get_untracked() else {
            return;
        };
        let prefix = edit_prefix(base.id);
        let Some(fields) = self.edit_form.try_update(|f| f.submit()).flatten() else {
            self.focus_first_error(self.edit_form, &prefix);
            return;
        };
        self.busy.set(true);
        spawn_local(async move {
            match update_agenda_item(base.id, base.version, fields).await {
                Ok(saved) => {
                    self.forget_edit_draft();
                    self.editing.set(None);
                    self.conflict.set(None);
                    self.reload().await;
                    focus_later(edit_button_id(base.id));
                    self.notice.set(Some(Notice::Saved {
                        id: base.id,
                        created: false,
                        warnings: saved.warnings,
                    }));
                }
                Err(AppError::Validation(errors)) => {
                    self.edit_form.update(|f| f.server = errors);
                    self.focus_first_error(self.edit_form, &prefix);
                }
                Err(AppError::Conflict) => match get_agenda_editor_item(base.id).await {
                    Ok(current) if !current.removed => {
                        self.conflict.set(Some(current));
                        focus_later(CONFLICT_ID.to_string());
                    }
                    Ok(_) | Err(AppError::NotFound) => self.gone(),
                    Err(error) => {
                        self.failed(error);
                        focus_later(NOTICE_ID.to_string());
                    }
                },
                Err(AppError::NotFound) => self.gone(),
                Err(error) => {
                    self.failed(error);
                    focus_later(NOTICE_ID.to_string());
                }
            }
            self.busy.set(false);
        });
    }

    /// The edited item was deleted meanwhile: close the form and say so.
    fn gone(self) {
        self.forget_edit_draft();
        self.editing.set(None);
        self.conflict.set(None);
        self.notice.set(Some(Notice::Gone));
        spawn_local(async move { self.reload().await });
        focus_later(NOTICE_ID.to_string());
    }

    /// After a conflict: this editor's changed fields over the other person's version, saved
    /// again against that version.
    pub fn apply_mine(self) {
        let (Some(base), Some(theirs)) =
            (self.editing.get_untracked(), self.conflict.get_untracked())
        else {
            return;
        };
        let mine = self.edit_form.with_untracked(|f| f.fields.clone());
        let mut merged = theirs.fields.clone();
        for name in base.fields.differences(&mine) {
            merged.set(name, mine.get(name).to_string());
        }
        self.edit_form.set(FieldForm::new(merged, self.bounds()));
        self.editing.set(Some(theirs));
        self.conflict.set(None);
        self.save_edit();
    }

    /// After a conflict: drops what this editor typed and keeps the other person's version.
    pub fn discard_mine(self) {
        let id = self.editing.get_untracked().map(|i| i.id);
        self.forget_edit_draft();
        self.editing.set(None);
        self.conflict.set(None);
        spawn_local(async move { self.reload().await });
        if let Some(id) = id {
            focus_later(edit_button_id(id));
        }
    }
}
