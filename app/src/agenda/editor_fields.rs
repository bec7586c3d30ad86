//! The state of an agenda item form in the browser: what is typed, which fields were
//! touched, and the server's last answer. Errors come from the same [`ItemInput::parse`] as
//! the server's, shown as each field is typed in, and all of them once sending was tried.

use super::{EditorItem, EditorView, ItemFields, ItemInput};
use crate::error::{AppError, FieldError};

/// A form's state: what is typed, which fields were touched, and the server's last answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FieldForm {
    /// What is typed.
    pub fields: ItemFields,
    /// The session's first and last days, which bound the day.
    pub bounds: (String, String),
    /// Fields typed in (their errors show as they are typed).
    pub touched: Vec<&'static str>,
    /// Whether sending was tried (every error shows).
    pub submitted: bool,
    /// The server's errors, each until its field is typed in again.
    pub server: Vec<FieldError>,
}

impl FieldForm {
    /// A form showing `fields`.
    pub fn new(fields: ItemFields, bounds: (String, String)) -> Self {
        FieldForm {
            fields,
            bounds,
            ..FieldForm::default()
        }
    }

    /// An empty creation form on the session's first day.
    pub fn blank(view: &EditorView) -> Self {
        let bounds = view.bounds();
        let fields = ItemFields {
            day: bounds.0.clone(),
            ..ItemFields::default()
        };
        FieldForm::new(fields, bounds)
    }

    /// The creation form after `created` was added from `typed`: same day and kind, starting
    /// when it ends, ready for the next item.
    pub fn after(&self, created: &EditorItem) -> Self {
        let fields = ItemFields {
            day: created.fields.day.clone(),
            start: created.fields.end.clone(),
            kind: created.fields.kind.clone(),
            ..ItemFields::default()
        };
        FieldForm::new(fields, self.bounds.clone())
    }

    /// The browser's check of every field.
    fn check(&self) -> Vec<FieldError> {
        match ItemInput::parse(&self.fields, &self.bounds.0, &self.bounds.1) {
            Err(AppError::Validation(errors)) => errors,
            _ => Vec::new(),
        }
    }

    /// The message key of the error to show beside field `name`, if any.
    pub fn error(&self, name: &str) -> Option<String> {
        if let Some(error) = self.server.iter().find(|e| e.field == name) {
            return Some(error.code.clone());
        }
        if !self.submitted && !self.touched.contains(&name) {
            return None;
        }
        self.check()
            .into_iter()
            .find(|e| e.field == name)
            .map(|e| e.code)
    }

    /// The first field, in form order, that shows an error.
    pub fn first_error(&self) -> Option<&'static str> {
        ItemFields::NAMES
            .into_iter()
            .find(|name| self.error(name).is_some())
    }

    /// Records what was typed in `name`.
    pub fn type_in(&mut self, name: &'static str, value: String) {
        self.fields.set(name, value);
        if !self.touched.contains(&name) {
            self.touched.push(name);
        }
        self.server.retain(|e| e.field != name);
    }

    /// Tries to send: every error shows from now on; the fields if the browser finds none.
    pub fn submit(&mut self) -> Option<ItemFields> {
        self.submitted = true;
        self.server.clear();
        self.check().is_empty().then(|| self.fields.clone())
    }
}
