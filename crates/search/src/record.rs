//! What goes into the index: a public record as its page shows it.

use agora_core::search::SearchKind;
use agora_text::language::{Language, detect};
use tantivy::TantivyDocument;

use crate::analysis::Analyser;
use crate::schema::Fields;

/// One searchable record: an answer sheet, a glossary entry, a process's mandate, a turn of a
/// transcript. The caller decides what is public; everything given here is shown to anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `<source>:<id>`, unique in the index (`answer:0190…`, `glossary:0190…`).
    pub key: String,
    pub kind: SearchKind,
    pub title: String,
    /// The record's public page (a path such as `/consultations/…/answers/…`).
    pub url: String,
    /// The texts to search, each with the language it is tagged with, if any.
    pub texts: Vec<Text>,
    /// The process's id.
    pub process: Option<String>,
    /// The meeting's id.
    pub meeting: Option<String>,
    /// The speaker's name as the transcript labels them.
    pub speaker: Option<String>,
    /// The stakeholder group's code.
    pub group: Option<String>,
    /// Unix milliseconds (UTC): when it was said, submitted or published.
    pub date: Option<i64>,
}

/// A text of a record and its language tag (BCP 47), when the record has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub language: Option<String>,
    pub text: String,
}

impl Text {
    pub fn new(language: Option<&str>, text: impl Into<String>) -> Text {
        Text {
            language: language.map(str::to_owned),
            text: text.into(),
        }
    }

    /// The analyser of this text: the language its script decides (Arabic, Chinese, Russian),
    /// else its tag, else the language `agora_text` reads in it. A tag says more than a
    /// trigram model on a short Latin-script text, but cannot make Chinese text English.
    pub fn analyser(&self) -> Analyser {
        let detected = match detect(&self.text) {
            Language::Other => Analyser::Plain,
            language => Analyser::for_language(language.code()),
        };
        let by_script = matches!(detected, Analyser::Ar | Analyser::Zh | Analyser::Ru);
        match self.language.as_deref().map(Analyser::for_language) {
            Some(tagged)
                if !by_script && !matches!(tagged, Analyser::Ar | Analyser::Zh | Analyser::Ru) =>
            {
                tagged
            }
            _ => detected,
        }
    }

    /// The language code stored for filtering: the analyser's, or the tag's primary subtag
    /// for languages without their own analyser (`und` when there is none).
    pub fn language_code(&self, analyser: Analyser) -> String {
        match (analyser, self.language.as_deref()) {
            (Analyser::Plain, Some(tag)) => {
                tag.split('-').next().unwrap_or("und").to_ascii_lowercase()
            }
            (analyser, _) => analyser.code().to_owned(),
        }
    }
}

/// The stable position of a kind, as the `kind` field stores it.
pub(crate) fn kind_ordinal(kind: SearchKind) -> u64 {
    SearchKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u64
}

pub(crate) fn kind_of_ordinal(ordinal: u64) -> Option<SearchKind> {
    SearchKind::ALL.get(usize::try_from(ordinal).ok()?).copied()
}

/// FNV-1a: stable across runs and machines (std's hasher is seeded per process).
pub(crate) fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Record {
    pub(crate) fn document(&self, fields: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(fields.key, &self.key);
        doc.add_u64(fields.kind, kind_ordinal(self.kind));
        doc.add_text(fields.title, &self.title);
        doc.add_text(fields.url, &self.url);
        let optional = [
            (fields.process, &self.process),
            (fields.meeting, &self.meeting),
            (fields.speaker, &self.speaker),
            (fields.group, &self.group),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        if let Some(date) = self.date {
            doc.add_i64(fields.date, date);
        }
        doc.add_u64(fields.tie, stable_hash(&self.key));
        let mut languages: Vec<String> = Vec::new();
        for text in self.texts.iter().filter(|t| !t.text.trim().is_empty()) {
            let analyser = text.analyser();
            doc.add_text(fields.text(analyser), &text.text);
            let code = text.language_code(analyser);
            if !languages.contains(&code) {
                languages.push(code);
            }
        }
        for code in languages {
            doc.add_text(fields.lang, code);
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_overrule_tags_and_tags_overrule_guesses() {
        let zh = Text::new(Some("en"), "互联网治理需要多利益相关方的参与");
        assert_eq!(zh.analyser(), Analyser::Zh);
        let short_french = Text::new(Some("fr"), "Internet ouvert");
        assert_eq!(short_french.analyser(), Analyser::Fr);
        let untagged = Text::new(
            None,
            "La gouvernance de l'Internet doit rester ouverte et fondée sur la participation.",
        );
        assert_eq!(untagged.analyser(), Analyser::Fr);
        let german = Text::new(Some("de-AT"), "Netzpolitik");
        assert_eq!(german.language_code(german.analyser()), "de");
    }

    #[test]
    fn kinds_keep_their_ordinals() {
        for kind in SearchKind::ALL {
            assert_eq!(kind_of_ordinal(kind_ordinal(kind)), Some(kind));
        }
        assert_eq!(stable_hash("answer:1"), stable_hash("answer:1"));
        assert_ne!(stable_hash("answer:1"), stable_hash("answer:2"));
    }
}
