//! The index through its public API: each language's inflections, Chinese inside sentences,
//! filters, snippets, replacement and deletion, the watermark across a reopen, and order.

use agora_core::search::SearchKind;
use agora_search::{Record, Search, SearchError, SearchIndex, Text};

fn answer(id: &str, language: &str, text: &str) -> Record {
    Record {
        key: format!("answer:{id}"),
        kind: SearchKind::Answer,
        title: format!("Answer {id}"),
        url: format!("/consultations/c/answers/{id}"),
        texts: vec![Text::new(Some(language), text)],
        process: Some("wgec".into()),
        meeting: None,
        speaker: None,
        group: Some("civil-society".into()),
        date: Some(1_365_379_200_000), // 2013-04-08
    }
}

fn index_of(records: &[Record]) -> SearchIndex {
    let index = SearchIndex::in_memory();
    let mut writer = index.writer().unwrap();
    for record in records {
        writer.put(record).unwrap();
    }
    writer.commit(records.len() as i64).unwrap();
    index
}

fn keys(index: &SearchIndex, search: Search) -> Vec<String> {
    let search = Search {
        limit: if search.limit == 0 { 50 } else { search.limit },
        ..search
    };
    index
        .search(&search)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect()
}

fn words(text: &str) -> Search {
    Search {
        text: text.into(),
        ..Search::default()
    }
}

fn corpus() -> Vec<Record> {
    vec![
        answer(
            "en",
            "en",
            "Internet governance must stay open to every stakeholder.",
        ),
        answer(
            "fr",
            "fr",
            "Les gouvernances nationales et la société civile doivent coopérer.",
        ),
        answer(
            "es",
            "es",
            "Las políticas de gobernanza deben incluir a la sociedad civil.",
        ),
        answer(
            "ru",
            "ru",
            "Вопросы управления интернетом касаются всех заинтересованных сторон.",
        ),
        answer(
            "ar",
            "ar",
            "يجب أن تشارك الحكومات والمجتمع المدني في حوكمة الإنترنت.",
        ),
        answer("zh", "zh", "我们认为互联网治理应当由多利益相关方共同参与。"),
    ]
}

#[test]
fn each_language_finds_its_inflections() {
    let index = index_of(&corpus());
    assert_eq!(keys(&index, words("governing")), ["answer:en"]);
    assert_eq!(keys(&index, words("gouvernance")), ["answer:fr"]);
    assert_eq!(keys(&index, words("societes")), ["answer:fr"]);
    assert_eq!(keys(&index, words("gobernanzas")), ["answer:es"]);
    assert_eq!(keys(&index, words("управление")), ["answer:ru"]);
    assert_eq!(keys(&index, words("الحكومة")), ["answer:ar"]);
    // A two-character word inside a sentence without spaces, and a longer one as a phrase.
    assert_eq!(keys(&index, words("治理")), ["answer:zh"]);
    assert_eq!(keys(&index, words("互联网治理")), ["answer:zh"]);
    assert!(keys(&index, words("联治")).is_empty());
}

#[test]
fn every_word_must_be_found_and_phrases_keep_their_order() {
    let index = index_of(&corpus());
    assert_eq!(keys(&index, words("internet stakeholder")), ["answer:en"]);
    assert!(keys(&index, words("internet société")).is_empty());
    assert_eq!(keys(&index, words("\"governance must\"")), ["answer:en"]);
    assert!(keys(&index, words("\"must governance\"")).is_empty());
    // The title is searched too.
    assert_eq!(keys(&index, words("answer fr")), ["answer:fr"]);
}

#[test]
fn filters_are_exact_and_combine() {
    let mut records = corpus();
    records.push(Record {
        key: "turn:1".into(),
        kind: SearchKind::Transcript,
        title: "Global Internet Governance Agenda".into(),
        url: "/meetings/m1#turn-1".into(),
        texts: vec![Text::new(
            Some("en"),
            "Internet governance is a shared task.",
        )],
        process: Some("wgec".into()),
        meeting: Some("m1".into()),
        speaker: Some("Peter Major".into()),
        group: Some("government".into()),
        date: Some(1_365_400_000_000),
    });
    records.push(Record {
        process: Some("igf".into()),
        ..answer("igf", "en", "Internet governance forum.")
    });
    let index = index_of(&records);
    let search = |f: fn(Search) -> Search| keys(&index, f(words("internet")));
    assert_eq!(
        search(|s| Search {
            kind: Some(SearchKind::Transcript),
            ..s
        }),
        ["turn:1"]
    );
    assert_eq!(
        search(|s| Search {
            speaker: Some("peter MAJOR".into()),
            ..s
        }),
        ["turn:1"]
    );
    assert!(
        search(|s| Search {
            speaker: Some("Peter".into()),
            ..s
        })
        .is_empty()
    );
    assert_eq!(
        search(|s| Search {
            meeting: Some("m1".into()),
            ..s
        }),
        ["turn:1"]
    );
    assert_eq!(
        search(|s| Search {
            process: Some("igf".into()),
            ..s
        }),
        ["answer:igf"]
    );
    assert_eq!(
        search(|s| Search {
            group: Some("government".into()),
            ..s
        }),
        ["turn:1"]
    );
    assert_eq!(
        keys(
            &index,
            Search {
                language: Some("ar".into()),
                ..Search::default()
            }
        ),
        ["answer:ar"]
    );
    // The answers are dated 2013-04-08 00:00 UTC, the turn 05:46 the same day: `from` is
    // included, `until` excluded.
    let day = 1_365_379_200_000;
    assert_eq!(
        keys(
            &index,
            Search {
                from: Some(day + 1),
                until: Some(day + 86_400_000),
                ..words("internet")
            }
        ),
        ["turn:1"]
    );
    let before: Vec<String> = keys(
        &index,
        Search {
            until: Some(day + 1),
            language: Some("en".into()),
            ..words("internet")
        },
    );
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(before.iter().all(|k| k.starts_with("answer:")));
}

#[test]
fn counts_per_kind_ignore_the_kind_filter() {
    let mut records = corpus();
    records.push(Record {
        key: "glossary:igf".into(),
        kind: SearchKind::Glossary,
        title: "IGF".into(),
        url: "/glossary#g-igf".into(),
        texts: vec![
            Text::new(Some("en"), "Internet Governance Forum"),
            Text::new(Some("fr"), "Forum sur la gouvernance de l'Internet"),
            Text::new(Some("zh"), "互联网治理论坛"),
        ],
        process: None,
        meeting: None,
        speaker: None,
        group: None,
        date: None,
    });
    let index = index_of(&records);
    let results = index
        .search(&Search {
            kind: Some(SearchKind::Glossary),
            limit: 10,
            ..words("治理")
        })
        .unwrap();
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].key, "glossary:igf");
    let count = |kind| {
        results
            .by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, n)| *n)
    };
    assert_eq!(count(SearchKind::Answer), Some(1));
    assert_eq!(count(SearchKind::Glossary), Some(1));
    assert_eq!(count(SearchKind::Transcript), Some(0));
    // The glossary entry is one record in three languages, found in each.
    assert_eq!(keys(&index, words("gouvernance forum")), ["glossary:igf"]);
    assert_eq!(results.hits[0].languages, ["en", "fr", "zh"]);
    assert_eq!(results.hits[0].snippet.language.as_deref(), Some("zh"));
}

#[test]
fn snippets_mark_what_matched_and_cut_long_texts() {
    let long = format!(
        "{} The secretariat compiles the answers into a summary. {}",
        "Preliminary words about the agenda. ".repeat(20),
        "Closing remarks follow. ".repeat(20)
    );
    let index = index_of(&[answer("long", "en", &long), corpus().remove(5)]);
    let results = index
        .search(&Search {
            limit: 5,
            ..words("summaries compiled")
        })
        .unwrap();
    let snippet = &results.hits[0].snippet;
    // A window of the text, widened to its punctuation, with … where the text goes on.
    assert!(snippet.text.chars().count() <= 250, "{}", snippet.text);
    assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
    let marked: Vec<&str> = snippet
        .pieces()
        .into_iter()
        .filter(|(_, marked)| *marked)
        .map(|(piece, _)| piece)
        .collect();
    assert_eq!(marked, ["compiles", "summary"]);
    let rebuilt: String = snippet.pieces().into_iter().map(|(p, _)| p).collect();
    assert_eq!(rebuilt, snippet.text);
    // Overlapping bigrams are one mark: 互联网治理 is marked once, whole.
    let zh = index
        .search(&Search {
            limit: 5,
            ..words("互联网治理")
        })
        .unwrap();
    let pieces = zh.hits[0].snippet.pieces();
    assert!(pieces.contains(&("互联网治理", true)), "{pieces:?}");
    // Without words there is nothing to mark: the text's beginning stands in.
    let listed = index
        .search(&Search {
            limit: 5,
            language: Some("en".into()),
            ..Search::default()
        })
        .unwrap();
    assert!(listed.hits[0].snippet.marks.is_empty());
    assert!(listed.hits[0].snippet.text.starts_with("Preliminary words"));
    assert!(listed.hits[0].snippet.text.ends_with('…'));
}

#[test]
fn a_record_is_replaced_by_its_key_and_removed() {
    let index = index_of(&corpus());
    let mut writer = index.writer().unwrap();
    writer
        .put(&answer("en", "en", "Cybersecurity needs cooperation."))
        .unwrap();
    writer.remove("answer:fr");
    writer.commit(10).unwrap();
    assert!(keys(&index, words("governance")).is_empty());
    assert_eq!(keys(&index, words("cybersecurity")), ["answer:en"]);
    assert!(keys(&index, words("gouvernance")).is_empty());
    assert_eq!(index.len(), 5);
    assert_eq!(index.watermark().unwrap(), 10);
}

#[test]
fn the_watermark_survives_a_reopen_and_one_writer_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    assert!(matches!(
        SearchIndex::open_existing(&path),
        Err(SearchError::Missing(_))
    ));
    {
        let index = SearchIndex::open(&path).unwrap();
        assert_eq!(index.watermark().unwrap(), 0);
        let mut writer = index.writer().unwrap();
        assert!(matches!(index.writer(), Err(SearchError::Busy(_))));
        writer.put(&corpus()[0]).unwrap();
        writer.commit(42).unwrap();
    }
    let reopened = SearchIndex::open_existing(&path).unwrap();
    assert_eq!(reopened.watermark().unwrap(), 42);
    assert_eq!(keys(&reopened, words("governance")), ["answer:en"]);
    // Uncommitted writes are lost with their writer, and the watermark stays.
    {
        let mut writer = reopened.writer().unwrap();
        writer.put(&corpus()[1]).unwrap();
    }
    let again = SearchIndex::open_existing(&path).unwrap();
    assert_eq!((again.len(), again.watermark().unwrap()), (1, 42));
}

#[test]
fn ties_are_ordered_by_date_then_key_whatever_the_insertion_order() {
    let same = |id: &str, date: i64| Record {
        date: Some(date),
        ..answer(id, "en", "Capacity building.")
    };
    let records = [same("a", 1), same("b", 3), same("c", 2), same("d", 2)];
    let forward = index_of(&records);
    let mut reversed = records.to_vec();
    reversed.reverse();
    let backward = SearchIndex::in_memory();
    let mut writer = backward.writer().unwrap();
    for record in &reversed {
        writer.put(record).unwrap();
        // One segment per record: the order cannot come from document ids.
        writer.commit(0).unwrap();
    }
    let order = keys(&forward, words("capacity"));
    assert_eq!(order, keys(&backward, words("capacity")));
    assert_eq!(order[0], "answer:b");
    assert_eq!(order[3], "answer:a");
    // Paging walks the same order.
    let second = keys(
        &backward,
        Search {
            offset: 2,
            limit: 2,
            ..words("capacity")
        },
    );
    assert_eq!(second, order[2..]);
}
