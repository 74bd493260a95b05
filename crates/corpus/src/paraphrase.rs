//! Varying a respondent's wording: words swapped for others of their group (`Lang::paraphrases`)
//! and adverbs slipped in after modal verbs, so that two answers drawing on the same claim
//! rarely share long word sequences. Near-copies use the same groups to change a few words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::bank::{LANGS, Lang};
use crate::rng::Rng;

/// Per language: each word of a group (and its capitalised form) → its group and whether it
/// was capitalised. Lookups only, so the map's order never shows.
type Words = HashMap<&'static str, (&'static [&'static str], bool), BuildHasherDefault<Fnv>>;

fn words(lang: usize) -> &'static Words {
    static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
    &WORDS.get_or_init(|| {
        LANGS
            .iter()
            .map(|l| {
                let mut map = Words::default();
                for &group in l.paraphrases {
                    for &w in group.iter().filter(|w| !w.contains(' ')) {
                        map.insert(w, (group, false));
                        let capital = capitalised(w);
                        if capital != w {
                            map.insert(Box::leak(capital.into_boxed_str()), (group, true));
                        }
                    }
                }
                map
            })
            .collect()
    })[lang]
}

fn capitalised(w: &str) -> String {
    let mut chars = w.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `text` with each word that has alternatives replaced by a random member of its group with
/// chance `rate`, and an adverb after a modal verb with chance `rate / 2`.
pub(crate) fn paraphrase(rng: &mut Rng, text: &str, lang: usize, rate: f64) -> String {
    let l = &LANGS[lang];
    if !l.spaced {
        return paraphrase_unspaced(rng, text, l, rate);
    }
    let map = words(lang);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let (before, core, after) = split_word(word);
        match map.get(core) {
            Some(&(group, capital)) if rng.chance(rate) => {
                out.push_str(before);
                push_cased(&mut out, group[rng.below(group.len())], capital);
                out.push_str(after);
            }
            _ => out.push_str(word),
        }
        if after.is_empty() && l.modals.contains(&core) && rng.chance(rate / 2.0) {
            out.push(' ');
            out.push_str(l.adverbs[rng.below(l.adverbs.len())]);
        }
    }
    out
}

/// Chinese has no spaces: each group's words are looked for as substrings.
fn paraphrase_unspaced(rng: &mut Rng, text: &str, l: &Lang, rate: f64) -> String {
    let mut out = text.to_owned();
    for &group in l.paraphrases {
        for &w in group {
            if out.contains(w) && rng.chance(rate) {
                out = out.replacen(w, group[rng.below(group.len())], 1);
            }
        }
    }
    out
}

/// One to three words of `template` replaced by another word of their group; `None` when no
/// word has one.
pub(crate) fn swap_words(rng: &mut Rng, template: &str, lang: usize) -> Option<String> {
    let l = &LANGS[lang];
    // (byte offset, length, group, capitalised) of every word that has alternatives.
    let mut spots: Vec<(usize, usize, &[&str], bool)> = if l.spaced {
        let map = words(lang);
        let mut at = 0;
        let mut spots = Vec::new();
        for word in template.split(' ') {
            let (before, core, _) = split_word(word);
            if let Some(&(group, capital)) = map.get(core) {
                spots.push((at + before.len(), core.len(), group, capital));
            }
            at += word.len() + 1;
        }
        spots
    } else {
        let mut spots: Vec<_> = l
            .paraphrases
            .iter()
            .flat_map(|&group| {
                group.iter().flat_map(move |&w| {
                    template
                        .match_indices(w)
                        .map(move |(at, _)| (at, w.len(), group, false))
                })
            })
            .collect();
        // Substrings may overlap ("国家" in "各国家"): keep the first of overlapping ones.
        spots.sort_by_key(|s| s.0);
        let mut end = 0;
        spots.retain(|s| {
            let keep = s.0 >= end;
            if keep {
                end = s.0 + s.1;
            }
            keep
        });
        spots
    };
    if spots.is_empty() {
        return None;
    }
    rng.shuffle(&mut spots);
    spots.truncate(1 + rng.below(3));
    // Replace from the end so that earlier offsets stay valid.
    spots.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = template.to_owned();
    for (at, len, group, capital) in spots {
        let current = &template[at..at + len];
        let others: Vec<&str> = group
            .iter()
            .copied()
            .filter(|&w| w != current && capitalised(w) != current)
            .collect();
        let mut replacement = String::new();
        push_cased(&mut replacement, others[rng.below(others.len())], capital);
        out.replace_range(at..at + len, &replacement);
    }
    Some(out)
}

fn push_cased(out: &mut String, word: &str, capital: bool) {
    if capital {
        out.push_str(&capitalised(word));
    } else {
        out.push_str(word);
    }
}

/// Leading punctuation, the word, trailing punctuation.
fn split_word(word: &str) -> (&str, &str, &str) {
    let start = word
        .find(|c: char| c.is_alphanumeric())
        .unwrap_or(word.len());
    let end = word
        .rfind(|c: char| c.is_alphanumeric())
        .map_or(start, |i| {
            i + word[i..].chars().next().map_or(0, char::len_utf8)
        });
    (
        &word[..start],
        &word[start..end.max(start)],
        &word[end.max(start)..],
    )
}

#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_punctuation_and_case() {
        assert_eq!(split_word("(Should),"), ("(", "Should", "),"));
        assert_eq!(split_word("..."), ("...", "", ""));
        let mut rng = Rng::new(1);
        let text = "Governments should act. Should they? Yes, because it is essential.";
        let mut changed = false;
        for _ in 0..20 {
            let p = paraphrase(&mut rng, text, 0, 1.0);
            // Every group word was redrawn, punctuation kept, capitals kept.
            assert!(p.starts_with("Governments "), "{p}");
            assert!(p.ends_with('.') && p.contains("? Yes, "), "{p}");
            changed |= p != text;
        }
        assert!(changed);
        assert_eq!(paraphrase(&mut rng, text, 0, 0.0), text);
    }

    #[test]
    fn swapping_changes_at_least_one_word_or_says_none() {
        let mut rng = Rng::new(2);
        for _ in 0..50 {
            let s = swap_words(&mut rng, "We urge every state to keep the model.", 0)
                .expect("urge, every, keep and model have alternatives");
            assert_ne!(s, "We urge every state to keep the model.");
            assert_eq!(s.split(' ').next(), Some("We"));
        }
        assert_eq!(swap_words(&mut rng, "Nothing here.", 0), None);
        assert!(swap_words(&mut rng, "我们应当确保开放", 5).is_some());
    }
}
