//! One test per screening rule: a proposal that breaks only that rule fails only it.

use std::collections::BTreeSet;

use agora_programme::{
    Directory, Person, Proposal, Rule, ScreeningRules, Speaker, directory, screen,
};

fn person(id: &str, gender: &str, remote: bool) -> Person {
    Person {
        id: id.into(),
        gender: Some(gender.into()),
        remote,
        ..Person::default()
    }
}

fn people() -> Directory {
    directory([
        person("ana", "female", false),
        person("bo", "male", false),
        person("cy", "female", false),
        person("dee", "male", false),
        person("far", "female", true),
    ])
}

/// A proposal that passes every rule.
fn good(id: &str) -> Proposal {
    Proposal {
        id: id.into(),
        title: String::new(),
        organiser: "ana".into(),
        organisation: "Org".into(),
        theme: "access".into(),
        format: "workshop".into(),
        speakers: ["ana", "bo", "cy"]
            .iter()
            .map(|p| Speaker {
                person: p.to_string(),
                confirmed: true,
            })
            .collect(),
        moderator: Some("dee".into()),
        first_time: false,
    }
}

fn rules_of(proposals: &[Proposal], missing: &[&str]) -> Vec<(String, Rule)> {
    let missing: BTreeSet<String> = missing.iter().map(|s| s.to_string()).collect();
    screen(proposals, &people(), &missing, &ScreeningRules::default())
        .into_iter()
        .map(|f| (f.proposal, f.rule))
        .collect()
}

#[test]
fn a_complete_proposal_passes() {
    assert_eq!(rules_of(&[good("w1")], &[]), vec![]);
}

#[test]
fn unconfirmed_speakers_do_not_count() {
    let mut p = good("w1");
    p.speakers[2].confirmed = false;
    assert_eq!(
        rules_of(&[p], &[]),
        vec![(
            "w1".into(),
            Rule::TooFewConfirmedSpeakers {
                confirmed: 2,
                required: 3
            }
        )]
    );
}

#[test]
fn speakers_of_one_gender_fail() {
    let mut p = good("w1");
    p.speakers[1].person = "cy".into();
    p.speakers.push(Speaker {
        person: "far".into(),
        confirmed: true,
    });
    assert_eq!(
        rules_of(&[p], &[]),
        vec![(
            "w1".into(),
            Rule::TooFewGenders {
                genders: 1,
                required: 2
            }
        )]
    );
}

#[test]
fn undeclared_gender_counts_towards_none() {
    let mut people = people();
    people.get_mut("bo").unwrap().gender = None;
    let failures = screen(
        &[good("w1")],
        &people,
        &BTreeSet::new(),
        &ScreeningRules::default(),
    );
    assert_eq!(
        failures[0].rule,
        Rule::TooFewGenders {
            genders: 1,
            required: 2
        }
    );
}

#[test]
fn the_moderator_must_exist_and_be_on_site() {
    let mut none = good("w1");
    none.moderator = None;
    let mut remote = good("w2");
    remote.moderator = Some("far".into());
    remote.organiser = "bo".into();
    assert_eq!(
        rules_of(&[none, remote], &[]),
        vec![
            ("w1".into(), Rule::NoModerator),
            (
                "w2".into(),
                Rule::ModeratorNotOnSite {
                    person: "far".into()
                }
            )
        ]
    );
}

#[test]
fn an_unfiled_report_fails_by_person_or_organisation() {
    let by_person = rules_of(&[good("w1")], &["ana"]);
    assert_eq!(
        by_person,
        vec![(
            "w1".into(),
            Rule::ReportNotFiled {
                organiser: "ana".into()
            }
        )]
    );
    let by_org = rules_of(&[good("w1")], &["Org"]);
    assert_eq!(
        by_org,
        vec![(
            "w1".into(),
            Rule::ReportNotFiled {
                organiser: "Org".into()
            }
        )]
    );
}

#[test]
fn the_fourth_proposal_of_an_organiser_fails() {
    let mut proposals: Vec<Proposal> = (1..=4).map(|i| good(&format!("w{i}"))).collect();
    // Different speakers each time, so that only the organiser cap applies.
    for p in &mut proposals[3..] {
        p.speakers[0].person = "far".into();
    }
    let failures = rules_of(&proposals, &[]);
    assert!(failures.contains(&(
        "w4".into(),
        Rule::TooManyProposals {
            organiser: "ana".into(),
            count: 4,
            max: 3
        }
    )));
    assert!(failures.iter().all(|(p, _)| p == "w4"));
}

#[test]
fn a_speaker_in_a_fourth_session_is_named() {
    let proposals: Vec<Proposal> = (1..=4)
        .map(|i| {
            let mut p = good(&format!("w{i}"));
            p.organiser = format!("org{i}");
            p
        })
        .collect();
    let mut people = people();
    for i in 1..=4 {
        people.insert(format!("org{i}"), person(&format!("org{i}"), "male", false));
    }
    let failures = screen(
        &proposals,
        &people,
        &BTreeSet::new(),
        &ScreeningRules::default(),
    );
    let named: Vec<Rule> = failures
        .iter()
        .filter(|f| f.proposal == "w4")
        .map(|f| f.rule.clone())
        .collect();
    for speaker in ["ana", "bo", "cy"] {
        assert!(named.contains(&Rule::SpeakerInTooManySessions {
            person: speaker.into(),
            count: 4,
            max: 3
        }));
    }
    assert!(failures.iter().all(|f| f.proposal == "w4"));
}

#[test]
fn an_unknown_person_is_named() {
    let mut p = good("w1");
    p.speakers.push(Speaker {
        person: "ghost".into(),
        confirmed: false,
    });
    assert_eq!(
        rules_of(&[p], &[]),
        vec![(
            "w1".into(),
            Rule::UnknownPerson {
                person: "ghost".into()
            }
        )]
    );
}

#[test]
fn the_cap_also_holds_for_an_institution_with_several_organisers() {
    let organisers = ["ana", "bo", "cy", "dee"];
    let proposals: Vec<Proposal> = organisers
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut p = good(&format!("w{i}"));
            p.organiser = o.to_string();
            p
        })
        .collect();
    let rules = ScreeningRules {
        max_sessions_per_speaker: 10,
        ..ScreeningRules::default()
    };
    let failures = screen(&proposals, &people(), &BTreeSet::new(), &rules);
    assert_eq!(
        failures
            .iter()
            .map(|f| (f.proposal.as_str(), &f.rule))
            .collect::<Vec<_>>(),
        vec![(
            "w3",
            &Rule::TooManyProposals {
                organiser: "Org".into(),
                count: 4,
                max: 3
            }
        )]
    );
}
