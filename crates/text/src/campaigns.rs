//! Near-duplicates and form-letter campaigns.
//!
//! A campaign is a set of answers written from one template, with edits: exact copies,
//! near-copies with words changed, the template with a personal paragraph before or after,
//! paragraphs in another order, typos. Three steps find them:
//!
//! 1. **Exact copies** share a key: the hash of the text's token sequence after normalising
//!    (case, Unicode forms, punctuation and spacing do not count). Only distinct texts go on.
//! 2. **Candidates**: each distinct text's word 3-shingles get a MinHash signature of
//!    [`PERMUTATIONS`] values, cut into [`BANDS`] bands of [`ROWS`]; texts that agree on a whole
//!    band are candidates. With 16 bands of 4 rows, a pair whose Jaccard similarity is 0.45 is a
//!    candidate with probability 0.49, at 0.6 with 0.89, at 0.8 with 1.00, at 0.2 with 0.03.
//!    A campaign's members are linked through any of its many close pairs, so a weak pair
//!    missed costs nothing as long as the member has one strong link; and 64 values instead of
//!    128 halve the stage's time for the same F1 on the labelled corpora (docs/BENCHMARKS.md).
//! 3. **Verification**: a candidate pair joins one campaign when its Jaccard similarity (shared
//!    shingles over all shingles of the two) is at least the threshold (0.5 by default), which
//!    near-copies, reordered paragraphs, typos and short personal additions reach. Joined pairs
//!    are merged with union-find: a campaign's members need not all be close to each other, only
//!    linked through members that are.
//! 4. **Templates inside longer answers**: a person may paste the letter and add a story longer
//!    than it, and Jaccard then falls below any useful threshold. So every campaign found so far
//!    (two answers or more) offers its most copied text as a template, and an answer that is
//!    still alone joins the campaign whose template lies almost whole inside it (at least
//!    [`CONTAINED`] of the template's shingles, found through an inverted index of the
//!    templates' shingles). The direction matters: an answer that quotes one sentence of a
//!    letter is a *fragment* of it, not a copy, and stays out; and an answer joins one campaign
//!    at most, so one that quotes two letters cannot merge their campaigns. Templates of fewer
//!    than [`MIN_CONTAINED`] shingles are not offered: a slogan inside a long answer does not
//!    make it a copy.
//!
//! Within a band bucket each text is checked against the bucket's first text and the text
//! before it, not against all others: a bucket of a large campaign holds thousands of texts,
//! and pairs already in one campaign are not checked at all.

use rayon::prelude::*;

use crate::hash::{HashMap, SplitMix, combine, mix};

/// MinHash values per text.
pub const PERMUTATIONS: usize = 64;
/// Rows per band.
pub const ROWS: usize = 4;
/// Bands per signature.
pub const BANDS: usize = PERMUTATIONS / ROWS;
/// Templates shorter than this many shingles are not looked for inside longer answers.
pub const MIN_CONTAINED: usize = 8;
/// The share of a template's shingles found in a longer answer that makes it a copy.
pub const CONTAINED: f64 = 0.8;
/// Shingles shared by more templates than this are too common to tell templates apart.
const MAX_POSTINGS: usize = 64;
/// Words per shingle.
const SHINGLE: usize = 3;

/// A distinct text reduced to what campaign detection needs.
pub struct Shingled {
    /// Sorted, distinct shingle hashes.
    pub shingles: Vec<u64>,
    /// The MinHash signature cut into bands, each band hashed to one value.
    pub bands: [u64; BANDS],
}

/// The MinHash permutations: `h(x) = a·x + b` over 64-bit words on already well-mixed shingle
/// hashes, a multiply-shift family, one multiply per value.
pub struct Permutations {
    a: [u64; PERMUTATIONS],
    b: [u64; PERMUTATIONS],
}

impl Permutations {
    pub fn new(seed: u64) -> Self {
        let mut rng = SplitMix::new(seed ^ 0x6d69_6e68_6173_6821);
        let mut a = [0; PERMUTATIONS];
        let mut b = [0; PERMUTATIONS];
        for i in 0..PERMUTATIONS {
            a[i] = rng.next_u64() | 1;
            b[i] = rng.next_u64();
        }
        Permutations { a, b }
    }

    /// Shingles and signature of a text given as its token hashes.
    pub fn shingle(&self, tokens: &[u64]) -> Shingled {
        let mut shingles: Vec<u64> = if tokens.len() < SHINGLE {
            vec![combine(tokens.iter().copied())]
        } else {
            tokens
                .windows(SHINGLE)
                .map(|w| combine(w.iter().copied()))
                .collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        let mut signature = [u64::MAX; PERMUTATIONS];
        for &s in &shingles {
            for ((value, a), b) in signature.iter_mut().zip(&self.a).zip(&self.b) {
                *value = (*value).min(a.wrapping_mul(s).wrapping_add(*b));
            }
        }
        let mut bands = [0; BANDS];
        for (band, rows) in bands.iter_mut().zip(signature.chunks_exact(ROWS)) {
            *band = combine(rows.iter().copied());
        }
        Shingled { shingles, bands }
    }
}

/// Whether two texts are near-copies: Jaccard similarity of their shingles at least `threshold`.
pub fn related(a: &Shingled, b: &Shingled, threshold: f64) -> bool {
    let shared = shared_count(&a.shingles, &b.shingles) as f64;
    let union = (a.shingles.len() + b.shingles.len()) as f64 - shared;
    shared >= threshold * union
}

/// The overlap coefficient of two texts: shared shingles over the shorter text's shingles.
pub fn overlap(a: &Shingled, b: &Shingled) -> f64 {
    let shorter = a.shingles.len().min(b.shingles.len()).max(1);
    shared_count(&a.shingles, &b.shingles) as f64 / shorter as f64
}

fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Groups texts into campaigns: returns, per text, the index of its group's first text.
/// `copies[i]` is how many answers text `i` stands for. Texts alone in their group map to
/// themselves.
pub fn group(texts: &[Shingled], copies: &[usize], threshold: f64) -> Vec<usize> {
    let mut sets = UnionFind::new(texts.len());
    join_near_copies(texts, threshold, &mut sets);
    join_longer_copies(texts, copies, &mut sets);
    (0..texts.len()).map(|i| sets.find(i)).collect()
}

/// Steps 2 and 3: band buckets, verified by Jaccard similarity.
fn join_near_copies(texts: &[Shingled], threshold: f64, sets: &mut UnionFind) {
    for band in 0..BANDS {
        let mut entries: Vec<(u64, u32)> = texts
            .par_iter()
            .enumerate()
            .map(|(i, t)| (t.bands[band], i as u32))
            .collect();
        entries.par_sort_unstable();
        for bucket in entries.chunk_by(|x, y| x.0 == y.0).filter(|b| b.len() > 1) {
            let first = bucket[0].1 as usize;
            for pair in bucket.windows(2) {
                let (previous, this) = (pair[0].1 as usize, pair[1].1 as usize);
                for other in [first, previous] {
                    if sets.find(other) != sets.find(this)
                        && related(&texts[other], &texts[this], threshold)
                    {
                        sets.union(other, this);
                    }
                }
            }
        }
    }
}

/// Step 4: answers still alone join the campaign whose template they contain.
fn join_longer_copies(texts: &[Shingled], copies: &[usize], sets: &mut UnionFind) {
    let roots: Vec<usize> = (0..texts.len()).map(|i| sets.find(i)).collect();
    let mut answers = vec![0usize; texts.len()];
    let mut template_of_root: HashMap<usize, usize> = HashMap::default();
    for (i, &root) in roots.iter().enumerate() {
        answers[root] += copies[i];
        let best = template_of_root.entry(root).or_insert(i);
        if copies[i] > copies[*best] {
            *best = i;
        }
    }
    let mut templates: Vec<usize> = template_of_root
        .into_iter()
        .filter(|&(root, t)| answers[root] >= 2 && texts[t].shingles.len() >= MIN_CONTAINED)
        .map(|(_, t)| t)
        .collect();
    templates.sort_unstable();
    if templates.is_empty() {
        return;
    }
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
    for (slot, &t) in templates.iter().enumerate() {
        for &shingle in &texts[t].shingles {
            postings.entry(shingle).or_default().push(slot as u32);
        }
    }
    postings.retain(|_, list| list.len() <= MAX_POSTINGS);
    let alone: Vec<usize> = (0..texts.len())
        .filter(|&i| answers[roots[i]] == 1)
        .collect();
    let found: Vec<Option<usize>> = alone
        .par_iter()
        .map(|&i| {
            let mut shared: HashMap<u32, usize> = HashMap::default();
            for shingle in &texts[i].shingles {
                for &slot in postings.get(shingle).into_iter().flatten() {
                    *shared.entry(slot).or_insert(0) += 1;
                }
            }
            shared
                .into_iter()
                .filter(|&(slot, n)| {
                    let template = &texts[templates[slot as usize]];
                    template.shingles.len() < texts[i].shingles.len()
                        && n as f64 >= CONTAINED * template.shingles.len() as f64
                })
                .max_by_key(|&(slot, n)| (n, std::cmp::Reverse(slot)))
                .map(|(slot, _)| templates[slot as usize])
        })
        .collect();
    for (&i, template) in alone.iter().zip(found) {
        if let Some(t) = template {
            sets.union(i, t);
        }
    }
}

/// Disjoint sets whose representative is always the smallest index, so the grouping does not
/// depend on the order of unions.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[high] = low;
    }
}

/// Token hashes of a text: the input of [`Permutations::shingle`] and of the exact-copy key.
pub fn token_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    crate::tokenize::for_each_token(&crate::tokenize::normalize(text), |t| {
        out.push(crate::hash::hash_str(t))
    });
    out
}

/// The exact-copy key of a text's token hashes.
pub fn copy_key(tokens: &[u64]) -> u64 {
    mix(combine(tokens.iter().copied()) ^ tokens.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "We urge the working group to keep the Internet Governance Forum open to every \
        stakeholder. Decisions about the Internet must be taken with civil society, the technical \
        community and business at the table, not by governments alone. Please extend the mandate \
        of the IGF and give it stable funding.";

    fn shingled(text: &str) -> Shingled {
        Permutations::new(1).shingle(&token_hashes(text))
    }

    fn same_campaign(a: &str, b: &str) -> bool {
        let texts = [shingled(a), shingled(b)];
        let groups = group(&texts, &[1, 1], 0.5);
        groups[0] == groups[1]
    }

    /// Campaign roots of texts given with their number of copies.
    fn grouped(texts: &[(&str, usize)]) -> Vec<usize> {
        let shingled: Vec<Shingled> = texts.iter().map(|(t, _)| shingled(t)).collect();
        let copies: Vec<usize> = texts.iter().map(|&(_, n)| n).collect();
        group(&shingled, &copies, 0.5)
    }

    const STORY: &str = "I have run a community network in the hills above Kathmandu for eleven years, \
        with volunteers who climb to the relays in the monsoon and schools that pay what they can. \
        When the regulator changed the licence fees we nearly closed, and nobody asked us first. \
        That is why I add my name here, and why I hope you will read the letter below.";

    #[test]
    fn edits_of_one_template_are_one_campaign() {
        let personal = format!(
            "{TEMPLATE} As a teacher in Nairobi I see every day how my students depend on an open network."
        );
        let typos = TEMPLATE
            .replace("stakeholder", "stakehloder")
            .replace("funding", "fundng");
        let reordered = {
            let sentences: Vec<&str> = TEMPLATE.split(". ").collect();
            format!(
                "{}. {}. {}",
                sentences[2].trim_end_matches('.'),
                sentences[0],
                sentences[1]
            )
        };
        let substituted = TEMPLATE.replace("urge", "ask").replace("stable", "lasting");
        for edit in [personal, typos, reordered, substituted] {
            assert!(same_campaign(TEMPLATE, &edit), "not joined: {edit}");
        }
    }

    #[test]
    fn different_answers_on_one_subject_stay_apart() {
        let other = "The IGF should stay a forum without negotiated outcomes, but its intersessional \
            work on cybersecurity and access deserves more support from governments and the private \
            sector, with reports that reach the decision makers in time.";
        assert!(!same_campaign(TEMPLATE, other));
    }

    #[test]
    fn a_short_slogan_does_not_absorb_a_long_answer() {
        let long = format!(
            "Keep the IGF open. {}",
            "Our coalition has studied the question at length and proposes a new model of funding based on voluntary contributions from all stakeholders."
        );
        assert!(!same_campaign("Keep the IGF open.", &long));
    }

    #[test]
    fn a_long_story_around_a_copied_template_joins_its_campaign() {
        let with_story = format!("{STORY} {TEMPLATE}");
        assert!(
            !same_campaign(TEMPLATE, &with_story),
            "Jaccard alone is too low"
        );
        let roots = grouped(&[(TEMPLATE, 5), (&with_story, 1)]);
        assert_eq!(roots[0], roots[1]);
    }

    #[test]
    fn a_fragment_of_a_template_stays_out() {
        let fragment = "Decisions about the Internet must be taken with civil society, the technical \
            community and business at the table, not by governments alone.";
        let roots = grouped(&[(TEMPLATE, 5), (fragment, 1)]);
        assert_ne!(roots[0], roots[1]);
    }

    #[test]
    fn an_answer_quoting_two_letters_does_not_merge_their_campaigns() {
        let other = "Data must flow freely across borders with trust, because barriers on cross-border \
            data flows raise the costs of small businesses in every developing country that trades online.";
        let both = format!("{TEMPLATE} {other} {STORY}");
        let roots = grouped(&[(TEMPLATE, 3), (other, 3), (&both, 1)]);
        assert_ne!(roots[0], roots[1]);
        assert!(roots[2] == roots[0] || roots[2] == roots[1]);
    }

    #[test]
    fn exact_copy_key_ignores_case_punctuation_and_spacing() {
        let a = copy_key(&token_hashes("Keep the IGF open!"));
        let b = copy_key(&token_hashes("keep  the IGF, open"));
        let c = copy_key(&token_hashes("keep the open IGF"));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn union_find_representative_is_the_smallest_index() {
        let mut sets = UnionFind::new(4);
        sets.union(3, 2);
        sets.union(2, 1);
        assert_eq!(sets.find(3), 1);
        assert_eq!(sets.find(0), 0);
    }
}
