//! Pol.is's own math output on five real conversations (the fixtures of red-dwarf's test
//! suite, copied from `shared/data/polis-math-fixtures` into `tests/fixtures/polis-math`): Agora's engine, run on the same votes, must find
//! the same PCA centre and components, the same statistics given Pol.is's groups, and groups
//! that agree with Pol.is's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use agora_opinion::agreement;
use agora_opinion::{Opinion, Options, Statement, Vote, VoteMatrix, analyse, summarise};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/polis-math")
}

fn json(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

fn int(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_f64().map(|f| f as i64))
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .expect("an integer")
}

/// The older and newer spellings of the same field.
fn either<'a>(v: &'a Value, old: &str, new: &str) -> &'a Value {
    v.get(old).unwrap_or(&v[new])
}

struct Fixture {
    name: &'static str,
    matrix: VoteMatrix,
    math: Value,
}

fn load(name: &'static str) -> Fixture {
    let dir = fixtures().join(name);
    let math = json(&dir, "math-pca2.json");
    let votes: Vec<Vote> = json(&dir, "votes.json")
        .as_array()
        .expect("a list of votes")
        .iter()
        .map(|v| Vote {
            participant: int(either(v, "pid", "participant_id")) as u64,
            statement: int(either(v, "tid", "statement_id")) as u64,
            opinion: Opinion::from_value(int(&v["vote"])).expect("a vote"),
            at: int(&v["modified"]),
        })
        .collect();
    let mod_out: Vec<i64> = math["mod-out"]
        .as_array()
        .unwrap()
        .iter()
        .map(int)
        .collect();
    let statements: Vec<Statement> = math["tids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| Statement {
            id: int(t) as u64,
            excluded: mod_out.contains(&int(t)),
        })
        .collect();
    Fixture {
        name,
        matrix: VoteMatrix::new(&votes, &statements),
        math,
    }
}

/// red-dwarf notes that the API lost some of this conversation's votes: Pol.is's PCA saw
/// votes these files lack, so its centre and positions cannot be matched exactly.
const INCOMPLETE: &str = "50ptpt-3gp-strict-no-meta";

const ALL: [&str; 5] = [
    "below-100-ptpts",
    "25ptpt-3gp-no-strict-with-meta",
    "50ptpt-3gp-strict-no-meta",
    "150ptpt-3gp-no-strict-no-meta",
    "above-100-ptpts",
];

/// Pol.is's groups as lists of participants (its group members are base-cluster ids).
fn polis_groups(math: &Value) -> Vec<Vec<u64>> {
    let base = &math["base-clusters"];
    let members: HashMap<i64, Vec<u64>> = base["id"]
        .as_array()
        .unwrap()
        .iter()
        .zip(base["members"].as_array().unwrap())
        .map(|(id, m)| {
            (
                int(id),
                m.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| int(p) as u64)
                    .collect(),
            )
        })
        .collect();
    math["group-clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let mut ps: Vec<u64> = g["members"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|b| members[&int(b)].clone())
                .collect();
            ps.sort_unstable();
            ps
        })
        .collect()
}

fn rows_of(matrix: &VoteMatrix, groups: &[Vec<u64>]) -> Vec<Vec<usize>> {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .filter_map(|p| matrix.participants().binary_search(p).ok())
                .collect()
        })
        .collect()
}

#[test]
fn pca_center_and_components_match_polis() {
    for f in ALL.map(load) {
        let analysis = analyse(&f.matrix, &Options::default());
        let center: Vec<f64> = f.math["pca"]["center"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        // Pol.is's math codes agree as −1: its centre is ours negated.
        let worst = center
            .iter()
            .zip(&analysis.pca.center)
            .map(|(p, a)| (p + a).abs())
            .fold(0.0, f64::max);
        println!("{}: centre max |Δ| {worst:.2e}", f.name);
        if f.name != INCOMPLETE {
            assert!(worst < 1e-9, "{}: centre differs by {worst}", f.name);
        }
        for c in 0..2 {
            let theirs: Vec<f64> = f.math["pca"]["comps"][c]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let ours = &analysis.pca.components[c];
            let cos = theirs.iter().zip(ours).map(|(a, b)| a * b).sum::<f64>()
                / (theirs.iter().map(|a| a * a).sum::<f64>().sqrt()
                    * ours.iter().map(|a| a * a).sum::<f64>().sqrt());
            println!("{}: component {c} |cos| {:.6}", f.name, cos.abs());
            assert!(cos.abs() > 0.99, "{}: component {c} |cos| {cos}", f.name);
        }
    }
}

/// Pol.is's groups come from a history of warm-started updates and a k that must win four
/// updates running; a batch recomputation cannot replay it, so the groups agree only mostly.
/// The floor guards against a regression (median 0.717 when written: 0.717, 0.633, 1.000,
/// 0.259, 0.883).
#[test]
fn groups_agree_with_polis() {
    let mut aris = Vec::new();
    for f in ALL.map(load) {
        let analysis = analyse(&f.matrix, &Options::default());
        let theirs: HashMap<u64, usize> = polis_groups(&f.math)
            .iter()
            .enumerate()
            .flat_map(|(g, ps)| ps.iter().map(move |&p| (p, g)))
            .collect();
        let (ari, both) = agreement::against(&analysis.groups, &theirs);
        println!(
            "{}: {} groups (Pol.is {}), {} in both, ARI {ari:.3}",
            f.name,
            analysis.groups.len(),
            polis_groups(&f.math).len(),
            both
        );
        assert!(both * 10 >= theirs.len() * 7, "{}: too few in both", f.name);
        aris.push(ari);
    }
    aris.sort_by(f64::total_cmp);
    assert!(aris[aris.len() / 2] >= 0.7, "median ARI {aris:?}");
}

#[test]
fn statistics_on_polis_groups_match_polis() {
    for f in ALL.map(load) {
        let groups = polis_groups(&f.math);
        let summary = summarise(&f.matrix, &rows_of(&f.matrix, &groups), 5);
        // Majority consensus.
        for (side, ours) in [
            ("agree", &summary.majority_agree),
            ("disagree", &summary.majority_disagree),
        ] {
            let theirs: Vec<i64> = f.math["consensus"][side]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| int(&c["tid"]))
                .collect();
            let ours: Vec<i64> = ours.iter().map(|c| c.statement as i64).collect();
            assert_eq!(ours, theirs, "{} consensus {side}", f.name);
        }
        // Group-informed consensus.
        let gac = f.math["group-aware-consensus"].as_object().unwrap();
        let worst = summary
            .group_informed_consensus
            .iter()
            .filter_map(|s| {
                gac.get(&s.statement.to_string())
                    .map(|v| (s.score - v.as_f64().unwrap()).abs())
            })
            .fold(0.0, f64::max);
        assert!(
            worst < 1e-12,
            "{} group-informed consensus differs by {worst}",
            f.name
        );
        // Representative statements.
        for (g, reps) in summary.representative.iter().enumerate() {
            let theirs: Vec<i64> = f.math["repness"][g.to_string()]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| int(&r["tid"]))
                .collect();
            let ours: Vec<i64> = reps.iter().map(|r| r.statement as i64).collect();
            assert_eq!(
                ours, theirs,
                "{} representative statements of group {g}",
                f.name
            );
        }
    }
}

#[test]
fn projections_match_polis_where_base_clusters_are_single_participants() {
    for f in ALL.map(load) {
        let analysis = analyse(&f.matrix, &Options::default());
        let base = &f.math["base-clusters"];
        let mut worst = 0.0f64;
        let mut n = 0;
        for ((m, x), y) in base["members"]
            .as_array()
            .unwrap()
            .iter()
            .zip(base["x"].as_array().unwrap())
            .zip(base["y"].as_array().unwrap())
        {
            let m = m.as_array().unwrap();
            if m.len() != 1 {
                continue;
            }
            let p = int(&m[0]) as u64;
            let pos = analysis
                .positions
                .iter()
                .find(|q| q.participant == p)
                .unwrap();
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            worst = worst
                .max((pos.x.abs() - x.abs()).abs())
                .max((pos.y.abs() - y.abs()).abs());
            n += 1;
        }
        println!(
            "{}: {n} singletons, projection max ||Δ|| {worst:.3e}",
            f.name
        );
        if f.name != INCOMPLETE {
            assert!(
                n > 0 && worst < 1e-6,
                "{}: positions differ by {worst}",
                f.name
            );
        }
    }
}

/// Given Pol.is's own base clusters, the group step (weighted k-means from the first distinct
/// centres, k by silhouette) makes exactly Pol.is's groups: where the whole pipeline differs,
/// the difference comes from the base clusters (warm-started over the conversation's history
/// in Pol.is) or from who is clustered, not from the grouping.
#[test]
fn grouping_polis_base_clusters_gives_polis_groups() {
    use agora_opinion::kmeans::{Start, kmeans, silhouette};
    for f in ALL.map(load) {
        let base = &f.math["base-clusters"];
        let list = |key: &str| base[key].as_array().unwrap().clone();
        let points: Vec<[f64; 2]> = list("x")
            .iter()
            .zip(list("y"))
            .map(|(x, y)| [x.as_f64().unwrap(), y.as_f64().unwrap()])
            .collect();
        let weights: Vec<f64> = list("members")
            .iter()
            .map(|m| m.as_array().unwrap().len() as f64)
            .collect();
        let max_k = Options::default().max_groups.min(2 + points.len() / 12);
        let (k, _, assignment) = (2..=max_k)
            .map(|k| {
                let c = kmeans(
                    &points,
                    &weights,
                    k,
                    Options::default().group_iterations,
                    Start::Polis,
                );
                (k, silhouette(&points, &c.assignment), c.assignment)
            })
            .reduce(|a, b| if b.1 > a.1 { b } else { a })
            .unwrap();
        let groups = f.math["group-clusters"].as_array().unwrap();
        let theirs: HashMap<i64, usize> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, gc)| {
                gc["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |b| (int(b), g))
            })
            .collect();
        let pairs: Vec<(usize, usize)> = list("id")
            .iter()
            .zip(&assignment)
            .map(|(id, &a)| (a, theirs[&int(id)]))
            .collect();
        assert_eq!(k, groups.len(), "{}", f.name);
        let ari = agreement::adjusted_rand_index(&pairs);
        assert!((ari - 1.0).abs() < 1e-12, "{}: ARI {ari}", f.name);
    }
}
