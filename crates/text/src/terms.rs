//! Index terms: tokens without stop words, stemmed where a stemmer exists for the language
//! (Snowball stemmers for Arabic, English, French, Russian and Spanish; Chinese bigrams are
//! kept as they are).

use rust_stemmers::{Algorithm, Stemmer};

use crate::language::Language;

/// Stems and filters the tokens of one language.
pub struct Terms {
    language: Language,
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
}

impl Terms {
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::Ar => Some(Algorithm::Arabic),
            Language::En => Some(Algorithm::English),
            Language::Fr => Some(Algorithm::French),
            Language::Ru => Some(Algorithm::Russian),
            Language::Es => Some(Algorithm::Spanish),
            Language::Zh | Language::Other => None,
        };
        Terms {
            language,
            stemmer: algorithm.map(Stemmer::create),
            stop_words: stop_words(language),
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// True for words that carry no theme: function words, and tokens of one character
    /// (except ideographs) or of digits alone.
    pub fn is_stop_word(&self, token: &str) -> bool {
        let mut chars = token.chars();
        let first = chars.next();
        let single = chars.next().is_none();
        if single && !first.is_some_and(crate::tokenize::is_ideograph) {
            return true;
        }
        token.chars().all(|c| c.is_ascii_digit()) || self.stop_words.binary_search(&token).is_ok()
    }

    /// The stem of a normalised token.
    pub fn stem<'a>(&self, token: &'a str) -> std::borrow::Cow<'a, str> {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(token),
            None => std::borrow::Cow::Borrowed(token),
        }
    }
}

/// The stop words of a language, sorted for binary search. Lists are short on purpose: the
/// function words that occur in every answer. TF-IDF weighs down the rest.
pub fn stop_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::En => EN,
        Language::Fr => FR,
        Language::Es => ES,
        Language::Ru => RU,
        Language::Ar => AR,
        Language::Zh => ZH,
        Language::Other => &[],
    }
}

const EN: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
    "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "it's", "its",
    "itself", "just", "may", "me", "might", "more", "most", "must", "my", "need", "needs", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
    "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
    "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "within",
    "would", "you", "your",
];

const FR: &[&str] = &[
    "a",
    "afin",
    "ai",
    "aient",
    "ainsi",
    "alors",
    "au",
    "aucun",
    "aussi",
    "autre",
    "aux",
    "avec",
    "avoir",
    "c'",
    "c'est",
    "ce",
    "cela",
    "celle",
    "celles",
    "celui",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chaque",
    "comme",
    "d'",
    "dans",
    "de",
    "des",
    "devraient",
    "devrait",
    "doit",
    "doivent",
    "donc",
    "du",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "est",
    "et",
    "eux",
    "faire",
    "faut",
    "il",
    "ils",
    "j'",
    "je",
    "l'",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lui",
    "mais",
    "me",
    "mes",
    "moi",
    "même",
    "n'",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "ou",
    "où",
    "par",
    "pas",
    "peut",
    "peuvent",
    "plus",
    "pour",
    "qu'",
    "qu'il",
    "que",
    "qui",
    "s'",
    "sa",
    "sans",
    "se",
    "ses",
    "si",
    "son",
    "sont",
    "sur",
    "tous",
    "tout",
    "toute",
    "toutes",
    "très",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "été",
    "être",
];

const ES: &[&str] = &[
    "a",
    "al",
    "algo",
    "ante",
    "así",
    "como",
    "con",
    "cual",
    "cuando",
    "de",
    "debe",
    "deben",
    "debería",
    "deberían",
    "del",
    "desde",
    "donde",
    "durante",
    "el",
    "ella",
    "ellas",
    "ellos",
    "en",
    "entre",
    "era",
    "es",
    "esa",
    "esas",
    "ese",
    "eso",
    "esos",
    "esta",
    "estas",
    "este",
    "esto",
    "estos",
    "está",
    "están",
    "fue",
    "ha",
    "han",
    "hay",
    "la",
    "las",
    "le",
    "les",
    "lo",
    "los",
    "mismo",
    "muy",
    "más",
    "ni",
    "no",
    "nos",
    "nosotros",
    "nuestra",
    "nuestro",
    "o",
    "otra",
    "otro",
    "para",
    "pero",
    "por",
    "puede",
    "pueden",
    "que",
    "qué",
    "se",
    "ser",
    "si",
    "sin",
    "sobre",
    "son",
    "su",
    "sus",
    "también",
    "tanto",
    "todas",
    "todo",
    "todos",
    "un",
    "una",
    "uno",
    "unos",
    "y",
    "ya",
    "él",
];

const RU: &[&str] = &[
    "а",
    "без",
    "более",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "весь",
    "во",
    "все",
    "всех",
    "вы",
    "где",
    "да",
    "для",
    "до",
    "должен",
    "должна",
    "должны",
    "его",
    "ее",
    "если",
    "есть",
    "еще",
    "её",
    "же",
    "за",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "когда",
    "которые",
    "который",
    "ли",
    "либо",
    "между",
    "могут",
    "может",
    "мы",
    "на",
    "над",
    "наш",
    "не",
    "него",
    "нет",
    "ни",
    "но",
    "нужно",
    "о",
    "об",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "с",
    "следует",
    "со",
    "так",
    "также",
    "то",
    "того",
    "только",
    "том",
    "у",
    "уже",
    "чем",
    "что",
    "чтобы",
    "эта",
    "эти",
    "это",
    "этого",
    "этот",
];

const AR: &[&str] = &[
    "أن",
    "أنه",
    "أو",
    "أيضا",
    "إذ",
    "إلا",
    "إلى",
    "إن",
    "التي",
    "الذي",
    "الذين",
    "بين",
    "تلك",
    "حتى",
    "حيث",
    "ذلك",
    "على",
    "عن",
    "عند",
    "فإن",
    "في",
    "قبل",
    "قد",
    "كان",
    "كل",
    "كما",
    "لأن",
    "لا",
    "لكن",
    "لم",
    "لن",
    "ما",
    "مع",
    "من",
    "هذا",
    "هذه",
    "هناك",
    "هو",
    "هي",
    "و",
    "وأن",
    "ولا",
    "يجب",
    "يمكن",
    "ينبغي",
];

const ZH: &[&str] = &[
    "一个", "不是", "也是", "以及", "但是", "可以", "因为", "应当", "应该", "我们", "所以", "是一",
    "没有", "的是", "而且", "这个", "这些", "这是", "那些", "需要",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_word_lists_are_sorted_for_binary_search() {
        for language in [
            Language::En,
            Language::Fr,
            Language::Es,
            Language::Ru,
            Language::Ar,
            Language::Zh,
        ] {
            let list = stop_words(language);
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{language:?}");
        }
    }

    #[test]
    fn stems_inflected_forms_alike() {
        let en = Terms::new(Language::En);
        assert_eq!(en.stem("consultations"), en.stem("consultation"));
        let fr = Terms::new(Language::Fr);
        assert_eq!(fr.stem("gouvernements"), fr.stem("gouvernement"));
        let ru = Terms::new(Language::Ru);
        assert_eq!(ru.stem("интернета"), ru.stem("интернет"));
    }

    #[test]
    fn function_words_digits_and_single_letters_are_stop_words() {
        let en = Terms::new(Language::En);
        assert!(en.is_stop_word("the"));
        assert!(en.is_stop_word("2013"));
        assert!(en.is_stop_word("x"));
        assert!(!en.is_stop_word("governance"));
        let zh = Terms::new(Language::Zh);
        assert!(zh.is_stop_word("我们"));
        assert!(!zh.is_stop_word("治理"));
        assert!(!zh.is_stop_word("网"));
    }
}
