//! The synthesis: campaigns, then themes over the distinct texts, then quotes and weights.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One answer to read: an answer to one question by one respondent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The id quotes cite (a submission id, or a row id from a file).
    pub id: String,
    pub text: String,
    /// Themes are built per question; answers without one share the empty question.
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

/// What the caller may set. `Options::default()` is what `agora synth` runs without flags.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// Themes per question; `None` chooses the number (see `themes`).
    pub themes: Option<usize>,
    /// Seeds every random choice (MinHash permutations, k-means starts, samples).
    pub seed: u64,
    /// Two texts belong to one campaign when this share of the shorter one's word shingles is
    /// also in the longer one (see `campaigns`).
    pub campaign_threshold: f64,
    /// Quotes per theme at most.
    pub quotes_per_theme: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            themes: None,
            seed: 0,
            campaign_threshold: 0.5,
            quotes_per_theme: 5,
        }
    }
}

/// The stages a run reports, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Campaigns,
    Themes,
    Quotes,
}

/// Progress reports: `begin` once per stage with the units of work it has, then `advance`.
/// Called from several threads.
pub trait Progress: Sync {
    fn begin(&self, stage: Stage, total: u64);
    fn advance(&self, done: u64);
}

/// Progress that nobody watches.
pub struct NoProgress;

impl Progress for NoProgress {
    fn begin(&self, _: Stage, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// The engine's output. Serialised as `agora synth`'s JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Synthesis {
    /// Answers read.
    pub documents: usize,
    /// Distinct voices: every campaign counts once, every other answer once.
    pub distinct: usize,
    pub options: Options,
    /// Answers per stakeholder group in the whole consultation ("" for none given).
    pub by_group: BTreeMap<String, usize>,
    pub by_region: BTreeMap<String, usize>,
    /// Campaigns of two answers or more, largest first. An answer is in at most one.
    pub campaigns: Vec<Campaign>,
    /// Themes, per question in the order questions first appear, largest first within one.
    /// Every answer is in exactly one.
    pub themes: Vec<Theme>,
}

/// Answers that share one template, with edits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// `c1`, `c2`, … by size.
    pub id: String,
    pub size: usize,
    pub question: String,
    /// The member closest to all others (the medoid), verbatim.
    pub template: String,
    /// The id of the answer whose text is the template.
    pub template_submission: String,
    /// Sentences members add to the template, most frequent first, with how many carry each.
    pub varying: Vec<Variant>,
    /// Members whose text differs from the template in any way.
    pub edited: usize,
    pub members: Vec<String>,
    pub by_group: BTreeMap<String, usize>,
}

/// A sentence some campaign members add to the template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub text: String,
    pub members: usize,
}

/// A theme: answers to one question that speak of the same thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// `t1`, `t2`, … in output order.
    pub id: String,
    pub question: String,
    /// The key phrases joined, or "Other" for the theme of answers that fit none.
    pub label: String,
    pub keyphrases: Vec<String>,
    /// Answers in the theme (campaign members all counted).
    pub weight: usize,
    /// Distinct voices in the theme (a campaign counts once).
    pub distinct: usize,
    /// True for the theme that gathers answers close to no other theme.
    pub other: bool,
    pub members: Vec<String>,
    pub by_group: BTreeMap<String, usize>,
    pub by_region: BTreeMap<String, usize>,
    /// Campaigns whose template falls in this theme.
    pub campaigns: Vec<String>,
    /// Representative sentences, verbatim, each with the answer it comes from.
    pub quotes: Vec<Quote>,
    pub flags: Vec<Flag>,
}

/// A sentence quoted verbatim from an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub submission: String,
    pub text: String,
    #[serde(default)]
    pub group: Option<String>,
    /// The campaign the quoted answer belongs to, if any: the quote then speaks for all its
    /// members.
    #[serde(default)]
    pub campaign: Option<String>,
}

/// Why a theme needs a careful reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// Stakeholder groups' shares in the theme differ from their shares overall.
    Divergent {
        over: Vec<String>,
        under: Vec<String>,
    },
    /// One group gives most of the theme's answers.
    SingleGroup { group: String, share: f64 },
    /// One campaign gives most of the theme's answers.
    Campaign { campaign: String, share: f64 },
}

/// Reads `answers` and returns the synthesis. Deterministic for a given input and options.
pub fn synthesize(answers: &[Answer], options: &Options, progress: &dyn Progress) -> Synthesis {
    progress.begin(Stage::Reading, answers.len() as u64);
    let mut by_group = BTreeMap::new();
    let mut by_region = BTreeMap::new();
    for answer in answers {
        *by_group
            .entry(answer.group.clone().unwrap_or_default())
            .or_insert(0) += 1;
        *by_region
            .entry(answer.region.clone().unwrap_or_default())
            .or_insert(0) += 1;
    }
    // Placeholder until the engine lands: one theme per question, no campaigns.
    let mut themes: Vec<Theme> = Vec::new();
    for answer in answers {
        let theme = match themes.iter_mut().find(|t| t.question == answer.question) {
            Some(theme) => theme,
            None => {
                themes.push(Theme {
                    id: format!("t{}", themes.len() + 1),
                    question: answer.question.clone(),
                    label: String::new(),
                    keyphrases: Vec::new(),
                    weight: 0,
                    distinct: 0,
                    other: false,
                    members: Vec::new(),
                    by_group: BTreeMap::new(),
                    by_region: BTreeMap::new(),
                    campaigns: Vec::new(),
                    quotes: Vec::new(),
                    flags: Vec::new(),
                });
                themes.last_mut().expect("just pushed")
            }
        };
        theme.weight += 1;
        theme.distinct += 1;
        theme.members.push(answer.id.clone());
        if theme.quotes.len() < options.quotes_per_theme {
            theme.quotes.push(Quote {
                submission: answer.id.clone(),
                text: answer.text.clone(),
                group: answer.group.clone(),
                campaign: None,
            });
        }
    }
    Synthesis {
        documents: answers.len(),
        distinct: answers.len(),
        options: options.clone(),
        by_group,
        by_region,
        campaigns: Vec::new(),
        themes,
    }
}
