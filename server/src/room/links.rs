//! The lifecycle of a meeting's three links (chair, deputy chair, participant): a rotated key
//! stops at once, and all stop the configured lifetime after the meeting ended; the connections that came in with a key that
//! stopped are told why (`bad_key`) and closed.

use super::keys::{same_key, MeetingKeys};
use super::{now_ms, Room};
use shared::Millis;
use tokio::sync::watch;

/// What a connection whose key was rotated hears before it is closed (`bad_key`).
const KEY_ROTATED: &str =
    "this link was replaced with a new one and no longer works; ask the coordinator for the new link";
/// What a key hears once the meeting's links have expired (`bad_key`).
pub(super) const LINK_EXPIRED: &str =
    "this link has expired: the meeting ended and its links work only for a while after; \
     the coordinator can still export the minutes";

impl Room {
    /// When the meeting's keys stop working: the configured lifetime after the
    /// meeting ended or was cancelled; `None` while it has not ended.
    pub(super) fn links_expire_at(&self) -> Option<Millis> {
        let lifetime =
            Millis::try_from(self.config.link_lifetime.as_millis()).unwrap_or(Millis::MAX);
        self.state.ended_at.map(|end| end.saturating_add(lifetime))
    }

    /// Closes every connection of every key once the links' lifetime has run out.
    pub(super) fn expire_links(&mut self) {
        if self.links_expired || self.links_expire_at().is_none_or(|at| at > now_ms()) {
            return;
        }
        self.links_expired = true;
        self.chair_revoke.send_replace(Some(LINK_EXPIRED));
        self.participant_revoke.send_replace(Some(LINK_EXPIRED));
        self.deputy_revoke.send_replace(Some(LINK_EXPIRED));
        tracing::info!(meeting = %self.id, "meeting links expired; their connections closed");
    }

    /// Takes the keys as now stored; a key that changed stops at once, and the connections
    /// that came in with it are told to close.
    pub(super) fn keys_changed(&mut self, keys: MeetingKeys) {
        let MeetingKeys {
            chair: chair_key,
            participant: participant_key,
            deputy: deputy_key,
        } = keys;
        if !same_key(&chair_key, &self.chair_key) {
            self.chair_key = chair_key;
            std::mem::replace(&mut self.chair_revoke, watch::Sender::new(None))
                .send_replace(Some(KEY_ROTATED));
            tracing::info!(meeting = %self.id, role = "chair", "key rotated; its connections closed");
        }
        if !same_key(&participant_key, &self.participant_key) {
            self.participant_key = participant_key;
            std::mem::replace(&mut self.participant_revoke, watch::Sender::new(None))
                .send_replace(Some(KEY_ROTATED));
            tracing::info!(meeting = %self.id, role = "participant", "key rotated; its connections closed");
        }
        if !same_key(&deputy_key, &self.deputy_key) {
            self.deputy_key = deputy_key;
            std::mem::replace(&mut self.deputy_revoke, watch::Sender::new(None))
                .send_replace(Some(KEY_ROTATED));
            tracing::info!(meeting = %self.id, role = "deputy", "key rotated; its connections closed");
        }
    }
}
