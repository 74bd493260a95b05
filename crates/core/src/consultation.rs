//! Consultations: a phase of a process that asks questions and takes answers until an exact
//! closing instant. This module holds the questionnaire, the checks on an answer sheet, and the
//! rule that decides whether a submission is on time.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::process::{Phase, PhaseKind};
use crate::validate::{ErrorCode, ValidationErrors, is_language_tag};

/// Whether an account with `grants` may answer a consultation of `process` (visitors never
/// may: an answer sheet belongs to an account, which is what lets its author edit it).
pub fn may_answer(
    eligibility: Eligibility,
    grants: &crate::auth::Grants,
    process: Uuid,
    signed_in: bool,
) -> bool {
    signed_in
        && match eligibility {
            Eligibility::SignedIn => true,
            Eligibility::Members => grants.is_member_of(process),
        }
}

/// Who may answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Eligibility {
    /// Anyone with an account.
    SignedIn,
    /// Only accounts holding a role in the process (its members).
    Members,
}

impl Eligibility {
    pub fn code(self) -> &'static str {
        match self {
            Eligibility::SignedIn => "signed-in",
            Eligibility::Members => "members",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Eligibility::SignedIn, Eligibility::Members]
            .into_iter()
            .find(|e| e.code() == code)
    }
}

/// The settings that make a phase of kind `consultation` a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consultation {
    /// The phase it belongs to; its opening and closing instants are the consultation's.
    pub phase_id: Uuid,
    pub description: String,
    /// BCP 47 tags of the languages answers may be written in.
    pub languages: Vec<String>,
    /// Whether answers are published unless their author asks otherwise.
    pub public_by_default: bool,
    /// Whether a person may answer on behalf of an organisation.
    pub on_behalf_allowed: bool,
    pub eligibility: Eligibility,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConsultationDraft {
    pub description: String,
    /// Comma- or space-separated BCP 47 tags; all six UN languages when empty.
    pub languages: String,
    pub public_by_default: bool,
    pub on_behalf_allowed: bool,
    /// `signed-in` (default) or `members`.
    pub eligibility: String,
}

impl ConsultationDraft {
    pub fn validate(&self, phase: &Phase) -> Result<Consultation, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if phase.kind != PhaseKind::Consultation {
            errors.push("phase", ErrorCode::InvalidChoice);
        }
        let description = errors
            .optional_text("description", &self.description, 20_000)
            .unwrap_or_default();
        let mut languages: Vec<String> = self
            .languages
            .split([',', ' '])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if languages.is_empty() {
            languages = crate::UI_LANGUAGES
                .iter()
                .map(|l| (*l).to_owned())
                .collect();
        }
        if languages.iter().any(|l| !is_language_tag(l)) {
            errors.push("languages", ErrorCode::InvalidLanguage);
        }
        let eligibility = match self.eligibility.trim() {
            "" => Some(Eligibility::SignedIn),
            code => Eligibility::from_code(code),
        };
        if eligibility.is_none() {
            errors.push("eligibility", ErrorCode::InvalidChoice);
        }
        errors.finish(Consultation {
            phase_id: phase.id,
            description,
            languages,
            public_by_default: self.public_by_default,
            on_behalf_allowed: self.on_behalf_allowed,
            eligibility: eligibility.unwrap_or(Eligibility::SignedIn),
        })
    }
}

/// What a question asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum QuestionKind {
    FreeText {
        word_limit: Option<u32>,
    },
    SingleChoice {
        choices: Vec<String>,
    },
    MultipleChoice {
        choices: Vec<String>,
    },
    /// 1 (lowest) to 5 (highest).
    Scale,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: Uuid,
    pub phase_id: Uuid,
    /// Order in the questionnaire, from 1.
    pub position: u32,
    pub prompt: String,
    pub required: bool,
    pub kind: QuestionKind,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QuestionDraft {
    pub prompt: String,
    /// `free-text`, `single-choice`, `multiple-choice` or `scale`.
    pub kind: String,
    /// One choice per line (choice questions only).
    pub choices: String,
    /// Empty for no limit (free text only).
    pub word_limit: String,
    pub required: bool,
}

impl QuestionDraft {
    pub fn validate(&self, phase_id: Uuid, position: u32) -> Result<Question, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let prompt = errors.text("prompt", &self.prompt, 2000);
        let choices: Vec<String> = self
            .choices
            .lines()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let check_choices = |errors: &mut ValidationErrors| {
            if choices.len() < 2 {
                errors.push("choices", ErrorCode::TooShort { min: 2 });
            } else if choices
                .iter()
                .enumerate()
                .any(|(i, c)| choices[..i].contains(c))
            {
                errors.push("choices", ErrorCode::Duplicate);
            } else if choices.iter().any(|c| c.chars().count() > 300) {
                errors.push("choices", ErrorCode::TooLong { max: 300 });
            }
            choices.clone()
        };
        let kind = match self.kind.trim() {
            "free-text" | "" => {
                let word_limit = match self.word_limit.trim() {
                    "" => None,
                    limit => match limit.parse::<u32>() {
                        Ok(limit) if limit > 0 => Some(limit),
                        _ => {
                            errors.push("word_limit", ErrorCode::InvalidNumber);
                            None
                        }
                    },
                };
                Some(QuestionKind::FreeText { word_limit })
            }
            "single-choice" => Some(QuestionKind::SingleChoice {
                choices: check_choices(&mut errors),
            }),
            "multiple-choice" => Some(QuestionKind::MultipleChoice {
                choices: check_choices(&mut errors),
            }),
            "scale" => Some(QuestionKind::Scale),
            _ => {
                errors.push("kind", ErrorCode::InvalidChoice);
                None
            }
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(Question {
                id: crate::new_id(),
                phase_id,
                position,
                prompt,
                required: self.required,
                kind,
            }),
            _ => Err(errors),
        }
    }
}

/// One checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Text(String),
    Choices(Vec<String>),
    Scale(u8),
}

/// Who answered, as they were when they submitted: later changes to their profile do not
/// rewrite history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub stakeholder_group: String,
    pub country: Option<String>,
    pub region: Option<String>,
    /// The organisation as the author named it.
    pub organisation: Option<String>,
    /// Whether they answer on behalf of that organisation (when the consultation allows it).
    pub on_behalf: bool,
    /// The language of the answers (BCP 47).
    pub lang: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AuthorDraft {
    pub stakeholder_group: String,
    pub country: String,
    pub region: String,
    pub organisation: String,
    pub on_behalf: bool,
    pub lang: String,
}

impl AuthorDraft {
    pub fn validate(
        &self,
        groups: &crate::stakeholder::StakeholderGroups,
        consultation: &Consultation,
    ) -> Result<Author, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let stakeholder_group =
            crate::directory::check_group(&mut errors, groups, &self.stakeholder_group);
        let country = crate::directory::optional_country(&mut errors, &self.country);
        let region = errors.optional_text("region", &self.region, 3);
        if region.as_deref().is_some_and(|r| !crate::geo::is_region(r)) {
            errors.push("region", ErrorCode::InvalidRegion);
        }
        let organisation = errors.optional_text("organisation", &self.organisation, 200);
        if self.on_behalf && !consultation.on_behalf_allowed {
            errors.push("on_behalf", ErrorCode::InvalidChoice);
        } else if self.on_behalf && organisation.is_none() {
            errors.push("organisation", ErrorCode::Required);
        }
        let lang = self.lang.trim().to_owned();
        if !consultation.languages.contains(&lang) {
            errors.push("lang", ErrorCode::InvalidLanguage);
        }
        errors.finish(Author {
            stakeholder_group,
            country,
            region,
            organisation,
            on_behalf: self.on_behalf,
            lang,
        })
    }
}

/// Whether an answer sheet is still being written or has been handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubmissionState {
    Draft,
    Submitted,
}

impl SubmissionState {
    pub fn code(self) -> &'static str {
        match self {
            SubmissionState::Draft => "draft",
            SubmissionState::Submitted => "submitted",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [SubmissionState::Draft, SubmissionState::Submitted]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// One person's answer sheet for one consultation. There is one per person; editing it before
/// the deadline replaces its answers and keeps its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Submission {
    pub id: Uuid,
    pub phase_id: Uuid,
    /// The account that answered; `None` for answers imported from elsewhere.
    pub user_id: Option<Uuid>,
    /// Where an imported sheet came from; `None` for answers given in Agora.
    pub imported: Option<ImportOrigin>,
    pub receipt: String,
    pub state: SubmissionState,
    /// Published with the consultation's public answers (unless hidden by moderation).
    pub public: bool,
    pub author: Author,
    pub answers: BTreeMap<Uuid, AnswerValue>,
    pub updated_at: Timestamp,
    /// When it was last handed in; `None` for a draft never submitted.
    pub submitted_at: Option<Timestamp>,
}

/// An imported sheet's provenance: the import it came in, its row, and the respondent as the
/// file named them (kept for the secretariat; never published).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOrigin {
    pub batch: Uuid,
    pub row: u64,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// Why the public does not see an answer sheet. Nothing is deleted: the secretariat still sees
/// it, with the reason (honest moderation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    /// Kept from the public at the author's or the secretariat's request; counted in statistics.
    Confidential,
    /// Withdrawn from the public by moderation (abuse, falsely attributed…).
    Hidden,
}

impl Visibility {
    pub fn code(self) -> &'static str {
        match self {
            Visibility::Confidential => "confidential",
            Visibility::Hidden => "hidden",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Visibility::Confidential, Visibility::Hidden]
            .into_iter()
            .find(|v| v.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moderation {
    pub visibility: Visibility,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ModerationDraft {
    /// `confidential`, `hidden`, or empty to make the sheet public again.
    pub visibility: String,
    pub reason: String,
}

impl ModerationDraft {
    /// `None` lifts a moderation; a moderation always needs its reason.
    pub fn validate(&self) -> Result<Option<Moderation>, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.visibility.trim().is_empty() {
            return Ok(None);
        }
        let visibility = Visibility::from_code(self.visibility.trim());
        if visibility.is_none() {
            errors.push("visibility", ErrorCode::InvalidChoice);
        }
        let reason = errors.text("reason", &self.reason, 2000);
        match visibility {
            Some(visibility) if errors.is_empty() => Ok(Some(Moderation { visibility, reason })),
            _ => Err(errors),
        }
    }
}

/// The longest tag the secretariat may put on a sheet, in characters.
pub const TAG_MAX: usize = 60;

/// A tag as typed: trimmed and lower-cased, so that "Human rights" and "human rights" are one
/// tag; 1 to [`TAG_MAX`] characters.
pub fn tag_of(raw: &str) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let tag = errors.text("tag", raw, TAG_MAX);
    errors.finish(tag.to_lowercase())
}

/// Which answer sheets the secretariat's workspace shows; every condition is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerFilter {
    pub stakeholder_group: Option<String>,
    pub region: Option<String>,
    pub lang: Option<String>,
    /// Part of the organisation's name, any case.
    pub organisation: Option<String>,
    /// Submitted on or after this day (UTC).
    pub from: Option<jiff::civil::Date>,
    /// Submitted on or before this day (UTC).
    pub to: Option<jiff::civil::Date>,
    /// Terms (separated by spaces) that must each appear in one of the answers, as a word or
    /// part of one, any case.
    pub text: Option<String>,
    pub tag: Option<String>,
    /// Only sheets that answered this question.
    pub question: Option<Uuid>,
    /// Leaves out sheets hidden by moderation (public statistics do; the workspace does not).
    pub exclude_hidden: bool,
}

impl AnswerFilter {
    /// What a consultation's public statistics count: every sheet handed in, published or not
    /// (an author who keeps their answers private still took part), except sheets hidden by
    /// moderation (a falsely attributed answer is no participation).
    pub fn public_statistics() -> Self {
        AnswerFilter {
            exclude_hidden: true,
            ..AnswerFilter::default()
        }
    }
}

/// A workspace filter as typed into the filter form or a query string: every field is text,
/// empty for "any". [`AnswerFilterDraft::validate`] names each field it cannot read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AnswerFilterDraft {
    pub group: String,
    pub region: String,
    /// The language the sheet was written in. Not `lang`: that parameter is the interface
    /// language on every page and in the API.
    pub language: String,
    pub organisation: String,
    /// `YYYY-MM-DD`, UTC.
    pub from: String,
    /// `YYYY-MM-DD`, UTC, inclusive.
    pub to: String,
    /// Words to find in the answers.
    pub q: String,
    pub tag: String,
    /// A question's number in the questionnaire.
    pub question: String,
}

impl AnswerFilterDraft {
    pub fn validate(&self, questions: &[Question]) -> Result<AnswerFilter, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let given = |value: &str| {
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_owned())
        };
        let region = given(&self.region);
        if region.as_deref().is_some_and(|r| !crate::geo::is_region(r)) {
            errors.push("region", ErrorCode::InvalidRegion);
        }
        let lang = given(&self.language);
        if lang.as_deref().is_some_and(|l| !is_language_tag(l)) {
            errors.push("language", ErrorCode::InvalidLanguage);
        }
        let (from, to) = errors.date_range(&self.from, &self.to);
        let question = given(&self.question).and_then(|number| {
            let found = number
                .parse::<u32>()
                .ok()
                .and_then(|n| questions.iter().find(|q| q.position == n));
            if found.is_none() {
                errors.push("question", ErrorCode::InvalidChoice);
            }
            found.map(|q| q.id)
        });
        let filter = AnswerFilter {
            stakeholder_group: given(&self.group),
            region,
            lang,
            organisation: given(&self.organisation),
            from,
            to,
            text: given(&self.q),
            tag: given(&self.tag),
            question,
            exclude_hidden: false,
        };
        errors.finish(filter)
    }
}

/// Counts of the sheets a filter selects, by stakeholder group, region and language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnswerCounts {
    pub total: u64,
    pub by_stakeholder_group: Vec<(String, u64)>,
    pub by_region: Vec<(String, u64)>,
    pub by_lang: Vec<(String, u64)>,
}

/// Counts words as a reader would: runs of letters and digits separated by anything else, and
/// every Han, Hiragana or Katakana character on its own (those scripts do not use spaces).
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_ideograph(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else if c != '\'' && c != '’' && c != '-' {
            in_word = false;
        }
    }
    count
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Checks an answer sheet against the questionnaire. `submitted` maps a question id to the
/// values typed or ticked (several for a multiple choice). Unknown questions are refused, a
/// required question left empty is named, and nothing is silently dropped or trimmed to fit.
/// Field names are `q-<question id>`.
pub fn check_answers(
    questions: &[Question],
    submitted: &BTreeMap<Uuid, Vec<String>>,
    complete: bool,
) -> Result<BTreeMap<Uuid, AnswerValue>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    for id in submitted.keys() {
        if !questions.iter().any(|q| q.id == *id) {
            errors.push(format!("q-{id}"), ErrorCode::NotFound);
        }
    }
    let mut answers = BTreeMap::new();
    for question in questions {
        let field = format!("q-{}", question.id);
        let values: Vec<&str> = submitted
            .get(&question.id)
            .map(|v| {
                v.iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if values.is_empty() {
            if complete && question.required {
                errors.push(field, ErrorCode::Required);
            }
            continue;
        }
        let answer = match &question.kind {
            QuestionKind::FreeText { word_limit } => {
                let text = values.join("\n");
                if let Some(limit) = word_limit
                    && word_count(&text) > *limit as usize
                {
                    errors.push(
                        field,
                        ErrorCode::TooManyWords {
                            max: *limit as usize,
                        },
                    );
                    continue;
                }
                if text.chars().count() > 100_000 {
                    errors.push(field, ErrorCode::TooLong { max: 100_000 });
                    continue;
                }
                AnswerValue::Text(text)
            }
            QuestionKind::SingleChoice { choices } | QuestionKind::MultipleChoice { choices } => {
                let single = matches!(question.kind, QuestionKind::SingleChoice { .. });
                if values.iter().any(|v| !choices.iter().any(|c| c == v))
                    || (single && values.len() > 1)
                {
                    errors.push(field, ErrorCode::InvalidChoice);
                    continue;
                }
                // Stored in the questionnaire's order, each choice once.
                AnswerValue::Choices(
                    choices
                        .iter()
                        .filter(|c| values.contains(&c.as_str()))
                        .cloned()
                        .collect(),
                )
            }
            QuestionKind::Scale => match values.as_slice() {
                [one] => match one.parse::<u8>() {
                    Ok(n @ 1..=5) => AnswerValue::Scale(n),
                    _ => {
                        errors.push(field, ErrorCode::InvalidChoice);
                        continue;
                    }
                },
                _ => {
                    errors.push(field, ErrorCode::InvalidChoice);
                    continue;
                }
            },
        };
        answers.insert(question.id, answer);
    }
    errors.finish(answers)
}

/// Whether a submission made at `now` is on time: inside the phase (`[opens_at, closes_at)`),
/// or before the end of a late window the secretariat granted this person.
pub fn on_time(phase: &Phase, now: Timestamp, late_until: Option<Timestamp>) -> bool {
    (phase.opens_at <= now && now < phase.closes_at) || late_until.is_some_and(|until| now < until)
}

/// A receipt code: short enough to read out on the phone, unambiguous (no 0/O, 1/I/L), from the
/// random tail of a UUIDv7.
pub fn receipt_code(id: Uuid) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut n = u128::from_be_bytes(*id.as_bytes()) & ((1u128 << 62) - 1);
    let mut code = String::new();
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(ALPHABET[(n % ALPHABET.len() as u128) as usize] as char);
        n /= ALPHABET.len() as u128;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::ProcessDraft;

    fn phase() -> Phase {
        let process = ProcessDraft {
            title: "WGEC".into(),
            mandate: "m".into(),
            display_zone: "Europe/Zurich".into(),
            ..Default::default()
        }
        .validate(&Default::default())
        .unwrap();
        crate::process::PhaseDraft {
            kind: "consultation".into(),
            title: "Questionnaire".into(),
            opens_at: "2013-06-01T00:00".into(),
            closes_at: "2013-07-15T12:00".into(),
        }
        .validate(&process)
        .unwrap()
    }

    fn questions() -> Vec<Question> {
        let id = phase().id;
        let draft = |kind: &str, choices: &str, limit: &str, required| QuestionDraft {
            prompt: "?".into(),
            kind: kind.into(),
            choices: choices.into(),
            word_limit: limit.into(),
            required,
        };
        vec![
            draft("free-text", "", "5", true).validate(id, 1).unwrap(),
            draft("single-choice", "Yes\nNo", "", false)
                .validate(id, 2)
                .unwrap(),
            draft(
                "multiple-choice",
                "Spam\nCybercrime\nHuman rights",
                "",
                false,
            )
            .validate(id, 3)
            .unwrap(),
            draft("scale", "", "", false).validate(id, 4).unwrap(),
        ]
    }

    #[test]
    fn deadlines_are_exact_and_late_windows_extend_one_person() {
        let phase = phase();
        let second = jiff::SignedDuration::from_secs(1);
        assert!(on_time(&phase, phase.closes_at - second, None));
        assert!(!on_time(&phase, phase.closes_at, None));
        assert!(!on_time(&phase, phase.opens_at - second, None));
        let late = phase.closes_at + jiff::SignedDuration::from_hours(24);
        assert!(on_time(&phase, phase.closes_at, Some(late)));
        assert!(!on_time(&phase, late, Some(late)));
    }

    #[test]
    fn words_are_counted_across_scripts() {
        assert_eq!(word_count("Enhanced cooperation, para. 69–71"), 5);
        assert_eq!(word_count("l’Internet n'est pas"), 3);
        assert_eq!(word_count("加强合作"), 4);
        assert_eq!(word_count("التعاون المعزز"), 2);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn an_answer_sheet_is_checked_question_by_question() {
        let qs = questions();
        let sheet: BTreeMap<Uuid, Vec<String>> = [
            (qs[0].id, vec!["Five words are enough here".to_owned()]),
            (qs[1].id, vec!["No".to_owned()]),
            (qs[2].id, vec!["Human rights".to_owned(), "Spam".to_owned()]),
            (qs[3].id, vec!["4".to_owned()]),
        ]
        .into();
        let answers = check_answers(&qs, &sheet, true).unwrap();
        assert_eq!(
            answers[&qs[2].id],
            AnswerValue::Choices(vec!["Spam".into(), "Human rights".into()])
        );
        assert_eq!(answers[&qs[3].id], AnswerValue::Scale(4));
    }

    #[test]
    fn bad_answers_are_named_and_nothing_is_trimmed_to_fit() {
        let qs = questions();
        let stranger = Uuid::from_u128(7);
        let sheet: BTreeMap<Uuid, Vec<String>> = [
            (qs[0].id, vec!["one two three four five six".to_owned()]),
            (qs[1].id, vec!["Yes".to_owned(), "No".to_owned()]),
            (qs[2].id, vec!["Spam".to_owned(), "Gardening".to_owned()]),
            (qs[3].id, vec!["6".to_owned()]),
            (stranger, vec!["?".to_owned()]),
        ]
        .into();
        let errors = check_answers(&qs, &sheet, true).unwrap_err();
        let codes: Vec<(String, &str)> = errors
            .0
            .iter()
            .map(|e| (e.field.clone(), e.code.name()))
            .collect();
        assert_eq!(
            codes,
            [
                (format!("q-{stranger}"), "not-found"),
                (format!("q-{}", qs[0].id), "too-many-words"),
                (format!("q-{}", qs[1].id), "invalid-choice"),
                (format!("q-{}", qs[2].id), "invalid-choice"),
                (format!("q-{}", qs[3].id), "invalid-choice"),
            ]
        );
    }

    #[test]
    fn a_draft_may_be_incomplete_a_submission_may_not() {
        let qs = questions();
        let empty = BTreeMap::new();
        assert!(check_answers(&qs, &empty, false).unwrap().is_empty());
        let errors = check_answers(&qs, &empty, true).unwrap_err();
        assert_eq!(errors.0.len(), 1, "only the required question");
    }

    #[test]
    fn questions_need_sound_choices() {
        let id = Uuid::nil();
        let one = QuestionDraft {
            prompt: "?".into(),
            kind: "single-choice".into(),
            choices: "Yes".into(),
            ..Default::default()
        };
        assert_eq!(
            one.validate(id, 1).unwrap_err().0[0].code,
            ErrorCode::TooShort { min: 2 }
        );
        let twice = QuestionDraft {
            choices: "Yes\nYes".into(),
            ..one.clone()
        };
        assert_eq!(
            twice.validate(id, 1).unwrap_err().0[0].code,
            ErrorCode::Duplicate
        );
        let odd = QuestionDraft {
            kind: "essay".into(),
            ..one
        };
        assert_eq!(odd.validate(id, 1).unwrap_err().0[0].field, "kind");
    }

    #[test]
    fn consultations_belong_to_consultation_phases() {
        let consultation = ConsultationDraft::default().validate(&phase()).unwrap();
        assert_eq!(consultation.languages.len(), 6);
        assert_eq!(consultation.eligibility, Eligibility::SignedIn);
        let bad = ConsultationDraft {
            eligibility: "everyone".into(),
            languages: "French".into(),
            ..Default::default()
        };
        let fields: Vec<String> = bad
            .validate(&phase())
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["languages", "eligibility"]);
    }

    #[test]
    fn moderation_needs_a_reason() {
        let hide = ModerationDraft {
            visibility: "hidden".into(),
            reason: "Falsely attributed".into(),
        };
        assert_eq!(
            hide.validate().unwrap().unwrap().visibility,
            Visibility::Hidden
        );
        let silent = ModerationDraft {
            visibility: "hidden".into(),
            reason: " ".into(),
        };
        assert_eq!(silent.validate().unwrap_err().0[0].field, "reason");
        assert_eq!(ModerationDraft::default().validate().unwrap(), None);
    }

    #[test]
    fn receipt_codes_are_readable_and_distinct() {
        let a = receipt_code(crate::new_id());
        let b = receipt_code(crate::new_id());
        assert_eq!(a.len(), 14);
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"01OIL".contains(c)))
        );
    }

    #[test]
    fn a_filter_draft_reads_what_was_typed_and_names_what_it_cannot() {
        let questions = questions();
        let filter = AnswerFilterDraft {
            group: " civil-society ".into(),
            region: "150".into(),
            from: "2013-06-01".into(),
            to: "2013-07-15".into(),
            q: "enhanced cooperation".into(),
            question: "2".into(),
            ..Default::default()
        }
        .validate(&questions)
        .unwrap();
        assert_eq!(filter.stakeholder_group.as_deref(), Some("civil-society"));
        assert_eq!(filter.region.as_deref(), Some("150"));
        assert_eq!(filter.to, Some(jiff::civil::date(2013, 7, 15)));
        assert_eq!(filter.text.as_deref(), Some("enhanced cooperation"));
        assert_eq!(filter.question, Some(questions[1].id));
        assert_eq!(filter.lang, None);
        assert_eq!(filter.tag, None);

        let errors = AnswerFilterDraft {
            region: "atlantis".into(),
            language: "not a tag!".into(),
            from: "2013-07-16".into(),
            to: "2013-07-15".into(),
            question: "99".into(),
            ..Default::default()
        }
        .validate(&questions)
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["region", "language", "to", "question"]);
        let bad_date = AnswerFilterDraft {
            from: "15/07/2013".into(),
            ..Default::default()
        };
        assert_eq!(
            bad_date.validate(&questions).unwrap_err().0[0].code,
            ErrorCode::InvalidDate
        );
    }
}
