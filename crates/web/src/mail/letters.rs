//! The messages themselves, as plain text in the reader's language (`locales/*/email.ftl`):
//! a receipt when a sheet is submitted, a reminder when a consultation closes soon and the
//! person's answers are still a draft, a decision on a session proposal. Instants are shown in the organiser's zone and in UTC,
//! as on the pages.

use agora_core::consultation::{Question, Submission};
use agora_core::process::{Phase, Process};
use agora_core::proposal::{Decision, Proposal};
use agora_store::{DueReminder, Letter};
use fluent_templates::fluent_bundle::FluentValue;
use jiff::Timestamp;

use crate::Lang;
use crate::pages::consultations::{Moment, answer_values, consultation_title, question_label};
use crate::pages::proposals::LoadedCall;

/// Everything a receipt says besides the sheet itself, gathered before the sheet is saved;
/// [`ReceiptLetter::render`] completes it with the sheet as stored (its receipt code and
/// submission time).
pub(crate) struct ReceiptLetter<'a> {
    lang: Lang,
    recipient: &'a str,
    consultation: String,
    process: &'a str,
    zone: &'a str,
    /// Until when the sheet may be changed and handed in again.
    editable_until: Timestamp,
    questions: &'a [Question],
}

impl<'a> ReceiptLetter<'a> {
    /// A receipt for `recipient`, in `lang`; `late` is a late window granted to the author.
    pub(crate) fn new(
        lang: Lang,
        recipient: &'a str,
        process: &'a Process,
        phase: &Phase,
        late: Option<Timestamp>,
        questions: &'a [Question],
    ) -> Self {
        ReceiptLetter {
            lang,
            recipient,
            consultation: consultation_title(lang, &phase.title),
            process: &process.title,
            zone: &process.display_zone,
            editable_until: late.map_or(phase.closes_at, |until| until.max(phase.closes_at)),
            questions,
        }
    }

    /// Whether the author has an address to send the receipt to.
    pub(crate) fn has_recipient(&self) -> bool {
        !self.recipient.is_empty()
    }

    pub(crate) fn render(&self, sheet: &Submission) -> Letter {
        let lang = self.lang;
        let text = |s: &str| FluentValue::from(s.to_owned());
        let consultation = text(&self.consultation);
        let code = text(&sheet.receipt);
        let at = Moment::new(sheet.submitted_at.unwrap_or(sheet.updated_at), self.zone);
        let mut body = vec![
            lang.t_args(
                "email-receipt-intro",
                &[
                    ("consultation", consultation.clone()),
                    ("process", text(self.process)),
                    ("at", text(&at.to_string())),
                ],
            ),
            format!(
                "{}\n{}",
                lang.t_args("email-receipt-code", &[("code", code.clone())]),
                lang.t("email-receipt-keep")
            ),
            lang.t_args(
                "email-receipt-edit",
                &[(
                    "until",
                    text(&Moment::new(self.editable_until, self.zone).to_string()),
                )],
            ),
            lang.t("email-receipt-copy"),
        ];
        body.extend(self.questions.iter().map(|q| {
            let values = answer_values(sheet.answers.get(&q.id));
            let shown = if values.is_empty() {
                vec![lang.t("email-no-answer")]
            } else {
                values
            };
            let indented: Vec<String> = shown
                .iter()
                .flat_map(|value| value.lines())
                .map(|line| format!("   {line}"))
                .collect();
            format!("{}\n{}", question_label(q), indented.join("\n"))
        }));
        Letter {
            recipient: self.recipient.to_owned(),
            subject: lang.t_args(
                "email-receipt-subject",
                &[("code", code), ("consultation", consultation)],
            ),
            body: signed(lang, &body),
            lang: lang.code().to_owned(),
        }
    }
}

/// The reminder of a draft, in the language of its answers when the interface has it
/// (English otherwise).
pub(crate) fn reminder(due: &DueReminder) -> Letter {
    let lang = Lang::from_tag(&due.lang).unwrap_or(Lang::EN);
    let text = |s: &str| FluentValue::from(s.to_owned());
    let consultation = consultation_title(lang, &due.title);
    let closes = text(&Moment::new(due.closes_at, &due.display_zone).to_string());
    let body = [
        lang.t_args(
            "email-reminder-intro",
            &[
                ("consultation", text(&consultation)),
                ("process", text(&due.process_title)),
            ],
        ),
        lang.t_args("email-reminder-deadline", &[("closes", closes.clone())]),
    ];
    Letter {
        recipient: due.email.clone(),
        subject: lang.t_args(
            "email-reminder-subject",
            &[("consultation", text(&consultation)), ("closes", closes)],
        ),
        body: signed(lang, &body),
        lang: lang.code().to_owned(),
    }
}

/// Paragraphs, then the signature (after the conventional `-- ` line).
fn signed(lang: Lang, paragraphs: &[String]) -> String {
    format!(
        "{}\n\n-- \n{}\n",
        paragraphs.join("\n\n"),
        lang.t("email-footer")
    )
}

/// The letter telling a proposer what the committee decided on their proposal, in the
/// language the proposal is written in when the interface has it (English otherwise): the
/// proposer's own language as far as Agora knows it.
pub(crate) fn decision(
    recipient: &str,
    proposal: &Proposal,
    decision: Decision,
    loaded: &LoadedCall,
) -> Letter {
    let written_in =
        agora_text::language::detect(&format!("{}\n{}", proposal.title, proposal.description));
    let lang = Lang::from_tag(written_in.code()).unwrap_or(Lang::EN);
    let text = |s: &str| FluentValue::from(s.to_owned());
    let args = [
        ("title", text(&proposal.title)),
        ("call", text(&loaded.phase.title)),
        ("process", text(&loaded.process.title)),
    ];
    let (subject, body) = match decision {
        Decision::Accepted => ("email-accepted-subject", "email-accepted-body"),
        Decision::Declined => ("email-declined-subject", "email-declined-body"),
    };
    Letter {
        recipient: recipient.to_owned(),
        subject: lang.t_args(subject, &args),
        body: signed(lang, &[lang.t_args(body, &args)]),
        lang: lang.code().to_owned(),
    }
}
