//! The proposals that Agora and pretalx are both given in bench/pretalx-compare.sh:
//! `agora_programme::synthetic::call`'s proposals, with plausible names, organisations, titles
//! and texts (seeded), each as the body of `POST /api/v1/calls/{id}/proposals`. Written as one
//! JSON file so that both sides read the same bytes.

use agora_programme::synthetic::Call;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The synthetic themes' codes and the names a call shows.
pub const THEMES: [(&str, &str); 8] = [
    ("access", "Universal access and connectivity"),
    ("human-rights", "Human rights online"),
    ("security", "Security, safety and resilience"),
    ("enhanced-cooperation", "Enhanced cooperation"),
    ("principles", "Internet governance principles"),
    ("multilingualism", "Multilingualism and local content"),
    ("emerging-tech", "Emerging technologies"),
    ("sustainability", "Sustainability and the environment"),
];

/// The synthetic formats' codes, names and minutes (those `synthetic::instance` gives them).
pub const FORMATS: [(&str, &str, u32); 3] = [
    ("workshop", "Workshop", 90),
    ("open-forum", "Open forum", 60),
    ("lightning", "Lightning session", 60),
];

/// A format of the call.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Format {
    pub name: String,
    pub minutes: u32,
}

/// One proposal: the synthetic id (`w17`) it was made from and its API body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub body: Value,
}

/// The file both sides read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Proposals {
    pub seed: u64,
    pub themes: Vec<String>,
    pub formats: Vec<Format>,
    pub proposals: Vec<Entry>,
}

/// One of `items`, drawn from `rng`.
fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[(rng.next_u64() % items.len() as u64) as usize]
}

fn name_of<'a>(table: &[(&str, &'a str)], code: &str) -> &'a str {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, name)| *name)
}

pub fn theme_name(code: &str) -> &'static str {
    name_of(&THEMES, code)
}

pub fn format_name(code: &str) -> &'static str {
    FORMATS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("", |(_, name, _)| *name)
}

/// The UN M49 code of a synthetic region.
pub fn m49(region: &str) -> &'static str {
    name_of(
        &[
            ("africa", "002"),
            ("americas", "019"),
            ("asia", "142"),
            ("europe", "150"),
            ("oceania", "009"),
        ],
        region,
    )
}

/// The UTC offset (minutes) `synthetic::call` gives a region's people, by M49 code, so that a
/// proposal read back from the store keeps its remote speakers' hours.
pub fn utc_offset(m49_code: &str) -> i32 {
    match m49_code {
        "019" => -300,
        "142" => 480,
        "009" => 600,
        _ => 60,
    }
}

/// Agora's stakeholder group code for a synthetic group.
pub fn group(code: &str) -> &'static str {
    name_of(
        &[
            ("government", "government"),
            ("private-sector", "private-sector"),
            ("civil-society", "civil-society"),
            ("technical", "technical-community"),
            ("academic", "academic-community"),
            ("igo", "intergovernmental-organisation"),
        ],
        code,
    )
}

fn number(id: &str) -> usize {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(0)
}

const FIRST: [&str; 40] = [
    "Amina", "Carlos", "Mei", "Olga", "Tariq", "Ngozi", "Luis", "Yuki", "Fatima", "Ivan", "Priya",
    "Kwame", "Sofia", "Hiroshi", "Leila", "Mateo", "Anh", "Zanele", "Pedro", "Aigerim", "Omar",
    "Lucia", "Chen", "Nadia", "Samuel", "Ingrid", "Rahul", "Camila", "Ahmed", "Elena", "Tomas",
    "Wanjiru", "Hana", "Diego", "Salma", "Mikhail", "Ana", "Kofi", "Laila", "Jonas",
];
const LAST: [&str; 50] = [
    "Okafor",
    "Silva",
    "Zhang",
    "Petrova",
    "Haddad",
    "Mensah",
    "Garcia",
    "Tanaka",
    "Rahman",
    "Kuznetsov",
    "Sharma",
    "Boateng",
    "Rossi",
    "Sato",
    "Nasser",
    "Fernandez",
    "Nguyen",
    "Dlamini",
    "Costa",
    "Nurlanovna",
    "Khalil",
    "Moreno",
    "Wang",
    "Benali",
    "Osei",
    "Larsen",
    "Iyer",
    "Rojas",
    "Farouk",
    "Popescu",
    "Novak",
    "Kamau",
    "Kim",
    "Herrera",
    "Aziz",
    "Volkov",
    "Santos",
    "Asante",
    "Karimi",
    "Berg",
    "Mwangi",
    "Lopez",
    "Suzuki",
    "Abdi",
    "Dubois",
    "Pillay",
    "Ortiz",
    "Yilmaz",
    "Tembo",
    "Lindqvist",
];

/// A distinct name for each synthetic person (`p17`): the pairs run out only past 2,000.
pub fn person_name(id: &str) -> String {
    let i = number(id);
    let (f, l) = (FIRST.len(), LAST.len());
    let name = format!("{} {}", FIRST[i % f], LAST[(i / f + i % f) % l]);
    match i / (f * l) {
        0 => name,
        n => format!("{name} {}", n + 1),
    }
}

/// A distinct name for each synthetic organisation (`org17`).
pub fn organisation_name(id: &str) -> String {
    const KIND: [&str; 8] = [
        "Digital Rights",
        "Internet Society",
        "Open Data",
        "Cybersecurity",
        "Community Networks",
        "Telecom",
        "Media Freedom",
        "Tech Policy",
    ];
    const FORM: [&str; 8] = [
        "Foundation",
        "Institute",
        "Alliance",
        "Centre",
        "Network",
        "Council",
        "Lab",
        "Association",
    ];
    const PLACE: [&str; 8] = [
        "Lagos", "Lima", "Jakarta", "Geneva", "Nairobi", "Dhaka", "Tbilisi", "Suva",
    ];
    let i = number(id);
    let (k, f, p) = (KIND.len(), FORM.len(), PLACE.len());
    let name = format!(
        "{} {} {}",
        PLACE[i % p],
        KIND[(i / p) % k],
        FORM[(i / (p * k)) % f]
    );
    match i / (k * f * p) {
        0 => name,
        n => format!("{name} {}", n + 1),
    }
}

/// Per theme: what sessions are about, and questions they put to policy makers.
fn topics(theme: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match theme {
        "access" => (
            &[
                "community networks",
                "affordable broadband",
                "rural connectivity",
                "satellite internet",
            ],
            &[
                "How can spectrum policy favour community networks?",
                "Who should pay for the last mile in rural areas?",
                "What makes connectivity meaningful, beyond coverage?",
            ],
        ),
        "human-rights" => (
            &[
                "internet shutdowns",
                "online freedom of expression",
                "privacy and surveillance",
                "digital rights of children",
            ],
            &[
                "When, if ever, is a network disruption proportionate?",
                "How should platforms answer government takedown requests?",
                "What safeguards should govern lawful interception?",
            ],
        ),
        "security" => (
            &[
                "cyber norms",
                "ransomware response",
                "critical infrastructure protection",
                "trust in the DNS",
            ],
            &[
                "How can states report on implementing the agreed cyber norms?",
                "Who coordinates the response when a hospital is hit by ransomware?",
                "What capacity do small CERTs need most?",
            ],
        ),
        "enhanced-cooperation" => (
            &[
                "the Global Digital Compact",
                "multistakeholder mechanisms",
                "the WSIS+20 review",
                "digital cooperation in regions",
            ],
            &[
                "How should the WSIS+20 review treat the IGF's mandate?",
                "What would governments need to take part on an equal footing?",
                "How can national IGFs feed the global process?",
            ],
        ),
        "principles" => (
            &[
                "net neutrality",
                "internet fragmentation",
                "open standards",
                "the public core of the internet",
            ],
            &[
                "Which practices fragment the internet, and which protect it?",
                "Should the public core be protected by treaty?",
                "How do open standards bodies stay open to newcomers?",
            ],
        ),
        "multilingualism" => (
            &[
                "universal acceptance",
                "local-language content",
                "internationalised domain names",
                "indigenous languages online",
            ],
            &[
                "What stops software from accepting every domain name and address?",
                "How can public funding support local-language content?",
                "Who decides which scripts a platform supports?",
            ],
        ),
        "emerging-tech" => (
            &[
                "AI governance",
                "generative AI and elections",
                "algorithmic accountability",
                "quantum-safe cryptography",
            ],
            &[
                "Which AI uses should need an impact assessment?",
                "How can regulators audit algorithms they cannot see?",
                "What should a global AI dialogue produce?",
            ],
        ),
        _ => (
            &[
                "e-waste",
                "green data centres",
                "digital public infrastructure",
                "climate data sharing",
            ],
            &[
                "How can the sector report its energy use honestly?",
                "Who is responsible for e-waste exported to the Global South?",
                "What data should climate research be able to use freely?",
            ],
        ),
    }
}

/// The proposals of `call` (made with `seed`) as API bodies.
pub fn generate(call: &Call, seed: u64) -> Proposals {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let people: std::collections::BTreeMap<&str, &agora_programme::Person> =
        call.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let row = |id: &str, role: &str, confirmed: bool, moderator: bool| {
        let p = people[id];
        json!({
            "role": role,
            "name": person_name(id),
            "organisation": organisation_name(p.organisation.as_deref().unwrap_or("org0")),
            "stakeholder_group": group(p.stakeholder_group.as_deref().unwrap_or("")),
            "region": m49(p.region.as_deref().unwrap_or("")),
            "gender": p.gender,
            "remote": p.remote,
            "confirmed": confirmed,
            "moderator": moderator,
        })
    };
    let proposals = call
        .proposals
        .iter()
        .map(|p| {
            let (subjects, questions) = topics(&p.theme);
            let subject = pick(&mut rng, subjects);
            let title = match rng.next_u64() % 6 {
                0 => format!("Whose {subject}? Voices from the Global South"),
                1 => format!("From principles to practice: {subject}"),
                2 => format!("What next for {subject}?"),
                3 => format!("{} in a fragmented world", capitalise(subject)),
                4 => format!("Lessons from national IGFs on {subject}"),
                _ => format!("Building trust: {subject} and the multistakeholder model"),
            };
            let organisation = organisation_name(&p.organisation);
            let description = format!(
                "{organisation} invites {} to discuss {subject}. {} The session ends with \
                 recommendations that participants can take home to their own processes.",
                pick(
                    &mut rng,
                    &[
                    "governments, companies and civil society",
                    "regulators, researchers and community groups",
                    "practitioners from every region",
                ]),
                pick(
                    &mut rng,
                    &[
                    "Speakers present case studies from their countries, then the floor is open.",
                    "A short round of interventions is followed by discussion in small groups.",
                    "Each speaker answers the same three questions, then questions come from the room and online.",
                ]),
            );
            let first = (rng.next_u64() % questions.len() as u64) as usize;
            let policy_questions = (0..2)
                .map(|k| questions[(first + k) % questions.len()])
                .collect::<Vec<_>>()
                .join("\n");
            let mut rows = vec![row(&p.organiser, "organiser", true, false)];
            rows.extend(p.speakers.iter().map(|s| {
                row(
                    &s.person,
                    "speaker",
                    s.confirmed,
                    p.moderator.as_deref() == Some(s.person.as_str()),
                )
            }));
            // The moderator counts among the speakers when not one already.
            if let Some(m) = &p.moderator
                && !p.speakers.iter().any(|s| &s.person == m)
            {
                rows.push(row(m, "speaker", true, true));
            }
            Entry {
                key: p.id.clone(),
                body: json!({
                    "title": title,
                    "description": description,
                    "policy_questions": policy_questions,
                    "format": format_name(&p.format),
                    "theme": theme_name(&p.theme),
                    "first_time": p.first_time,
                    "report_filed": true,
                    "people": rows,
                }),
            }
        })
        .collect();
    Proposals {
        seed,
        themes: THEMES.iter().map(|(_, name)| name.to_string()).collect(),
        formats: FORMATS
            .iter()
            .map(|(_, name, minutes)| Format {
                name: name.to_string(),
                minutes: *minutes,
            })
            .collect(),
        proposals,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
