//! `parse_as` in each format (the first byte chooses it) on any text, and the acronym finder on
//! the same text: results hold the invariants, offsets fall on character boundaries.
#![no_main]

use agora_records::{Format, acronyms};
use libfuzzer_sys::fuzz_target;

mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(choice) % Format::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let transcript = agora_records::parse_as(&text, format);
    assert_eq!(transcript.format, format);
    invariants::check(&transcript, invariants::lines(&text));
    let mut previous = 0;
    for occurrence in acronyms::find(&text) {
        assert!(occurrence.start >= previous && occurrence.start < occurrence.end);
        assert_eq!(&text[occurrence.start..occurrence.end], occurrence.acronym);
        assert!(occurrence.context(&text).contains(&occurrence.acronym));
        previous = occurrence.end;
    }
    for expansion in acronyms::expansions(&text) {
        assert!(!expansion.phrase.is_empty());
    }
});
