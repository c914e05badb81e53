//! Notices between nodes: PostgreSQL's LISTEN/NOTIFY on the channel `ppt_hub`.
//!
//! A notice says *what* changed (a centre, a meeting's keys), never the new value: the node
//! that gets it reads the store, so a notice is small, carries no text of a meeting, and one
//! that is lost costs only freshness. After the listening session is re-opened (notices may
//! have been missed meanwhile) the node gets [`Notice::Resync`] and refreshes every live room.

use crate::db::sql::pg::PgStore;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use shared::ids::{CentreId, ItemId, MeetingId};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The NOTIFY channel.
const CHANNEL: &str = "ppt_hub";

/// What changed, for the rooms of the other nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// A centre's allowlist, catalogue or agenda lead changed.
    CentreChanged { centre: CentreId },
    /// A centre's theme clock changed.
    ThemeClockChanged { centre: CentreId },
    /// A meeting's keys were rotated: the room that runs it drops the old ones.
    KeysChanged { meeting: MeetingId },
    /// A room asks the room of `meeting` to redact the item linked by carry-over to one
    /// redacted there (`room::Relay::Redact`).
    Redact {
        meeting: MeetingId,
        item: Option<ItemId>,
        from: Option<(MeetingId, ItemId)>,
    },
    /// Carry-overs wait for `meeting`: its room claims them.
    ClaimCarryOvers { meeting: MeetingId },
    /// (Local only.) Notices may have been missed: refresh every live room from the store.
    Resync,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    node: String,
    #[serde(flatten)]
    notice: Notice,
}

/// Starts the sender and the listener; returns where to put notices to send.
pub(super) fn start(
    pg: PgStore,
    node: Arc<str>,
    incoming: mpsc::UnboundedSender<Notice>,
    shutdown: CancellationToken,
) -> mpsc::UnboundedSender<Notice> {
    let (tx, rx) = mpsc::unbounded_channel();
    let rt = pg.runtime().handle().clone();
    rt.spawn(send(pg.clone(), node.clone(), rx, shutdown.clone()));
    rt.spawn(listen(pg, node, incoming, shutdown));
    tx
}

/// Sends notices in order on a session of its own, reconnecting when it breaks.
async fn send(
    pg: PgStore,
    node: Arc<str>,
    mut rx: mpsc::UnboundedReceiver<Notice>,
    shutdown: CancellationToken,
) {
    let mut client: Option<tokio_postgres::Client> = None;
    loop {
        let notice = tokio::select! {
            n = rx.recv() => match n { Some(n) => n, None => return },
            _ = shutdown.cancelled() => return,
        };
        let payload = serde_json::to_string(&Envelope {
            node: node.to_string(),
            notice,
        })
        .expect("notice serializes");
        for attempt in 0..3 {
            if client.as_ref().is_none_or(|c| c.is_closed()) {
                match pg.session().await {
                    Ok((c, conn)) => {
                        tokio::spawn(conn);
                        client = Some(c);
                    }
                    Err(e) => {
                        tracing::warn!(error = %crate::db::DbError::from(e), "notice session not opened");
                        tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
                        continue;
                    }
                }
            }
            let c = client.as_ref().expect("connected above");
            match c
                .execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])
                .await
            {
                Ok(_) => break,
                Err(e) => {
                    tracing::warn!(error = %crate::db::DbError::from(e), "notice not sent");
                    client = None;
                }
            }
        }
    }
}

/// Follows the channel, handing other nodes' notices on; re-opens the session when it
/// breaks (and then asks for a resync).
async fn listen(
    pg: PgStore,
    node: Arc<str>,
    incoming: mpsc::UnboundedSender<Notice>,
    shutdown: CancellationToken,
) {
    let mut first = true;
    let mut pause = Duration::from_millis(200);
    while !shutdown.is_cancelled() {
        let (client, mut connection) = match pg.session().await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %crate::db::DbError::from(e), "notice listener not connected; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {},
                    _ = shutdown.cancelled() => return,
                }
                pause = (pause * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        let (msgs_tx, mut msgs) = mpsc::unbounded_channel();
        let driver = tokio::spawn(async move {
            let mut stream = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
            while let Some(m) = stream.next().await {
                match m {
                    Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                        let _ = msgs_tx.send(n.payload().to_owned());
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let e = crate::db::DbError::from(e);
                        tracing::warn!(error = %e, "notice listener lost its session");
                        break;
                    }
                }
            }
        });
        if let Err(e) = client.batch_execute(&format!("LISTEN {CHANNEL}")).await {
            tracing::warn!(error = %crate::db::DbError::from(e), "LISTEN failed");
            driver.abort();
            continue;
        }
        pause = Duration::from_millis(200);
        if !first {
            let _ = incoming.send(Notice::Resync);
        }
        first = false;
        loop {
            let payload = tokio::select! {
                p = msgs.recv() => match p { Some(p) => p, None => break },
                _ = shutdown.cancelled() => { driver.abort(); return; }
            };
            match serde_json::from_str::<Envelope>(&payload) {
                Ok(e) if *e.node == *node => {}
                Ok(e) => {
                    let _ = incoming.send(e.notice);
                }
                Err(e) => tracing::warn!(error = %e, "a notice that does not parse"),
            }
        }
        drop(client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_names_what_changed_and_its_node() {
        let e = Envelope {
            node: "n1".into(),
            notice: Notice::KeysChanged {
                meeting: MeetingId("m1".into()),
            },
        };
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(
            text,
            r#"{"node":"n1","notice":"keys_changed","meeting":"m1"}"#
        );
        let back: Envelope = serde_json::from_str(&text).unwrap();
        assert_eq!(back.notice, e.notice);
    }
}
