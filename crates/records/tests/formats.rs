//! One realistic fixture per format (written for these tests, in the shape each body
//! publishes), parsed through the bytes entry point as a file would be: the format recognised,
//! every turn attributed, narrative kept out of anyone's words, times where the format has
//! them, and the warnings each fixture deserves.

use agora_records::{Format, Transcript, TurnKind, parse_bytes};

const IGF: &str = include_str!("fixtures/igf-2019-day1-main-hall-en.txt");
const MARKDOWN: &str = include_str!("fixtures/pdis-2017-01-11-open-government-zh.md");
const MINUTES: &str = include_str!("fixtures/mag-2024-03-12-virtual-meeting-minutes.txt");
const WEBVTT: &str = include_str!("fixtures/cstd-wgec-2013-05-30-session.vtt");
const SRT: &str = include_str!("fixtures/igf-2022-open-forum-12.srt");

/// (kind, speaker, line) of each turn.
fn shape(t: &Transcript) -> Vec<(TurnKind, Option<&str>, usize)> {
    t.turns
        .iter()
        .map(|t| (t.kind, t.speaker.as_deref(), t.line))
        .collect()
}

/// (start, end) of each turn.
fn times(t: &Transcript) -> Vec<(Option<u64>, Option<u64>)> {
    t.turns.iter().map(|t| (t.start_ms, t.end_ms)).collect()
}

const S: TurnKind = TurnKind::Speech;
const N: TurnKind = TurnKind::Narrative;

#[test]
fn igf_captioning() {
    let t = parse_bytes(IGF.as_bytes());
    assert_eq!(t.format, Format::Igf);
    assert_eq!(
        t.title.as_deref(),
        Some("IGF 2019 – Day 1 – Main Hall – Opening Session")
    );
    assert_eq!(t.date.as_deref(), Some("Berlin, Germany, 26 November 2019"));
    assert_eq!(
        t.disclaimers.len(),
        2,
        "the stamp and the captioning notice"
    );
    assert!(t.disclaimers[1].ends_with("should not be treated as an authoritative record."));
    let (cm, lsa, lz) = (
        Some("CHENGETAI MASANGO"),
        Some("LYNN ST. AMOUR"),
        Some("LIU ZHENMIN"),
    );
    assert_eq!(
        shape(&t),
        [
            (S, cm, 9),
            (S, None, 13),
            (S, cm, 14),
            (S, lsa, 19),
            (S, None, 26),
            (S, lsa, 27),
            (S, None, 29),
            (S, lsa, 30),
            (S, None, 32),
            (S, lsa, 33),
            (S, lz, 35),
            (S, None, 40),
            (S, cm, 41),
        ]
    );
    // Caption-wrapped lines joined; a blank line is a new paragraph of the same turn.
    assert_eq!(
        t.turns[0].text,
        "Good morning, everyone. Please take your seats. We are about to start the opening \
         session of the Fourteenth Internet Governance Forum. I would ask all participants to \
         switch their phones to silent."
    );
    assert!(
        t.turns[3]
            .text
            .contains("resilience.\n\nWe received more than 300")
    );
    // A `>>` in the middle of a line is a change of speaker too.
    assert!(t.turns[5].text.ends_with("reviews our progress each year."));
    assert_eq!(t.turns[6].text, "(inaudible)");
    assert_eq!(t.inaudible, 1);
    // "LYNN ST AMOUR" (no dot) is the same speaker, under the spelling used most.
    assert_eq!(t.turns[9].label.as_deref(), Some("LYNN ST AMOUR"));
    let speakers = t.speakers();
    let names: Vec<(&str, usize)> = speakers
        .iter()
        .map(|s| (s.name.as_str(), s.turns))
        .collect();
    assert_eq!(
        names,
        [
            ("CHENGETAI MASANGO", 3),
            ("LYNN ST. AMOUR", 4),
            ("LIU ZHENMIN", 1)
        ]
    );
    assert!(speakers.iter().all(|s| s.speaking_ms.is_none()));
    assert_eq!(t.language.as_deref(), Some("en"));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn markdown_headings_in_chinese_and_english() {
    let t = parse_bytes(MARKDOWN.as_bytes());
    assert_eq!(t.format, Format::Markdown);
    assert_eq!(
        t.title.as_deref(),
        Some("開放政府與社會創新 Open Government and Social Innovation")
    );
    assert_eq!(t.date.as_deref(), Some("2017-01-11"));
    assert_eq!(t.place.as_deref(), Some("社會創新實驗中心, Taipei"));
    let (host, tang, at) = (Some("主持人"), Some("唐鳳"), Some("Audrey Tang"));
    assert_eq!(
        shape(&t),
        [
            (N, None, 7),
            (S, host, 11),
            (S, tang, 15),
            (S, at, 21),
            (S, host, 25),
            (N, None, 29),
            (S, Some("與會者甲"), 31),
            (S, tang, 35),
            (S, Some("Jane Doe"), 39),
            (S, at, 41),
        ]
    );
    // Section headings are narrative, not the host's words.
    assert_eq!(t.turns[0].text, "2017-01-11 開放政府與社會創新座談\n\n開場");
    assert_eq!(t.turns[5].text, "問答");
    assert_eq!(
        t.turns[2].text,
        "大家好。開放政府的三個原則是透明、參與與課責。我們在 vTaiwan 和 Join \
         平台上，讓每一位利害關係人都能參與政策的討論。\n\n\
         所有的會議都會錄影，逐字稿在十天之內公開，大家都可以提出修改。"
    );
    assert_eq!(
        t.turns[8].text,
        "May I ask whether the OECD has looked at this model?"
    );
    assert_eq!(t.language.as_deref(), Some("zh"));
    // The host's last heading has nothing under it.
    assert_eq!(t.warnings, ["line 45: 主持人 has no text"]);
}

#[test]
fn scribe_minutes_keep_narrative_out_of_anyones_words() {
    let t = parse_bytes(MINUTES.as_bytes());
    assert_eq!(t.format, Format::Minutes);
    assert_eq!(
        t.title.as_deref(),
        Some("IGF MAG Virtual Meeting – Summary Minutes")
    );
    assert_eq!(t.date.as_deref(), Some("12 March 2024"));
    let (cr, jc) = (Some("Carol Roach"), Some("Jorge Cancio"));
    assert_eq!(
        shape(&t),
        [
            (N, None, 4),
            (S, cr, 10),
            (S, Some("Chengetai Masango"), 15),
            (N, None, 18),
            (S, jc, 24),
            (S, Some("Timea Suto"), 26),
            (S, jc, 28),
            (N, None, 30),
            (S, cr, 34),
            (N, None, 36),
        ]
    );
    // The roll, the opening narrative and its times and URL are narrative.
    let opening = &t.turns[0].text;
    assert!(opening.starts_with("Chair: Carol Roach\n\nPresent: 38 MAG members"));
    assert!(opening.contains("https://www.intgovforum.org/en/content/mag-2024"));
    assert!(opening.ends_with("The agenda was adopted without changes."));
    // Two lines of one speaker are one turn; a wrapped line continues it.
    assert_eq!(
        t.turns[1].text,
        "Welcome, everyone. Today we finalise the thematic tracks for the Riyadh IGF and \
         review the call for workshop proposals.\n\nBefore we start, are there any comments \
         on the summary of the last meeting?"
    );
    assert!(
        t.turns[3]
            .text
            .starts_with("Note: the meeting was recorded")
    );
    assert!(t.turns[3].text.ends_with("were the most cited themes."));
    assert!(t.turns[7].text.starts_with("Action: Secretariat"));
    assert!(t.turns[7].text.contains("\n\nDecision: the call"));
    let words: usize = t.speakers().iter().map(|s| s.words).sum();
    let speech_words: usize = t
        .turns
        .iter()
        .filter(|t| t.kind == TurnKind::Speech)
        .map(|t| agora_core::consultation::word_count(&t.text))
        .sum();
    assert_eq!(words, speech_words);
    assert_eq!(words, 47 + 17 + 29 + 19);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn webvtt_voices_notes_and_overlap() {
    let t = parse_bytes(WEBVTT.as_bytes());
    assert_eq!(t.format, Format::WebVtt);
    let (pm, fnetto, jl) = (
        Some("Peter Major"),
        Some("Franklin Netto"),
        Some("Joy Liddicoat"),
    );
    assert_eq!(
        shape(&t),
        [
            (S, pm, 14),
            (S, fnetto, 25),
            (S, pm, 32),
            (S, jl, 32),
            (S, pm, 42)
        ]
    );
    // Three cues of the chair are one turn, from the first start to the last end.
    assert_eq!(
        times(&t),
        [
            (Some(1_000), Some(13_000)),
            (Some(13_400), Some(19_000)),
            (Some(18_500), Some(21_000)),
            (Some(18_500), Some(28_000)),
            (Some(28_000), Some(31_500)),
        ]
    );
    assert_eq!(
        t.turns[0].text,
        "Good morning. I call the second meeting of the Working Group on Enhanced \
         Cooperation to order. We have the summary of the responses to the questionnaire, \
         prepared by the CSTD secretariat. I give the floor to Brazil."
    );
    // Markup and entities stripped; notes, the style block and the header are not text.
    assert!(
        t.turns[1]
            .text
            .contains("believes enhanced cooperation must")
    );
    assert!(
        t.turns[3]
            .text
            .contains("every meeting & for the documents")
    );
    assert_eq!(
        t.turns[4].text,
        "Noted. We break for lunch and resume at 3 p.m."
    );
    assert!(
        t.turns
            .iter()
            .all(|t| !t.text.contains("NOTE") && !t.text.contains("::cue"))
    );
    // The unvoiced `[inaudible]` cue stays with the speaker before it.
    assert!(t.turns[3].text.ends_with("to be public. [inaudible]"));
    assert_eq!(t.inaudible, 1);
    let speakers = t.speakers();
    let time: Vec<(&str, Option<u64>)> = speakers
        .iter()
        .map(|s| (s.name.as_str(), s.speaking_ms))
        .collect();
    assert_eq!(
        time,
        [
            ("Peter Major", Some(12_000 + 2_500 + 3_500)),
            ("Franklin Netto", Some(5_600)),
            ("Joy Liddicoat", Some(9_500)),
        ]
    );
    assert_eq!(
        t.warnings,
        ["line 31: the cue starts at 00:00:18.500 before the cue before it ends at 00:00:19.000"]
    );
}

#[test]
fn srt_prefixes_sounds_and_an_inverted_cue() {
    let t = parse_bytes(SRT.as_bytes());
    assert_eq!(t.format, Format::Srt);
    let (m, ae) = (Some("MODERATOR"), Some("ANRIETTE ESTERHUYSEN"));
    assert_eq!(
        shape(&t),
        [
            (N, None, 3),
            (S, m, 7),
            (S, Some("Amandeep Singh Gill"), 16),
            (S, m, 26),
            (S, None, 27),
            (S, ae, 35),
        ]
    );
    assert_eq!(t.turns[0].text, "[Music]");
    assert_eq!(
        t.turns[1].text,
        "Welcome to Open Forum 12 on the Global Digital Compact. We start with our first speaker."
    );
    assert_eq!(
        t.turns[2].text,
        "Thank you. The Compact will build on the WSIS principles. It should be agreed at the \
         Summit of the Future in 2024."
    );
    assert_eq!(t.turns[4].text, "Can I ask a question? (Applause)");
    assert_eq!(
        times(&t),
        [
            (None, None),
            (Some(4_000), Some(10_000)),
            (Some(10_000), Some(19_000)),
            (Some(19_000), Some(21_000)),
            // Cue 7 ends before it starts: taken to end at its start.
            (Some(19_000), Some(25_000)),
            (Some(26_000), Some(33_000)),
        ]
    );
    assert_eq!(
        t.warnings,
        [
            "line 30: the cue ends at 00:00:22.000 before it starts at 00:00:25.000; taken to end when it starts"
        ]
    );
}

#[test]
fn a_format_can_be_forced() {
    // Minutes read as ICANN: only capital labels are speakers, so nobody speaks.
    let t = agora_records::parse_as(MINUTES, Format::Icann);
    assert_eq!(t.format, Format::Icann);
    assert!(t.speakers().is_empty());
    // SRT read as WebVTT: the missing header is named, the cues still read.
    let t = agora_records::parse_as(SRT, Format::WebVtt);
    assert_eq!(t.warnings[0], "line 1: no WEBVTT header");
    assert_eq!(t.speakers().len(), 3);
}
