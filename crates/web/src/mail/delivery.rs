//! Emptying the outbox: claim the due messages oldest first, send each through SMTP (or, with
//! email off, write it to the log), record the outcome. A failed try is retried with a
//! growing delay, up to [`MAX_ATTEMPTS`] tries over about six hours; a message the server
//! refuses for good (a 5xx answer, a malformed address) is given up at once.

use agora_store::{Delivery, Outcome, Outgoing, StoreError};
use jiff::SignedDuration;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::AppState;

/// Tries before a message is given up: the delays between them add up to about six hours
/// (1, 2, 4, 8, 16, 32, then 60 minutes).
pub const MAX_ATTEMPTS: u32 = 12;

/// Messages claimed (and their outcomes recorded) at a time.
const BATCH: u32 = 50;

/// How long a claim keeps other workers off a message: longer than a batch of sends takes
/// (each SMTP command times out after 30 s, and a failure ends the batch).
const LEASE: SignedDuration = SignedDuration::from_mins(15);

/// The delay before the next try, after `attempts` tries.
fn backoff(attempts: u32) -> SignedDuration {
    let minutes = 1_i64 << attempts.saturating_sub(1).min(6);
    SignedDuration::from_mins(minutes.min(60))
}

/// Why a try failed, and whether trying again could help.
struct Failure {
    error: String,
    permanent: bool,
}

/// Delivers the outbox with the app's mail settings and clock.
pub struct Postman {
    state: AppState,
    /// The SMTP server and sender; None when email is off.
    smtp: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
}

impl Postman {
    /// A postman for the app's settings; with SMTP on, it holds a pool of connections to the
    /// server (so it must be made inside a Tokio runtime).
    pub fn new(state: &AppState) -> Postman {
        let smtp = state
            .config
            .mail
            .smtp
            .as_ref()
            .map(|smtp| (smtp.transport(), smtp.from.clone()));
        Postman {
            state: state.clone(),
            smtp,
        }
    }

    /// Delivers every message due now (by the app's clock); returns how many left. Outcomes
    /// are recorded a batch at a time. A failure that may pass (the server unreachable, a 4xx
    /// answer) postpones the rest of its batch and ends the round.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        let store = &self.state.store;
        let now = (self.state.clock)();
        let mut delivered = 0;
        loop {
            let batch = store.claim_mail(now, now + LEASE, BATCH).await?;
            let mut outcomes = Vec::with_capacity(batch.len());
            let mut halted: Option<String> = None;
            for message in &batch {
                let outcome = if let Some(error) = &halted {
                    self.retry(
                        message,
                        format!("not tried after an earlier failure: {error}"),
                    )
                } else {
                    match self.deliver(message).await {
                        Ok(how) => {
                            delivered += 1;
                            let at = (self.state.clock)();
                            Outcome::Delivered {
                                id: message.id,
                                how,
                                at,
                            }
                        }
                        Err(failure) => {
                            tracing::warn!(
                                id = %message.id,
                                recipient = %message.letter.recipient,
                                attempts = message.attempts,
                                error = %failure.error,
                                "email not delivered"
                            );
                            if failure.permanent || message.attempts >= MAX_ATTEMPTS {
                                Outcome::GaveUp {
                                    id: message.id,
                                    error: failure.error,
                                }
                            } else {
                                halted = Some(failure.error.clone());
                                self.retry(message, failure.error)
                            }
                        }
                    }
                };
                outcomes.push(outcome);
            }
            store.record_outcomes(&outcomes).await?;
            if halted.is_some() || batch.len() < BATCH as usize {
                return Ok(delivered);
            }
        }
    }

    /// Another try of `message` after the backoff its tries so far call for.
    fn retry(&self, message: &Outgoing, error: String) -> Outcome {
        Outcome::Retry {
            id: message.id,
            error,
            retry_at: (self.state.clock)() + backoff(message.attempts),
        }
    }

    async fn deliver(&self, message: &Outgoing) -> Result<Delivery, Failure> {
        let letter = &message.letter;
        let Some((transport, from)) = &self.smtp else {
            tracing::info!(
                kind = message.kind.code(),
                recipient = %letter.recipient,
                subject = %letter.subject,
                body = %letter.body,
                "email is off: message written to the log instead"
            );
            return Ok(Delivery::Log);
        };
        let permanent = |error: String| Failure {
            error,
            permanent: true,
        };
        let to: Mailbox = letter
            .recipient
            .parse()
            .map_err(|e| permanent(format!("bad recipient {:?}: {e}", letter.recipient)))?;
        let email = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(letter.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(letter.lang.clone()))
            .header(AutoSubmitted)
            .body(letter.body.clone())
            .map_err(|e| permanent(format!("cannot build the message: {e}")))?;
        transport
            .send(email)
            .await
            .map(|_| Delivery::Smtp)
            .map_err(|e| Failure {
                error: e.to_string(),
                permanent: e.is_permanent(),
            })
    }
}

/// `Content-Language`: the language the message is written in, for mail clients and screen
/// readers.
#[derive(Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(value.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation replies to a robot.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_and_end_after_about_six_hours() {
        let delays: Vec<i64> = (1..MAX_ATTEMPTS).map(|n| backoff(n).as_mins()).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]);
        let total: i64 = delays.iter().sum();
        assert!((5 * 60..=7 * 60).contains(&total), "{total} minutes");
    }
}
