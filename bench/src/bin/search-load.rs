//! Search at scale: `--paragraphs` generated paragraphs (default 1,000,000, about 300
//! characters each, in the six UN languages as `agora_corpus` writes them) indexed by
//! `agora-search`, then `--queries` searches of the kinds readers type (one word, two words,
//! a phrase, a word with a filter, a Chinese word), each answered as the search page needs it:
//! the 20 best with their snippets, the total and the counts per kind. The same paragraphs and
//! searches then go to the peer, SQLite's FTS5 (unicode61 with the Porter stemmer, bm25,
//! `snippet()`, a `GROUP BY` for the counts), in the same run. Prints build times, index sizes
//! and latency percentiles side by side.
//!
//! `cargo run --release -p agora-bench --bin search-load -- --paragraphs 1000000`

use std::path::Path;
use std::time::{Duration, Instant};

use agora_bench::{ms, percentile};
use agora_core::search::SearchKind;
use agora_search::{Record, Search, SearchIndex, Text};
use anyhow::Result;
use clap::Parser;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    paragraphs: usize,
    #[arg(long, default_value_t = 2_000)]
    queries: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// 2013-01-01 and three years after, in unix ms: the dates paragraphs are spread over.
const FIRST_DAY: i64 = 1_356_998_400_000;
const SPAN: i64 = 3 * 365 * 86_400_000;

/// A search of the run, as both engines are asked it.
#[derive(Clone)]
struct Query {
    kind: &'static str,
    words: Vec<String>,
    phrase: bool,
    group: Option<&'static str>,
}

impl Query {
    fn text(&self) -> String {
        if self.phrase {
            format!("\"{}\"", self.words.join(" "))
        } else {
            self.words.join(" ")
        }
    }

    /// FTS5's syntax: each word quoted (a word is never an operator), a phrase as one string.
    fn fts(&self) -> String {
        if self.phrase {
            format!("\"{}\"", self.words.join(" "))
        } else {
            self.words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

fn kind_of(i: usize) -> SearchKind {
    match i % 50 {
        0 => SearchKind::Glossary,
        1..=4 => SearchKind::Document,
        5..=19 => SearchKind::Transcript,
        _ => SearchKind::Answer,
    }
}

/// A small deterministic generator for picking queries (SplitMix64).
struct Pick(u64);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }
}

/// The words of a paragraph as a reader would type them: letters only, four or more.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4 && !w.chars().any(agora_search::analysis::is_cjk))
        .map(str::to_lowercase)
        .collect()
}

/// Two-character Chinese words of a paragraph.
fn chinese_words(text: &str) -> Vec<String> {
    let han: Vec<char> = text.chars().collect();
    han.windows(2)
        .filter(|pair| pair.iter().all(|c| agora_search::analysis::is_cjk(*c)))
        .map(|pair| pair.iter().collect())
        .collect()
}

fn queries(rows: &[agora_corpus::Row], count: usize, seed: u64) -> Vec<Query> {
    let mut pick = Pick(seed);
    let chinese: Vec<&agora_corpus::Row> = rows.iter().filter(|r| r.language == "zh").collect();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let shape = pick.below(100);
        if shape >= 85 {
            let row = chinese[pick.below(chinese.len())];
            let words = chinese_words(&row.text);
            if !words.is_empty() {
                out.push(Query {
                    kind: "zh word",
                    words: vec![words[pick.below(words.len())].clone()],
                    phrase: false,
                    group: None,
                });
            }
            continue;
        }
        let row = &rows[pick.below(rows.len())];
        let words = words_of(&row.text);
        if words.len() < 2 {
            continue;
        }
        let at = pick.below(words.len() - 1);
        let query = match shape {
            0..30 => Query {
                kind: "one word",
                words: vec![words[at].clone()],
                phrase: false,
                group: None,
            },
            30..55 => Query {
                kind: "two words",
                words: vec![words[at].clone(), words[pick.below(words.len())].clone()],
                phrase: false,
                group: None,
            },
            55..70 => Query {
                kind: "phrase",
                words: vec![words[at].clone(), words[at + 1].clone()],
                phrase: true,
                group: None,
            },
            _ => Query {
                kind: "word + group",
                words: vec![words[at].clone()],
                phrase: false,
                group: Some(row.stakeholder_group),
            },
        };
        out.push(query);
    }
    out
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Latencies by query kind and in all, as a table row each.
fn report(engine: &str, timed: &[(&'static str, Duration, u64)]) {
    let mut kinds: Vec<&str> = timed.iter().map(|t| t.0).collect();
    kinds.sort();
    kinds.dedup();
    kinds.push("all");
    for kind in kinds {
        let mut durations: Vec<Duration> = timed
            .iter()
            .filter(|t| kind == "all" || t.0 == kind)
            .map(|t| t.1)
            .collect();
        durations.sort();
        let found: u64 = timed
            .iter()
            .filter(|t| kind == "all" || t.0 == kind)
            .map(|t| t.2)
            .sum();
        println!(
            "| {engine} | {kind} | {} | {:.2} | {:.2} | {:.2} | {:.0} |",
            durations.len(),
            ms(percentile(&durations, 0.50)),
            ms(percentile(&durations, 0.95)),
            ms(percentile(&durations, 0.99)),
            found as f64 / durations.len() as f64
        );
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let rows = agora_corpus::generate(args.paragraphs, args.seed);
    let chars: usize = rows.iter().map(|r| r.text.chars().count()).sum();
    println!(
        "{} paragraphs, {:.0} characters on average, generated in {:.1} s",
        rows.len(),
        chars as f64 / rows.len() as f64,
        started.elapsed().as_secs_f64()
    );
    let records: Vec<Record> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Record {
            key: format!("p:{i}"),
            kind: kind_of(i),
            title: format!("Paragraph {i}"),
            url: format!("/p/{i}"),
            texts: vec![Text::new(Some(r.language), r.text.as_str())],
            process: Some(format!("process-{}", i % 13)),
            meeting: None,
            speaker: None,
            group: Some(r.stakeholder_group.to_owned()),
            date: Some(FIRST_DAY + (i as i64 * 7_919_000) % SPAN),
        })
        .collect();
    let queries = queries(&rows, args.queries, args.seed);
    let scratch = tempfile::tempdir()?;

    // Agora's index.
    let built = Instant::now();
    let index = SearchIndex::open(&scratch.path().join("tantivy"))?;
    let mut writer = index.writer()?;
    for record in &records {
        writer.put(record)?;
    }
    writer.commit(1)?;
    drop(writer);
    let agora_build = built.elapsed();
    let agora_size = dir_size(&scratch.path().join("tantivy"));
    println!(
        "agora-search: indexed in {:.1} s, {:.0} MiB",
        agora_build.as_secs_f64(),
        mib(agora_size)
    );

    // The peer: SQLite FTS5, the same paragraphs.
    let built = Instant::now();
    let fts = fts_index(&scratch.path().join("fts.db"), &records).await?;
    let fts_build = built.elapsed();
    let fts_size = std::fs::metadata(scratch.path().join("fts.db"))?.len();
    println!(
        "SQLite FTS5: indexed in {:.1} s, {:.0} MiB",
        fts_build.as_secs_f64(),
        mib(fts_size)
    );

    // Warm both (page cache, first-use allocations), then time each search.
    for query in queries.iter().take(200) {
        agora_search(&index, query)?;
        fts_search(&fts, query).await?;
    }
    let mut agora = Vec::with_capacity(queries.len());
    for query in &queries {
        let at = Instant::now();
        let found = agora_search(&index, query)?;
        agora.push((query.kind, at.elapsed(), found));
    }
    let mut peer = Vec::with_capacity(queries.len());
    for query in &queries {
        let at = Instant::now();
        let found = fts_search(&fts, query).await?;
        peer.push((query.kind, at.elapsed(), found));
    }

    println!("\n| engine | queries | n | p50 ms | p95 ms | p99 ms | results found (mean) |");
    println!("|---|---|---|---|---|---|---|");
    report("agora-search", &agora);
    report("SQLite FTS5", &peer);
    let all = |timed: &[(&str, Duration, u64)], p: f64| {
        let mut d: Vec<Duration> = timed.iter().map(|t| t.1).collect();
        d.sort();
        ms(percentile(&d, p))
    };
    println!(
        "\nratio (FTS5 / agora-search): p50 {:.1}×, p95 {:.1}×, p99 {:.1}×; build {:.1}×; size {:.1}×",
        all(&peer, 0.5) / all(&agora, 0.5),
        all(&peer, 0.95) / all(&agora, 0.95),
        all(&peer, 0.99) / all(&agora, 0.99),
        fts_build.as_secs_f64() / agora_build.as_secs_f64(),
        fts_size as f64 / agora_size as f64,
    );
    println!("whole run: {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// One search as the page asks it; returns the total found.
fn agora_search(index: &SearchIndex, query: &Query) -> Result<u64> {
    let results = index.search(&Search {
        text: query.text(),
        group: query.group.map(str::to_owned),
        limit: 20,
        ..Search::default()
    })?;
    Ok(results.total)
}

async fn fts_index(path: &Path, records: &[Record]) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Off)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE p USING fts5(title, body, kind UNINDEXED, grp UNINDEXED, \
         date UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')",
    )
    .execute(&pool)
    .await?;
    for chunk in records.chunks(10_000) {
        let mut tx = pool.begin().await?;
        for record in chunk {
            sqlx::query("INSERT INTO p (title, body, kind, grp, date) VALUES ($1, $2, $3, $4, $5)")
                .bind(&record.title)
                .bind(&record.texts[0].text)
                .bind(record.kind.code())
                .bind(record.group.as_deref())
                .bind(record.date)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    sqlx::query("INSERT INTO p (p) VALUES ('optimize')")
        .execute(&pool)
        .await?;
    Ok(pool)
}

/// The same search: the 20 best by bm25 with snippets, and the counts per kind.
async fn fts_search(pool: &SqlitePool, query: &Query) -> Result<u64> {
    let filter = if query.group.is_some() {
        " AND grp = $2"
    } else {
        ""
    };
    let top = format!(
        "SELECT rowid, title, snippet(p, 1, '<mark>', '</mark>', '…', 24) AS snippet FROM p \
         WHERE p MATCH $1{filter} ORDER BY bm25(p) LIMIT 20"
    );
    let counts =
        format!("SELECT kind, count(*) AS n FROM p WHERE p MATCH $1{filter} GROUP BY kind");
    let text = query.fts();
    let mut top = sqlx::query(&top).bind(&text);
    let mut counts = sqlx::query(&counts).bind(&text);
    if let Some(group) = query.group {
        top = top.bind(group);
        counts = counts.bind(group);
    }
    let hits = top.fetch_all(pool).await?;
    let total: i64 = counts
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| r.get::<i64, _>("n"))
        .sum();
    debug_assert!(hits.len() <= 20);
    Ok(total as u64)
}
