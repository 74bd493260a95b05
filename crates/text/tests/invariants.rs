//! What every synthesis guarantees, whatever the input: each answer in exactly one theme and
//! at most one campaign, every quote verbatim in the answer it cites, the same bytes for the
//! same input and seed.

use std::collections::{HashMap, HashSet};

use agora_text::{Answer, NoProgress, Options, Synthesis, synthesize};

const TEMPLATE: &str = "We urge the working group to keep the Internet Governance Forum open to every \
    stakeholder. Decisions about the Internet must be taken with civil society, the technical \
    community and business at the table. Please extend the mandate of the IGF and give it \
    stable funding.";

const PRIVACY: [&str; 6] = [
    "Personal data crossing borders needs strong protection. Users must know who holds their data.",
    "Data protection rules differ between countries, and users lose track of where their personal data goes.",
    "Cross-border data flows should respect privacy; personal data must never be sold without consent.",
    "Privacy is a human right online. Data protection authorities need the means to enforce it.",
    "We need common principles for personal data protection, so that privacy does not stop at the border.",
    "Users deserve to control their personal data, and companies should explain how they use it.",
];

const ACCESS: [&str; 6] = [
    "Rural communities still lack affordable broadband access; connectivity must come first.",
    "Meaningful connectivity means affordable devices, local content and broadband in rural areas.",
    "Community networks can bring broadband access to villages that operators ignore.",
    "The price of mobile data keeps half the population offline; affordable access is the priority.",
    "Universal service funds should finance broadband access in rural and remote areas.",
    "Affordable broadband and rural connectivity would bring the next billion people online.",
];

fn corpus() -> Vec<Answer> {
    let mut answers = Vec::new();
    let mut push = |text: String, group: &str| {
        let id = format!("a{}", answers.len() + 1);
        answers.push(Answer {
            id,
            text,
            question: "q1".into(),
            group: Some(group.into()),
            region: Some("Europe".into()),
        });
    };
    for _ in 0..4 {
        push(TEMPLATE.to_owned(), "Civil society");
    }
    push(
        format!("{TEMPLATE} I teach in Nairobi and my students depend on it."),
        "Academic community",
    );
    push(
        TEMPLATE.replace("stakeholder", "stakehloder"),
        "Civil society",
    );
    for text in PRIVACY {
        push(text.to_owned(), "Government");
    }
    for text in ACCESS {
        push(text.to_owned(), "Private sector");
    }
    answers
}

fn run(answers: &[Answer], seed: u64) -> Synthesis {
    synthesize(
        answers,
        &Options {
            seed,
            ..Options::default()
        },
        &NoProgress,
    )
}

#[test]
fn every_answer_is_in_one_theme_and_at_most_one_campaign() {
    let answers = corpus();
    let synthesis = run(&answers, 1);
    let mut theme_of: HashMap<&str, &str> = HashMap::new();
    for theme in &synthesis.themes {
        for member in &theme.members {
            assert!(
                theme_of.insert(member, &theme.id).is_none(),
                "{member} in two themes"
            );
        }
    }
    assert_eq!(theme_of.len(), answers.len());
    let mut in_campaign = HashSet::new();
    for campaign in &synthesis.campaigns {
        assert_eq!(campaign.size, campaign.members.len());
        for member in &campaign.members {
            assert!(in_campaign.insert(member), "{member} in two campaigns");
        }
    }
}

#[test]
fn the_campaign_and_its_edits_are_found_with_their_template() {
    let synthesis = run(&corpus(), 1);
    assert_eq!(synthesis.campaigns.len(), 1, "{:#?}", synthesis.campaigns);
    let campaign = &synthesis.campaigns[0];
    assert_eq!(campaign.members, ["a1", "a2", "a3", "a4", "a5", "a6"]);
    assert_eq!(campaign.template, TEMPLATE);
    assert_eq!(campaign.edited, 2);
    assert!(
        campaign
            .varying
            .iter()
            .any(|v| v.text == "I teach in Nairobi and my students depend on it.")
    );
    assert_eq!(synthesis.documents, 18);
    assert_eq!(synthesis.distinct, 13, "the campaign counts once");
}

#[test]
fn quotes_are_verbatim_sentences_of_the_answers_they_cite() {
    let answers = corpus();
    let synthesis = run(&answers, 1);
    let text_of: HashMap<&str, &str> = answers
        .iter()
        .map(|a| (a.id.as_str(), a.text.as_str()))
        .collect();
    let mut quoted = 0;
    for theme in &synthesis.themes {
        for quote in &theme.quotes {
            assert!(
                text_of[quote.submission.as_str()].contains(&quote.text),
                "{quote:?}"
            );
            assert!(theme.members.contains(&quote.submission));
            quoted += 1;
        }
    }
    assert!(quoted > 0);
}

#[test]
fn privacy_and_access_answers_fall_in_different_themes() {
    let answers = corpus();
    let synthesis = run(&answers, 1);
    let theme_of = |id: &str| {
        synthesis
            .themes
            .iter()
            .find(|t| t.members.iter().any(|m| m == id))
            .map(|t| &t.id)
    };
    let privacy: HashSet<_> = (7..=12).map(|n| theme_of(&format!("a{n}"))).collect();
    let access: HashSet<_> = (13..=18).map(|n| theme_of(&format!("a{n}"))).collect();
    assert!(privacy.is_disjoint(&access), "{:#?}", synthesis.themes);
}

#[test]
fn same_input_and_seed_give_the_same_bytes() {
    let answers = corpus();
    let a = serde_json::to_string(&run(&answers, 7)).unwrap();
    let b = serde_json::to_string(&run(&answers, 7)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn empty_and_textless_input_still_gives_a_synthesis() {
    let synthesis = run(&[], 1);
    assert_eq!(synthesis.documents, 0);
    assert!(synthesis.themes.is_empty());
    let blank = vec![Answer {
        id: "x".into(),
        text: "  ...  ".into(),
        ..Answer::default()
    }];
    let synthesis = run(&blank, 1);
    assert_eq!(synthesis.themes.len(), 1);
    assert!(synthesis.themes[0].other);
}
