//! The column-mapping step of a web import as form values: which column of the file holds
//! what. It says what a `MAP.toml` says, so it converts both ways with
//! [`agora_import::ColumnMap`]: [`map_from_form`] builds the map a submitted form describes,
//! [`form_values`] shows a map (the last preview's) in the form, and [`guess`] fills the form
//! for a new file from its headers.
//!
//! Field names: `respondent.<name|email|submitted_at>` and `author.<field>` name a column;
//! `author.<field>.value` gives the same value for every row instead; `answers.<position>`
//! names a question's column; `translate.<i>.from`/`.to` turn the file's wording of a
//! stakeholder group into a group; `separator` and `timezone` as in `MAP.toml`.

use std::collections::{BTreeMap, BTreeSet};

use agora_core::consultation::Question;
use agora_core::stakeholder::StakeholderGroups;
use agora_core::{ErrorCode, ValidationErrors};
use agora_import::{AuthorColumns, ColumnMap, RespondentColumns, Source, Table};

use crate::i18n::Lang;

/// Form values: (field name, value) pairs, as a form posts them.
pub type Values = Vec<(String, String)>;

/// What the file may say about who answered, in the form's order.
pub const RESPONDENT_FIELDS: [&str; 3] = ["name", "email", "submitted_at"];
/// What the file may say about the respondents as authors, in the form's order; the
/// stakeholder group and the language are required (a column or a value).
pub const AUTHOR_FIELDS: [&str; 5] = [
    "stakeholder_group",
    "country",
    "region",
    "organisation",
    "lang",
];
const REQUIRED_AUTHOR_FIELDS: [&str; 2] = ["stakeholder_group", "lang"];
/// The most distinct stakeholder-group values offered for translation; a file with more uses
/// a `MAP.toml` on the command line (or group codes in the file).
pub const MAX_TRANSLATIONS: usize = 50;

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The map a submitted mapping form describes, for a file read from `sheet`; or the form's
/// mistakes: a required field with neither a column nor a value, no separator, an unknown
/// time zone.
pub fn map_from_form(
    pairs: &[(String, String)],
    questions: &[Question],
    sheet: Option<String>,
) -> Result<ColumnMap, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut author: BTreeMap<&str, Source> = BTreeMap::new();
    for field in AUTHOR_FIELDS {
        let column = non_empty(get(pairs, &format!("author.{field}")));
        let value = non_empty(get(pairs, &format!("author.{field}.value")));
        match (column, value) {
            (Some(column), _) => {
                author.insert(field, Source::Column(column));
            }
            (None, Some(value)) => {
                author.insert(field, Source::Constant { value });
            }
            (None, None) if REQUIRED_AUTHOR_FIELDS.contains(&field) => {
                errors.push(format!("author.{field}"), ErrorCode::Required);
            }
            (None, None) => {}
        }
    }
    let separator = get(pairs, "separator").to_owned();
    if separator.trim().is_empty() {
        errors.push("separator", ErrorCode::Required);
    }
    let timezone = non_empty(get(pairs, "timezone"));
    if let Some(zone) = &timezone
        && jiff::tz::TimeZone::get(zone).is_err()
    {
        errors.push("timezone", ErrorCode::InvalidTimeZone);
    }
    let (Some(stakeholder_group), Some(lang)) =
        (author.remove("stakeholder_group"), author.remove("lang"))
    else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let answers = questions
        .iter()
        .filter_map(|q| {
            let column = non_empty(get(pairs, &format!("answers.{}", q.position)))?;
            Some((q.position.to_string(), column))
        })
        .collect();
    let translations: BTreeMap<String, String> = posted_translations(pairs)
        .into_iter()
        .filter(|(_, to)| !to.is_empty())
        .collect();
    let mut values = BTreeMap::new();
    if !translations.is_empty() {
        values.insert("stakeholder_group".to_owned(), translations);
    }
    Ok(ColumnMap {
        separator,
        timezone,
        sheet,
        respondent: RespondentColumns {
            name: non_empty(get(pairs, "respondent.name")),
            email: non_empty(get(pairs, "respondent.email")),
            submitted_at: non_empty(get(pairs, "respondent.submitted_at")),
            // Not offered by this step yet (MAP.toml files and exports' maps may name it).
            public: None,
        },
        author: AuthorColumns {
            stakeholder_group,
            lang,
            country: author.remove("country"),
            region: author.remove("region"),
            organisation: author.remove("organisation"),
            // Not offered by this step yet (MAP.toml files and exports' maps may name it).
            on_behalf: None,
        },
        answers,
        values,
    })
}

/// The stakeholder-group translations a form sent: the file's wording → the group chosen
/// (empty: kept as it is).
pub fn posted_translations(pairs: &[(String, String)]) -> BTreeMap<String, String> {
    (0..MAX_TRANSLATIONS)
        .filter_map(|i| {
            let from = non_empty(get(pairs, &format!("translate.{i}.from")))?;
            Some((
                from,
                get(pairs, &format!("translate.{i}.to")).trim().to_owned(),
            ))
        })
        .collect()
}

/// The form values that show `map` (translations aside: they follow the file's values).
pub fn form_values(map: &ColumnMap) -> Vec<(String, String)> {
    let mut values = vec![
        ("separator".to_owned(), map.separator.clone()),
        (
            "timezone".to_owned(),
            map.timezone.clone().unwrap_or_default(),
        ),
    ];
    let respondent = [
        ("name", &map.respondent.name),
        ("email", &map.respondent.email),
        ("submitted_at", &map.respondent.submitted_at),
    ];
    for (field, column) in respondent {
        if let Some(column) = column {
            values.push((format!("respondent.{field}"), column.clone()));
        }
    }
    let author = [
        ("stakeholder_group", Some(&map.author.stakeholder_group)),
        ("country", map.author.country.as_ref()),
        ("region", map.author.region.as_ref()),
        ("organisation", map.author.organisation.as_ref()),
        ("lang", Some(&map.author.lang)),
    ];
    for (field, source) in author {
        match source {
            Some(Source::Column(column)) => {
                values.push((format!("author.{field}"), column.clone()))
            }
            Some(Source::Constant { value }) => {
                values.push((format!("author.{field}.value"), value.clone()))
            }
            None => {}
        }
    }
    for (position, column) in &map.answers {
        values.push((format!("answers.{position}"), column.clone()));
    }
    values
}

/// The stakeholder-group translations of a map.
pub fn map_translations(map: &ColumnMap) -> BTreeMap<String, String> {
    map.values
        .get("stakeholder_group")
        .cloned()
        .unwrap_or_default()
}

/// A first mapping for a new file: a column for each target whose header is, or else contains,
/// the target's name (in any of the six languages, or a usual synonym) or the question's text
/// or number, case-insensitively, each column used once; the language as the consultation's
/// first when no column gives it; separator `;`; times read in `zone`.
pub fn guess(
    headers: &[String],
    questions: &[Question],
    first_language: Option<&str>,
    zone: &str,
) -> Vec<(String, String)> {
    let normal: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut used = BTreeSet::new();
    let mut values = vec![
        ("separator".to_owned(), ";".to_owned()),
        ("timezone".to_owned(), zone.to_owned()),
    ];
    let mut targets: Vec<(String, Vec<String>)> = Vec::new();
    for field in RESPONDENT_FIELDS {
        targets.push((format!("respondent.{field}"), names_of(field)));
    }
    for field in AUTHOR_FIELDS {
        targets.push((format!("author.{field}"), names_of(field)));
    }
    for q in questions {
        let n = q.position;
        let names = vec![
            normalise(&q.prompt),
            format!("q{n}"),
            format!("question {n}"),
        ];
        targets.push((format!("answers.{n}"), names));
    }
    // Exact headers first; then headers containing a name, the longest name first, so that a
    // question's text wins over a field's name ("Which country leads?" is a question) and
    // "Organisation name" is the organisation rather than the respondent's name.
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    let mut assign = |candidates: Vec<(usize, &String, usize)>| {
        for (_, target, column) in candidates {
            if !found.contains_key(target) && !used.contains(&column) {
                used.insert(column);
                found.insert(target.clone(), column);
            }
        }
    };
    let matches = |exact: bool| {
        let mut candidates = Vec::new();
        for (target, names) in &targets {
            for (column, header) in normal.iter().enumerate() {
                let best = names
                    .iter()
                    .filter(|name| {
                        if exact {
                            header == *name
                        } else {
                            name.chars().count() >= 3 && header.contains(name.as_str())
                        }
                    })
                    .map(|name| name.chars().count())
                    .max();
                if let Some(length) = best {
                    candidates.push((length, target, column));
                }
            }
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
        candidates
    };
    assign(matches(true));
    assign(matches(false));
    for (target, i) in &found {
        values.push((target.clone(), headers[*i].clone()));
    }
    if !found.contains_key("author.lang")
        && let Some(lang) = first_language
    {
        values.push(("author.lang.value".to_owned(), lang.to_owned()));
    }
    values
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a header may call a field: its label in each of the six languages and usual synonyms
/// of survey tools.
fn names_of(field: &str) -> Vec<String> {
    let synonyms: &[&str] = match field {
        "name" => &["name", "full name", "respondent"],
        "email" => &["email", "e-mail", "email address", "e-mail address"],
        "submitted_at" => &[
            "submitted",
            "submitted at",
            "timestamp",
            "date",
            "completed",
        ],
        "stakeholder_group" => &[
            "stakeholder group",
            "stakeholder",
            "group",
            "sector",
            "constituency",
        ],
        "organisation" => &["organisation", "organization", "affiliation"],
        "lang" => &["language", "lang"],
        other => &[other],
    };
    let id = format!("import-target-{}", field.replace('_', "-"));
    let mut names: Vec<String> = synonyms.iter().map(|s| (*s).to_owned()).collect();
    names.extend(Lang::all().map(|lang| normalise(&lang.t(&id))));
    names.sort();
    names.dedup();
    names
}

/// The translation table for the column that gives the stakeholder group: each distinct value
/// in it that is not a group code (sorted, at most [`MAX_TRANSLATIONS`]), with the group it
/// becomes: as `known` says (a previous choice, possibly none), else the group whose code or
/// name in one of the six languages it is, else none.
pub fn group_translations(
    table: &Table,
    column: &str,
    known: &BTreeMap<String, String>,
    groups: &StakeholderGroups,
) -> Vec<(String, String)> {
    let Some(index) = table.column(column) else {
        return Vec::new();
    };
    let distinct: BTreeSet<&str> = table
        .rows
        .iter()
        .filter_map(|row| row.get(index).map(|cell| cell.trim()))
        .filter(|value| !value.is_empty() && !groups.codes().iter().any(|c| c == value))
        .collect();
    distinct
        .into_iter()
        .take(MAX_TRANSLATIONS)
        .map(|value| {
            let to = known
                .get(value)
                .cloned()
                .or_else(|| guess_group(value, groups))
                .unwrap_or_default();
            (value.to_owned(), to)
        })
        .collect()
}

/// The group a file's wording names: its code written as words ("Civil society"), or its name
/// in one of the six languages ("Société civile").
fn guess_group(value: &str, groups: &StakeholderGroups) -> Option<String> {
    let wording = normalise(value);
    let as_code = wording.replace([' ', '_'], "-");
    groups
        .codes()
        .iter()
        .find(|code| {
            **code == as_code
                || Lang::all().any(|lang| normalise(&lang.t(&format!("group-{code}"))) == wording)
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use agora_core::consultation::QuestionDraft;

    use super::*;

    fn questions() -> Vec<Question> {
        let phase = agora_core::new_id();
        ["What is enhanced cooperation?", "Which country leads?"]
            .iter()
            .enumerate()
            .map(|(i, prompt)| {
                QuestionDraft {
                    prompt: (*prompt).into(),
                    ..Default::default()
                }
                .validate(phase, i as u32 + 1)
                .unwrap()
            })
            .collect()
    }

    fn pairs(values: &[(&str, &str)]) -> Vec<(String, String)> {
        values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_guess_reads_headers_in_several_languages_and_question_texts() {
        let headers: Vec<String> = [
            "Horodateur",
            "Courriel",
            "Q1. What is enhanced cooperation?",
            "Which country leads?",
            "Pays",
            "Groupe de parties prenantes",
            "Organization name",
        ]
        .map(String::from)
        .to_vec();
        let guessed = guess(&headers, &questions(), Some("fr"), "Europe/Zurich");
        let has = |name: &str, value: &str| {
            assert_eq!(get(&guessed, name), value, "{name} in {guessed:?}");
        };
        has("answers.1", "Q1. What is enhanced cooperation?");
        has("answers.2", "Which country leads?");
        has("author.country", "Pays");
        has("author.stakeholder_group", "Groupe de parties prenantes");
        has("author.organisation", "Organization name");
        has("respondent.name", "");
        has("respondent.email", "Courriel");
        has("author.lang.value", "fr");
        has("timezone", "Europe/Zurich");
        has("separator", ";");
    }

    #[test]
    fn a_form_becomes_a_map_and_a_map_the_same_form() {
        let form = pairs(&[
            ("respondent.name", "Name"),
            ("author.stakeholder_group", "Group"),
            ("author.country.value", "CH"),
            ("author.lang", ""),
            ("author.lang.value", "fr"),
            ("answers.1", "Q1"),
            ("answers.2", ""),
            ("separator", "|"),
            ("timezone", "Europe/Zurich"),
            ("translate.0.from", "Civil Society"),
            ("translate.0.to", "civil-society"),
            ("translate.1.from", "Others"),
            ("translate.1.to", ""),
        ]);
        let map = map_from_form(&form, &questions(), Some("Sheet 2".into())).unwrap();
        assert_eq!(map.author.stakeholder_group, Source::Column("Group".into()));
        assert_eq!(
            map.author.country,
            Some(Source::Constant { value: "CH".into() })
        );
        assert_eq!(map.author.region, None);
        assert_eq!(map.answers.len(), 1);
        assert_eq!(map.sheet.as_deref(), Some("Sheet 2"));
        assert_eq!(
            map_translations(&map),
            [("Civil Society".to_owned(), "civil-society".to_owned())].into()
        );
        let shown = form_values(&map);
        let again = map_from_form(
            &[shown, form[9..].to_vec()].concat(),
            &questions(),
            Some("Sheet 2".into()),
        )
        .unwrap();
        assert_eq!(again, map);
        assert_eq!(
            ColumnMap::parse(&map.to_toml()).unwrap(),
            map,
            "the download is the same map"
        );
    }

    #[test]
    fn a_form_without_group_or_language_names_what_is_missing() {
        let form = pairs(&[("separator", " "), ("timezone", "Mars/Olympus")]);
        let errors = map_from_form(&form, &questions(), None).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "author.stakeholder_group",
                "author.lang",
                "separator",
                "timezone"
            ]
        );
    }

    #[test]
    fn group_wording_is_translated_by_code_or_name() {
        let table = Table {
            headers: vec!["Group".into()],
            rows: [
                "Civil Society",
                "Société civile",
                "government",
                "Gardening club",
                "",
            ]
            .iter()
            .map(|v| vec![(*v).to_owned()])
            .collect(),
        };
        let groups = StakeholderGroups::default();
        let known = [("Gardening club".to_owned(), String::new())].into();
        assert_eq!(
            group_translations(&table, "Group", &known, &groups),
            [
                ("Civil Society".to_owned(), "civil-society".to_owned()),
                ("Gardening club".to_owned(), String::new()),
                ("Société civile".to_owned(), "civil-society".to_owned()),
            ]
        );
        assert!(group_translations(&table, "Nope", &known, &groups).is_empty());
    }
}
