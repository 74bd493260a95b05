//! Email: receipts when a sheet is submitted, and reminders before a consultation closes.
//!
//! Messages are rendered in the reader's language and queued in the store's outbox — a
//! receipt in the very transaction that saves the submitted sheet — then delivered by a
//! background worker through SMTP ([`MailConfig`]). With no SMTP server configured, email is
//! off: the worker writes each message to the log instead, and the pages say that no email
//! will be sent.

mod config;
mod delivery;
pub(crate) mod letters;
mod reminders;

use std::time::Duration;

pub use config::{
    DEFAULT_REMINDER_HOURS, FROM_VAR, MailConfig, MailFile, REMINDER_HOURS_VAR, SMTP_URL_VAR,
    SettingError,
};
pub use delivery::{MAX_ATTEMPTS, Postman};
pub(crate) use letters::ReceiptLetter;
pub use reminders::queue_reminders;

use crate::{AppState, Lang};

/// How often the worker looks at the outbox when nothing wakes it (retries come due, another
/// instance queued something).
const DELIVERY_POLL: Duration = Duration::from_secs(10);

/// How often reminders are looked for.
const REMINDER_POLL: Duration = Duration::from_secs(60);

/// Starts the delivery worker and the reminder task (for `agora serve`).
pub fn spawn_workers(state: &AppState) {
    let postman = Postman::new(state);
    let waker = state.clone();
    tokio::spawn(async move {
        loop {
            if let Err(error) = postman.deliver_due().await {
                tracing::warn!(%error, "cannot read or update the outbox");
            }
            tokio::select! {
                () = waker.outbox.notified() => {}
                () = tokio::time::sleep(DELIVERY_POLL) => {}
            }
        }
    });
    let state = state.clone();
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(REMINDER_POLL);
        loop {
            every_minute.tick().await;
            match queue_reminders(&state).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "deadline reminders queued"),
                Err(error) => tracing::warn!(%error, "cannot queue deadline reminders"),
            }
        }
    });
}

/// What the answer and receipt pages say about email to the person signed in as `email`:
/// message `sent_to` (naming their address) when email is on, that it is off otherwise.
pub(crate) fn note(config: &MailConfig, lang: Lang, email: &str, sent_to: &str) -> String {
    if config.is_on() && !email.is_empty() {
        lang.t_args(sent_to, &[("email", email.to_owned().into())])
    } else {
        lang.t("email-off-note")
    }
}
