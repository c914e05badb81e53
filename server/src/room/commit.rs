//! [`Room::commit`]: the one way a change happens. The events are appended to the log with
//! their side effects and the room waits for the commit; only then are they applied,
//! serialized once and broadcast as the same bytes to every connection. A write that fails
//! changes nothing anywhere.
//!
//! A redaction (`item_redacted`) also rewrites the stored log: the item's earlier events and
//! its carry-over copies lose their text in the same transaction as the event
//! ([`crate::db::log_writer::SideEffect::Redact`]), the room's in-memory copy of the log (what
//! reconnecting clients replay) is rewritten the same way, and the item it was carried over
//! from, or to, is redacted in its own meeting by that meeting's room ([`super::Relay`]).

use super::{Relay, Room, ServerText};
use crate::db::events::EventRow;
use crate::db::log_writer::SideEffect;
use axum::extract::ws::Utf8Bytes;
use shared::ids::ItemId;
use shared::protocol::ErrorCode;
use shared::room::{Event, EventKind, Refusal};
use shared::Millis;
use std::time::Duration;
use tokio::time::Instant;

/// The first wait after a failed write, and the longest.
const STORAGE_RETRY_FIRST: Duration = Duration::from_millis(250);
const STORAGE_RETRY_MAX: Duration = Duration::from_secs(10);

/// An `event` message around an event already serialized.
pub(super) fn event_frame(epoch_json: &str, body: &str) -> Utf8Bytes {
    Utf8Bytes::from(format!(
        r#"{{"type":"event","epoch":{epoch_json},"event":{body}}}"#
    ))
}

impl Room {
    /// Persists, applies and broadcasts `kinds`; returns the last sequence number (`None`
    /// when there was nothing to record).
    pub(super) async fn commit(
        &mut self,
        kinds: Vec<EventKind>,
        at: Millis,
    ) -> Result<Option<u64>, Refusal> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let mut rows = Vec::with_capacity(kinds.len());
        let mut staged = Vec::with_capacity(kinds.len());
        for (i, kind) in kinds.into_iter().enumerate() {
            let event = Event {
                seq: self.seq + 1 + i as u64,
                at,
                kind,
            };
            let body = serde_json::to_string(&event).expect("event serializes");
            rows.push(EventRow {
                seq: event.seq,
                at,
                kind: event.kind.name(),
                body: body.clone(),
            });
            staged.push((event, body));
        }
        let events: Vec<&Event> = staged.iter().map(|(e, _)| e).collect();
        let side = self.side_effects(&events);
        let redacted: Vec<ItemId> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::ItemRedacted { item } => Some(item.clone()),
                _ => None,
            })
            .collect();
        let meeting_closed = side
            .iter()
            .any(|s| matches!(s, SideEffect::Ended { .. } | SideEffect::Cancelled { .. }));
        if let Err(e) = self.writer.append(self.id.clone(), rows, side).await {
            if e.is_conflict() {
                // The log holds this seq already: another node ran the meeting meanwhile (its
                // lock was lost and taken). This copy is stale: stop, and the next connection
                // loads the meeting from the log wherever it runs now.
                tracing::warn!(meeting = %self.id, seq = self.seq + 1, "the stored log moved on without this room; reloading it");
                self.stop.cancel();
                return Err(Refusal::new(
                    ErrorCode::StorageUnavailable,
                    "the meeting is being reloaded, so nothing changed; try again in a moment",
                ));
            }
            // Nothing was applied or sent: the state, the seq and every client stay as they
            // were, and the clock's own commits back off (see `next_wake`).
            let wait = self
                .storage_retry
                .map_or(STORAGE_RETRY_FIRST, |(_, w)| (w * 2).min(STORAGE_RETRY_MAX));
            self.storage_retry = Some((Instant::now() + wait, wait));
            tracing::error!(meeting = %self.id, error = %e, retry_ms = wait.as_millis() as u64, "event log append failed; change refused");
            return Err(Refusal::new(
                ErrorCode::StorageUnavailable,
                "the change could not be saved right now, so nothing changed; try again in a moment",
            ));
        }
        if self.storage_retry.take().is_some() {
            tracing::info!(meeting = %self.id, "event log writes succeed again");
        }
        for (event, body) in staged {
            self.state.apply(&event);
            self.seq = event.seq;
            tracing::debug!(meeting = %self.id, seq = event.seq, kind = event.kind.name(), "event");
            let frame = ServerText {
                seq: event.seq,
                text: event_frame(&self.epoch_json, &body),
            };
            // (Nobody connected is fine.)
            self.events.send(&frame);
            self.log.push(frame);
        }
        self.snapshot = None;
        if meeting_closed {
            self.hand_over_carry_overs();
        }
        for item in redacted {
            self.redact_frames(&item);
            self.redact_linked(item);
        }
        Ok(Some(self.seq))
    }

    /// After a redaction: the in-memory copy of the log (replayed to reconnecting clients)
    /// loses the item's text as the stored log did.
    fn redact_frames(&mut self, item: &ItemId) {
        let prefix = format!(r#"{{"type":"event","epoch":{},"event":"#, self.epoch_json);
        for frame in &mut self.log {
            let Some(body) = frame
                .text
                .as_str()
                .strip_prefix(prefix.as_str())
                .and_then(|b| b.strip_suffix('}'))
            else {
                continue;
            };
            let Ok(mut event) = serde_json::from_str::<Event>(body) else {
                continue;
            };
            if event.kind.redact_item(item) {
                let body = serde_json::to_string(&event).expect("event serializes");
                frame.text = event_frame(&self.epoch_json, &body);
            }
        }
    }

    /// After a redaction: the same matter in the centre's other meetings (where it came from,
    /// where it went) is redacted there too, each in its own meeting's log, by its own room.
    fn redact_linked(&self, item: ItemId) {
        let relay = self.relay.clone();
        if let Some(c) = self.state.item(&item).and_then(|i| i.carried_over.as_ref()) {
            let _ = relay.send(Relay::Redact {
                meeting: c.from_meeting.clone(),
                item: Some(c.from_item.clone()),
                from: None,
            });
        }
        let (db, me) = (self.db.clone(), self.id.clone());
        tokio::spawn(async move {
            let (source, it) = (me.clone(), item.clone());
            let targets = db
                .call(move |conn| crate::db::carry_overs::targets_of(conn, &source, &it))
                .await
                .unwrap_or_default();
            for target in targets {
                let _ = relay.send(Relay::Redact {
                    meeting: target,
                    item: None,
                    from: Some((me.clone(), item.clone())),
                });
            }
        });
    }
}
