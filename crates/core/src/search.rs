//! Search over what Agora publishes: the kinds of public record a search finds, and a search
//! as typed (the page's form, the API's query string, the CLI's flags) with its checks.

use serde::Deserialize;

use crate::validate::is_language_tag;
use crate::{ErrorCode, ValidationErrors};

/// The longest query accepted, in characters: longer text is not a search but a paste, and
/// every word of it costs a lookup in every language's field.
pub const QUERY_MAX: usize = 500;

/// Results on one page of the search page and the API.
pub const PAGE_SIZE: usize = 20;

/// The last page a reader may ask for: deeper pages cost a ranking of every result before
/// them, and nobody reads them (narrow the search instead).
pub const PAGE_MAX: usize = 500;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchKind {
    /// A turn of a meeting's transcript.
    Transcript,
    /// A published answer sheet of a consultation.
    Answer,
    /// A process's mandate, and later the other documents a process publishes.
    Document,
    /// A glossary entry.
    Glossary,
}

impl SearchKind {
    pub const ALL: [SearchKind; 4] = [
        SearchKind::Transcript,
        SearchKind::Answer,
        SearchKind::Document,
        SearchKind::Glossary,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SearchKind::Transcript => "transcript",
            SearchKind::Answer => "answer",
            SearchKind::Document => "document",
            SearchKind::Glossary => "glossary",
        }
    }

    pub fn from_code(code: &str) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A search as typed: every field is text, empty for "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SearchDraft {
    /// The words to find.
    pub q: String,
    /// A [`SearchKind`] code.
    pub kind: String,
    /// A process's slug.
    pub process: String,
    /// A meeting's id.
    pub meeting: String,
    /// A speaker's name as the transcript labels them (any case).
    pub speaker: String,
    /// A stakeholder group's code.
    pub group: String,
    /// `YYYY-MM-DD`, UTC.
    pub from: String,
    /// `YYYY-MM-DD`, UTC, inclusive.
    pub to: String,
    /// The language of the text (BCP 47). Not `lang`: that parameter is the interface language
    /// on every page and in the API.
    pub language: String,
    /// 1 for the first page.
    pub page: String,
}

/// A checked search. Empty text finds every record the filters keep, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    pub text: String,
    pub kind: Option<SearchKind>,
    /// A process's slug, as typed; the caller resolves it.
    pub process: Option<String>,
    pub meeting: Option<uuid::Uuid>,
    pub speaker: Option<String>,
    pub group: Option<String>,
    /// The primary language subtag (`fr` of `fr-CA`), lower case.
    pub language: Option<String>,
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    /// 1-based.
    pub page: usize,
}

impl SearchDraft {
    /// The fields that are not empty, as query-string pairs in a fixed order: the address of
    /// this search (for links to its other pages and kinds).
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("kind", &self.kind),
            ("process", &self.process),
            ("meeting", &self.meeting),
            ("speaker", &self.speaker),
            ("group", &self.group),
            ("from", &self.from),
            ("to", &self.to),
            ("language", &self.language),
            ("page", &self.page),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| (name, value.as_str()))
        .collect()
    }

    pub fn validate(&self) -> Result<SearchRequest, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let given = |value: &str| {
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_owned())
        };
        let text = self.q.trim().to_owned();
        if text.chars().count() > QUERY_MAX {
            errors.push("q", ErrorCode::TooLong { max: QUERY_MAX });
        }
        let kind = given(&self.kind).and_then(|code| {
            let kind = SearchKind::from_code(&code);
            if kind.is_none() {
                errors.push("kind", ErrorCode::InvalidChoice);
            }
            kind
        });
        let meeting = given(&self.meeting).and_then(|id| {
            let parsed = uuid::Uuid::parse_str(&id).ok();
            if parsed.is_none() {
                errors.push("meeting", ErrorCode::NotFound);
            }
            parsed
        });
        let speaker = errors.optional_text("speaker", &self.speaker, 200);
        let process = errors.optional_text("process", &self.process, 80);
        let group = errors.optional_text("group", &self.group, 80);
        let language = given(&self.language).and_then(|tag| {
            let tag = tag.to_ascii_lowercase();
            if !is_language_tag(&tag) {
                errors.push("language", ErrorCode::InvalidLanguage);
                return None;
            }
            tag.split('-').next().map(str::to_owned)
        });
        let (from, to) = errors.date_range(&self.from, &self.to);
        let page = match given(&self.page) {
            None => 1,
            Some(page) => match page.parse::<usize>() {
                Ok(page @ 1..=PAGE_MAX) => page,
                _ => {
                    errors.push("page", ErrorCode::InvalidNumber);
                    1
                }
            },
        };
        errors.finish(SearchRequest {
            text,
            kind,
            process,
            meeting,
            speaker,
            group,
            language,
            from,
            to,
            page,
        })
    }
}

impl SearchRequest {
    /// Whether anything narrows the search besides its kind (the page shows results only then).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.process.is_none()
            && self.meeting.is_none()
            && self.speaker.is_none()
            && self.group.is_none()
            && self.language.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// Results to skip before this page.
    pub fn offset(&self) -> usize {
        (self.page.max(1) - 1) * PAGE_SIZE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: ValidationErrors) -> Vec<(String, &'static str)> {
        errors
            .0
            .into_iter()
            .map(|e| (e.field, e.code.name()))
            .collect()
    }

    #[test]
    fn a_plain_query_is_trimmed_and_starts_on_page_one() {
        let request = SearchDraft {
            q: "  gouvernance  ".into(),
            language: "fr-CA".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(request.text, "gouvernance");
        assert_eq!(request.language.as_deref(), Some("fr"));
        assert_eq!((request.page, request.offset()), (1, 0));
        assert!(!request.is_empty());
    }

    #[test]
    fn each_bad_field_is_named() {
        let draft = SearchDraft {
            q: "x".repeat(QUERY_MAX + 1),
            kind: "poem".into(),
            meeting: "not-a-uuid".into(),
            language: "French!".into(),
            from: "2013-04-32".into(),
            page: "0".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(draft.validate().unwrap_err()),
            [
                ("q".to_owned(), "too-long"),
                ("kind".to_owned(), "invalid-choice"),
                ("meeting".to_owned(), "not-found"),
                ("language".to_owned(), "invalid-language"),
                ("from".to_owned(), "invalid-date"),
                ("page".to_owned(), "invalid-number"),
            ]
        );
    }

    #[test]
    fn a_range_must_not_end_before_it_starts() {
        let draft = SearchDraft {
            from: "2013-04-08".into(),
            to: "2013-04-07".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(draft.validate().unwrap_err()),
            [("to".to_owned(), "end-before-start")]
        );
    }

    #[test]
    fn pages_are_bounded_and_kinds_round_trip() {
        let deep = SearchDraft {
            page: (PAGE_MAX + 1).to_string(),
            ..Default::default()
        };
        assert!(deep.validate().is_err());
        let third = SearchDraft {
            page: "3".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(third.offset(), 2 * PAGE_SIZE);
        assert!(third.is_empty());
        for kind in SearchKind::ALL {
            assert_eq!(SearchKind::from_code(kind.code()), Some(kind));
        }
    }
}
