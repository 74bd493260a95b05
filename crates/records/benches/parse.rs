//! Transcript parsing throughput (issue 5 asks for 50 MB/s on one core): the seed meeting
//! repeated to about 8 MB, parsed whole.
//!
//! `cargo bench -p agora-records --bench parse`

use std::sync::LazyLock;

fn main() {
    divan::main();
}

static SEED: &str = include_str!("../tests/fixtures/icann-beijing-2013-04-08-fr.txt");

static LARGE: LazyLock<String> = LazyLock::new(|| SEED.repeat(100));

#[divan::bench(counter = divan::counter::BytesCount::new(LARGE.len()), sample_count = 10)]
fn seed_meeting_100_times() -> usize {
    agora_records::parse(divan::black_box(&LARGE)).turns.len()
}
