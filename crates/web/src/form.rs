//! Forms described as data and drawn by one template (`form_body.html`), so every form has the
//! same accessible markup: a label per field, hints and errors tied with `aria-describedby`, an
//! error summary linking to each field, values kept after a rejected submission.

use agora_core::{FieldError, ValidationErrors};
use fluent_templates::fluent_bundle::FluentValue;

use crate::ctx::Ctx;

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text,
    Email,
    Password,
    NewPassword,
    Url,
    Date,
    DateTime,
    Number,
    TextArea,
    /// (value, label) pairs.
    Select(Vec<(String, String)>),
    /// One box, its label after it; a ticked box posts `on`, an unticked one posts nothing.
    Checkbox,
    /// One of several (value, label) options, as radio buttons in a fieldset whose legend is
    /// the label: every option stays visible, which a select does not do.
    Radio(Vec<(String, String)>),
    /// Any of several (value, label) options, as checkboxes in a fieldset; each ticked box
    /// posts its value under the same name.
    Checkboxes(Vec<(String, String)>),
    /// A file to upload; a form with one is sent as `multipart/form-data`.
    File,
    /// A value the form carries without showing it (no label is drawn).
    Hidden,
}

impl FieldKind {
    pub fn input_type(&self) -> &'static str {
        match self {
            FieldKind::Email => "email",
            FieldKind::Password | FieldKind::NewPassword => "password",
            FieldKind::Url => "url",
            FieldKind::Date => "date",
            FieldKind::DateTime => "datetime-local",
            FieldKind::Number => "number",
            FieldKind::File => "file",
            _ => "text",
        }
    }

    pub fn is_checkbox(&self) -> bool {
        matches!(self, FieldKind::Checkbox)
    }

    pub fn is_hidden(&self) -> bool {
        matches!(self, FieldKind::Hidden)
    }

    pub fn autocomplete(&self) -> Option<&'static str> {
        match self {
            FieldKind::Email => Some("email"),
            FieldKind::Password => Some("current-password"),
            FieldKind::NewPassword => Some("new-password"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    /// Every value submitted under the name, in order (several for `Checkboxes`).
    pub values: Vec<String>,
    pub required: bool,
    pub hint: Option<String>,
    pub error: Option<String>,
}

impl Field {
    pub fn new(name: impl Into<String>, label: impl Into<String>, kind: FieldKind) -> Self {
        Field {
            name: name.into(),
            label: label.into(),
            kind,
            value: String::new(),
            values: Vec::new(),
            required: false,
            hint: None,
            error: None,
        }
    }

    /// Whether an option of a radio group or checkbox group is chosen, or a box ticked.
    pub fn is_chosen(&self, option: &str) -> bool {
        match self.kind {
            FieldKind::Checkboxes(_) => self.values.iter().any(|v| v == option),
            _ => self.value == option,
        }
    }

    /// Fieldsets group radio buttons and checkboxes under a legend.
    pub fn is_group(&self) -> bool {
        matches!(self.kind, FieldKind::Radio(_) | FieldKind::Checkboxes(_))
    }

    /// The ids of the hint and error paragraphs, for `aria-describedby`.
    pub fn described_by(&self) -> Option<String> {
        let ids: Vec<String> = [
            self.hint.as_ref().map(|_| format!("hint-{}", self.name)),
            self.error.as_ref().map(|_| format!("error-{}", self.name)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A whole form: where it posts, its fields, and the errors of the last attempt.
#[derive(Debug, Clone)]
pub struct FormView {
    pub title: String,
    pub intro: Option<String>,
    pub action: String,
    pub submit: String,
    pub fields: Vec<Field>,
    /// (field name, message) pairs for the error summary.
    pub errors: Vec<(String, String)>,
}

impl FormView {
    pub fn new(ctx: &Ctx, title_id: &str, action: impl Into<String>, submit_id: &str) -> Self {
        FormView {
            title: ctx.t(title_id),
            intro: None,
            action: action.into(),
            submit: ctx.t(submit_id),
            fields: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Adds a field labelled by the Fluent message `field-<name>`, with hint `hint-<name>` when
    /// one exists.
    pub fn field(self, ctx: &Ctx, name: &str, kind: FieldKind, required: bool) -> Self {
        let label_id = format!("field-{name}");
        self.field_labelled(ctx, name, &label_id, kind, required)
    }

    /// Like [`FormView::field`], labelled by the message `label_id`: for a name whose usual
    /// label would mislead here (the `kind` of a question is not the kind of a phase).
    pub fn field_labelled(
        mut self,
        ctx: &Ctx,
        name: &str,
        label_id: &str,
        kind: FieldKind,
        required: bool,
    ) -> Self {
        let hint_id = format!("hint-{name}");
        self.fields.push(Field {
            required,
            hint: ctx.lang.has(&hint_id).then(|| ctx.t(&hint_id)),
            ..Field::new(name, ctx.t(label_id), kind)
        });
        self
    }

    /// Fills the fields from submitted (name, value) pairs. A form posts nothing for an
    /// unticked box, so boxes and checkbox groups take exactly what the pairs say (absent:
    /// unticked); other fields absent from the pairs keep their value.
    pub fn with_values(mut self, values: &[(String, String)]) -> Self {
        for field in &mut self.fields {
            if matches!(field.kind, FieldKind::Password | FieldKind::NewPassword) {
                continue;
            }
            let given: Vec<String> = values
                .iter()
                .filter(|(name, _)| *name == field.name)
                .map(|(_, value)| value.clone())
                .collect();
            if given.is_empty()
                && !matches!(field.kind, FieldKind::Checkbox | FieldKind::Checkboxes(_))
            {
                continue;
            }
            field.value = given.first().cloned().unwrap_or_default();
            field.values = given;
        }
        self
    }

    /// How the browser encodes the form: `multipart/form-data` when it sends a file.
    pub fn enctype(&self) -> &'static str {
        if self
            .fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::File))
        {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        }
    }

    /// Attaches a message that no rule code says (a file that cannot be read, and why) to the
    /// field `name` and to the summary.
    pub fn with_message(mut self, name: &str, message: String) -> Self {
        if let Some(field) = self.fields.iter_mut().find(|f| f.name == name) {
            field.error.get_or_insert_with(|| message.clone());
        }
        let label = self.label_of(name);
        self.errors
            .push((name.to_owned(), format!("{label}: {message}")));
        self
    }

    /// Attaches localised messages to their fields and to the summary.
    pub fn with_errors(mut self, ctx: &Ctx, errors: &ValidationErrors) -> Self {
        for error in &errors.0 {
            let message = format!(
                "{}: {}",
                self.label_of(&error.field),
                error_message(ctx, error)
            );
            if let Some(field) = self.fields.iter_mut().find(|f| f.name == error.field) {
                field.error.get_or_insert_with(|| error_message(ctx, error));
            }
            self.errors.push((error.field.clone(), message));
        }
        self
    }

    fn label_of(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map_or_else(|| name.to_owned(), |f| f.label.clone())
    }
}

/// A validation error in the user's language (`error-<code>`, with `max`/`min` when the rule
/// has a limit).
pub fn error_message(ctx: &Ctx, error: &FieldError) -> String {
    let id = format!("error-{}", error.code.name());
    match error.code.limit() {
        Some(limit) => ctx
            .lang
            .t_args(&id, &[("limit", FluentValue::from(limit as u64))]),
        None => ctx.t(&id),
    }
}
