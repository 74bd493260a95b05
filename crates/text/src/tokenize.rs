//! Normalising and tokenising, for every script the UN languages use.
//!
//! Text is NFKC-normalised (full-width letters and digits become ASCII, ligatures split) and
//! lower-cased. Words are Unicode word segments (UAX #29), which suits Latin, Cyrillic and
//! Arabic scripts. Chinese has no spaces, so a run of Han characters becomes its overlapping
//! character bigrams ("数据治理" → 数据, 据治, 治理), the usual dictionary-free choice: every
//! two-character word is among them, and near-copies share them as they share words.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// NFKC and lower case: the form every comparison uses.
pub fn normalize(text: &str) -> String {
    // ASCII is already in NFKC: most answers skip the normalisation tables.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // The typographic apostrophe is the apostrophe (NFKC keeps them apart).
    text.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

/// French elided articles and pronouns: "l'internet" is "l'" and "internet".
const ELISIONS: [&str; 12] = [
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "s", "t",
];

/// True for the ideographic scripts written without spaces.
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

/// Calls `emit` with each token of already normalised text, in order: words, and the
/// bigrams of ideograph runs. Segments made only of punctuation are skipped (UAX #29).
pub fn for_each_token(normalized: &str, mut emit: impl FnMut(&str)) {
    let mut rest = normalized;
    while !rest.is_empty() {
        let ideographs = rest.starts_with(is_ideograph);
        let end = rest
            .find(|c: char| is_ideograph(c) != ideographs)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        if ideographs {
            ideograph_bigrams(run, &mut emit);
        } else if run.is_ascii() {
            ascii_words(run, |word| split_elision(word, &mut emit));
        } else {
            run.unicode_words()
                .for_each(|word| split_elision(word, &mut emit));
        }
        rest = tail;
    }
}

fn split_elision(word: &str, emit: &mut impl FnMut(&str)) {
    match word.split_once('\'') {
        Some((elided, rest)) if !rest.is_empty() && ELISIONS.contains(&elided) => {
            emit(&word[..elided.len() + 1]);
            emit(rest);
        }
        _ => emit(word),
    }
}

/// UAX #29 words of ASCII text, without the Unicode tables: most answers are ASCII, and this is
/// a few times faster. The same words as `unicode_words` (a test compares them): runs of letters,
/// digits and underscores, joined across an apostrophe, period or colon between letters and an
/// apostrophe, period, comma or semicolon between digits.
fn ascii_words(run: &str, mut emit: impl FnMut(&str)) {
    let bytes = run.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = 0;
    while at < bytes.len() {
        if !word_byte(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        loop {
            while at < bytes.len() && word_byte(bytes[at]) {
                at += 1;
            }
            if at + 1 < bytes.len() && word_byte(bytes[at + 1]) {
                let (before, middle, after) = (bytes[at - 1], bytes[at], bytes[at + 1]);
                let letters = before.is_ascii_alphabetic()
                    && after.is_ascii_alphabetic()
                    && matches!(middle, b'\'' | b'.' | b':');
                let digits = before.is_ascii_digit()
                    && after.is_ascii_digit()
                    && matches!(middle, b'\'' | b'.' | b',' | b';');
                if letters || digits {
                    at += 1;
                    continue;
                }
            }
            break;
        }
        let word = &run[start..at];
        if word.bytes().any(|b| b.is_ascii_alphanumeric()) {
            emit(word);
        }
    }
}

/// The tokens of `text` (normalised first), as owned strings.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(&normalize(text), |t| out.push(t.to_owned()));
    out
}

/// A run of ideographs: its overlapping bigrams, or the lone ideograph itself.
fn ideograph_bigrams(run: &str, emit: &mut impl FnMut(&str)) {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    if starts.len() == 1 {
        emit(run);
        return;
    }
    for pair in 0..starts.len() - 1 {
        let end = starts.get(pair + 2).copied().unwrap_or(run.len());
        emit(&run[starts[pair]..end]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_cyrillic_and_arabic_words() {
        assert_eq!(
            tokens("The IGF's mandate, renewed!"),
            ["the", "igf's", "mandate", "renewed"]
        );
        assert_eq!(
            tokens("Управление Интернетом"),
            ["управление", "интернетом"]
        );
        assert_eq!(tokens("حوكمة الإنترنت"), ["حوكمة", "الإنترنت"]);
        assert_eq!(tokens("Société CIVILE"), ["société", "civile"]);
    }

    #[test]
    fn french_elisions_are_split_and_apostrophes_unified() {
        assert_eq!(
            tokens("l’Internet d'aujourd'hui"),
            ["l'", "internet", "d'", "aujourd'hui"]
        );
        assert_eq!(tokens("qu'il"), ["qu'", "il"]);
        assert_eq!(tokens("it's the IGF's"), ["it's", "the", "igf's"]);
    }

    #[test]
    fn ascii_words_are_the_unicode_words() {
        let samples = [
            "the igf's mandate, renewed in 2015: 3.5 million users (u.s. and e.u.) -- don't stop",
            "wsis+20 review; 1,000,000 answers; a_b _x x_ 'quoted' \"double\" ... end.",
            "ipv6 v4.0 http://example.org/path?q=1 e-mail co-operation 12:30 a:b 9;8 7'6 x.5 5.x",
            "''' ___ ... - _ 'a' a' 'a 1. .1 a. .a",
        ];
        let corpus = agora_corpus::generate(2_000, 1);
        let answers = corpus
            .iter()
            .map(|r| r.text.to_ascii_lowercase())
            .filter(|t| t.is_ascii());
        for sample in samples.iter().map(|s| s.to_string()).chain(answers) {
            let sample = sample.as_str();
            let mut fast = Vec::new();
            ascii_words(sample, |w| fast.push(w.to_owned()));
            let tables: Vec<&str> = sample.unicode_words().collect();
            assert_eq!(fast, tables, "{sample}");
        }
    }

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(tokens("ＩＣＡＮＮ　２０１３"), ["icann", "2013"]);
    }

    #[test]
    fn chinese_runs_become_bigrams() {
        assert_eq!(tokens("数据治理"), ["数据", "据治", "治理"]);
        assert_eq!(tokens("网"), ["网"]);
        assert_eq!(
            tokens("我们支持IGF的工作"),
            ["我们", "们支", "支持", "igf", "的工", "工作"]
        );
    }

    #[test]
    fn punctuation_only_gives_nothing() {
        assert!(tokens("... — !!! ，。").is_empty());
    }
}
