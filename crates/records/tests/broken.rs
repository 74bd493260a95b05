//! Broken input: every case parses to something definite — the turns that can be read, and a
//! warning naming the line of what could not.

use agora_records::{Format, TurnKind, parse, parse_as, parse_bytes, parse_bytes_as};

const SEED: &str = include_str!("fixtures/icann-beijing-2013-04-08-fr.txt");

fn speakers(t: &agora_records::Transcript) -> Vec<Option<&str>> {
    t.turns.iter().map(|t| t.speaker.as_deref()).collect()
}

#[test]
fn a_label_with_no_text_is_no_turn_and_is_named() {
    let t = parse("PETER MAJOR:\n\nERIC LOEB: Thanks.\n\nJOY LIDDICOAT:\n");
    assert_eq!(speakers(&t), [Some("ERIC LOEB")]);
    assert_eq!(
        t.warnings,
        [
            "line 1: PETER MAJOR has no text",
            "line 5: JOY LIDDICOAT has no text"
        ]
    );
    let t = parse_as(">> PETER MAJOR:\n>>\n>> Yes.\n", Format::Igf);
    assert_eq!(speakers(&t), [None]);
    assert_eq!(
        t.warnings,
        ["line 1: PETER MAJOR has no text", "line 2: >> has no text"]
    );
    let t = parse_as(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Peter Major></v>\n",
        Format::WebVtt,
    );
    assert!(t.turns.is_empty());
    assert_eq!(t.warnings, ["line 4: Peter Major has no text"]);
}

#[test]
fn text_before_any_label() {
    // ICANN: a title, a date, a place, then text that is none of them: narrative, warned.
    let t = parse(
        "Title\n\n8 April 2013\n\nBeijing\n\nPeople are taking their seats.\n\nPETER MAJOR: Welcome.\n",
    );
    assert_eq!(
        (t.title.as_deref(), t.date.as_deref(), t.place.as_deref()),
        (Some("Title"), Some("8 April 2013"), Some("Beijing"))
    );
    assert_eq!(t.turns[0].kind, TurnKind::Narrative);
    assert_eq!(t.turns[0].text, "People are taking their seats.");
    assert_eq!(speakers(&t), [None, Some("PETER MAJOR")]);
    assert_eq!(
        t.warnings,
        ["line 7: text before the first speaker, kept as narrative"]
    );
    // SRT: text before the first cue is the header.
    let t = parse_as(
        "Open Forum 12\n\n1\n00:00:01,000 --> 00:00:02,000\nHello.\n",
        Format::Srt,
    );
    assert_eq!(t.title.as_deref(), Some("Open Forum 12"));
    assert_eq!(t.turns.len(), 1);
    assert!(t.warnings.is_empty());
}

#[test]
fn mixed_line_endings_in_one_file() {
    let t = parse_as(
        ">> CHENGETAI MASANGO: One\r\ntwo\rthree\n>> Four\r\n\r\n>> PETER MAJOR:\rFive",
        Format::Igf,
    );
    let turns: Vec<(Option<&str>, &str, usize)> = t
        .turns
        .iter()
        .map(|t| (t.speaker.as_deref(), t.text.as_str(), t.line))
        .collect();
    assert_eq!(
        turns,
        [
            (Some("CHENGETAI MASANGO"), "One two three", 1),
            (None, "Four", 4),
            (Some("PETER MAJOR"), "Five", 6),
        ]
    );
    // The seed with its line endings mixed reads as the seed.
    let mixed: String = SEED
        .split('\n')
        .enumerate()
        .map(|(i, l)| format!("{l}{}", ["\n", "\r", "\r\n"][i % 3]))
        .collect();
    let (a, b) = (parse(SEED), parse(&mixed));
    assert_eq!(a.turns, b.turns);
}

#[test]
fn a_byte_order_mark_in_utf8_and_utf16() {
    let text = "PETER MAJOR:\n\nMerci à tous.\n";
    let mut utf8 = b"\xef\xbb\xbf".to_vec();
    utf8.extend(text.as_bytes());
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let bare16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [&utf8, &utf16, &bare16] {
        let t = parse_bytes(bytes);
        assert_eq!(speakers(&t), [Some("PETER MAJOR")]);
        assert_eq!(t.turns[0].text, "Merci à tous.");
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }
    // A mark as a string's first character is not part of the first label.
    assert_eq!(parse(&format!("\u{feff}{text}")).turns, parse(text).turns);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_its_byte() {
    let mut bytes = b"PETER MAJOR:\n\nCaf".to_vec();
    bytes.extend([0xe9, b' ', b'o', b'k', b'.', b'\n']);
    let t = parse_bytes(&bytes);
    assert_eq!(t.turns[0].text, "Caf\u{fffd} ok.");
    assert_eq!(
        t.warnings,
        ["line 3: invalid UTF-8 at byte 17, replaced by U+FFFD"]
    );
}

#[test]
fn a_two_megabyte_single_line() {
    let line = format!("PETER MAJOR: {}", "blah ".repeat(420_000));
    assert!(line.len() > 2_000_000);
    let t = parse(&line);
    assert_eq!(speakers(&t), [Some("PETER MAJOR")]);
    assert_eq!(
        t.turns[0].text.len(),
        line.len() - "PETER MAJOR: ".len() - 1
    );
    for format in Format::ALL {
        let t = parse_as(&line, format);
        let text: usize = t.turns.iter().map(|t| t.text.len()).sum();
        assert!(
            text >= 2_000_000,
            "{format}: the line is kept ({text} bytes)"
        );
    }
}

#[test]
fn empty_input_and_only_a_header() {
    for format in Format::ALL {
        let t = parse_as("", format);
        assert!(t.turns.is_empty() && t.title.is_none(), "{format}");
        let header_warnings = usize::from(format == Format::WebVtt);
        assert_eq!(
            t.warnings.len(),
            header_warnings,
            "{format}: {:?}",
            t.warnings
        );
    }
    let t = parse_bytes(b"");
    assert_eq!(
        (t.format, t.turns.len(), t.warnings.len()),
        (Format::Icann, 0, 0)
    );
    let t = parse_bytes(b"WEBVTT - CSTD WGEC\r\n\r\n");
    assert_eq!(t.format, Format::WebVtt);
    assert!(t.turns.is_empty() && t.warnings.is_empty());
    let t = parse("BEIJING – Global Internet Governance Agenda\n\nMonday, 8 April 2013\n");
    assert!(t.turns.is_empty());
    assert_eq!(t.date.as_deref(), Some("Monday, 8 April 2013"));
    let t = parse_as("# Meeting of 5 May\n", Format::Markdown);
    assert_eq!(t.title.as_deref(), Some("Meeting of 5 May"));
    assert!(t.turns.is_empty() && t.warnings.is_empty());
}

#[test]
fn binary_garbage_is_not_read_as_text() {
    // An xorshift stream: the same garbage every run.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let garbage: Vec<u8> = (0..65_536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    for format in [None, Some(Format::Srt), Some(Format::Minutes)] {
        let t = parse_bytes_as(&garbage, format);
        assert!(t.turns.is_empty() && t.title.is_none());
        assert!(
            t.warnings[0].contains(": invalid UTF-8 at byte "),
            "{:?}",
            t.warnings
        );
        assert!(
            t.warnings.last().unwrap().contains("nothing was parsed"),
            "{:?}",
            t.warnings
        );
    }
}

#[test]
fn cues_with_an_inverted_range_and_overlapping() {
    let t = parse_as(
        "1\n00:00:05,000 --> 00:00:02,000\nALICE: One.\n\n2\n00:00:04,000 --> 00:00:08,000\nTwo.\n\n3\n00:00:06,000 --> 00:00:07,000\nBOB: Three.\n",
        Format::Srt,
    );
    let turns: Vec<(Option<&str>, Option<u64>, Option<u64>)> = t
        .turns
        .iter()
        .map(|t| (t.speaker.as_deref(), t.start_ms, t.end_ms))
        .collect();
    assert_eq!(
        turns,
        [
            (Some("ALICE"), Some(4_000), Some(8_000)),
            (Some("BOB"), Some(6_000), Some(7_000))
        ]
    );
    assert_eq!(
        t.warnings,
        [
            "line 2: the cue ends at 00:00:02.000 before it starts at 00:00:05.000; taken to end when it starts",
            "line 6: the cue starts at 00:00:04.000 before the cue before it ends at 00:00:05.000",
            "line 10: the cue starts at 00:00:06.000 before the cue before it ends at 00:00:08.000",
        ]
    );
}

#[test]
fn srt_without_blank_lines_and_text_outside_cues() {
    let t = parse_as(
        "1\n00:00:01,000 --> 00:00:02,000\nALICE: One\n2\n00:00:02,000 --> 00:00:03,000\ntwo.\n\nstray words\n\n3\n00:00:03,000 --> 00:00:04,000\n[Bob] Three.\n",
        Format::Srt,
    );
    let turns: Vec<(Option<&str>, &str)> = t
        .turns
        .iter()
        .map(|t| (t.speaker.as_deref(), t.text.as_str()))
        .collect();
    assert_eq!(
        turns,
        [
            (Some("ALICE"), "One two. stray words"),
            (Some("Bob"), "Three.")
        ]
    );
    assert_eq!(
        t.warnings,
        ["line 8: text outside a cue, kept with the cue before it"]
    );
}
