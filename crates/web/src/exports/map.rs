//! The column map (`MAP.toml`, as `agora import responses --map` reads it) that takes an
//! export's CSV or XLSX file back in: into another consultation with the same questions, on
//! this instance or another.

use std::fmt::Write;

use super::Scope;
use super::columns::{AUTHOR, Columns, question_header};
use super::spreadsheet::SHEET;

/// The map for files laid out as `columns`. Written by hand rather than serialised: the import
/// crate only reads TOML, and the comments tell the person who edits it what each line does.
pub(super) fn column_map(columns: &Columns) -> String {
    let mut map = String::from(
        "# Column map for `agora import responses --map` (see \"Open data\" in docs/USER-GUIDE.md).\n\
         # It reads this export's CSV or XLSX file into a consultation with the same questions.\n",
    );
    let line = |map: &mut String, key: &str, value: &str| {
        // Writing to a String cannot fail.
        let _ = writeln!(map, "{key} = {}", toml_string(value));
    };
    line(&mut map, "separator", columns.separator);
    line(&mut map, "sheet", SHEET);
    map.push_str(
        "\n[respondent]\n\
         # The target consultation must have been open at each submitted_at; remove this line to\n\
         # stamp the sheets with the time of the import instead.\n",
    );
    line(&mut map, "submitted_at", "submitted_at");
    if columns.scope == Scope::All {
        map.push_str("# Only what the public saw is published again; moderation is not carried.\n");
        line(&mut map, "public", "published");
        line(&mut map, "name", "respondent_name");
        line(&mut map, "email", "respondent_email");
    }
    map.push_str("\n[author]\n");
    // The author's columns are named as the map's fields: `stakeholder_group = "stakeholder_group"`.
    for field in &AUTHOR[2..] {
        line(&mut map, field, field);
    }
    map.push_str("\n[answers]\n");
    for question in &columns.questions {
        line(
            &mut map,
            &question.position.to_string(),
            &question_header(question),
        );
    }
    map
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(
            toml_string("Q1. \"Why\"?\nC:\\ \u{7}"),
            r#""Q1. \"Why\"?\nC:\\ \u0007""#
        );
    }
}
