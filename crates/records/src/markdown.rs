//! Markdown transcripts: a heading per turn (`### 唐鳳：`, `### Name:`, `## Name`) or a bold
//! label (`**Name:**`), in any script, with an ASCII or full-width colon — the way Taiwan's
//! government publishes its meeting records.
//!
//! A heading ending with a colon is a speaker. Headings without one are speakers at the level
//! most speaker headings use (the level most headings with a name-like text use, when none has
//! a colon); at other levels they are section headings, kept as narrative. The first level-1
//! heading before any turn is the title. YAML front matter (`---` … `---`) gives title, date and
//! place (`location`). Horizontal rules are ignored.

use crate::format::Format;
use crate::label;
use crate::transcript::{Builder, Header, Transcript};

/// Reads a Markdown transcript (line endings already `\n`).
pub(crate) fn parse(input: &str) -> Transcript {
    let mut builder = Builder::new(Format::Markdown);
    let lines: Vec<&str> = input.lines().collect();
    let start = front_matter(&lines, &mut builder);
    let speaker_level = speaker_level(&lines[start..]);
    for (index, line) in lines.iter().enumerate().skip(start) {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || is_rule(line) {
            builder.paragraph();
            continue;
        }
        if let Some((level, text)) = label::heading(line) {
            let (name, colon) = label::without_colon(text);
            let t = &builder.transcript;
            if level == 1 && t.turns.is_empty() && t.title.is_none() {
                builder.transcript.title = Some(text.to_owned());
            } else if (colon || Some(level) == speaker_level) && label::plausible(name) {
                builder.turn(Some(name), number, "");
            } else {
                builder.narrative(number, text);
            }
            builder.paragraph();
            continue;
        }
        match label::bold(line) {
            Some((name, after)) if label::plausible(name) => {
                builder.turn(Some(name), number, after)
            }
            _ => builder.text(number, line),
        }
    }
    builder.finish(Header::Transcript)
}

/// Reads YAML front matter into the metadata; returns the index of the first line after it.
fn front_matter(lines: &[&str], builder: &mut Builder) -> usize {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return 0;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim(), "---" | "..."))
    else {
        return 0;
    };
    let t = &mut builder.transcript;
    for line in &lines[1..=end] {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut t.title,
            "date" => &mut t.date,
            "location" | "place" => &mut t.place,
            _ => continue,
        };
        if !value.is_empty() {
            *slot = Some(value.to_owned());
        }
    }
    end + 2
}

/// The heading level of speakers without a colon (see the module documentation).
fn speaker_level(lines: &[&str]) -> Option<usize> {
    let mut with_colon = [0usize; 7];
    let mut named = [0usize; 7];
    let mut first = true;
    for line in lines {
        let Some((level, text)) = label::heading(line.trim()) else {
            continue;
        };
        let (name, colon) = label::without_colon(text);
        // The title is no speaker.
        if std::mem::take(&mut first) && level == 1 && !colon {
            continue;
        }
        if label::plausible(name) {
            named[level] += 1;
            with_colon[level] += usize::from(colon);
        }
    }
    let counts = if with_colon.iter().any(|&n| n > 0) {
        with_colon
    } else {
        named
    };
    // The most used level; the deeper one on ties.
    (1..=6)
        .filter(|&l| counts[l] > 0)
        .max_by_key(|&l| (counts[l], l))
}

/// `---`, `***` or `___` (three or more, spaces allowed).
fn is_rule(line: &str) -> bool {
    let Some(mark) = line.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let mut marks = 0;
    for c in line.chars() {
        if c == mark {
            marks += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    marks >= 3
}

#[cfg(test)]
mod tests {
    use crate::{Format, TurnKind, parse_as};

    #[test]
    fn headings_with_and_without_colons_and_section_headings() {
        let t = parse_as(
            "# 數位部會議\n\n## 議程一\n\n### 唐鳳：\n\n大家好，今天我們討論開放政府。\n\n### Audrey Tang\n\nHello.\n\n**Peter Major:** Thanks.\n\n---\n\nMore.\n",
            Format::Markdown,
        );
        assert_eq!(t.title.as_deref(), Some("數位部會議"));
        let turns: Vec<(TurnKind, Option<&str>, &str)> = t
            .turns
            .iter()
            .map(|t| (t.kind, t.speaker.as_deref(), t.text.as_str()))
            .collect();
        assert_eq!(
            turns,
            [
                (TurnKind::Narrative, None, "議程一"),
                (
                    TurnKind::Speech,
                    Some("唐鳳"),
                    "大家好，今天我們討論開放政府。"
                ),
                (TurnKind::Speech, Some("Audrey Tang"), "Hello."),
                (TurnKind::Speech, Some("Peter Major"), "Thanks.\n\nMore."),
            ]
        );
        assert_eq!(t.language.as_deref(), Some("zh"));
    }

    #[test]
    fn front_matter_and_level_two_speakers() {
        let t = parse_as(
            "---\ntitle: \"Open Government\"\ndate: 2016-10-05\nlocation: Taipei\n---\n\n## Audrey Tang\n\nHi.\n\n## Jane Doe\n\nHello.\n",
            Format::Markdown,
        );
        assert_eq!(t.title.as_deref(), Some("Open Government"));
        assert_eq!(t.date.as_deref(), Some("2016-10-05"));
        assert_eq!(t.place.as_deref(), Some("Taipei"));
        assert_eq!(t.turns.len(), 2);
        assert_eq!(t.turns[1].speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(t.turns[1].line, 11);
    }
}
