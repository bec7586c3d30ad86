//! Live delivery of agenda changes to viewers (server only).
//!
//! One [`LiveHub`] per process keeps, per session that has viewers, a bounded broadcast
//! channel of serialised [`LiveMessage`]s. A change is serialised once and shared by every
//! viewer. A viewer that falls behind by more than the channel holds is dropped (its
//! receiver lags): it never slows the others, and on reconnecting it catches up from the
//! sequence number it last saw.
//!
//! Who triggers a fan-out: on SQLite (one process), the writer, right after its commit
//! ([`LiveHub::changed`]). On PostgreSQL every process, the writer included, LISTENs on
//! [`NOTIFY_CHANNEL`]; the notification (the session id only) leaves with the commit and
//! each process reads the new events from the database, so processes share nothing else.

use super::{
    LiveMessage,
    public::{NOTIFY_CHANNEL, event_item_ids, events_after, items, items_among, last_seq},
};
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr};
use std::{
    collections::{BTreeSet, HashMap},
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::broadcast;

/// Messages a viewer may fall behind by before it is dropped.
pub const VIEWER_BUFFER: usize = 32;
/// Events read at most for one catch-up; further behind, the viewer gets the whole agenda.
const CATCH_UP_LIMIT: u64 = 500;

/// One change, serialised once for all viewers.
#[derive(Debug)]
pub struct Delivery {
    /// Its sequence number.
    pub seq: i64,
    /// The [`LiveMessage`] as JSON.
    pub json: String,
}

struct Channel {
    sender: broadcast::Sender<Arc<Delivery>>,
    /// Last sequence number sent; the lock also keeps fan-outs of a session in order.
    last: Arc<tokio::sync::Mutex<i64>>,
}

struct Inner {
    db: DatabaseConnection,
    channels: Mutex<HashMap<i32, Channel>>,
    postgres: bool,
    /// Counts the public agenda changes this process has heard of (any session).
    generation: std::sync::atomic::AtomicU64,
    /// PostgreSQL: whether this process LISTENs for changes (always true on SQLite).
    listening: tokio::sync::watch::Sender<bool>,
}

/// The process's live hub; cheap to clone.
#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("postgres", &self.inner.postgres)
            .finish_non_exhaustive()
    }
}

impl LiveHub {
    /// A hub over `db`; on PostgreSQL it starts listening for other processes' changes
    /// (needs a Tokio runtime).
    pub fn new(db: DatabaseConnection) -> LiveHub {
        let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
        let hub = LiveHub {
            inner: Arc::new(Inner {
                db,
                channels: Mutex::new(HashMap::new()),
                postgres,
                generation: std::sync::atomic::AtomicU64::new(0),
                listening: tokio::sync::watch::Sender::new(!postgres),
            }),
        };
        if postgres {
            tokio::spawn(listen(hub.clone()));
        }
        hub
    }

    /// Returns once this process hears every process's changes (at once on SQLite; on
    /// PostgreSQL once its LISTEN is in place), or after `limit`; says which.
    pub async fn ready(&self, limit: Duration) -> bool {
        let mut listening = self.inner.listening.subscribe();
        tokio::time::timeout(limit, listening.wait_for(|on| *on))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// A number that changes whenever this process hears of a change of any public
    /// agenda: what was rendered before it changed is out of date.
    pub fn generation(&self) -> u64 {
        self.inner
            .generation
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Viewers connected to this process, over all sessions.
    pub fn viewers(&self) -> usize {
        self.channels()
            .values()
            .map(|c| c.sender.receiver_count())
            .sum()
    }

    fn channels(&self) -> std::sync::MutexGuard<'_, HashMap<i32, Channel>> {
        // A panic while holding this lock cannot leave the map inconsistent.
        self.inner
            .channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Subscribes to a session's changes after the current last one.
    pub async fn subscribe(
        &self,
        session_id: i32,
    ) -> Result<broadcast::Receiver<Arc<Delivery>>, DbErr> {
        if let Some(channel) = self.channels().get(&session_id) {
            return Ok(channel.sender.subscribe());
        }
        let last = last_seq(&self.inner.db, session_id).await?;
        let mut channels = self.channels();
        let channel = channels.entry(session_id).or_insert_with(|| Channel {
            sender: broadcast::channel(VIEWER_BUFFER).0,
            last: Arc::new(tokio::sync::Mutex::new(last)),
        });
        Ok(channel.sender.subscribe())
    }

    /// Call after committing a change of `session_id`'s public agenda. On SQLite it fans
    /// the change out now; on PostgreSQL the notification does (in every process).
    pub async fn changed(&self, session_id: i32) {
        if !self.inner.postgres {
            self.fan_out(session_id).await;
        }
    }

    /// Sends viewers of `session_id` everything numbered since the last message.
    async fn fan_out(&self, session_id: i32) {
        self.inner
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        let (sender, last) = {
            let mut channels = self.channels();
            let Some(channel) = channels.get(&session_id) else {
                return;
            };
            if channel.sender.receiver_count() == 0 {
                // Nobody watches: forget the channel; the next viewer starts afresh.
                channels.remove(&session_id);
                return;
            }
            (channel.sender.clone(), channel.last.clone())
        };
        let mut last = last.lock().await;
        match catch_up(&self.inner.db, session_id, Some(*last)).await {
            Ok(Some(message)) => {
                *last = message.seq;
                match serde_json::to_string(&message) {
                    Ok(json) => {
                        // No receiver left is not an error: they all went away.
                        let _ = sender.send(Arc::new(Delivery {
                            seq: message.seq,
                            json,
                        }));
                    }
                    Err(error) => tracing::error!(%error, "cannot serialise a live message"),
                }
            }
            Ok(None) => {}
            Err(error) => tracing::error!(session_id, %error, "cannot read agenda events"),
        }
    }

    async fn fan_out_all(&self) {
        self.inner
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        let sessions: Vec<i32> = self.channels().keys().copied().collect();
        for session_id in sessions {
            self.fan_out(session_id).await;
        }
    }
}

/// What a viewer that last saw `since` has missed: `None` if nothing; the whole agenda
/// (`reset`) if it has nothing (`None`), comes from another database (ahead of the last
/// event) or is too far behind; otherwise the touched items as they now are, and those gone.
pub async fn catch_up(
    db: &DatabaseConnection,
    session_id: i32,
    since: Option<i64>,
) -> Result<Option<LiveMessage>, DbErr> {
    let since = since.unwrap_or(-1);
    let events = events_after(db, session_id, since.max(0), CATCH_UP_LIMIT).await?;
    let at_ms = |events: &[crate::entities::agenda_event::Model]| {
        events.last().map_or(0, |e| e.created_at.timestamp_millis())
    };
    let last = last_seq(db, session_id).await?;
    let whole = since < 0 || since > last || events.len() as u64 >= CATCH_UP_LIMIT;
    if whole {
        return Ok(Some(LiveMessage {
            seq: last,
            items: items(db, session_id).await?,
            removed: Vec::new(),
            reset: true,
            at_ms: at_ms(&events),
        }));
    }
    let Some(newest) = events.last() else {
        return Ok(None);
    };
    let touched: BTreeSet<i32> = events.iter().flat_map(event_item_ids).collect();
    let touched: Vec<i32> = touched.into_iter().collect();
    let items = items_among(db, &touched).await?;
    let removed = touched
        .iter()
        .copied()
        .filter(|id| !items.iter().any(|i| i.id == *id))
        .collect();
    Ok(Some(LiveMessage {
        seq: i64::from(newest.id),
        items,
        removed,
        reset: false,
        at_ms: newest.created_at.timestamp_millis(),
    }))
}

/// PostgreSQL: hears every process's agenda changes and fans them out here. Reconnects
/// after a lost connection, then fans out every watched session in case it missed one.
async fn listen(hub: LiveHub) {
    // Only spawned on PostgreSQL, where this cannot panic.
    let pool = hub.inner.db.get_postgres_connection_pool().clone();
    let mut retry = Duration::from_millis(200);
    loop {
        match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(NOTIFY_CHANNEL).await {
                Ok(()) => {
                    retry = Duration::from_millis(200);
                    hub.fan_out_all().await;
                    hub.inner.listening.send_replace(true);
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(notification)) => match notification.payload().parse() {
                                Ok(session_id) => hub.fan_out(session_id).await,
                                Err(_) => tracing::warn!(
                                    payload = notification.payload(),
                                    "unexpected agenda notification"
                                ),
                            },
                            // The connection dropped; the next call reconnects. Changes
                            // notified meanwhile are in the database: fan out from there.
                            Ok(None) => {
                                tracing::warn!("agenda notifications reconnecting");
                                hub.fan_out_all().await;
                            }
                            Err(error) => {
                                tracing::warn!(%error, "agenda notifications interrupted");
                                hub.inner.listening.send_replace(false);
                                break;
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "cannot LISTEN for agenda changes"),
            },
            Err(error) => tracing::warn!(%error, "cannot connect to hear agenda changes"),
        }
        tokio::time::sleep(retry).await;
        retry = (retry * 2).min(Duration::from_secs(10));
    }
}
