//! Language identification.
//!
//! Scripts decide first: Arabic script is Arabic, Han is Chinese, Cyrillic is Russian (the UN
//! language among Cyrillic ones). Latin-script text goes to `whatlang`'s trigram model, which
//! is what costs; it reads the first few hundred characters only (200), which is plenty to tell
//! English, French and Spanish apart and keeps a million answers fast.

use serde::{Deserialize, Serialize};

/// The six UN languages, and everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
    Other,
}

impl Language {
    /// The ISO 639-1 code ("und" for other languages).
    pub fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Zh => "zh",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Es => "es",
            Language::Other => "und",
        }
    }
}

/// Characters read by the trigram model at most.
const SAMPLE_CHARS: usize = 200;

/// The language `text` is written in.
pub fn detect(text: &str) -> Language {
    let (mut latin, mut arabic, mut cyrillic, mut han) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(SAMPLE_CHARS * 2) {
        match c as u32 {
            0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F => latin += 1,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => arabic += 1,
            0x0400..=0x04FF => cyrillic += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => han += 1,
            _ => {}
        }
    }
    // Han characters carry a word each, so a few of them outweigh many Latin letters.
    let scores = [
        (Language::Ar, arabic),
        (Language::Ru, cyrillic),
        (Language::Zh, han * 3),
    ];
    let (script_language, script_count) = scores
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .expect("three scripts");
    if script_count > latin {
        return script_language;
    }
    if latin == 0 {
        return Language::Other;
    }
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    if let Some(language) = by_function_words(&sample) {
        return language;
    }
    match latin_detector().detect_lang(&sample) {
        Some(whatlang::Lang::Eng) => Language::En,
        Some(whatlang::Lang::Fra) => Language::Fr,
        Some(whatlang::Lang::Spa) => Language::Es,
        _ => Language::Other,
    }
}

/// English, French or Spanish when the text's function words say so clearly: at least
/// [`CLEAR_VOTES`] of them, and twice as many as any other of the three. Most answers are
/// decided here, at a fraction of the trigram model's cost; the others go to the model.
fn by_function_words(sample: &str) -> Option<Language> {
    let candidates = [Language::En, Language::Fr, Language::Es];
    let mut votes = [0usize; 3];
    crate::tokenize::for_each_token(&crate::tokenize::normalize(sample), |token| {
        for (vote, language) in votes.iter_mut().zip(candidates) {
            if crate::terms::stop_words(language)
                .binary_search(&token)
                .is_ok()
            {
                *vote += 1;
            }
        }
    });
    let (best, &top) = votes
        .iter()
        .enumerate()
        .max_by_key(|&(i, v)| (*v, std::cmp::Reverse(i)))?;
    let runner_up = votes
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, v)| *v)
        .max()?;
    (top >= CLEAR_VOTES && top >= 2 * runner_up).then_some(candidates[best])
}

/// Function words needed to decide without the trigram model.
const CLEAR_VOTES: usize = 4;

/// The trigram model limited to the Latin-script languages most often met beside the UN's:
/// a fifth of the profiles to score, and other languages still recognised as other, so their
/// words are not stemmed as English, French or Spanish.
fn latin_detector() -> &'static whatlang::Detector {
    use whatlang::Lang::{Deu, Eng, Fra, Ita, Nld, Por, Spa};
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR
        .get_or_init(|| whatlang::Detector::with_allowlist(vec![Eng, Fra, Spa, Deu, Por, Ita, Nld]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_six_un_languages_apart() {
        let cases = [
            (
                "The secretariat should publish every contribution before the meeting.",
                Language::En,
            ),
            (
                "Le secrétariat devrait publier toutes les contributions avant la réunion.",
                Language::Fr,
            ),
            (
                "La secretaría debería publicar todas las contribuciones antes de la reunión.",
                Language::Es,
            ),
            (
                "Секретариат должен публиковать все материалы до начала заседания.",
                Language::Ru,
            ),
            (
                "ينبغي للأمانة أن تنشر جميع المساهمات قبل الاجتماع.",
                Language::Ar,
            ),
            ("秘书处应在会议之前公布所有意见。", Language::Zh),
        ];
        for (text, expected) in cases {
            assert_eq!(detect(text), expected, "{text}");
        }
    }

    #[test]
    fn short_or_mixed_latin_text_goes_to_the_trigram_model() {
        assert_eq!(by_function_words("Internet governance"), None);
        assert_eq!(
            detect("Gobernanza de Internet y la cooperación reforzada"),
            Language::Es
        );
    }

    #[test]
    fn text_without_letters_has_no_language() {
        assert_eq!(detect("12345 !!! ..."), Language::Other);
        assert_eq!(detect(""), Language::Other);
    }

    #[test]
    fn other_latin_languages_are_other() {
        assert_eq!(
            detect(
                "Das Sekretariat sollte alle Beiträge vor der Sitzung veröffentlichen und übersetzen."
            ),
            Language::Other
        );
    }
}
