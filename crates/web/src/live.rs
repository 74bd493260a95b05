//! Live speaker queues: the fan-out of a queue's changes to every page that watches it.
//!
//! Each meeting that has watchers has a hub: a `tokio::sync::watch` channel holding the latest
//! [`Snapshot`] of its queue (read once from the store, shared by every watcher). A handler that
//! changed a queue calls [`LiveQueues::refresh`] after the commit; and while a hub has watchers,
//! a task polls the queue's version four times a second, so that changes made by another instance
//! (several instances share one PostgreSQL database) reach this instance's watchers too. A watch
//! channel keeps only the latest value: a watcher that falls behind skips to the newest state
//! instead of queueing stale ones. The hub and its task go away with the last watcher.
//!
//! Watchers render the snapshot into the queue's HTML fragment in their language and view
//! (moderator or not); a snapshot renders each (language, view) once and keeps it, so a
//! thousand watchers of one change cost a handful of renders.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_core::meeting::Meeting;
use agora_store::QueueState;
use jiff::Timestamp;
use tokio::sync::watch;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;

/// How often an instance looks for changes made elsewhere: a change made through another
/// instance reaches this one's watchers within this (plus a read and a render). One indexed
/// row read per watched meeting and interval is cheap; at a second, watchers of the other
/// instance waited up to a second (p99 1.02 s in `queue-load --instances 2`).
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// A queue as read at one instant, and its renderings.
pub struct Snapshot {
    pub meeting: Meeting,
    pub state: QueueState,
    /// The deployment's stakeholder groups, in order (for speaking time).
    pub groups: Vec<String>,
    /// When it was read: the current turn's time counts up to here.
    pub at: Timestamp,
    rendered: Mutex<HashMap<(&'static str, bool), Arc<str>>>,
}

impl Snapshot {
    /// Reads a meeting (its agenda may have changed) and its queue now.
    pub async fn load(state: &AppState, meeting_id: Uuid) -> Result<Snapshot, AppError> {
        let meeting = state
            .store
            .meeting(meeting_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let queue = state.store.queue(meeting.id).await?;
        let groups = state.store.stakeholder_groups().await?.codes().to_vec();
        Ok(Snapshot {
            meeting,
            state: queue,
            groups,
            at: (state.clock)(),
            rendered: Mutex::default(),
        })
    }

    /// The rendering for (`lang`, `moderator`), made by `render` the first time it is asked for.
    pub fn rendered(
        &self,
        lang: &'static str,
        moderator: bool,
        render: impl FnOnce(&Snapshot) -> Result<String, AppError>,
    ) -> Result<Arc<str>, AppError> {
        if let Some(html) = self.cache().get(&(lang, moderator)) {
            return Ok(html.clone());
        }
        let html: Arc<str> = render(self)?.into();
        self.cache().insert((lang, moderator), html.clone());
        Ok(html)
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<(&'static str, bool), Arc<str>>> {
        // A panic while rendering leaves nothing half-written in the map: keep using it.
        self.rendered.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Latest = Option<Arc<Snapshot>>;

/// The hubs of the meetings being watched on this instance.
pub struct LiveQueues {
    hubs: Mutex<HashMap<Uuid, Arc<watch::Sender<Latest>>>>,
    /// Set when the server stops: open event streams end, so a graceful shutdown does not
    /// wait for watchers who would never leave.
    closing: watch::Sender<bool>,
}

impl Default for LiveQueues {
    fn default() -> Self {
        LiveQueues {
            hubs: Mutex::default(),
            closing: watch::channel(false).0,
        }
    }
}

impl LiveQueues {
    /// Ends every event stream, now and from now on.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves when [`LiveQueues::close`] is called.
    pub fn closed(&self) -> impl Future<Output = ()> + Send + use<> {
        let mut closing = self.closing.subscribe();
        async move {
            // An error means the sender is gone, i.e. the server is gone: closed too.
            let _ = closing.wait_for(|closed| *closed).await;
        }
    }

    fn hubs(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Arc<watch::Sender<Latest>>>> {
        self.hubs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Watches a meeting's queue: the receiver holds the latest snapshot (None until the first
    /// is read) and wakes on every newer one.
    pub fn watch(&self, state: &AppState, meeting_id: Uuid) -> watch::Receiver<Latest> {
        let mut hubs = self.hubs();
        if let Some(hub) = hubs.get(&meeting_id) {
            return hub.subscribe();
        }
        let (sender, receiver) = watch::channel(None);
        let hub = Arc::new(sender);
        hubs.insert(meeting_id, hub.clone());
        tokio::spawn(poll(state.clone(), meeting_id, hub));
        receiver
    }

    /// Reads the queue and hands it to the watchers, if anyone watches and it is newer than
    /// what they have. Called after every committed change on this instance.
    pub async fn refresh(&self, state: &AppState, meeting_id: Uuid) -> Result<(), AppError> {
        let Some(hub) = self.hubs().get(&meeting_id).cloned() else {
            return Ok(());
        };
        publish(&hub, Snapshot::load(state, meeting_id).await?);
        Ok(())
    }
}

/// Replaces the hub's snapshot when `snapshot` is newer; two refreshes racing never go back.
fn publish(hub: &watch::Sender<Latest>, snapshot: Snapshot) {
    let version = snapshot.state.version;
    let snapshot = Arc::new(snapshot);
    hub.send_if_modified(|latest| match latest {
        Some(current) if current.state.version >= version => false,
        _ => {
            *latest = Some(snapshot);
            true
        }
    });
}

/// The hub's task: reads the first snapshot, then checks the version every [`POLL_INTERVAL`] while
/// anyone watches, and removes the hub when nobody does.
async fn poll(state: AppState, meeting_id: Uuid, hub: Arc<watch::Sender<Latest>>) {
    let mut ticks = tokio::time::interval(POLL_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        {
            let mut hubs = state.live.hubs();
            if hub.receiver_count() == 0 {
                hubs.remove(&meeting_id);
                return;
            }
        }
        let known = hub.borrow().as_ref().map(|s| s.state.version);
        let changed = match state.store.queue_version(meeting_id).await {
            Ok(version) => known != Some(version),
            Err(error) => {
                tracing::warn!(%error, meeting = %meeting_id, "cannot read the queue's version");
                false
            }
        };
        if changed {
            match Snapshot::load(&state, meeting_id).await {
                Ok(snapshot) => publish(&hub, snapshot),
                Err(error) => tracing::warn!(%error, "cannot read the queue"),
            }
        }
    }
}
