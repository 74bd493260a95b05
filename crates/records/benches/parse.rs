//! Transcript parsing throughput (issue 5 asks for 50 MB/s on one core), per format: each
//! fixture repeated to about 8 MB and parsed whole on one thread, plus format detection on the
//! seed and, side by side, the `srtparse` crate reading the same SRT (cues only: no speakers,
//! no merging, no markup).
//!
//! `cargo bench -p agora-records --bench parse`

use std::sync::LazyLock;

use agora_records::Format;

fn main() {
    divan::main();
}

const TARGET: usize = 8_000_000;

/// `body` repeated to about 8 MB after `head`, each copy starting on a fresh block.
fn large(head: &str, body: &str) -> String {
    let copies = TARGET.div_ceil(body.len() + 1);
    let mut out = String::with_capacity(head.len() + copies * (body.len() + 1));
    out.push_str(head);
    for _ in 0..copies {
        out.push_str(body);
        out.push('\n');
    }
    out
}

fn fixture(format: Format) -> &'static str {
    match format {
        Format::Icann => include_str!("../tests/fixtures/icann-beijing-2013-04-08-fr.txt"),
        Format::Igf => include_str!("../tests/fixtures/igf-2019-day1-main-hall-en.txt"),
        Format::Markdown => include_str!("../tests/fixtures/pdis-2017-01-11-open-government-zh.md"),
        Format::Minutes => {
            include_str!("../tests/fixtures/mag-2024-03-12-virtual-meeting-minutes.txt")
        }
        Format::WebVtt => include_str!("../tests/fixtures/cstd-wgec-2013-05-30-session.vtt"),
        Format::Srt => include_str!("../tests/fixtures/igf-2022-open-forum-12.srt"),
    }
}

/// Each format's large input: the WebVTT header once, then the cues repeated.
static LARGE: LazyLock<Vec<(Format, String)>> = LazyLock::new(|| {
    Format::ALL
        .into_iter()
        .map(|format| {
            let text = fixture(format);
            let input = match format {
                Format::WebVtt => {
                    let (head, cues) = text.split_once("\n\n").unwrap_or(("", text));
                    large(&format!("{head}\n\n"), cues)
                }
                _ => large("", text),
            };
            (format, input)
        })
        .collect()
});

fn input(format: Format) -> &'static str {
    &LARGE.iter().find(|(f, _)| *f == format).unwrap().1
}

#[divan::bench(
    args = Format::ALL,
    sample_count = 10,
)]
fn parse_as(bencher: divan::Bencher, format: Format) {
    let text = input(format);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            agora_records::parse_as(divan::black_box(text), format)
                .turns
                .len()
        });
}

/// The seed meeting, format detected (the figure recorded before the other formats came).
#[divan::bench(sample_count = 10)]
fn seed_meeting_detected(bencher: divan::Bencher) {
    let text = input(Format::Icann);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| agora_records::parse(divan::black_box(text)).turns.len());
}

/// The peer: `srtparse` on the same SRT, from the same string.
#[divan::bench(sample_count = 10)]
fn srt_peer_srtparse(bencher: divan::Bencher) {
    let text = input(Format::Srt);
    assert!(srtparse::from_str(text).is_ok(), "the peer reads the input");
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| srtparse::from_str(divan::black_box(text)).map_or(0, |cues| cues.len()));
}
