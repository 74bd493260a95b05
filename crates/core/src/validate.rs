//! Validation errors that name the field and the rule, never a sentence: the web layer turns
//! each code into a message in the user's language (Fluent id `error-<code>`).

use std::fmt;

/// What was wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum ErrorCode {
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    TooManyWords {
        max: usize,
    },
    InvalidCountry,
    InvalidRegion,
    InvalidLanguage,
    InvalidTimeZone,
    InvalidEmail,
    InvalidSlug,
    InvalidUrl,
    InvalidDate,
    InvalidInstant,
    /// A time of day that is not HH:MM.
    InvalidTime,
    InvalidNumber,
    InvalidChoice,
    UnknownStakeholderGroup,
    EndBeforeStart,
    /// An instant outside the window that applies (a consultation's opening and closing).
    OutsideWindow,
    Duplicate,
    NotFound,
}

impl ErrorCode {
    /// The stable, kebab-case name of the rule; also the suffix of its Fluent message id.
    pub fn name(&self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::TooLong { .. } => "too-long",
            ErrorCode::TooShort { .. } => "too-short",
            ErrorCode::TooManyWords { .. } => "too-many-words",
            ErrorCode::InvalidCountry => "invalid-country",
            ErrorCode::InvalidRegion => "invalid-region",
            ErrorCode::InvalidLanguage => "invalid-language",
            ErrorCode::InvalidTimeZone => "invalid-time-zone",
            ErrorCode::InvalidEmail => "invalid-email",
            ErrorCode::InvalidSlug => "invalid-slug",
            ErrorCode::InvalidUrl => "invalid-url",
            ErrorCode::InvalidDate => "invalid-date",
            ErrorCode::InvalidInstant => "invalid-instant",
            ErrorCode::InvalidTime => "invalid-time",
            ErrorCode::InvalidNumber => "invalid-number",
            ErrorCode::InvalidChoice => "invalid-choice",
            ErrorCode::UnknownStakeholderGroup => "unknown-stakeholder-group",
            ErrorCode::EndBeforeStart => "end-before-start",
            ErrorCode::OutsideWindow => "outside-window",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::NotFound => "not-found",
        }
    }

    /// The numeric limit the rule carries, if any (`max`/`min`), for message arguments.
    pub fn limit(&self) -> Option<usize> {
        match self {
            ErrorCode::TooLong { max } | ErrorCode::TooManyWords { max } => Some(*max),
            ErrorCode::TooShort { min } => Some(*min),
            _ => None,
        }
    }
}

/// One rejected field: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub code: ErrorCode,
}

/// Every problem found in one input, so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: impl Into<String>, code: ErrorCode) -> Self {
        let mut errors = Self::new();
        errors.push(field, code);
        errors
    }

    pub fn push(&mut self, field: impl Into<String>, code: ErrorCode) {
        self.0.push(FieldError {
            field: field.into(),
            code,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was pushed, so validators end with `errors.finish(value)`.
    pub fn finish<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// Validates a required, trimmed, bounded text field and returns it (NFC is left to
    /// the input layer: browsers and JSON clients already send composed text).
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.push(field, ErrorCode::Required);
        } else if value.chars().count() > max {
            self.push(field, ErrorCode::TooLong { max });
        }
        value.to_owned()
    }

    /// Like [`ValidationErrors::text`] but an empty value is allowed and gives `None`.
    pub fn optional_text(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if value.chars().count() > max {
            self.push(field, ErrorCode::TooLong { max });
        }
        Some(value.to_owned())
    }

    /// An optional range of days (`YYYY-MM-DD`) in the fields `from` and `to`, `to` included:
    /// each named if it is not a date, `to` if it ends before `from`.
    pub fn date_range(
        &mut self,
        from: &str,
        to: &str,
    ) -> (Option<jiff::civil::Date>, Option<jiff::civil::Date>) {
        let mut date = |field: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            let parsed = value.parse::<jiff::civil::Date>().ok();
            if parsed.is_none() {
                self.push(field, ErrorCode::InvalidDate);
            }
            parsed
        };
        let from = date("from", from);
        let to = date("to", to);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            self.push("to", ErrorCode::EndBeforeStart);
        }
        (from, to)
    }

    /// An optional absolute http(s) URL.
    pub fn optional_url(&mut self, field: &str, value: &str) -> Option<String> {
        let url = self.optional_text(field, value, 2000)?;
        let valid = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() > "https://".len()
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>');
        if !valid {
            self.push(field, ErrorCode::InvalidUrl);
        }
        Some(url)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.code.name()))
            .collect();
        write!(f, "invalid input ({})", parts.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

/// A URL path segment: lowercase ASCII letters, digits and single hyphens.
pub fn is_slug(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 80
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Makes a slug from a title: ASCII letters and digits kept, everything else a hyphen.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.truncate(80);
    slug.trim_end_matches('-').to_owned()
}

/// A BCP 47 tag in the simple form Agora uses: a 2–3 letter language, optional subtags.
pub fn is_language_tag(value: &str) -> bool {
    let mut parts = value.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("wgec-2013"));
        assert!(!is_slug("WGEC"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert_eq!(slugify("IGF 2013 — Bali!"), "igf-2013-bali");
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("fr"));
        assert!(is_language_tag("zh-Hans"));
        assert!(!is_language_tag("French"));
        assert!(!is_language_tag(""));
    }

    #[test]
    fn text_rules_collect_every_problem() {
        let mut errors = ValidationErrors::new();
        assert_eq!(errors.text("name", "  Peter Major ", 80), "Peter Major");
        errors.text("title", "   ", 80);
        errors.text("acronym", "ABCDEFGHIJK", 10);
        assert_eq!(errors.0.len(), 2);
        assert_eq!(errors.0[0].field, "title");
        assert_eq!(errors.0[1].code, ErrorCode::TooLong { max: 10 });
    }

    #[test]
    fn urls() {
        let mut errors = ValidationErrors::new();
        errors.optional_url("url", "https://www.intgovforum.org/");
        assert!(errors.is_empty());
        errors.optional_url("url", "javascript:alert(1)");
        assert_eq!(errors.0[0].code, ErrorCode::InvalidUrl);
    }
}
