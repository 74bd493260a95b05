//! Labelled synthetic consultations, to test and benchmark the synthesis engine against a
//! known truth, and the metrics that score it.
//!
//! [`generate`] writes the answers to an Internet-governance consultation of three questions:
//! `q1` "How should enhanced cooperation on international public policy issues pertaining to
//! the Internet be implemented?", `q2` "How should the mandate of the Internet Governance Forum
//! evolve?" and `q3` "What principles should guide cross-border data governance?". Each
//! question has five or six themes of uneven size, and each theme its own mix of stakeholder
//! groups (one mostly governments, another mostly civil society, …). About half the answers
//! belong to form-letter campaigns whose sizes have a heavy tail (the five largest hold about a
//! third of the corpus, as on the FCC's 2017 docket); members copy their campaign's template
//! exactly or with edits ([`Edit`]). A campaign translated into another language is another
//! campaign. Languages follow a 70/10/8/4/4/4 mix of English, French, Spanish, Russian, Arabic
//! and Chinese.

mod bank;
pub mod metrics;
mod paraphrase;
mod rng;
mod shingles;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use bank::{
    ALIGNED_CLAIMS, ALIGNED_REASONS, GROUPS, LANGS, Lang, ORGANISATIONS, QUESTIONS, THEMES, Theme,
};
use rng::Rng;

/// One answer, with its ground truth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `r1`, `r2`, … in file order.
    pub id: String,
    /// `q1`, `q2` or `q3`.
    pub question: &'static str,
    pub text: String,
    /// A code of `agora_core::stakeholder::DEFAULT_GROUPS`.
    pub stakeholder_group: &'static str,
    /// A UN M49 region code.
    pub region: &'static str,
    /// ISO 639-1: en, fr, es, ru, ar or zh.
    pub language: &'static str,
    /// Empty for individuals.
    pub organisation: String,
    /// The true campaign (`campaign-7`), empty for an answer written by its author.
    pub campaign: String,
    /// The true theme, e.g. `q2-funding`; themes belong to one question.
    pub theme: &'static str,
    pub edit: Edit,
}

/// How an answer relates to its campaign's template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edit {
    /// Not in a campaign.
    Organic,
    /// The template verbatim.
    Exact,
    /// One to three words replaced by a synonym (or one dropped).
    NearCopy,
    /// The template with a paragraph of the respondent's own before or after it.
    Personal,
    /// The template's paragraphs and sentences in another order.
    Reordered,
    /// One to three typing errors (letters swapped, dropped or doubled).
    Typos,
}

impl Edit {
    pub fn as_str(self) -> &'static str {
        match self {
            Edit::Organic => "organic",
            Edit::Exact => "exact",
            Edit::NearCopy => "near-copy",
            Edit::Personal => "personal",
            Edit::Reordered => "reordered",
            Edit::Typos => "typos",
        }
    }
}

/// Share of the corpus in campaigns: drawn in this range per corpus.
const CAMPAIGN_SHARE: (f64, f64) = (0.45, 0.55);
/// The largest campaigns, as shares of the corpus.
const TOP_CAMPAIGNS: [f64; 5] = [0.10, 0.08, 0.07, 0.06, 0.05];
/// The other campaigns' sizes follow a Pareto law from 2 with this exponent, capped at 1%.
const TAIL_EXPONENT: f64 = 1.1;
/// Chance that a new campaign is an earlier one translated.
const TRANSLATED: f64 = 0.12;
/// Two templates of one theme and language share at most this share of their shingles, so that
/// separate campaigns stay separable; a template is redrawn up to `TEMPLATE_DRAWS` times. Only
/// campaigns of `SEPARATE_FROM` members or more are kept apart: merging two small ones costs a
/// detector a handful of pairs, and checking every pair would dominate the generator's time.
const DISTINCT: f64 = 0.4;
const SEPARATE_FROM: usize = 10;
const TEMPLATE_DRAWS: usize = 12;
/// Members' edits: weights of exact, near-copy, personal, reordered, typos.
const EDITS: [(Edit, u32); 5] = [
    (Edit::Exact, 30),
    (Edit::NearCopy, 20),
    (Edit::Personal, 20),
    (Edit::Reordered, 12),
    (Edit::Typos, 18),
];
/// Chance that a word with alternatives is redrawn (see `paraphrase`).
const PARAPHRASE: f64 = 0.6;
/// Share of campaign members who answer as individuals (no organisation); organic answers.
const INDIVIDUAL_MEMBERS: f64 = 0.8;
const INDIVIDUAL_ORGANIC: f64 = 0.25;
/// Share of a campaign's members in its dominant stakeholder group.
const DOMINANT_GROUP: f64 = 0.75;

/// `responses` answers, the same for the same `(responses, seed)` on every platform and version.
pub fn generate(responses: usize, seed: u64) -> Vec<Row> {
    let mut rng = Rng::new(seed);
    let weights = Weights::new();
    let campaigns = campaigns(&mut rng, &weights, responses);
    let mut slots: Vec<Option<usize>> = Vec::with_capacity(responses);
    for (k, campaign) in campaigns.iter().enumerate() {
        slots.extend(std::iter::repeat_n(Some(k), campaign.size));
    }
    slots.resize(responses, None);
    rng.shuffle(&mut slots);
    // Rows are written in fixed chunks, each with its own stream derived from the seed, so that
    // they can be written in parallel and still come out the same whatever the thread count.
    let chunks: Vec<&[Option<usize>]> = slots.chunks(CHUNK).collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut done: Vec<(usize, Vec<Row>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(chunks.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let c = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(c) else {
                            return out;
                        };
                        let mut rng = Rng::new(seed ^ (c as u64 + 1).wrapping_mul(CHUNK_MIX));
                        let rows = chunk
                            .iter()
                            .enumerate()
                            .map(|(i, slot)| {
                                let id = format!("r{}", c * CHUNK + i + 1);
                                match slot {
                                    Some(k) => member(&mut rng, id, &campaigns[*k]),
                                    None => organic(&mut rng, &weights, id),
                                }
                            })
                            .collect();
                        out.push((c, rows));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a generator thread panicked"))
            .collect()
    });
    done.sort_unstable_by_key(|d| d.0);
    done.into_iter().flat_map(|d| d.1).collect()
}

/// Rows per chunk of the parallel writing, and the odd constant that derives chunk seeds.
const CHUNK: usize = 4096;
const CHUNK_MIX: u64 = 0xD1B5_4A32_D192_ED03;

/// Draw weights fixed by the banks.
struct Weights {
    /// Per theme: question weight × theme share within the question.
    themes: Vec<u32>,
    langs: Vec<u32>,
    langs_squared: Vec<u32>,
}

impl Weights {
    fn new() -> Self {
        let per_question = |q: usize| -> u32 {
            THEMES
                .iter()
                .filter(|t| t.question == q)
                .map(|t| t.weight)
                .sum()
        };
        Weights {
            themes: THEMES
                .iter()
                .map(|t| QUESTIONS[t.question].1 * t.weight * 1000 / per_question(t.question))
                .collect(),
            langs: LANGS.iter().map(|l| l.weight).collect(),
            langs_squared: LANGS.iter().map(|l| l.weight * l.weight).collect(),
        }
    }
}

fn organic(rng: &mut Rng, weights: &Weights, id: String) -> Row {
    let theme = rng.weighted(&weights.themes);
    let lang = rng.weighted(&weights.langs);
    let text = organic_text(rng, &THEMES[theme], lang);
    let group = rng.weighted(&THEMES[theme].groups);
    row(
        rng,
        id,
        theme,
        lang,
        group,
        INDIVIDUAL_ORGANIC,
        text,
        String::new(),
        Edit::Organic,
    )
}

#[allow(clippy::too_many_arguments)]
fn row(
    rng: &mut Rng,
    id: String,
    theme: usize,
    lang: usize,
    group: usize,
    individual: f64,
    text: String,
    campaign: String,
    edit: Edit,
) -> Row {
    let regions = LANGS[lang].regions;
    let region_weights: Vec<u32> = regions.iter().map(|r| r.1).collect();
    let region = regions[rng.weighted(&region_weights)].0;
    let organisation = if rng.chance(individual) {
        String::new()
    } else {
        any_of(rng, ORGANISATIONS[group])
    };
    Row {
        id,
        question: QUESTIONS[THEMES[theme].question].0,
        text,
        stakeholder_group: GROUPS[group],
        region,
        language: LANGS[lang].code,
        organisation,
        campaign,
        theme: THEMES[theme].id,
        edit,
    }
}

/// One of `fragments`, expanded.
fn any_of(rng: &mut Rng, fragments: &[&str]) -> String {
    let fragment = fragments[rng.below(fragments.len())];
    expanded(rng, fragment)
}

/// An answer written by its author: claims of the theme in random order, each with or without
/// an opener, an insert and a reason, sometimes with filler or a personal sentence, until a
/// length drawn around 210 characters (log-normal, 80–1,200) is reached.
fn organic_text(rng: &mut Rng, theme: &Theme, lang: usize) -> String {
    let l = &LANGS[lang];
    let target = (180.0 * (0.6 * rng.normal()).exp()).clamp(80.0, 1200.0) * l.density;
    let limit = 1200.0 * l.density;
    let mut sentences: Vec<String> = Vec::new();
    if rng.chance(0.15) {
        sentences.push(any_of(rng, l.fillers));
    }
    if rng.chance(0.15) {
        sentences.push(any_of(rng, l.personal));
    }
    let mut length: usize = sentences.iter().map(|s| s.chars().count()).sum();
    let claims = theme.claims[lang];
    let mut order: Vec<usize> = (0..claims.len()).collect();
    rng.shuffle(&mut order);
    let reasons = theme.reasons[lang].len();
    for (n, &claim) in order.iter().enumerate() {
        let parts = Claim {
            opener: rng.chance(0.5).then(|| rng.below(l.openers.len())),
            claim,
            insert: rng.chance(0.25).then(|| rng.below(l.inserts.len())),
            reason: rng.chance(0.6).then(|| rng.below(reasons)),
        };
        let s = claim_sentence(rng, theme, lang, &parts);
        let len = s.chars().count();
        if n > 0 && (length + len) as f64 > limit {
            break;
        }
        length += len;
        sentences.push(s);
        if length as f64 >= target {
            break;
        }
    }
    if length < 80 || rng.chance(0.1) {
        sentences.push(any_of(rng, l.fillers));
    }
    let mut sentences: Vec<String> = sentences
        .iter()
        .map(|s| paraphrase::paraphrase(rng, s, lang, PARAPHRASE))
        .collect();
    let paragraphs = if sentences.len() >= 4 && rng.chance(0.5) {
        let second = sentences.split_off(sentences.len() / 2);
        vec![sentences, second]
    } else {
        vec![sentences]
    };
    join(&paragraphs, l)
}

/// The parts of one sentence: indices into the theme's claims and reasons and the language's
/// openers and inserts (taken modulo their length, so a plan renders in any language).
#[derive(Clone)]
struct Claim {
    opener: Option<usize>,
    claim: usize,
    insert: Option<usize>,
    reason: Option<usize>,
}

fn claim_sentence(rng: &mut Rng, theme: &Theme, lang: usize, parts: &Claim) -> String {
    let l = &LANGS[lang];
    let mut out = String::new();
    if let Some(o) = parts.opener {
        expand(rng, l.openers[o % l.openers.len()], &mut out);
    }
    let claims = theme.claims[lang];
    expand(rng, claims[parts.claim % claims.len()], &mut out);
    if let Some(i) = parts.insert {
        expand(rng, l.inserts[i % l.inserts.len()], &mut out);
    }
    if let Some(r) = parts.reason {
        out.push_str(l.comma);
        let reasons = theme.reasons[lang];
        expand(rng, reasons[r % reasons.len()], &mut out);
    }
    out.push_str(l.stop);
    capitalise(out)
}

fn capitalise(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

/// Appends `fragment` with each `{a|b}` replaced by one alternative and `{N}`, `{P}`, `{Y}` by a
/// count, a percentage and a year.
fn expand(rng: &mut Rng, fragment: &str, out: &mut String) {
    let mut rest = fragment;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open
            + rest[open..]
                .find('}')
                .expect("every `{` of the banks is closed (tested)");
        let inner = &rest[open + 1..close];
        match inner {
            "N" => out.push_str(&(2 + rng.below(199)).to_string()),
            "P" => out.push_str(&(5 + rng.below(91)).to_string()),
            "Y" => out.push_str(&(2003 + rng.below(23)).to_string()),
            _ => {
                let n = inner.split('|').count();
                let k = rng.below(n);
                out.push_str(inner.split('|').nth(k).unwrap_or_default());
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

fn expanded(rng: &mut Rng, fragment: &str) -> String {
    let mut out = String::new();
    expand(rng, fragment, &mut out);
    out
}

/// Sentences joined by a space (none in Chinese), paragraphs by a blank line.
fn join(paragraphs: &[Vec<String>], l: &Lang) -> String {
    let sep = if l.spaced { " " } else { "" };
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(sep))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What a campaign's template is made of, independent of language: rendered in the campaign's
/// language, or in another one for its translation.
#[derive(Clone)]
struct Plan {
    claims: Vec<Claim>,
    call: usize,
    signature: usize,
    signature_first: bool,
    /// Seeds the `{…}` choices, so that a plan renders the same way every time.
    seed: u64,
}

struct Campaign {
    id: String,
    /// The campaign this one translates (its own index when it is an original).
    family: usize,
    size: usize,
    theme: usize,
    lang: usize,
    group: usize,
    plan: Plan,
    paragraphs: Vec<Vec<String>>,
    text: String,
}

fn campaign_sizes(rng: &mut Rng, responses: usize) -> Vec<usize> {
    let share = CAMPAIGN_SHARE.0 + (CAMPAIGN_SHARE.1 - CAMPAIGN_SHARE.0) * rng.unit();
    let mut left = (responses as f64 * share) as usize;
    let mut sizes = Vec::new();
    for fraction in TOP_CAMPAIGNS {
        let size = (fraction * responses as f64) as usize;
        if size >= 2 && size <= left {
            sizes.push(size);
            left -= size;
        }
    }
    let cap = (responses / 100).max(2);
    while left >= 2 {
        let u = 1.0 - rng.unit();
        let mut size = ((2.0 / u.powf(1.0 / TAIL_EXPONENT)) as usize)
            .clamp(2, cap)
            .min(left);
        if left - size < 2 {
            size = left;
        }
        sizes.push(size);
        left -= size;
    }
    sizes
}

fn campaigns(rng: &mut Rng, weights: &Weights, responses: usize) -> Vec<Campaign> {
    let sizes = campaign_sizes(rng, responses);
    let mut made: Vec<Campaign> = Vec::with_capacity(sizes.len());
    let mut templates: BTreeMap<(usize, usize), Vec<Vec<u64>>> = BTreeMap::new();
    // Per campaign index: the languages of the family it founded (bits of `LANGS`); unused for
    // translations, which found none.
    let mut family_langs: Vec<u8> = Vec::with_capacity(sizes.len());
    for (k, size) in sizes.into_iter().enumerate() {
        // A translation goes to a language its family (the original and its translations) does
        // not have yet: rendering a plan twice in one language would give the same text.
        let translation = (k > 0 && rng.chance(TRANSLATED))
            .then(|| made[rng.below(k)].family)
            .and_then(|family| {
                let missing: Vec<usize> = (0..LANGS.len())
                    .filter(|&l| family_langs[family] & (1 << l) == 0)
                    .collect();
                (!missing.is_empty()).then(|| (family, missing[rng.below(missing.len())]))
            });
        let (family, theme, lang, plan, paragraphs, text) =
            if let Some((family, lang)) = translation {
                let source = &made[family];
                let plan = source.plan.clone();
                let paragraphs = render(&plan, source.theme, lang);
                let text = join(&paragraphs, &LANGS[lang]);
                (family, source.theme, lang, plan, paragraphs, text)
            } else {
                let theme = rng.weighted(&weights.themes);
                // The largest campaigns are nearly always English (weights squared), as on the
                // dockets that inspired them, so they do not upset the language mix.
                let lang = if k < TOP_CAMPAIGNS.len() {
                    rng.weighted(&weights.langs_squared)
                } else {
                    rng.weighted(&weights.langs)
                };
                let (plan, paragraphs, text) = distinct_template(
                    rng,
                    templates.entry((theme, lang)).or_default(),
                    theme,
                    lang,
                );
                (k, theme, lang, plan, paragraphs, text)
            };
        family_langs.push(0);
        family_langs[family] |= 1 << lang;
        if size >= SEPARATE_FROM {
            templates
                .entry((theme, lang))
                .or_default()
                .push(shingles::shingles(&text));
        }
        made.push(Campaign {
            id: format!("campaign-{}", k + 1),
            family,
            size,
            theme,
            lang,
            group: rng.weighted(&THEMES[theme].groups),
            plan,
            paragraphs,
            text,
        });
    }
    made
}

/// The template least like the others of its theme and language among a few draws.
fn distinct_template(
    rng: &mut Rng,
    others: &[Vec<u64>],
    theme: usize,
    lang: usize,
) -> (Plan, Vec<Vec<String>>, String) {
    let mut best: Option<(f64, Plan, Vec<Vec<String>>, String)> = None;
    for _ in 0..TEMPLATE_DRAWS {
        let plan = random_plan(rng);
        let paragraphs = render(&plan, theme, lang);
        let text = join(&paragraphs, &LANGS[lang]);
        let own = shingles::shingles(&text);
        let closest = others
            .iter()
            .map(|o| shingles::containment(&own, o))
            .fold(0.0, f64::max);
        if best.as_ref().is_none_or(|b| closest < b.0) {
            best = Some((closest, plan, paragraphs, text));
        }
        if closest < DISTINCT {
            break;
        }
    }
    let (_, plan, paragraphs, text) = best.expect("TEMPLATE_DRAWS is positive");
    (plan, paragraphs, text)
}

/// One or two (sometimes three) of the theme's aligned claims (so the plan can be translated), a call to action
/// and a signature.
fn random_plan(rng: &mut Rng) -> Plan {
    let mut order: Vec<usize> = (0..ALIGNED_CLAIMS).collect();
    rng.shuffle(&mut order);
    order.truncate(if rng.chance(0.25) {
        3
    } else {
        1 + rng.below(2)
    });
    let claims = order
        .into_iter()
        .map(|claim| Claim {
            opener: rng.chance(0.5).then(|| rng.below(64)),
            claim,
            insert: rng.chance(0.3).then(|| rng.below(64)),
            reason: rng.chance(0.5).then(|| rng.below(ALIGNED_REASONS)),
        })
        .collect();
    Plan {
        claims,
        call: rng.below(64),
        signature: rng.below(64),
        signature_first: rng.chance(0.3),
        seed: rng.next_u64(),
    }
}

fn render(plan: &Plan, theme: usize, lang: usize) -> Vec<Vec<String>> {
    let mut rng = Rng::new(plan.seed ^ (lang as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let l = &LANGS[lang];
    let varied = |rng: &mut Rng, s: String| paraphrase::paraphrase(rng, &s, lang, PARAPHRASE);
    let body: Vec<String> = plan
        .claims
        .iter()
        .map(|c| {
            let s = claim_sentence(&mut rng, &THEMES[theme], lang, c);
            varied(&mut rng, s)
        })
        .collect();
    let call = expanded(&mut rng, l.calls[plan.call % l.calls.len()]);
    let call = varied(&mut rng, call);
    let signature = expanded(&mut rng, l.signatures[plan.signature % l.signatures.len()]);
    let signature = varied(&mut rng, signature);
    if plan.signature_first {
        vec![vec![signature], body, vec![call]]
    } else {
        vec![body, vec![call, signature]]
    }
}

fn member(rng: &mut Rng, id: String, c: &Campaign) -> Row {
    let weights: Vec<u32> = EDITS.iter().map(|e| e.1).collect();
    let edit = EDITS[rng.weighted(&weights)].0;
    let text = match edit {
        Edit::NearCopy => near_copy(rng, &c.text, c.lang),
        Edit::Personal => with_personal(rng, c),
        Edit::Reordered => reordered(rng, c),
        Edit::Typos => typos(rng, &c.text),
        Edit::Exact | Edit::Organic => c.text.clone(),
    };
    let group = if rng.chance(DOMINANT_GROUP) {
        c.group
    } else {
        rng.weighted(&THEMES[c.theme].groups)
    };
    row(
        rng,
        id,
        c.theme,
        c.lang,
        group,
        INDIVIDUAL_MEMBERS,
        text,
        c.id.clone(),
        edit,
    )
}

/// One to three words swapped for others of their group; where none has one, a word dropped.
fn near_copy(rng: &mut Rng, template: &str, lang: usize) -> String {
    paraphrase::swap_words(rng, template, lang)
        .unwrap_or_else(|| drop_word(rng, template, &LANGS[lang]))
}

fn drop_word(rng: &mut Rng, text: &str, l: &Lang) -> String {
    if l.spaced {
        let words: Vec<&str> = text.split(' ').collect();
        let gone = rng.below(words.len());
        let kept: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != gone)
            .map(|(_, w)| *w)
            .collect();
        kept.join(" ")
    } else {
        let chars: Vec<char> = text.chars().collect();
        let gone = rng.below(chars.len());
        chars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != gone)
            .map(|(_, c)| c)
            .collect()
    }
}

/// The template with one or two sentences of the respondent's own, as a paragraph before or
/// after it.
fn with_personal(rng: &mut Rng, c: &Campaign) -> String {
    let l = &LANGS[c.lang];
    let mut own = vec![any_of(rng, l.personal)];
    if rng.chance(0.5) {
        let theme = &THEMES[c.theme];
        let parts = Claim {
            opener: rng.chance(0.5).then(|| rng.below(l.openers.len())),
            claim: rng.below(theme.claims[c.lang].len()),
            insert: None,
            reason: None,
        };
        own.push(claim_sentence(rng, theme, c.lang, &parts));
    }
    let own: Vec<String> = own
        .iter()
        .map(|s| paraphrase::paraphrase(rng, s, c.lang, PARAPHRASE))
        .collect();
    let own = join(&[own], l);
    if rng.chance(0.4) {
        format!("{own}\n\n{}", c.text)
    } else {
        format!("{}\n\n{own}", c.text)
    }
}

/// The template's paragraphs, and the sentences within each, shuffled until the order changes.
fn reordered(rng: &mut Rng, c: &Campaign) -> String {
    let l = &LANGS[c.lang];
    for _ in 0..8 {
        let mut paragraphs = c.paragraphs.clone();
        rng.shuffle(&mut paragraphs);
        for p in &mut paragraphs {
            rng.shuffle(p);
        }
        let text = join(&paragraphs, l);
        if text != c.text {
            return text;
        }
    }
    let mut paragraphs = c.paragraphs.clone();
    paragraphs.reverse();
    join(&paragraphs, l)
}

/// One to three typing errors on letters: two swapped, one dropped or one doubled (more when
/// they happen to cancel out).
fn typos(rng: &mut Rng, template: &str) -> String {
    let mut chars: Vec<char> = template.chars().collect();
    if !chars.iter().any(|c| c.is_alphabetic()) {
        return template.to_owned();
    }
    let mut errors = 1 + rng.below(3);
    loop {
        for _ in 0..errors {
            let letters: Vec<usize> = (0..chars.len())
                .filter(|&i| chars[i].is_alphabetic())
                .collect();
            let at = letters[rng.below(letters.len())];
            match rng.below(3) {
                0 if at + 1 < chars.len()
                    && chars[at + 1].is_alphabetic()
                    && chars[at] != chars[at + 1] =>
                {
                    chars.swap(at, at + 1)
                }
                1 if letters.len() > 1 => {
                    chars.remove(at);
                }
                _ => chars.insert(at, chars[at]),
            }
        }
        let text: String = chars.iter().collect();
        if text != template {
            return text;
        }
        errors = 1;
    }
}

#[cfg(test)]
mod tests;
