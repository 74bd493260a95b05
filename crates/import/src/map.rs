//! The column map (`MAP.toml`): which column of the file holds what.
//!
//! ```toml
//! separator = ";"                 # between choices in a multiple-choice cell (default ";")
//! timezone = "Europe/Zurich"      # for submission times without an offset (default UTC)
//! sheet = "Responses"             # XLSX only: the sheet to read (default the first)
//!
//! [respondent]                    # all optional
//! name = "Full name"
//! email = "E-mail"
//! submitted_at = "Timestamp"
//! public = "Published"            # yes/no: published (default: the consultation's default)
//!
//! [author]                        # a column header, or { value = "…" } for the same on every row
//! stakeholder_group = "Stakeholder group"
//! country = "Country"
//! region = "Region"
//! organisation = "Organisation"
//! on_behalf = "On behalf"         # yes/no (default no)
//! lang = { value = "en" }
//!
//! [answers]                       # question number → column header
//! 1 = "What is enhanced cooperation?"
//! 2 = "Is the IGF the place?"
//!
//! [values.stakeholder_group]      # the file's wording → Agora's code, per field
//! "Civil Society" = "civil-society"
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ImportError;

/// Built by parsing a `MAP.toml` ([`ColumnMap::parse`]) or field by field (the web's mapping
/// form); [`ColumnMap::to_toml`] writes the file that parses back to the same map.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    #[serde(default = "default_separator")]
    pub separator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default)]
    pub respondent: RespondentColumns,
    pub author: AuthorColumns,
    /// Question position (as text, TOML keys are strings) → column header.
    pub answers: BTreeMap<String, String>,
    /// Field (`stakeholder_group`, `lang`, `answers.2`…) → the file's value → Agora's value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

fn default_separator() -> String {
    ";".to_owned()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentColumns {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// Whether the sheet is published: `true`/`false` (or yes/no, 1/0); an empty cell, or no
    /// such column, leaves it to the consultation's default.
    pub public: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorColumns {
    pub stakeholder_group: Source,
    pub lang: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Source>,
    /// Whether they answered on behalf of the organisation: `true`/`false` (or yes/no, 1/0).
    pub on_behalf: Option<Source>,
}

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Source {
    /// The column with this header.
    Column(String),
    /// The same value on every row.
    Constant { value: String },
}

impl ColumnMap {
    pub fn parse(text: &str) -> Result<ColumnMap, ImportError> {
        toml::from_str(text).map_err(|e| ImportError::Map(e.to_string().trim().to_owned()))
    }

    /// The map as a `MAP.toml` file, for `agora import responses --map`.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self)
            .expect("a column map is strings in tables, which TOML can write")
    }

    /// A value as Agora expects it: translated through `[values.<field>]` when listed there.
    pub fn translate<'a>(&'a self, field: &str, raw: &'a str) -> &'a str {
        let raw = raw.trim();
        self.values
            .get(field)
            .and_then(|table| table.get(raw))
            .map_or(raw, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_reads_columns_constants_and_value_tables() {
        let map = ColumnMap::parse(
            r#"
            [author]
            stakeholder_group = "Group"
            lang = { value = "fr" }
            [answers]
            1 = "Q1"
            [values.stakeholder_group]
            "Civil Society" = "civil-society"
            "#,
        )
        .unwrap();
        assert_eq!(map.author.stakeholder_group, Source::Column("Group".into()));
        assert_eq!(map.author.lang, Source::Constant { value: "fr".into() });
        assert_eq!(
            map.translate("stakeholder_group", " Civil Society "),
            "civil-society"
        );
        assert_eq!(
            map.translate("stakeholder_group", "government"),
            "government"
        );
        assert_eq!(map.separator, ";");
    }

    #[test]
    fn a_map_written_out_reads_back_the_same() {
        let mut map = ColumnMap::parse(
            r#"
            timezone = "Europe/Zurich"
            [respondent]
            name = "Full \"name\""
            [author]
            stakeholder_group = "Group"
            country = { value = "CH" }
            lang = { value = "fr" }
            [answers]
            1 = "What is EC?"
            10 = "Q10, with a comma"
            [values.stakeholder_group]
            "Société civile" = "civil-society"
            "#,
        )
        .unwrap();
        map.sheet = Some("Réponses".into());
        let written = map.to_toml();
        assert_eq!(ColumnMap::parse(&written).unwrap(), map, "{written}");
    }

    #[test]
    fn mistakes_in_the_map_name_their_line() {
        let error = ColumnMap::parse("[author]\nstakeholder_group = \"G\"\nlang = 5\n[answers]\n")
            .unwrap_err();
        assert!(error.to_string().contains("line 3"), "{error}");
        let unknown = ColumnMap::parse("[autor]\n").unwrap_err();
        assert!(unknown.to_string().contains("autor"), "{unknown}");
    }
}
