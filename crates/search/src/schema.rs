//! The index's fields. One text field per analyser: a record's text goes to the field of its
//! language, and a query is analysed for every field, so each language is stemmed its own way
//! and a query in any of them finds its own language.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::Analyser;

/// The tokenizer of `speaker`: the whole name, lower case, so a filter is exact but ignores case.
pub(crate) const SPEAKER_TOKENIZER: &str = "agora_name";

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    /// `<source>:<id>`, unique: what a change deletes by.
    pub key: Field,
    /// The [`agora_core::search::SearchKind`]'s position in `SearchKind::ALL` (fast: counted
    /// per kind, filtered by the collectors).
    pub kind: Field,
    pub title: Field,
    pub url: Field,
    pub process: Field,
    pub meeting: Field,
    pub speaker: Field,
    pub group: Field,
    /// The languages of the record's texts (a glossary entry has several).
    pub lang: Field,
    /// Unix milliseconds (fast: orders ties, newest first).
    pub date: Field,
    /// A hash of the key (fast): the last tie-breaker, the same whatever the segments.
    pub tie: Field,
    /// The text fields, in the order of [`Analyser::ALL`].
    pub texts: [Field; 7],
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let analysed = |analyser: Analyser, stored: bool| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyser.name())
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let key = builder.add_text_field("key", STRING | STORED);
        let kind = builder.add_u64_field("kind", INDEXED | FAST | STORED);
        let title = builder.add_text_field("title", analysed(Analyser::Plain, true));
        let url = builder.add_text_field("url", STORED);
        let process = builder.add_text_field("process", STRING | STORED);
        let meeting = builder.add_text_field("meeting", STRING | STORED);
        let speaker = builder.add_text_field(
            "speaker",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(SPEAKER_TOKENIZER)
                        .set_index_option(IndexRecordOption::Basic),
                )
                .set_stored(),
        );
        let group = builder.add_text_field("group", STRING | STORED);
        let lang = builder.add_text_field("lang", STRING | STORED);
        let date = builder.add_i64_field("date", INDEXED | FAST | STORED);
        let tie = builder.add_u64_field("tie", FAST);
        let texts = Analyser::ALL.map(|analyser| {
            builder.add_text_field(
                &format!("text_{}", analyser.code()),
                analysed(analyser, true),
            )
        });
        let fields = Fields {
            key,
            kind,
            title,
            url,
            process,
            meeting,
            speaker,
            group,
            lang,
            date,
            tie,
            texts,
        };
        (builder.build(), fields)
    }

    pub fn text(&self, analyser: Analyser) -> Field {
        let at = Analyser::ALL
            .iter()
            .position(|a| *a == analyser)
            .unwrap_or(Analyser::ALL.len() - 1);
        self.texts[at]
    }
}
