//! The engine's parts on labelled answers (agora-corpus), per answer and per corpus: what each
//! stage costs, to see which one a change moves. The end-to-end figures at a million answers,
//! and the comparison with the Python reference, are `bench/src/bin/synth-load.rs` and
//! `bench/synth-compare.sh` (docs/BENCHMARKS.md).
//!
//! `cargo bench -p agora-text --bench engine`

use std::sync::LazyLock;

use agora_text::campaigns::{Permutations, token_hashes};
use agora_text::features::term_sequence;
use agora_text::language::detect;
use agora_text::{Answer, NoProgress, Options, synthesize};

fn main() {
    divan::main();
}

static ANSWERS: LazyLock<Vec<Answer>> = LazyLock::new(|| {
    agora_corpus::generate(10_000, 1)
        .into_iter()
        .map(|r| Answer {
            id: r.id,
            text: r.text,
            question: r.question.to_owned(),
            group: Some(r.stakeholder_group.to_owned()),
            region: Some(r.region.to_owned()),
        })
        .collect()
});

/// Every answer of the corpus once, cycling, so each iteration reads a different text.
fn next_text() -> &'static str {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static AT: AtomicUsize = AtomicUsize::new(0);
    let at = AT.fetch_add(1, Ordering::Relaxed) % ANSWERS.len();
    &ANSWERS[at].text
}

#[divan::bench]
fn tokens_of_one_answer() -> usize {
    token_hashes(divan::black_box(next_text())).len()
}

#[divan::bench]
fn language_of_one_answer() -> agora_text::language::Language {
    detect(divan::black_box(next_text()))
}

#[divan::bench]
fn index_terms_of_one_answer() -> usize {
    let text = divan::black_box(next_text());
    term_sequence(text, detect(text)).len()
}

#[divan::bench]
fn minhash_of_one_answer(bencher: divan::Bencher) {
    let permutations = Permutations::new(1);
    bencher.bench_local(|| {
        permutations
            .shingle(&token_hashes(divan::black_box(next_text())))
            .shingles
            .len()
    });
}

#[divan::bench(sample_count = 5)]
fn synthesis_of_10_000_answers() -> usize {
    synthesize(divan::black_box(&ANSWERS), &Options::default(), &NoProgress)
        .themes
        .len()
}
