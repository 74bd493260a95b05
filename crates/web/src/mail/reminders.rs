//! Deadline reminders: for each consultation that closes within the configured delay (48 hours
//! by default), one message to every account whose answers there are still a draft. The
//! outbox's unique key makes it once per consultation, account and delay, however often this
//! runs and however many instances run it.

use agora_store::StoreError;
use jiff::SignedDuration;

use super::letters;
use crate::AppState;

/// Drafts read, and reminders queued, at a time.
const BATCH: u32 = 200;

/// Queues the reminders due now (by the app's clock); returns how many it queued.
pub async fn queue_reminders(state: &AppState) -> Result<usize, StoreError> {
    let hours = state.config.mail.reminder_hours;
    if hours == 0 {
        return Ok(0);
    }
    let label = format!("reminder-{hours}h");
    let now = (state.clock)();
    let until = now + SignedDuration::from_hours(i64::from(hours));
    let mut queued = 0;
    loop {
        let due = state.store.due_reminders(&label, now, until, BATCH).await?;
        let mut this_round = 0;
        for draft in &due {
            if state
                .store
                .queue_reminder(&label, draft, &letters::reminder(draft))
                .await?
            {
                this_round += 1;
            }
        }
        queued += this_round;
        // A short batch was the last; one that queued nothing would come back the same.
        if due.len() < BATCH as usize || this_round == 0 {
            break;
        }
    }
    if queued > 0 {
        state.mail_queued();
    }
    Ok(queued)
}
