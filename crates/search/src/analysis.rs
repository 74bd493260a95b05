//! How text becomes terms: one tokenizer for every script, and one analyser per language.
//!
//! [`Words`] splits text into runs of letters and digits (combining marks stay inside their
//! word, so vowelled Arabic is one word) and cuts runs of CJK characters into overlapping
//! bigrams, as Lucene's CJKAnalyzer does: "互联网治理" becomes 互联 联网 网治 治理. Chinese then
//! needs no dictionary, and a two-character word such as 治理 is found inside any sentence; a
//! longer word is a phrase of bigrams, which the query parser builds from the positions. A lone
//! CJK character is kept as a unigram.
//!
//! The analysers add lower-casing, Snowball stemming (after [`ArabicConjunction`] for Arabic) for Arabic, English, French, Russian and
//! Spanish, and, for Latin-script languages, accent folding after the stemmer (the French and
//! Spanish stemmers need the accents; a reader typing "societe" should still find "société").
//! No stop words: a query is matched word by word across all the language fields, and a word
//! that one analyser drops would still have to match in another.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as Stemming, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// The analysers Agora registers, one per field of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Analyser {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
    /// Every other language, and titles: words and bigrams, lower case, accents folded.
    Plain,
}

impl Analyser {
    pub const ALL: [Analyser; 7] = [
        Analyser::Ar,
        Analyser::Zh,
        Analyser::En,
        Analyser::Fr,
        Analyser::Ru,
        Analyser::Es,
        Analyser::Plain,
    ];

    /// The analyser of a language code (`fr`, or `fr-CA`); other languages get [`Analyser::Plain`].
    pub fn for_language(code: &str) -> Analyser {
        match code.split('-').next().unwrap_or_default() {
            "ar" => Analyser::Ar,
            "zh" => Analyser::Zh,
            "en" => Analyser::En,
            "fr" => Analyser::Fr,
            "ru" => Analyser::Ru,
            "es" => Analyser::Es,
            _ => Analyser::Plain,
        }
    }

    /// The language code the analyser stands for, `und` for the plain one.
    pub fn code(self) -> &'static str {
        match self {
            Analyser::Ar => "ar",
            Analyser::Zh => "zh",
            Analyser::En => "en",
            Analyser::Fr => "fr",
            Analyser::Ru => "ru",
            Analyser::Es => "es",
            Analyser::Plain => "und",
        }
    }

    /// The tokenizer's name in the index's [`TokenizerManager`].
    pub fn name(self) -> &'static str {
        match self {
            Analyser::Ar => "agora_ar",
            Analyser::Zh => "agora_zh",
            Analyser::En => "agora_en",
            Analyser::Fr => "agora_fr",
            Analyser::Ru => "agora_ru",
            Analyser::Es => "agora_es",
            Analyser::Plain => "agora_plain",
        }
    }

    pub fn build(self) -> TextAnalyzer {
        // Longer "words" are base64, hashes or URLs run together; they only bloat the index.
        let words = TextAnalyzer::builder(Words::default())
            .filter(RemoveLongFilter::limit(60))
            .filter(LowerCaser);
        match self {
            Analyser::Ar => words
                .filter(ArabicConjunction)
                .filter(Stemmer::new(Stemming::Arabic))
                .build(),
            Analyser::Ru => words.filter(Stemmer::new(Stemming::Russian)).build(),
            Analyser::En => latin(words, Stemming::English),
            Analyser::Fr => latin(words, Stemming::French),
            Analyser::Es => latin(words, Stemming::Spanish),
            Analyser::Zh => words.build(),
            Analyser::Plain => words.filter(AsciiFoldingFilter).build(),
        }
    }

    /// The terms `text` gives (for tests and for matching outside the index).
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut analyser = self.build();
        let mut stream = analyser.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }
}

fn latin<T: Tokenizer>(
    words: tantivy::tokenizer::TextAnalyzerBuilder<T>,
    language: Stemming,
) -> TextAnalyzer {
    words
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every analyser under its name.
pub fn register(manager: &TokenizerManager) {
    for analyser in Analyser::ALL {
        manager.register(analyser.name(), analyser.build());
    }
}

/// Drops the conjunction و ("and") or ف ("so") written onto a definite noun (والحكومات →
/// الحكومات), which the Snowball stemmer leaves: the most common Arabic prefix in running text,
/// as in Lucene's light Arabic stemmer.
#[derive(Clone)]
pub struct ArabicConjunction;

impl TokenFilter for ArabicConjunction {
    type Tokenizer<T: Tokenizer> = ArabicConjunctionFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicConjunctionFilter<T> {
        ArabicConjunctionFilter(tokenizer)
    }
}

#[derive(Clone)]
pub struct ArabicConjunctionFilter<T>(T);

impl<T: Tokenizer> Tokenizer for ArabicConjunctionFilter<T> {
    type TokenStream<'a> = ArabicConjunctionStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicConjunctionStream(self.0.token_stream(text))
    }
}

pub struct ArabicConjunctionStream<S>(S);

impl<S: TokenStream> TokenStream for ArabicConjunctionStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        let noun = text
            .strip_prefix('و')
            .or_else(|| text.strip_prefix('ف'))
            .filter(|rest| rest.starts_with("ال") && rest.chars().count() > 3);
        if let Some(noun) = noun {
            *text = noun.to_owned();
        }
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// Whether `c` is written without spaces between words: CJK ideographs, kana, Hangul.
pub fn is_cjk(c: char) -> bool {
    agora_text::tokenize::is_ideograph(c)
}

/// Letters and digits, and the combining marks that belong to them (Arabic vowel signs,
/// decomposed accents).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32,
            0x0300..=0x036F     // combining diacritical marks
            | 0x0610..=0x061A   // Arabic marks
            | 0x064B..=0x065F   // Arabic vowel signs (harakat)
            | 0x0670            // superscript alef
            | 0x06D6..=0x06ED)
}

/// Words, and the bigrams of CJK runs. See the module documentation.
#[derive(Clone, Default)]
pub struct Words {
    token: Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the next token may start.
    at: usize,
    token: &'a mut Token,
}

impl WordStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.at..];
        let Some((skip, first)) = rest.char_indices().find(|&(_, c)| is_word_char(c)) else {
            self.at = self.text.len();
            return false;
        };
        let from = self.at + skip;
        let mut chars = self.text[from..].char_indices().skip(1);
        if is_cjk(first) {
            // A bigram: this character and the next if it is CJK too. The next token starts at
            // the second character, so bigrams overlap; a run of one gives a unigram.
            let second = first.len_utf8();
            let end = match chars.next() {
                Some((_, c)) if is_cjk(c) => second + c.len_utf8(),
                _ => second,
            };
            let lone = end == second;
            self.at = from + second;
            if !lone || !self.follows_cjk(from) {
                return self.emit(from, from + end);
            }
            // The last character of a run already ended the previous bigram.
            return self.advance();
        }
        let end = chars
            .find(|&(_, c)| !is_word_char(c) || is_cjk(c))
            .map_or(self.text.len() - from, |(i, _)| i);
        self.at = from + end;
        self.emit(from, from + end)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl WordStream<'_> {
    /// Whether the character before byte `at` is CJK (so `at` is inside a run).
    fn follows_cjk(&self, at: usize) -> bool {
        self.text[..at].chars().next_back().is_some_and(is_cjk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut words = Words::default();
        let mut stream = words.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams_between_words() {
        let found: Vec<String> = tokens("ICANN的互联网治理, 网")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            found,
            ["ICANN", "的互", "互联", "联网", "网治", "治理", "网"]
        );
        // Positions follow one another, so a longer word is a phrase of its bigrams.
        let positions: Vec<usize> = tokens("互联网").into_iter().map(|t| t.1).collect();
        assert_eq!(positions, [0, 1]);
    }

    #[test]
    fn offsets_are_byte_ranges_of_the_source() {
        let text = "société «治理»";
        for (term, _, from, to) in tokens(text) {
            assert_eq!(&text[from..to], term);
        }
    }

    #[test]
    fn arabic_vowel_signs_stay_inside_the_word() {
        let found: Vec<String> = tokens("الحَوْكَمَة الرقمية").into_iter().map(|t| t.0).collect();
        assert_eq!(found, ["الحَوْكَمَة", "الرقمية"]);
    }

    #[test]
    fn each_stemmer_joins_inflections() {
        let same = |analyser: Analyser, a: &str, b: &str| {
            assert_eq!(
                analyser.terms(a),
                analyser.terms(b),
                "{analyser:?}: {a} / {b}"
            );
        };
        same(Analyser::En, "Governance", "governing");
        same(Analyser::Fr, "gouvernances", "gouvernance");
        same(Analyser::Fr, "société", "societes");
        same(Analyser::Es, "gobernanza", "gobernanzas");
        same(Analyser::Ru, "управления", "управление");
        same(Analyser::Ar, "والحكومات", "الحكومة");
        same(Analyser::Ar, "بالحوكمة", "حوكمة");
        assert_eq!(Analyser::Plain.terms("Société"), ["societe"]);
        assert_eq!(Analyser::for_language("fr-CA"), Analyser::Fr);
        assert_eq!(Analyser::for_language("de"), Analyser::Plain);
    }
}
