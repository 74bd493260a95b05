//! Running a search: the words matched across every language's field, the filters as exact
//! terms and a date range, results in a fixed order, counts per kind, and highlighted
//! snippets.

use std::collections::HashMap;
use std::ops::{Bound, Range};

use agora_core::search::SearchKind;
use tantivy::collector::{Collector, FilterCollector, SegmentCollector, TopDocs};
use tantivy::columnar::ColumnValues;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, SegmentReader, TantivyDocument, Term};

use crate::analysis::Analyser;
use crate::index::{Result, SearchIndex};
use crate::record::{kind_of_ordinal, kind_ordinal};

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// A search: words (empty for every record the filters keep) and filters, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The reader's words. Quotes make a phrase, `-word` leaves out; several words must all
    /// be found (in any of the record's texts or its title).
    pub text: String,
    pub kind: Option<SearchKind>,
    /// A process's id.
    pub process: Option<String>,
    pub meeting: Option<String>,
    /// A speaker's name, any case.
    pub speaker: Option<String>,
    pub group: Option<String>,
    /// A language code (`fr`).
    pub language: Option<String>,
    /// From this instant (unix ms, included).
    pub from: Option<i64>,
    /// Until this instant (unix ms, excluded).
    pub until: Option<i64>,
    pub offset: usize,
    pub limit: usize,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Results of the search's kind (or of all kinds), on every page.
    pub total: u64,
    pub hits: Vec<Hit>,
    /// Results per kind with the other filters, for switching kinds; in `SearchKind::ALL` order.
    pub by_kind: Vec<(SearchKind, u64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub key: String,
    pub kind: SearchKind,
    pub title: String,
    pub url: String,
    pub process: Option<String>,
    pub meeting: Option<String>,
    pub speaker: Option<String>,
    pub group: Option<String>,
    pub date: Option<i64>,
    pub languages: Vec<String>,
    pub score: f32,
    pub snippet: Highlighted,
}

/// A piece of a record's text with the byte ranges that matched the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted {
    pub text: String,
    /// Byte ranges in `text`, sorted, not overlapping, on character boundaries.
    pub marks: Vec<Range<usize>>,
    /// The language of `text` (its analyser's code or tag).
    pub language: Option<String>,
}

impl Highlighted {
    /// The text cut at the marks: `(piece, marked)`, for templates that escape each piece and
    /// wrap the marked ones in `<mark>`.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for mark in &self.marks {
            if mark.start > at {
                pieces.push((&self.text[at..mark.start], false));
            }
            pieces.push((&self.text[mark.clone()], true));
            at = mark.end;
        }
        if at < self.text.len() {
            pieces.push((&self.text[at..], false));
        }
        pieces
    }
}

impl SearchIndex {
    pub fn search(&self, search: &Search) -> Result<Results> {
        let searcher = self.searcher();
        let words = (!search.text.trim().is_empty())
            .then(|| self.parser.parse_query_lenient(&search.text).0);
        let query = self.query(search, words.as_ref().map(|q| q.box_clone()));
        let wanted = search.kind.map(kind_ordinal);
        let top = TopDocs::with_limit(search.limit.max(1))
            .and_offset(search.offset)
            .tweak_score(|segment: &SegmentReader| {
                let date = fast(segment, "date", i64::MIN);
                let tie = fast(segment, "tie", 0u64);
                move |doc: DocId, score: Score| (score, date(doc), tie(doc))
            });
        let top = FilterCollector::new(
            "kind".to_owned(),
            move |kind: u64| wanted.is_none_or(|w| w == kind),
            top,
        );
        let (found, counts) = searcher.search(&query, &(top, KindCounts))?;
        let by_kind: Vec<(SearchKind, u64)> = SearchKind::ALL
            .iter()
            .zip(counts)
            .map(|(kind, count)| (*kind, count))
            .collect();
        let total = match search.kind {
            Some(kind) => counts[kind_ordinal(kind) as usize],
            None => counts.iter().sum(),
        };
        let mut snippets = Snippets::new(words.as_deref());
        let hits = found
            .into_iter()
            .map(|((score, _, _), address)| self.hit(&searcher, address, score, &mut snippets))
            .collect::<Result<Vec<_>>>()?;
        Ok(Results {
            total,
            hits: if search.limit == 0 { Vec::new() } else { hits },
            by_kind,
        })
    }

    /// The words (if any) and every filter but the kind, which the collectors apply so that
    /// the counts per kind come from the same pass.
    fn query(&self, search: &Search, words: Option<Box<dyn Query>>) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(words) = words {
            clauses.push((Occur::Must, words));
        }
        let exact = [
            (f.process, search.process.clone()),
            (f.meeting, search.meeting.clone()),
            (f.speaker, search.speaker.as_ref().map(|s| s.to_lowercase())),
            (f.group, search.group.clone()),
            (f.lang, search.language.clone()),
        ];
        for (field, value) in exact {
            if let Some(value) = value {
                clauses.push((Occur::Must, filter(term_query(field, &value))));
            }
        }
        if search.from.is_some() || search.until.is_some() {
            let bound = |value: Option<i64>, included: bool| match value {
                None => Bound::Unbounded,
                Some(ms) if included => Bound::Included(Term::from_field_i64(f.date, ms)),
                Some(ms) => Bound::Excluded(Term::from_field_i64(f.date, ms)),
            };
            let range = RangeQuery::new(bound(search.from, true), bound(search.until, false));
            clauses.push((Occur::Must, filter(Box::new(range))));
        }
        if clauses.is_empty() {
            return Box::new(AllQuery);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        score: Score,
        snippets: &mut Snippets,
    ) -> Result<Hit> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let kind = doc
            .get_first(f.kind)
            .and_then(|v| v.as_u64())
            .and_then(kind_of_ordinal)
            .unwrap_or(SearchKind::Document);
        let languages = doc
            .get_all(f.lang)
            .filter_map(|v| v.as_str())
            .map(str::to_owned)
            .collect();
        Ok(Hit {
            key: text(f.key).unwrap_or_default(),
            kind,
            title: text(f.title).unwrap_or_default(),
            url: text(f.url).unwrap_or_default(),
            process: text(f.process),
            meeting: text(f.meeting),
            speaker: text(f.speaker),
            group: text(f.group),
            date: doc.get_first(f.date).and_then(|v| v.as_i64()),
            languages,
            score,
            snippet: snippets.of(self, searcher, &doc)?,
        })
    }
}

fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A condition that selects without changing scores.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// A fast field's first value per document, `missing` where a segment has none (a segment
/// of glossary entries has no dates).
fn fast<T>(segment: &SegmentReader, name: &str, missing: T) -> impl Fn(DocId) -> T + use<T>
where
    T: tantivy::columnar::HasAssociatedColumnType
        + PartialOrd
        + Copy
        + Default
        + Send
        + Sync
        + 'static,
    tantivy::columnar::DynamicColumn: Into<Option<tantivy::columnar::Column<T>>>,
{
    let column = segment
        .fast_fields()
        .column_opt::<T>(name)
        .ok()
        .flatten()
        .map(|c| c.first_or_default_col(missing));
    move |doc| column.as_ref().map_or(missing, |c| c.get_val(doc))
}

/// Counts the matching records of each kind.
struct KindCounts;

const KINDS: usize = SearchKind::ALL.len();

impl Collector for KindCounts {
    type Fruit = [u64; KINDS];
    type Child = KindSegment;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<KindSegment> {
        Ok(KindSegment {
            kinds: segment
                .fast_fields()
                .u64("kind")?
                .first_or_default_col(u64::MAX),
            counts: [0; KINDS],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<[u64; KINDS]>) -> tantivy::Result<[u64; KINDS]> {
        let mut total = [0; KINDS];
        for counts in fruits {
            for (sum, count) in total.iter_mut().zip(counts) {
                *sum += count;
            }
        }
        Ok(total)
    }
}

struct KindSegment {
    kinds: std::sync::Arc<dyn ColumnValues<u64>>,
    counts: [u64; KINDS],
}

impl SegmentCollector for KindSegment {
    type Fruit = [u64; KINDS];

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(count) = usize::try_from(self.kinds.get_val(doc))
            .ok()
            .and_then(|k| self.counts.get_mut(k))
        {
            *count += 1;
        }
    }

    fn harvest(self) -> [u64; KINDS] {
        self.counts
    }
}

/// Snippet generators, one per text field met, made when first needed.
struct Snippets<'q> {
    words: Option<&'q dyn Query>,
    generators: HashMap<Field, SnippetGenerator>,
}

impl<'q> Snippets<'q> {
    fn new(words: Option<&'q dyn Query>) -> Self {
        Snippets {
            words,
            generators: HashMap::new(),
        }
    }

    /// The best snippet among the record's texts: the one with the most marks, the first text
    /// when none matched (a search by filters only, or a match in the title).
    fn of(
        &mut self,
        index: &SearchIndex,
        searcher: &tantivy::Searcher,
        doc: &TantivyDocument,
    ) -> Result<Highlighted> {
        let mut best: Option<Highlighted> = None;
        for analyser in Analyser::ALL {
            let field = index.fields.text(analyser);
            for value in doc.get_all(field).filter_map(|v| v.as_str()) {
                let language = doc_language(doc, index, analyser);
                let found = match self.words {
                    Some(words) => {
                        let generator = match self.generators.entry(field) {
                            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                            std::collections::hash_map::Entry::Vacant(e) => {
                                let mut generator =
                                    SnippetGenerator::create(searcher, words, field)?;
                                generator.set_max_num_chars(SNIPPET_CHARS);
                                e.insert(generator)
                            }
                        };
                        let snippet = generator.snippet(value);
                        if snippet.fragment().is_empty() {
                            Highlighted::default()
                        } else {
                            fragment(
                                value,
                                snippet.fragment_range(),
                                snippet.highlighted(),
                                language,
                            )
                        }
                    }
                    None => Highlighted::default(),
                };
                let found = if found.text.is_empty() {
                    Highlighted {
                        text: beginning(value, SNIPPET_CHARS),
                        marks: Vec::new(),
                        language: doc_language(doc, index, analyser),
                    }
                } else {
                    found
                };
                if best
                    .as_ref()
                    .is_none_or(|b| found.marks.len() > b.marks.len())
                {
                    best = Some(found);
                }
            }
        }
        Ok(best.unwrap_or_default())
    }
}

/// The language shown for a text of `analyser`'s field: its code, or for the plain field the
/// record's first language without an analyser of its own.
fn doc_language(doc: &TantivyDocument, index: &SearchIndex, analyser: Analyser) -> Option<String> {
    match analyser {
        Analyser::Plain => doc
            .get_all(index.fields.lang)
            .filter_map(|v| v.as_str())
            .find(|code| Analyser::for_language(code) == Analyser::Plain)
            .map(str::to_owned),
        other => Some(other.code().to_owned()),
    }
}

/// The fragment `range` of `text` with the marks (relative to the fragment), widened to the
/// punctuation that touches it (tantivy cuts at the first and last word: `</b>` would lose its
/// `>`), with `…` where the text goes on.
fn fragment(
    text: &str,
    range: Range<usize>,
    marks: &[Range<usize>],
    language: Option<String>,
) -> Highlighted {
    let glued = |c: char| !c.is_whitespace() && !c.is_alphanumeric();
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| glued(*c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = range.end
        + text[range.end..]
            .chars()
            .take_while(|c| glued(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let shift = out.len() + (range.start - start);
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    Highlighted {
        text: out,
        marks: merged(marks)
            .into_iter()
            .map(|m| m.start + shift..m.end + shift)
            .collect(),
        language,
    }
}

/// The ranges sorted and joined where they overlap or touch (CJK bigrams overlap).
fn merged(ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for range in sorted {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The first `chars` characters of `text`, cut after a word when there is one to cut at.
fn beginning(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_owned(),
        Some((end, _)) => {
            let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
            format!("{}…", text[..cut].trim_end())
        }
    }
}
