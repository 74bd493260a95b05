//! Speaker labels as transcribers write them, shared by the formats: what a name looks like,
//! and the `Name:` / `**Name:**` / `### Name` shapes a label takes at the start of a line.

/// Words that may stay in lower case inside a name written in title case (Ursula von der
/// Leyen, Luis de la Cruz, Bin al-Hussein).
const PARTICLES: [&str; 14] = [
    "de", "da", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "la", "le", "bin",
];

/// Bytes a label may take before its colon: a name is at most 60 characters (180 bytes in
/// Chinese), so a colon further on is punctuation in running text (and a 2 MB line is not
/// scanned whole).
const LABEL_WINDOW: usize = 256;

/// Whether `name` can be a person's or a role's name: letters, spaces and `.'’-`, 2–60
/// characters, at most six words. Times (`10:30`), URLs (`https`) and sentences fail.
pub(crate) fn plausible(name: &str) -> bool {
    let chars = name.chars().count();
    (2..=60).contains(&chars)
        && name.split_whitespace().count() <= 6
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || " .'’-".contains(c))
}

/// No lower-case letter: `PETER MAJOR`, `唐鳳`. ICANN and IGF captions write labels so.
pub(crate) fn capitals(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
}

/// Every word starts with a capital (or a letter without case), name particles aside:
/// `Peter Major`, `Ursula von der Leyen`; not `Thank you`.
pub(crate) fn title_case(name: &str) -> bool {
    let mut capitalised = false;
    for word in name.split_whitespace() {
        if PARTICLES.contains(&word) {
            continue;
        }
        if word.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        capitalised = true;
    }
    capitalised
}

/// `Name: text` (ASCII or full-width colon) at the start of `text`: the name and what follows,
/// both trimmed. Not a label when the colon opens `//` (a URL).
pub(crate) fn before_colon(text: &str) -> Option<(&str, &str)> {
    let window = &text[..text.floor_char_boundary(LABEL_WINDOW)];
    let at = window.find([':', '：'])?;
    let colon = if text[at..].starts_with(':') {
        1
    } else {
        '：'.len_utf8()
    };
    let after = &text[at + colon..];
    if after.starts_with("//") {
        return None;
    }
    Some((text[..at].trim(), after.trim()))
}

/// `**Name:**`, `**Name：**` or `**Name**:` at the start of `text`: the name and what follows.
pub(crate) fn bold(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("**")?;
    let (inside, after) = rest.split_once("**")?;
    let inside = inside.trim();
    if let Some(name) = inside.strip_suffix([':', '：']) {
        return Some((name.trim(), after.trim()));
    }
    let after = after.strip_prefix([':', '：'])?;
    Some((inside, after.trim()))
}

/// A Markdown ATX heading (`## Title`): its level and its text, without closing `#`s.
pub(crate) fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// A heading's or bold label's text without its closing colon.
pub(crate) fn without_colon(name: &str) -> (&str, bool) {
    match name.strip_suffix([':', '：']) {
        Some(name) => (name.trim_end(), true),
        None => (name, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_times_and_urls() {
        assert!(plausible("PETER MAJOR"));
        assert!(plausible("唐鳳"));
        assert!(plausible("Joy O’Neil"));
        assert!(!plausible("10"));
        assert!(!plausible("A"));
        assert!(!plausible("one two three four five six seven"));
        assert_eq!(before_colon("https://icann.org"), None);
        assert_eq!(before_colon("10:30 start"), Some(("10", "30 start")));
        assert_eq!(before_colon("唐鳳：大家好"), Some(("唐鳳", "大家好")));
        assert_eq!(before_colon(&format!("{}: late", "x".repeat(300))), None);
        assert_eq!(before_colon(&"鳳".repeat(100)), None);
    }

    #[test]
    fn title_case_allows_particles() {
        assert!(title_case("Ursula von der Leyen"));
        assert!(title_case("PETER MAJOR"));
        assert!(!title_case("Thank you"));
        assert!(!title_case("de la"));
    }

    #[test]
    fn bold_and_heading_shapes() {
        assert_eq!(bold("**Name:** Hi"), Some(("Name", "Hi")));
        assert_eq!(bold("**Name**: Hi"), Some(("Name", "Hi")));
        assert_eq!(bold("**Name** Hi"), None);
        assert_eq!(heading("### 唐鳳："), Some((3, "唐鳳：")));
        assert_eq!(heading("## Closing ##"), Some((2, "Closing")));
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("####### seven"), None);
        assert_eq!(without_colon("唐鳳："), ("唐鳳", true));
    }
}
