//! The synthesis: campaigns, then themes over the distinct texts, then quotes and weights.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::campaigns::{self, Permutations, Shingled, copy_key, token_hashes};
use crate::features::{self, Space, Sparse, term_sequence, terms_with_words};
use crate::kmeans;
use crate::language::{Language, detect};
use crate::quotes::{self, Candidate};
use crate::themes;

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
    /// Two texts belong to one campaign when their word shingles' Jaccard similarity reaches
    /// this, or when one lies almost whole inside the other (see `campaigns`).
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
    let tokens: Vec<Vec<u64>> = answers
        .par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            let hashed: Vec<Vec<u64>> = chunk.iter().map(|a| token_hashes(&a.text)).collect();
            progress.advance(chunk.len() as u64);
            hashed
        })
        .collect();
    let questions = questions_in_order(answers);

    progress.begin(Stage::Campaigns, answers.len() as u64);
    let permutations = Permutations::new(options.seed);
    let per_question: Vec<(Vec<Found>, Vec<Unit>)> = questions
        .par_iter()
        .map(|members| {
            let result = campaigns_of(answers, &tokens, members, &permutations, options);
            progress.advance(members.len() as u64);
            result
        })
        .collect();
    let mut found: Vec<Found> = Vec::new();
    let mut units_per_question: Vec<Vec<Unit>> = Vec::new();
    for (campaigns, units) in per_question {
        let offset = found.len();
        found.extend(campaigns);
        let units = units.into_iter().map(|u| Unit {
            campaign: u.campaign.map(|c| c + offset),
            ..u
        });
        units_per_question.push(units.collect());
    }
    drop(tokens);
    let campaign_order = order_campaigns(&found);
    let campaign_id = |found_index: usize| format!("c{}", campaign_order[found_index] + 1);

    let everyone: Vec<usize> = (0..answers.len()).collect();
    let overall_groups = tally(answers, everyone.iter(), |a| &a.group);
    progress.begin(Stage::Themes, answers.len() as u64);
    // Questions are modelled side by side: each model's own loops leave cores idle.
    let models: Vec<QuestionModel> = questions
        .par_iter()
        .zip(&units_per_question)
        .map(|(members, units)| {
            let model = QuestionModel::new(answers, units, options);
            progress.advance(members.len() as u64);
            model
        })
        .collect();
    progress.begin(Stage::Quotes, answers.len() as u64);
    let mut themes = Vec::new();
    for ((members, units), model) in questions.iter().zip(&units_per_question).zip(&models) {
        themes.extend(themes_of(
            answers,
            units,
            model,
            options,
            &found,
            &campaign_id,
            &overall_groups,
        ));
        progress.advance(members.len() as u64);
    }
    for (n, theme) in themes.iter_mut().enumerate() {
        theme.id = format!("t{}", n + 1);
    }

    let mut campaigns: Vec<Campaign> = found
        .iter()
        .enumerate()
        .map(|(i, f)| f.to_campaign(campaign_id(i), answers))
        .collect();
    campaigns.sort_by_key(|c| c.id[1..].parse::<usize>().unwrap_or(usize::MAX));
    let distinct = units_per_question.iter().map(Vec::len).sum();
    Synthesis {
        documents: answers.len(),
        distinct,
        options: options.clone(),
        by_group: overall_groups,
        by_region: tally(answers, everyone.iter(), |a| &a.region),
        campaigns,
        themes,
    }
}

/// Answers handled per progress report.
const CHUNK: usize = 1024;
/// Key phrases per theme.
const KEYPHRASES: usize = 5;

/// What themes are built from: one campaign, or one text that belongs to none. A campaign is
/// one unit, so its size weighs the theme but cannot pull the theme's centre.
struct Unit {
    /// The answer whose text stands for the unit (a campaign's template).
    text: usize,
    /// Every answer the unit stands for.
    members: Vec<usize>,
    campaign: Option<usize>,
}

/// A campaign as found, before it has its final id.
struct Found {
    question: String,
    template: usize,
    members: Vec<usize>,
    varying: Vec<Variant>,
    edited: usize,
}

impl Found {
    fn to_campaign(&self, id: String, answers: &[Answer]) -> Campaign {
        Campaign {
            id,
            size: self.members.len(),
            question: self.question.clone(),
            template: answers[self.template].text.clone(),
            template_submission: answers[self.template].id.clone(),
            varying: self.varying.clone(),
            edited: self.edited,
            members: self
                .members
                .iter()
                .map(|&m| answers[m].id.clone())
                .collect(),
            by_group: tally(answers, self.members.iter(), |a| &a.group),
        }
    }
}

/// Answer indexes per question, questions in order of first appearance.
fn questions_in_order(answers: &[Answer]) -> Vec<Vec<usize>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut questions: Vec<Vec<usize>> = Vec::new();
    for (i, answer) in answers.iter().enumerate() {
        let q = *index.entry(answer.question.as_str()).or_insert_with(|| {
            questions.push(Vec::new());
            questions.len() - 1
        });
        questions[q].push(i);
    }
    questions
}

/// Campaigns and units of one question's answers.
fn campaigns_of(
    answers: &[Answer],
    tokens: &[Vec<u64>],
    members: &[usize],
    permutations: &Permutations,
    options: &Options,
) -> (Vec<Found>, Vec<Unit>) {
    // Exact copies first: one distinct text per copy key, in order of first appearance.
    let mut distinct_of_key: crate::hash::HashMap<u64, usize> = Default::default();
    let mut copies: Vec<Vec<usize>> = Vec::new();
    for &i in members {
        let d = *distinct_of_key
            .entry(copy_key(&tokens[i]))
            .or_insert_with(|| {
                copies.push(Vec::new());
                copies.len() - 1
            });
        copies[d].push(i);
    }
    let shingled: Vec<Shingled> = copies
        .par_iter()
        .map(|c| permutations.shingle(&tokens[c[0]]))
        .collect();
    let root = campaigns::group(
        &shingled,
        &copies.iter().map(Vec::len).collect::<Vec<_>>(),
        options.campaign_threshold,
    );
    let mut components: Vec<Vec<usize>> = Vec::new();
    let mut component_of_root: HashMap<usize, usize> = HashMap::new();
    for (d, &r) in root.iter().enumerate() {
        let c = *component_of_root.entry(r).or_insert_with(|| {
            components.push(Vec::new());
            components.len() - 1
        });
        components[c].push(d);
    }
    // Each component becomes a unit; those of two answers or more are campaigns, whose
    // template and variants are worked out side by side.
    let described: Vec<(Vec<usize>, Option<Found>)> = components
        .par_iter()
        .map(|component| {
            let mut all: Vec<usize> = component
                .iter()
                .flat_map(|&d| copies[d].iter().copied())
                .collect();
            all.sort_unstable();
            if all.len() < 2 {
                return (all, None);
            }
            let template = medoid(component, &copies, &shingled);
            let template_answer = copies[template][0];
            let found = Found {
                question: answers[template_answer].question.clone(),
                template: template_answer,
                edited: all.len() - copies[template].len(),
                members: all.clone(),
                varying: variants(answers, component, &copies, template),
            };
            (all, Some(found))
        })
        .collect();
    let mut found = Vec::new();
    let mut units = Vec::new();
    for (members, campaign) in described {
        let text = campaign.as_ref().map_or(members[0], |c| c.template);
        let campaign = campaign.map(|c| {
            found.push(c);
            found.len() - 1
        });
        units.push(Unit {
            text,
            members,
            campaign,
        });
    }
    (found, units)
}

/// The distinct text closest to all others of a campaign, each weighed by its copies: the
/// template. Among the most copied texts only, which is where a template is.
fn medoid(component: &[usize], copies: &[Vec<usize>], shingled: &[Shingled]) -> usize {
    const CANDIDATES: usize = 32;
    let mut by_copies = component.to_vec();
    by_copies.sort_by_key(|&d| (std::cmp::Reverse(copies[d].len()), d));
    by_copies.truncate(CANDIDATES);
    let score = |d: usize| -> f64 {
        by_copies
            .iter()
            .map(|&e| copies[e].len() as f64 * campaigns::overlap(&shingled[d], &shingled[e]))
            .sum()
    };
    by_copies
        .iter()
        .copied()
        .max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))
        .expect("a campaign has texts")
}

/// Sentences that members write and the template does not, with how many members write each.
fn variants(
    answers: &[Answer],
    component: &[usize],
    copies: &[Vec<usize>],
    template: usize,
) -> Vec<Variant> {
    const READ_AT_MOST: usize = 500;
    const SHOWN: usize = 10;
    let sentence_key = |s: &str| copy_key(&token_hashes(s));
    let in_template: std::collections::HashSet<u64> = answers[copies[template][0]]
        .text
        .unicode_sentences()
        .map(sentence_key)
        .collect();
    let mut seen: crate::hash::HashMap<u64, usize> = Default::default();
    let mut found: Vec<Variant> = Vec::new();
    for &d in component
        .iter()
        .filter(|&&d| d != template)
        .take(READ_AT_MOST)
    {
        let text = &answers[copies[d][0]].text;
        for sentence in text.unicode_sentences().map(str::trim) {
            if token_hashes(sentence).len() < 3 {
                continue;
            }
            let key = sentence_key(sentence);
            if in_template.contains(&key) {
                continue;
            }
            let at = *seen.entry(key).or_insert_with(|| {
                found.push(Variant {
                    text: sentence.to_owned(),
                    members: 0,
                });
                found.len() - 1
            });
            found[at].members += copies[d].len();
        }
    }
    // Stable: equal counts keep the order they were first seen in.
    found.sort_by_key(|v| std::cmp::Reverse(v.members));
    found.truncate(SHOWN);
    found
}

/// Final campaign order: largest first, then by first member. Returns each found campaign's rank.
fn order_campaigns(found: &[Found]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&f| {
        (
            std::cmp::Reverse(found[f].members.len()),
            found[f].members[0],
        )
    });
    let mut rank = vec![0; found.len()];
    for (r, &f) in order.iter().enumerate() {
        rank[f] = r;
    }
    rank
}

/// Counts answers per value of one field ("" for none).
fn tally<'a>(
    answers: &'a [Answer],
    members: impl Iterator<Item = &'a usize>,
    field: impl Fn(&'a Answer) -> &'a Option<String>,
) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for &m in members {
        *counts
            .entry(field(&answers[m]).clone().unwrap_or_default())
            .or_insert(0) += 1;
    }
    counts
}

/// One question's texts as vectors, clustered into themes with their key phrases.
struct QuestionModel {
    languages: Vec<Language>,
    space: Space,
    vectors: Vec<Sparse>,
    clusters: themes::Clusters,
    labels: Vec<Vec<String>>,
}

impl QuestionModel {
    fn new(answers: &[Answer], units: &[Unit], options: &Options) -> QuestionModel {
        let text = |u: &Unit| answers[u.text].text.as_str();
        let languages: Vec<Language> = units.par_iter().map(|u| detect(text(u))).collect();
        let sequences: Vec<Vec<u64>> = units
            .par_iter()
            .zip(&languages)
            .map(|(u, &l)| term_sequence(text(u), l))
            .collect();
        let counts: Vec<Vec<(u64, u32)>> =
            sequences.par_iter().map(|s| features::counts(s)).collect();
        let space = Space::new(&counts);
        let vectors: Vec<Sparse> = counts.par_iter().map(|c| space.vector(c)).collect();
        drop(counts);
        let clusters = themes::cluster(&vectors, space.dimensions(), options.themes, options.seed);
        let labels = themes::keyphrases(
            &sequences,
            &clusters.of_text,
            clusters.centroids.len(),
            KEYPHRASES,
            |u| terms_with_words(text(&units[u]), languages[u]),
        );
        QuestionModel {
            languages,
            space,
            vectors,
            clusters,
            labels,
        }
    }
}

/// The themes of one question's units, with their quotes, weights and flags.
fn themes_of(
    answers: &[Answer],
    units: &[Unit],
    model: &QuestionModel,
    options: &Options,
    found: &[Found],
    campaign_id: &dyn Fn(usize) -> String,
    overall_groups: &BTreeMap<String, usize>,
) -> Vec<Theme> {
    let QuestionModel {
        languages,
        space,
        vectors,
        clusters,
        labels,
    } = model;
    let k = clusters.centroids.len();
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); k + 1];
    for (u, theme) in clusters.of_text.iter().enumerate() {
        members_of[theme.unwrap_or(k)].push(u);
    }
    let mut themes: Vec<Theme> = Vec::new();
    for (t, unit_list) in members_of.iter().enumerate() {
        if unit_list.is_empty() {
            continue;
        }
        let other = t == k;
        let quotes = if other {
            Vec::new()
        } else {
            quotes_of(
                answers,
                units,
                unit_list,
                vectors,
                languages,
                &clusters.centroids[t],
                space,
                options,
                campaign_id,
            )
        };
        let mut members: Vec<usize> = unit_list
            .iter()
            .flat_map(|&u| units[u].members.iter().copied())
            .collect();
        members.sort_unstable();
        let campaigns: Vec<(usize, usize)> = unit_list
            .iter()
            .filter_map(|&u| units[u].campaign.map(|c| (c, found[c].members.len())))
            .collect();
        let keyphrases = if other { Vec::new() } else { labels[t].clone() };
        let by_group = tally(answers, members.iter(), |a| &a.group);
        let flags = flags(
            &by_group,
            overall_groups,
            members.len(),
            &campaigns,
            campaign_id,
        );
        themes.push(Theme {
            id: String::new(),
            question: answers[units[unit_list[0]].text].question.clone(),
            label: if other {
                "Other".to_owned()
            } else {
                keyphrases
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            keyphrases,
            weight: members.len(),
            distinct: unit_list.len(),
            other,
            by_region: tally(answers, members.iter(), |a| &a.region),
            by_group,
            campaigns: campaigns.iter().map(|&(c, _)| campaign_id(c)).collect(),
            members: members.iter().map(|&m| answers[m].id.clone()).collect(),
            quotes,
            flags,
        });
    }
    themes.sort_by_key(|t| (t.other, std::cmp::Reverse(t.weight)));
    themes
}

/// The quotes of one theme: sentences of the units nearest its centre.
#[allow(clippy::too_many_arguments)]
fn quotes_of(
    answers: &[Answer],
    units: &[Unit],
    unit_list: &[usize],
    vectors: &[Sparse],
    languages: &[Language],
    centroid: &[f32],
    space: &Space,
    options: &Options,
    campaign_id: &dyn Fn(usize) -> String,
) -> Vec<Quote> {
    let mut nearest: Vec<(usize, f32)> = unit_list
        .iter()
        .map(|&u| (u, kmeans::similarity(&vectors[u], centroid)))
        .collect();
    nearest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    nearest.truncate(quotes::CANDIDATE_TEXTS);
    let candidates: Vec<Candidate<'_>> = nearest
        .iter()
        .map(|&(u, _)| Candidate {
            text_index: u,
            text: &answers[units[u].text].text,
            language: languages[u],
            group: answers[units[u].text].group.as_deref(),
        })
        .collect();
    quotes::pick(&candidates, centroid, space, options.quotes_per_theme)
        .into_iter()
        .map(|chosen| {
            let unit = &units[chosen.text_index];
            let answer = &answers[unit.text];
            Quote {
                submission: answer.id.clone(),
                text: chosen.sentence.to_owned(),
                group: answer.group.clone(),
                campaign: unit.campaign.map(campaign_id),
            }
        })
        .collect()
}

/// Least answers for a theme's group make-up to be flagged.
const FLAG_MIN_ANSWERS: usize = 10;
/// One group with this share of a theme's answers makes it rest on that group.
const SINGLE_GROUP_SHARE: f64 = 0.8;
/// One campaign with this share of a theme's answers makes it rest on that campaign.
const CAMPAIGN_SHARE: f64 = 0.5;
/// A group diverges when its share in the theme is at least twice (or at most half) its share
/// overall, and differs from it by at least this much.
const DIVERGENCE: f64 = 0.15;

fn flags(
    by_group: &BTreeMap<String, usize>,
    overall: &BTreeMap<String, usize>,
    weight: usize,
    campaigns: &[(usize, usize)],
    campaign_id: &dyn Fn(usize) -> String,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if weight < FLAG_MIN_ANSWERS {
        return flags;
    }
    let total: usize = overall.values().sum();
    let share_in = |g: &str| by_group.get(g).copied().unwrap_or(0) as f64 / weight as f64;
    let share_all = |g: &str| overall.get(g).copied().unwrap_or(0) as f64 / total.max(1) as f64;
    let (mut over, mut under) = (Vec::new(), Vec::new());
    for group in overall.keys().filter(|g| !g.is_empty()) {
        let (inside, everywhere) = (share_in(group), share_all(group));
        if inside >= 2.0 * everywhere && inside - everywhere >= DIVERGENCE {
            over.push(group.clone());
        } else if inside <= 0.5 * everywhere && everywhere - inside >= DIVERGENCE {
            under.push(group.clone());
        }
    }
    if !over.is_empty() || !under.is_empty() {
        flags.push(Flag::Divergent { over, under });
    }
    if let Some((group, &n)) = by_group
        .iter()
        .filter(|(g, _)| !g.is_empty())
        .max_by_key(|(_, n)| **n)
    {
        let share = n as f64 / weight as f64;
        if share >= SINGLE_GROUP_SHARE {
            flags.push(Flag::SingleGroup {
                group: group.clone(),
                share: round(share),
            });
        }
    }
    if let Some(&(campaign, size)) = campaigns
        .iter()
        .max_by_key(|(c, size)| (*size, std::cmp::Reverse(*c)))
    {
        let share = size as f64 / weight as f64;
        if share >= CAMPAIGN_SHARE {
            flags.push(Flag::Campaign {
                campaign: campaign_id(campaign),
                share: round(share),
            });
        }
    }
    flags
}

/// Shares to three decimals: what a reader needs, and stable bytes in the JSON.
fn round(share: f64) -> f64 {
    (share * 1000.0).round() / 1000.0
}
