//! The agenda editor's state in the browser and what its buttons do: each action calls a
//! server function, then reloads the draft, says what happened and puts the focus back where
//! the person was working.

use super::{
    EditorItem, EditorView, FieldForm, ItemStatus, MoveDirection, Warning, create_agenda_item,
    delete_agenda_item, duplicate_agenda_item, editor_drafts::DraftState, get_agenda_editor,
    move_agenda_item, publish_agenda, restore_agenda_item, set_agenda_item_status,
};
use crate::{
    error::AppError,
    i18n::{Lang, fill},
};
use leptos::{prelude::*, task::spawn_local};

/// What the editor last tells the person (above the list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Notice {
    /// The draft was published: how many items.
    Published(u32),
    /// An item was saved (`created`: a new one), with its clashes.
    Saved {
        id: i32,
        created: bool,
        warnings: Vec<Warning>,
    },
    /// An item was deleted (`public`: it stays public until the next publication).
    Deleted { public: bool },
    /// An item's deletion was taken back.
    Restored { title: String },
    /// A status changed.
    Status { title: String, status: ItemStatus },
    /// Someone else changed the item first; the list now shows their version.
    Stale,
    /// The item no longer exists.
    Gone,
    /// Anything else that went wrong.
    Failed(AppError),
}

/// The editor's state; cheap to copy into every handler.
#[derive(Debug, Clone, Copy)]
pub(super) struct Editor {
    pub lang: Lang,
    /// The draft as last loaded.
    pub view: RwSignal<EditorView>,
    /// The item edited inline, as it was when editing started (its version is sent back).
    pub editing: RwSignal<Option<EditorItem>>,
    /// What is typed in the inline form.
    pub edit_form: RwSignal<FieldForm>,
    /// After a refused save: the item as someone else left it.
    pub conflict: RwSignal<Option<EditorItem>>,
    /// What is typed in the creation form.
    pub create_form: RwSignal<FieldForm>,
    /// The item whose deletion waits for confirmation.
    pub confirm_delete: RwSignal<Option<i32>>,
    /// The last message.
    pub notice: RwSignal<Option<Notice>>,
    /// What the `aria-live` region says (moves).
    pub announcement: RwSignal<String>,
    /// A request is under way (buttons wait).
    pub busy: RwSignal<bool>,
    /// The item being dragged.
    pub dragged: RwSignal<Option<i32>>,
    /// What was restored from the browser's drafts.
    pub drafts: DraftState,
}

/// Ids of the elements the focus goes back to.
pub(super) fn handle_id(id: i32) -> String {
    format!("agenda-editor-handle-{id}")
}

pub(super) fn edit_button_id(id: i32) -> String {
    format!("agenda-editor-edit-{id}")
}

pub(super) fn delete_button_id(id: i32) -> String {
    format!("agenda-editor-delete-{id}")
}

pub(super) const NOTICE_ID: &str = "agenda-editor-notice";
pub(super) const CONFLICT_ID: &str = "agenda-editor-conflict";

/// Moves the focus to element `id` once the page has drawn the latest change.
pub(super) fn focus_later(id: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use web_sys::wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

impl Editor {
    pub fn new(lang: Lang, view: EditorView) -> Self {
        let create_form = FieldForm::blank(&view);
        Editor {
            lang,
            view: RwSignal::new(view),
            editing: RwSignal::new(None),
            edit_form: RwSignal::new(FieldForm::default()),
            conflict: RwSignal::new(None),
            create_form: RwSignal::new(create_form),
            confirm_delete: RwSignal::new(None),
            notice: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            dragged: RwSignal::new(None),
            drafts: DraftState::new(),
        }
    }

    /// The session's first and last days.
    pub fn bounds(self) -> (String, String) {
        self.view.with_untracked(EditorView::bounds)
    }

    pub(super) fn number(self) -> i32 {
        self.view.with_untracked(|v| v.session.number)
    }

    /// The item `id` as last loaded.
    pub fn item(self, id: i32) -> Option<EditorItem> {
        self.view
            .with_untracked(|v| v.items.iter().find(|i| i.id == id).cloned())
    }

    /// Loads the draft again.
    pub async fn reload(self) {
        match get_agenda_editor(Some(self.number())).await {
            Ok(Some(view)) => self.view.set(view),
            Ok(None) => {}
            Err(error) => self.notice.set(Some(Notice::Failed(error))),
        }
    }

    /// Runs `action` (one request), then reloads. On success `then` says what happened and
    /// names the element that gets the focus; a refused version or a vanished item is said
    /// plainly, and the reloaded list shows the item as it now is.
    fn run<T: 'static>(
        self,
        action: impl Future<Output = Result<T, AppError>> + 'static,
        then: impl FnOnce(Editor, T) -> String + 'static,
    ) {
        self.busy.set(true);
        spawn_local(async move {
            let result = action.await;
            self.reload().await;
            let focus = match result {
                Ok(value) => then(self, value),
                Err(error) => {
                    self.failed(error);
                    NOTICE_ID.to_string()
                }
            };
            focus_later(focus);
            self.busy.set(false);
        });
    }

    /// Says why an action was refused.
    pub(super) fn failed(self, error: AppError) {
        self.notice.set(Some(match error {
            AppError::Conflict => Notice::Stale,
            AppError::NotFound => Notice::Gone,
            error => Notice::Failed(error),
        }));
    }

    /// Sends the creation form (if the browser's check passes).
    pub fn create(self) {
        let Some(fields) = self.create_form.try_update(|f| f.submit()).flatten() else {
            self.focus_first_error(self.create_form, "agenda-editor-new");
            return;
        };
        let number = self.number();
        self.busy.set(true);
        spawn_local(async move {
            match create_agenda_item(number, fields).await {
                Ok(saved) => {
                    self.forget_new_draft();
                    self.create_form.update(|f| *f = f.after(&saved.item));
                    self.reload().await;
                    focus_later(handle_id(saved.item.id));
                    self.notice.set(Some(Notice::Saved {
                        id: saved.item.id,
                        created: true,
                        warnings: saved.warnings,
                    }));
                }
                Err(AppError::Validation(errors)) => {
                    self.create_form.update(|f| f.server = errors);
                    self.focus_first_error(self.create_form, "agenda-editor-new");
                }
                Err(error) => {
                    self.failed(error);
                    focus_later(NOTICE_ID.to_string());
                }
            }
            self.busy.set(false);
        });
    }

    /// Deletes `item` (after its inline confirmation).
    pub fn delete(self, item: EditorItem) {
        self.confirm_delete.set(None);
        let public = item.public;
        self.run(delete_agenda_item(item.id, item.version), move |ed, ()| {
            ed.notice.set(Some(Notice::Deleted { public }));
            NOTICE_ID.to_string()
        });
    }

    /// Takes back `item`'s deletion (before the next publication).
    pub fn restore(self, item: EditorItem) {
        let (id, title) = (item.id, item.fields.title_fr.clone());
        self.run(restore_agenda_item(id, item.version), move |ed, _| {
            ed.notice.set(Some(Notice::Restored { title }));
            handle_id(id)
        });
    }

    /// Copies `item` right after itself.
    pub fn duplicate(self, item: EditorItem) {
        self.run(duplicate_agenda_item(item.id), |ed, saved| {
            ed.notice.set(Some(Notice::Saved {
                id: saved.item.id,
                created: true,
                warnings: saved.warnings,
            }));
            handle_id(saved.item.id)
        });
    }

    /// Sets `item`'s status (public at once when the item is public).
    pub fn set_status(self, item: EditorItem, status: ItemStatus) {
        let (id, title) = (item.id, item.fields.title_fr.clone());
        self.run(
            set_agenda_item_status(item.id, item.version, status),
            move |ed, _| {
                ed.notice.set(Some(Notice::Status { title, status }));
                handle_id(id)
            },
        );
    }

    /// Publishes the draft.
    pub fn publish(self) {
        let number = self.number();
        self.run(publish_agenda(number), |ed, count| {
            ed.notice.set(Some(Notice::Published(count)));
            NOTICE_ID.to_string()
        });
    }

    /// Moves item `id` by `steps` places within its day (negative: earlier), one neighbour
    /// at a time; then announces its new place and keeps the focus on its handle.
    pub fn move_by(self, id: i32, steps: i32) {
        let Some(mut version) = self.item(id).map(|i| i.version) else {
            return;
        };
        let direction = if steps < 0 {
            MoveDirection::Up
        } else {
            MoveDirection::Down
        };
        self.busy.set(true);
        spawn_local(async move {
            let mut failure = None;
            for _ in 0..steps.unsigned_abs() {
                match move_agenda_item(id, version, direction).await {
                    Ok(item) => version = item.version,
                    Err(error) => {
                        failure = Some(error);
                        break;
                    }
                }
            }
            self.reload().await;
            match failure {
                None => self.announce_place(id),
                Some(error) => self.failed(error),
            }
            focus_later(handle_id(id));
            self.busy.set(false);
        });
    }

    /// "«title» moved to position n of m" (within its day), for screen readers.
    fn announce_place(self, id: i32) {
        let t = self.lang.strings();
        let text = self.view.with_untracked(|v| {
            let item = v.items.iter().find(|i| i.id == id)?;
            let day: Vec<&EditorItem> = v
                .items
                .iter()
                .filter(|i| !i.removed && i.fields.day == item.fields.day)
                .collect();
            let position = day.iter().position(|i| i.id == id)? + 1;
            let text = fill(t.agenda_editor_moved(), "title", &item.fields.title_fr);
            let text = fill(&text, "position", &position.to_string());
            Some(fill(&text, "count", &day.len().to_string()))
        });
        self.announcement.set(text.unwrap_or_default());
    }

    pub(super) fn focus_first_error(self, form: RwSignal<FieldForm>, prefix: &str) {
        if let Some(name) = form.with_untracked(FieldForm::first_error) {
            focus_later(format!("{prefix}-{name}"));
        }
    }
}
