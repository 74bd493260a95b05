//! WebVTT and SRT captions: timed cues turned into timed turns.
//!
//! Both are read the same way, line by line: a timing line (`00:00:01.000 --> 00:00:04.000`,
//! a comma or a dot before the milliseconds, hours optional, cue settings after) starts a cue;
//! the lines after it, up to a blank line, are its text. A line just before a timing line is
//! the cue's number or identifier. WebVTT's header block and its `NOTE`, `STYLE` and `REGION`
//! blocks are skipped. Text outside any cue after the first is kept with the cue before it,
//! with a warning.
//!
//! A speaker is named by a WebVTT voice (`<v Peter Major>`, several per cue allowed), or at
//! the start of a cue line by `NAME:` in capitals, `- Name:`, `[Name]` or `>> NAME:`; `>>` or
//! `- ` alone is a change to a speaker nobody named. A line naming nobody continues the
//! current speaker, so consecutive cues of one speaker are one turn, from the first cue's
//! start to the latest end. Markup is stripped (`<i>`, `<b>`, `<c.x>`, timestamps inside cues,
//! `{\an8}`, entities such as `&amp;`). Sound descriptions (`[Applause]`, `[inaudible]`) are
//! not speakers; one before anyone speaks is narrative. A cue ending before it starts is
//! taken to end when it starts, and a cue starting before the previous one ends is kept; both
//! with a warning.

use std::borrow::Cow;

use crate::format::Format;
use crate::label;
use crate::transcript::{Builder, Header, Transcript, TurnKind};

/// First words of bracketed sound descriptions, which are not speakers.
const SOUNDS: [&str; 22] = [
    "applause",
    "music",
    "laughter",
    "laughs",
    "laughing",
    "inaudible",
    "indistinct",
    "crosstalk",
    "silence",
    "noise",
    "cheering",
    "cheers",
    "coughing",
    "coughs",
    "foreign",
    "background",
    "speaking",
    "no",
    "audio",
    "pause",
    "video",
    "sound",
];

/// Reads WebVTT or SRT (line endings already `\n`).
pub(crate) fn parse(input: &str, format: Format) -> Transcript {
    let vtt = format == Format::WebVtt;
    let mut builder = Builder::new(format);
    let lines: Vec<&str> = input.lines().collect();
    let mut state = State::Between;
    let mut cue: Option<Cue> = None;
    let mut latest_end: Option<u64> = None;
    let mut index = 0;
    if vtt {
        if lines
            .first()
            .is_some_and(|l| l.trim().starts_with("WEBVTT"))
        {
            state = State::Skipping;
        } else {
            builder.warn(1, format_args!("no WEBVTT header"));
        }
    }
    let mut next_timing = lines.first().and_then(|l| timing(l.trim()));
    while index < lines.len() {
        let number = index + 1;
        let line = lines[index].trim();
        let this_timing = next_timing;
        index += 1;
        next_timing = lines.get(index).and_then(|l| timing(l.trim()));
        if line.is_empty() {
            state = State::Between;
            continue;
        }
        if let Some((start, end)) = this_timing {
            let end = if end < start {
                builder.warn(
                    number,
                    format_args!(
                        "the cue ends at {} before it starts at {}; taken to end when it starts",
                        Clock(end),
                        Clock(start)
                    ),
                );
                start
            } else {
                end
            };
            if let Some(latest) = latest_end
                && start < latest
            {
                builder.warn(
                    number,
                    format_args!(
                        "the cue starts at {} before the cue before it ends at {}",
                        Clock(start),
                        Clock(latest)
                    ),
                );
            }
            latest_end = Some(latest_end.map_or(end, |l| l.max(end)));
            cue = Some(Cue { start, end });
            state = State::InCue;
            continue;
        }
        let before_timing = next_timing.is_some();
        match state {
            State::Skipping => {}
            // An identifier, or the number of an SRT cue whose blank line is missing.
            _ if before_timing
                && (state == State::Between || line.bytes().all(|b| b.is_ascii_digit())) => {}
            State::InCue => cue_line(&mut builder, line, number, cue, vtt),
            State::Between => {
                let block = ["NOTE", "STYLE", "REGION"].iter().any(|k| {
                    line.strip_prefix(k)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
                });
                if vtt && block {
                    state = State::Skipping;
                } else if cue.is_some() {
                    builder.warn(
                        number,
                        format_args!("text outside a cue, kept with the cue before it"),
                    );
                    cue_line(&mut builder, line, number, cue, vtt);
                    state = State::InCue;
                } else {
                    builder.text(number, line);
                }
            }
        }
    }
    builder.finish(Header::Transcript)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between blocks: the next line may start a cue, a note or stray text.
    Between,
    /// In a cue's text.
    InCue,
    /// In a block that is not a cue (the WebVTT header, a note, a style).
    Skipping,
}

#[derive(Clone, Copy)]
struct Cue {
    start: u64,
    end: u64,
}

/// Who a piece of cue text is said by.
enum Voice<'a> {
    /// Whoever spoke last.
    Same,
    /// A new speaker nobody named.
    Unnamed,
    Named(&'a str),
}

/// One line of a cue's text: its voices, then each piece into the turn it belongs to.
fn cue_line(builder: &mut Builder, line: &str, number: usize, cue: Option<Cue>, vtt: bool) {
    if vtt && line.contains("<v") {
        let mut pieces = Vec::new();
        voices(line, &mut pieces);
        for (voice, text) in pieces {
            piece(builder, voice, text, number, cue);
        }
    } else {
        piece(builder, Voice::Same, line, number, cue);
    }
}

/// A piece of cue text said by `voice` (or by whoever its prefix names), into its turn.
fn piece(builder: &mut Builder, voice: Voice, raw: &str, number: usize, cue: Option<Cue>) {
    let text = strip_markup(raw);
    let (voice, text) = match voice {
        Voice::Same => prefix(&text),
        voice => (voice, text.as_ref()),
    };
    if matches!(voice, Voice::Same) && text.trim().is_empty() {
        return;
    }
    let last = builder.last().filter(|t| t.kind == TurnKind::Speech);
    let continues = match (&voice, last) {
        (Voice::Same, Some(_)) => true,
        (Voice::Named(name), Some(turn)) => turn.label.as_deref() == Some(*name),
        _ => false,
    };
    let sound = matches!(voice, Voice::Same)
        && ((text.starts_with('[') && text.ends_with(']'))
            || (text.starts_with('(') && text.ends_with(')')));
    if continues {
        builder.text(number, text);
    } else if sound {
        // `[Music]` before anyone speaks is no one's turn.
        builder.narrative(number, text);
        return;
    } else {
        let name = match voice {
            Voice::Named(name) => Some(name),
            _ => None,
        };
        builder.turn(name, number, text);
    }
    if let (Some(cue), Some(turn)) = (cue, builder.last()) {
        turn.start_ms = Some(turn.start_ms.map_or(cue.start, |s| s.min(cue.start)));
        turn.end_ms = Some(turn.end_ms.map_or(cue.end, |e| e.max(cue.end)));
    }
}

/// Splits a WebVTT line at its voice tags (`<v Name>`, `<v.class Name>`).
fn voices<'a>(line: &'a str, out: &mut Vec<(Voice<'a>, &'a str)>) {
    let mut rest = line;
    let mut voice = Voice::Same;
    while let Some(at) = find_voice(rest) {
        out.push((voice, &rest[..at]));
        let tag = &rest[at + 2..];
        let Some(close) = tag.find('>') else {
            voice = Voice::Same;
            rest = &rest[at..];
            break;
        };
        let annotation = tag[..close].trim_start_matches(|c: char| !c.is_whitespace());
        let name = annotation.trim();
        voice = if name.is_empty() {
            Voice::Unnamed
        } else {
            Voice::Named(name)
        };
        rest = &tag[close + 1..];
    }
    out.push((voice, rest));
}

/// Where the next voice tag starts: `<v` followed by a space, a tab or a class.
fn find_voice(text: &str) -> Option<usize> {
    text.match_indices("<v")
        .find(|(at, _)| text[at + 2..].starts_with([' ', '\t', '.']))
        .map(|(at, _)| at)
}

/// A speaker named at the start of a caption line (see the module documentation).
fn prefix(text: &str) -> (Voice<'_>, &str) {
    if let Some(rest) = text.strip_prefix(">>") {
        let rest = rest.trim_start_matches('>').trim_start();
        return match named(rest, label::title_case) {
            Some((name, after)) => (Voice::Named(name), after),
            None => (Voice::Unnamed, rest),
        };
    }
    if let Some(rest) = text.strip_prefix("- ").or_else(|| text.strip_prefix('-')) {
        return match named(rest, label::title_case) {
            Some((name, after)) => (Voice::Named(name), after),
            None => (Voice::Unnamed, rest.trim_start()),
        };
    }
    if let Some(rest) = text.strip_prefix('[')
        && let Some((inside, after)) = rest.split_once(']')
    {
        let inside = inside.trim();
        let first = inside
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if label::plausible(inside)
            && label::title_case(inside)
            && !SOUNDS.contains(&first.as_str())
        {
            return (Voice::Named(inside), after.trim_start());
        }
        return (Voice::Same, text);
    }
    match named(text, label::capitals) {
        Some((name, after)) => (Voice::Named(name), after),
        None => (Voice::Same, text),
    }
}

/// `Name: text` where the name is plausible and has the case `shape` asks for.
fn named(text: &str, shape: fn(&str) -> bool) -> Option<(&str, &str)> {
    let (name, after) = label::before_colon(text)?;
    (label::plausible(name) && shape(name)).then_some((name, after))
}

/// Cue text without markup: tags (`<i>`, `</v>`, `<00:00:01.000>`), `{\…}` overrides, and the
/// entities WebVTT and SRT files use.
fn strip_markup(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '{', '&']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '{', '&']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let skip = match tail.as_bytes()[0] {
            b'<' => tail.find('>').map(|end| end + 1),
            b'{' if tail.starts_with("{\\") => tail.find('}').map(|end| end + 1),
            b'&' => entity(tail).map(|(len, c)| {
                out.push(c);
                len
            }),
            _ => None,
        };
        match skip {
            Some(len) => rest = &tail[len..],
            None => {
                out.push(tail.as_bytes()[0] as char);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A character entity at the start of `text`: its length and the character it stands for.
fn entity(text: &str) -> Option<(usize, char)> {
    const ENTITIES: [(&str, char); 8] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&nbsp;", ' '),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&lrm;", '\u{200e}'),
        ("&rlm;", '\u{200f}'),
    ];
    ENTITIES
        .iter()
        .find(|(name, _)| text.starts_with(name))
        .map(|&(name, c)| (name.len(), c))
}

/// A timing line: `start --> end`, with cue settings after the end ignored.
fn timing(line: &str) -> Option<(u64, u64)> {
    // Most lines are text: a timing starts with a digit.
    if !line.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((timestamp(start.trim())?, timestamp(end)?))
}

/// `hh:mm:ss.mmm`, `mm:ss.mmm` or with a comma, in milliseconds. Minutes and seconds below 60.
fn timestamp(text: &str) -> Option<u64> {
    let (clock, fraction) = text.split_once(['.', ','])?;
    if fraction.is_empty() || fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut millis: u64 = fraction.parse().ok()?;
    millis *= 10u64.pow(3 - fraction.len() as u32);
    let number = |s: &str, max_len: usize| -> Option<u64> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (rest, seconds) = clock.rsplit_once(':')?;
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (number(h, 9)?, number(m, 2)?),
        None => (0, number(rest, 2)?),
    };
    let seconds = number(seconds, 2)?;
    if minutes >= 60 || seconds >= 60 {
        return None;
    }
    Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
}

/// Milliseconds shown as `hh:mm:ss.mmm`, for warnings.
struct Clock(u64);

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (s, ms) = (self.0 / 1000, self.0 % 1000);
        write!(
            f,
            "{:02}:{:02}:{:02}.{ms:03}",
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_as;

    #[test]
    fn timestamps_in_both_notations() {
        assert_eq!(timestamp("00:00:01.000"), Some(1000));
        assert_eq!(timestamp("01:02:03,045"), Some(3_723_045));
        assert_eq!(timestamp("02:03.5"), Some(123_500));
        assert_eq!(timestamp("00:61:00.000"), None);
        assert_eq!(timestamp("1:2"), None);
        assert_eq!(
            timing("00:01.000 --> 00:04.000 align:start line:0"),
            Some((1000, 4000))
        );
        assert_eq!(Clock(3_723_045).to_string(), "01:02:03.045");
    }

    #[test]
    fn markup_is_stripped() {
        assert_eq!(
            strip_markup("{\\an8}<i>AT&amp;T</i> <c.yellow>&lt;3</c><00:00:01.500> a < b"),
            "AT&T <3 a < b"
        );
    }

    #[test]
    fn voices_and_prefixes() {
        let t = parse_as(
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Peter Major>Hello</v> <v.loud Joy>Hi\n\n00:02.000 --> 00:03.000\n[Applause]\n\n00:03.000 --> 00:04.000\n- Joy: Then\n- nobody\n",
            Format::WebVtt,
        );
        let turns: Vec<(Option<&str>, &str)> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_deref(), t.text.as_str()))
            .collect();
        assert_eq!(
            turns,
            [
                (Some("Peter Major"), "Hello"),
                (Some("Joy"), "Hi [Applause] Then"),
                (None, "nobody"),
            ]
        );
        assert_eq!(
            (t.turns[1].start_ms, t.turns[1].end_ms),
            (Some(1000), Some(4000))
        );
    }
}
