//! The six interface languages are complete: every language has exactly the messages of the
//! English source, and every message id the templates and handlers ask for exists.

use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The `.ftl` files of one language, by name (each area of the interface may have its own).
fn ftl_files(lang: &str) -> Vec<String> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ftl"))
        .collect();
    names.sort();
    names
}

/// Message ids of one `.ftl` file of a language, in order.
fn file_ids(lang: &str, file: &str) -> Vec<String> {
    let path = Path::new(ROOT).join("locales").join(lang).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

/// Message ids of all the `.ftl` files of a language, file by file.
fn message_ids(lang: &str) -> Vec<String> {
    ftl_files(lang)
        .iter()
        .flat_map(|file| file_ids(lang, file))
        .collect()
}

/// Literal ids in `t("…")` calls, and the prefixes of `tp("…", …)` calls, across templates and
/// sources.
fn requested_ids() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut ids = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    let mut stack = vec![
        Path::new(ROOT).join("templates"),
        Path::new(ROOT).join("src"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (marker, into) in [(".t(\"", &mut ids), (".tp(\"", &mut prefixes)] {
                for piece in text.split(marker).skip(1) {
                    let id = piece.split('"').next().unwrap();
                    if !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
                    {
                        into.insert(id.to_owned());
                    }
                }
            }
        }
    }
    (ids, prefixes)
}

#[test]
fn every_language_has_every_message_in_the_same_order() {
    let english = message_ids("en");
    assert!(english.len() > 200);
    let distinct: BTreeSet<&String> = english.iter().collect();
    assert_eq!(
        distinct.len(),
        english.len(),
        "a message id is defined twice in en/"
    );
    for lang in agora_core::UI_LANGUAGES {
        assert_eq!(
            ftl_files(lang),
            ftl_files("en"),
            "{lang}/ has other .ftl files than en/"
        );
        for file in ftl_files("en") {
            assert_eq!(
                file_ids(lang, &file),
                file_ids("en", &file),
                "{lang}/{file} differs from en/{file}"
            );
        }
    }
}

#[test]
fn every_requested_message_exists() {
    let english: BTreeSet<String> = message_ids("en").into_iter().collect();
    let (ids, prefixes) = requested_ids();
    let missing: Vec<&String> = ids.iter().filter(|id| !english.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "messages asked for but not in en/: {missing:?}"
    );
    for prefix in prefixes {
        assert!(
            english.iter().any(|id| id.starts_with(&prefix)),
            "no message starts with {prefix}"
        );
    }
    for group in agora_core::stakeholder::DEFAULT_GROUPS {
        assert!(english.contains(&format!("group-{group}")));
    }
    for region in agora_core::geo::REGIONS {
        assert!(english.contains(&format!("region-{region}")));
    }
    for kind in agora_core::process::PhaseKind::ALL {
        assert!(english.contains(&format!("phase-kind-{}", kind.code())));
    }
    for role in agora_core::auth::Role::ALL {
        assert!(english.contains(&format!("role-{}", role.code())));
    }
}
