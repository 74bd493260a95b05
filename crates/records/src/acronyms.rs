//! Acronyms in meeting text, for the glossary: which ones a text uses, where, and which the
//! glossary does not know yet, with a few sentences to define them from.
//!
//! An acronym is a word with at least two capitals or digits, one of them a capital, that is
//! not a lower-case word: `WSIS`, `CSTD`, `G8`, Cyrillic `ВОИС`, mixed case with at least as
//! many capitals as small letters (`ccTLD`, `IPv6`), with `-` or `&` inside (`G-77`, `AT&T`); a
//! plural `s` is dropped (`NGOs` is `NGO`). Not acronyms: single letters, Roman numerals of the
//! kind that number things (`II`, `XIV`, years such as `MMXIII`; `CMI` and `CD` stay), words in
//! a line that is shouted (mostly capitals over three or more words), and speaker labels at the
//! start of a line (`PETER MAJOR:`), which ICANN writes in capitals.
//!
//! Offsets are byte offsets into the text given. Everything is deterministic: occurrences in
//! text order; unknown acronyms by count, then alphabetically.

use serde::Serialize;

use crate::label;

/// One occurrence of an acronym.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// As written, without a plural `s`.
    pub acronym: String,
    /// Byte offsets of the acronym in the text.
    pub start: usize,
    pub end: usize,
}

impl Occurrence {
    /// The sentence the occurrence is in, cut to about 80 characters either side when longer.
    pub fn context<'a>(&self, text: &'a str) -> &'a str {
        context(text, self.start, self.end)
    }
}

/// An acronym the glossary does not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unknown {
    pub acronym: String,
    /// Occurrences in all the texts.
    pub count: usize,
    /// The first three different sentences it is used in.
    pub contexts: Vec<String>,
    /// An expansion the texts themselves give ("World Summit on the Information Society
    /// (WSIS)"), the first found.
    pub expansion: Option<String>,
}

/// An acronym defined in the text: a phrase followed by the acronym in parentheses, or the
/// acronym followed by the phrase in parentheses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expansion {
    pub acronym: String,
    pub phrase: String,
    /// Byte offsets of the acronym's occurrence.
    pub start: usize,
    pub end: usize,
}

/// Every acronym occurrence in `text`, in order.
pub fn find(text: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        scan_line(line, offset, &mut out);
        offset += line.len();
    }
    out
}

/// The acronyms of `texts` that `known` does not know, most used first (then alphabetically),
/// each with up to three contexts and the expansion the texts give, if any.
pub fn collect<T: AsRef<str>>(texts: &[T], known: &dyn Fn(&str) -> bool) -> Vec<Unknown> {
    let mut found: Vec<Unknown> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut known_cache: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
    for text in texts {
        let text = text.as_ref();
        let occurrences = find(text);
        let defined = expansions_among(text, &occurrences);
        for occurrence in &occurrences {
            let is_known = *known_cache
                .entry(occurrence.acronym.clone())
                .or_insert_with(|| known(&occurrence.acronym));
            if is_known {
                continue;
            }
            let slot = *index.entry(occurrence.acronym.clone()).or_insert_with(|| {
                found.push(Unknown {
                    acronym: occurrence.acronym.clone(),
                    count: 0,
                    contexts: Vec::new(),
                    expansion: None,
                });
                found.len() - 1
            });
            let unknown = &mut found[slot];
            unknown.count += 1;
            let context = occurrence.context(text);
            if unknown.contexts.len() < 3 && !unknown.contexts.iter().any(|c| c == context) {
                unknown.contexts.push(context.to_owned());
            }
        }
        for expansion in defined {
            if let Some(&slot) = index.get(&expansion.acronym) {
                found[slot].expansion.get_or_insert(expansion.phrase);
            }
        }
    }
    found.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.acronym.cmp(&b.acronym))
    });
    found
}

/// The acronyms `text` defines, in order.
pub fn expansions(text: &str) -> Vec<Expansion> {
    expansions_among(text, &find(text))
}

fn expansions_among(text: &str, occurrences: &[Occurrence]) -> Vec<Expansion> {
    let mut out = Vec::new();
    for o in occurrences {
        let before = text[..o.start].trim_end();
        let after = text[o.end..].trim_start();
        let phrase = if let Some(before) = before.strip_suffix('(')
            && after.starts_with(')')
        {
            phrase_before(before, &o.acronym)
        } else if let Some(inside) = after.strip_prefix('(') {
            inside
                .split_once(')')
                .map(|(inside, _)| inside.trim())
                .filter(|inside| spells(&o.acronym, &words(inside)))
        } else {
            None
        };
        if let Some(phrase) = phrase {
            out.push(Expansion {
                acronym: o.acronym.clone(),
                phrase: phrase.to_owned(),
                start: o.start,
                end: o.end,
            });
        }
    }
    out
}

/// Words skipped or used when spelling an acronym (English, French, Spanish).
const FUNCTION_WORDS: [&str; 27] = [
    "of", "on", "the", "for", "and", "in", "to", "a", "an", "de", "du", "des", "la", "le", "les",
    "l", "d", "sur", "pour", "et", "en", "el", "los", "las", "del", "y", "para",
];

/// The shortest run of words just before `before`'s end that spells `acronym`, starting with a
/// word that is not a function word.
fn phrase_before<'a>(before: &'a str, acronym: &str) -> Option<&'a str> {
    let window_start = before.char_indices().rev().nth(200).map_or(0, |(i, _)| i);
    let window = &before[window_start..];
    let all = words(window);
    let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
    for k in 1..=all.len().min(letters + 5) {
        let candidate = &all[all.len() - k..];
        let first = candidate[0];
        if FUNCTION_WORDS.contains(&first.to_lowercase().as_str()) {
            continue;
        }
        if spells(acronym, candidate) {
            let start = first.as_ptr() as usize - window.as_ptr() as usize;
            return Some(window[start..].trim_end());
        }
    }
    None
}

/// A phrase's words: split at spaces, hyphens and apostrophes.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\'' | '’'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the words' leading letters spell the acronym: each word that is not a function
/// word gives the acronym's next one or more letters (`Internet Society` spells `ISOC`).
fn spells(acronym: &str, words: &[&str]) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    !letters.is_empty() && words.len() <= 20 && spell(&letters, &words)
}

fn spell(letters: &[char], words: &[Vec<char>]) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return letters.is_empty();
    };
    let text: String = word.iter().collect();
    if FUNCTION_WORDS.contains(&text.as_str()) && spell(letters, rest) {
        return true;
    }
    (1..=letters.len().min(word.len()))
        .take_while(|&n| word[..n] == letters[..n])
        .any(|n| spell(&letters[n..], rest))
}

/// Acronyms in one line starting at byte `offset` of the text.
fn scan_line(line: &str, offset: usize, out: &mut Vec<Occurrence>) {
    let from = label_end(line);
    let body = &line[from..];
    if shouted(body) {
        return;
    }
    let mut tokens = tokens(body).into_iter().peekable();
    while let Some((start, mut end)) = tokens.next() {
        // `G-77`, `AT&T`: parts without small letters joined by one `-` or `&`.
        while let Some(&(next_start, next_end)) = tokens.peek() {
            let joiner = &body[end..next_start];
            let joins = (joiner == "-" || joiner == "&")
                && !body[start..end].chars().any(char::is_lowercase)
                && !body[next_start..next_end].chars().any(char::is_lowercase);
            if !joins {
                break;
            }
            end = next_end;
            tokens.next();
        }
        if let Some(len) = acronym(&body[start..end]) {
            let begin = offset + from + start;
            out.push(Occurrence {
                acronym: body[start..start + len].to_owned(),
                start: begin,
                end: begin + len,
            });
        }
    }
}

/// Where a speaker label at the start of the line ends (0 when there is none): a name in
/// capitals of two words or more, or alone on its line, before a colon, after any `>>`, `**`
/// or `#` marks.
fn label_end(line: &str) -> usize {
    let marks = line.len() - line.trim_start_matches(['>', '*', '#', ' ']).len();
    let rest = &line[marks..];
    let Some((name, after)) = label::before_colon(rest) else {
        return 0;
    };
    let name = name.trim_end_matches('*');
    let after = after.trim_start_matches('*').trim();
    let is_label = label::plausible(name)
        && label::capitals(name)
        && (name.split_whitespace().count() >= 2 || after.is_empty());
    if !is_label {
        return 0;
    }
    let colon = rest.find([':', '：']).unwrap_or(0);
    let width = rest[colon..].chars().next().map_or(0, char::len_utf8);
    marks + colon + width
}

/// A line that is mostly capitals over three or more words: a heading or a shout, whose
/// capitals say nothing about acronyms.
fn shouted(line: &str) -> bool {
    let (mut upper, mut lower, mut words) = (0usize, 0usize, 0usize);
    for word in line.split_whitespace() {
        let before = upper + lower;
        for c in word.chars() {
            upper += usize::from(c.is_uppercase());
            lower += usize::from(c.is_lowercase());
        }
        words += usize::from(upper + lower >= before + 2);
    }
    words >= 3 && upper * 10 >= (upper + lower) * 7
}

/// Runs of letters and digits: their byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Whether a token is an acronym (see the module documentation): its length in bytes without
/// a plural `s`.
fn acronym(token: &str) -> Option<usize> {
    if !token.starts_with(char::is_alphabetic) || token.chars().count() > 15 {
        return None;
    }
    let (mut upper, mut lower, mut digits) = (0usize, 0usize, 0usize);
    for c in token.chars() {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
        digits += usize::from(c.is_numeric());
    }
    let mut len = token.len();
    if upper >= 2 && token.ends_with('s') && !token[..len - 1].ends_with(char::is_lowercase) {
        len -= 1;
        lower -= 1;
    }
    let shape = upper >= 1 && upper + digits >= 2 && (lower == 0 || (upper >= 2 && upper >= lower));
    (shape && !roman_numeral(&token[..len])).then_some(len)
}

/// A Roman numeral written canonically with a value that numbers things (1–50) or a year
/// (1000 and up).
fn roman_numeral(token: &str) -> bool {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let Some(values) = token.chars().map(value).collect::<Option<Vec<u32>>>() else {
        return false;
    };
    let mut total = 0;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    if total <= 0 {
        return false;
    }
    let canonical = to_roman(total as u32);
    canonical == token && (total <= 50 || total >= 1000)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The sentence around `start..end`, at most about 80 characters either side.
fn context(text: &str, start: usize, end: usize) -> &str {
    let ends = ['.', '!', '?', '。', '！', '？', '\n'];
    let sentence_start = text[..start].rfind(ends).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence_end = text[end..].find(ends).map_or(text.len(), |i| {
        end + i + text[end + i..].chars().next().map_or(1, char::len_utf8)
    });
    let low = text[..start]
        .char_indices()
        .rev()
        .nth(79)
        .map_or(0, |(i, _)| i)
        .max(sentence_start);
    let high = text[end..]
        .char_indices()
        .nth(80)
        .map_or(text.len(), |(i, _)| end + i)
        .min(sentence_end);
    // A cut falls between words.
    let low = if low > sentence_start {
        text[low..start]
            .find(char::is_whitespace)
            .map_or(low, |i| low + i)
    } else {
        low
    };
    let high = if high < sentence_end {
        text[..high]
            .rfind(char::is_whitespace)
            .filter(|&i| i >= end)
            .unwrap_or(high)
    } else {
        high
    };
    text[low..high].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acronyms(text: &str) -> Vec<String> {
        find(text).into_iter().map(|o| o.acronym).collect()
    }

    #[test]
    fn shapes_that_are_acronyms() {
        assert_eq!(
            acronyms("The WSIS, the G-77 and AT&T, ccTLDs and IPv6, G8, l'ONU, ВОИС, NGOs."),
            [
                "WSIS", "G-77", "AT&T", "ccTLD", "IPv6", "G8", "ONU", "ВОИС", "NGO"
            ]
        );
    }

    #[test]
    fn shapes_that_are_not() {
        assert!(
            acronyms("A McDonald iPhone of 2013, World War II, Henri IV, MMXIII; xxx Mr")
                .is_empty(),
            "{:?}",
            acronyms("A McDonald iPhone of 2013, World War II, Henri IV, MMXIII; xxx Mr")
        );
        assert_eq!(acronyms("CMI and CD are acronyms"), ["CMI", "CD"]);
        assert!(acronyms("THE MEETING WILL NOW BEGIN WITH IGF").is_empty());
        assert_eq!(acronyms("PETER MAJOR: the CSTD"), ["CSTD"]);
        assert_eq!(acronyms(">> **MARKUS KUMMER:** the IGF"), ["IGF"]);
        assert_eq!(acronyms("NIGEL HICKSON:\nGAC: a list"), ["GAC"]);
        assert_eq!(acronyms("唐鳳 李四：OECD"), ["OECD"]);
    }

    #[test]
    fn offsets_and_contexts() {
        let text = "First sentence. Then the ИКАНН and the CSTD met! Last.";
        let found = find(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "ИКАНН");
        assert_eq!(found[1].context(text), "Then the ИКАНН and the CSTD met!");
        let long = format!("{} WSIS {}", "word ".repeat(100), "more ".repeat(100));
        let o = &find(&long)[0];
        let c = o.context(&long);
        assert!(c.contains("WSIS") && c.chars().count() <= 170, "{c}");
    }

    #[test]
    fn expansions_before_and_after() {
        let text = "The World Summit on the Information Society (WSIS) met. Le Sommet mondial sur la société de l'information (SMSI) aussi. The ISOC (Internet Society) too. Not the GAC (a committee).";
        let found: Vec<(String, String)> = expansions(text)
            .into_iter()
            .map(|e| (e.acronym, e.phrase))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "WSIS".to_owned(),
                    "World Summit on the Information Society".to_owned()
                ),
                (
                    "SMSI".to_owned(),
                    "Sommet mondial sur la société de l'information".to_owned()
                ),
                ("ISOC".to_owned(), "Internet Society".to_owned()),
            ]
        );
    }

    #[test]
    fn collect_counts_unknown_ones_with_contexts() {
        let texts = [
            "The IGF met. The IGF and the CSTD. The World Summit on the Information Society (WSIS).",
            "IGF again. ICANN is known.",
        ];
        let unknown = collect(&texts, &|a| a == "ICANN");
        let summary: Vec<(&str, usize)> = unknown
            .iter()
            .map(|u| (u.acronym.as_str(), u.count))
            .collect();
        assert_eq!(summary, [("IGF", 3), ("CSTD", 1), ("WSIS", 1)]);
        assert_eq!(
            unknown[0].contexts,
            ["The IGF met.", "The IGF and the CSTD.", "IGF again."]
        );
        assert_eq!(
            unknown[2].expansion.as_deref(),
            Some("World Summit on the Information Society")
        );
    }
}
