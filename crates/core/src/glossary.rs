//! The glossary: the acronyms a session throws around (WSIS, SMSI, WGEC, CMTI…), each expanded
//! in as many languages as are known.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate::{ErrorCode, ValidationErrors, is_language_tag};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryEntry {
    pub id: Uuid,
    pub acronym: String,
    /// One expansion per language, in the order given.
    pub expansions: Vec<Expansion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expansion {
    /// BCP 47 tag.
    pub lang: String,
    pub text: String,
}

impl GlossaryEntry {
    /// The expansion in `lang`, else in English, else the first one.
    pub fn expansion_for(&self, lang: &str) -> Option<&Expansion> {
        self.expansions
            .iter()
            .find(|e| e.lang == lang)
            .or_else(|| self.expansions.iter().find(|e| e.lang == "en"))
            .or_else(|| self.expansions.first())
    }

    /// Case-insensitive match on the acronym or any expansion.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || self.acronym.to_lowercase().contains(&query)
            || self
                .expansions
                .iter()
                .any(|e| e.text.to_lowercase().contains(&query))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GlossaryDraft {
    pub acronym: String,
    pub expansions: Vec<Expansion>,
}

impl GlossaryDraft {
    pub fn validate(&self) -> Result<GlossaryEntry, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let acronym = errors.text("acronym", &self.acronym, 40);
        let mut expansions: Vec<Expansion> = Vec::new();
        for (i, expansion) in self.expansions.iter().enumerate() {
            let lang = expansion.lang.trim();
            let text = expansion.text.trim();
            if lang.is_empty() && text.is_empty() {
                continue;
            }
            if !is_language_tag(lang) {
                errors.push(format!("expansions[{i}].lang"), ErrorCode::InvalidLanguage);
            } else if expansions.iter().any(|e| e.lang == lang) {
                errors.push(format!("expansions[{i}].lang"), ErrorCode::Duplicate);
            }
            let text = errors.text(&format!("expansions[{i}].text"), text, 300);
            expansions.push(Expansion {
                lang: lang.to_owned(),
                text,
            });
        }
        if expansions.is_empty() {
            errors.push("expansions", ErrorCode::Required);
        }
        errors.finish(GlossaryEntry {
            id: crate::new_id(),
            acronym,
            expansions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wsis() -> GlossaryEntry {
        GlossaryDraft {
            acronym: "WSIS".into(),
            expansions: vec![
                Expansion {
                    lang: "en".into(),
                    text: "World Summit on the Information Society".into(),
                },
                Expansion {
                    lang: "fr".into(),
                    text: "Sommet mondial sur la société de l'information (SMSI)".into(),
                },
            ],
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn expansions_fall_back_to_english() {
        let entry = wsis();
        assert!(
            entry
                .expansion_for("fr")
                .unwrap()
                .text
                .starts_with("Sommet")
        );
        assert!(entry.expansion_for("ru").unwrap().text.starts_with("World"));
    }

    #[test]
    fn search_covers_acronym_and_expansions() {
        let entry = wsis();
        assert!(entry.matches("wsis"));
        assert!(entry.matches("SOCIÉTÉ"));
        assert!(!entry.matches("ICANN"));
    }

    #[test]
    fn an_entry_needs_an_expansion() {
        let errors = GlossaryDraft {
            acronym: "IGF".into(),
            expansions: vec![],
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.0[0].field, "expansions");
    }
}
