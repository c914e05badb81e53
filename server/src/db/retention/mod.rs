//! Retention of case texts: the free text of a meeting that has ended is removed a set time
//! after its end (`--retain-days`, 90 by default), while every number the period reports need
//! stays.
//!
//! What goes ([`strip_event`]): item titles, summaries and questions (submitted, carried over
//! or edited), outcome advice and next steps (the item's own and its earlier turns'), and
//! participants' display names. A text that was there reads [`REDACTED_TEXT`] afterwards
//! (title, question, outcome texts) or nothing (summary, display name), so the minutes still
//! show that an item had a question or an outcome. What stays: kinds, themes, services
//! (wanted, presenting, to involve), statuses, times (allotted, used, overran), outcome
//! flags (recorded, follow-up), who was there by service, carry-over links, refused
//! identifier counts, and the meeting's own title, centre and service names (organisation
//! data a coordinator wrote, not case text).
//!
//! How ([`run`]): each due meeting's stored events are rewritten in one transaction — the
//! same way a redaction rewrites an item's events ([`super::events::redact`]) — its claimed
//! carry-over copies too, and the meeting row is marked (`texts_purged_at`, and
//! `texts_purged_seq`, the last event the purge covered). The meeting gets a new log epoch,
//! so a browser that knew the old history takes a fresh snapshot instead of keeping its copy.
//! `secure_delete` overwrites the old bytes and the WAL is truncated afterwards, as after a
//! redaction. A live room of the meeting is stopped by the server
//! ([`crate::upkeep::keep_texts_within_retention`]) so the next connection loads the purged
//! log.
//!
//! When a meeting "ended": when it was ended, or cancelled; a meeting nobody ended counts from
//! its scheduled end. A case still waiting in `carry_overs` for the centre's next meeting
//! (deferred, or a follow-up, not yet on an agenda) keeps its text until the next meeting
//! takes it; from then on it is that meeting's text, and the waiting copy is stripped by the
//! next pass.
//!
//! Modules: here the policy and what the minutes say ([`Retention`], [`status`]); [`strip`]
//! what a purge removes from an item or an event; [`purge`] the pass itself ([`run`]).

mod purge;
mod strip;

pub use purge::{purged_among, run, PurgeLine, PurgeReport};
pub use strip::{strip_event, strip_item};

use super::{settings, DbError};
use crate::db::sql::{Connection, OptionalExtension};
use shared::ids::MeetingId;
use shared::Millis;
use std::time::Duration;

/// The `settings` key under which the server records the retention it runs with, so the
/// minutes (also those the CLI exports) and `ppt-hub purge` use the same period.
pub const SETTING: &str = "text_retention_secs";

/// How long the texts of an ended meeting are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    ms: Millis,
}

impl Retention {
    /// The default: 90 days after the meeting's end.
    pub const DEFAULT_DAYS: u64 = 90;

    /// Keeps texts `days` days after the end (0: remove them at the next pass).
    pub fn days(days: u64) -> Retention {
        Retention::secs(days.saturating_mul(86_400))
    }

    /// Keeps texts `secs` seconds after the end (tests use seconds; people use days).
    pub fn secs(secs: u64) -> Retention {
        Retention {
            ms: i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX),
        }
    }

    /// The period in milliseconds.
    pub fn as_ms(self) -> Millis {
        self.ms
    }

    /// "90 days", or seconds when the period is not whole days (for the CLI's output).
    pub fn describe(self) -> String {
        let secs = self.ms / 1000;
        if secs % 86_400 == 0 {
            let days = secs / 86_400;
            format!("{days} day{}", if days == 1 { "" } else { "s" })
        } else {
            format!("{secs} s")
        }
    }
}

impl Default for Retention {
    fn default() -> Self {
        Retention::days(Retention::DEFAULT_DAYS)
    }
}

/// What the server runs: how long texts are kept and how often it looks for texts to remove.
#[derive(Clone, Copy, Debug)]
pub struct RetentionPolicy {
    /// How long texts are kept after a meeting's end.
    pub keep: Retention,
    /// Time between purge passes (hourly by default; a purge is due at most this late).
    pub every: Duration,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy {
            keep: Retention::default(),
            every: Duration::from_secs(3600),
        }
    }
}

/// Records the retention the server runs with (see [`SETTING`]).
pub fn store(conn: &Connection, keep: Retention) -> Result<(), DbError> {
    settings::set(conn, SETTING, &(keep.ms / 1000).to_string())
}

/// The retention the server last ran with, or the default when it never recorded one.
pub fn configured(conn: &Connection) -> Result<Retention, DbError> {
    Ok(settings::get(conn, SETTING)?
        .and_then(|v| v.parse::<u64>().ok())
        .map(Retention::secs)
        .unwrap_or_default())
}

/// What the minutes say about a meeting's texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextRetention {
    /// Until when the texts are kept (the end plus the retention), if the meeting has an end.
    pub kept_until: Option<Millis>,
    /// When the texts were removed, if they were.
    pub purged_at: Option<Millis>,
}

/// The retention state of one meeting, for its minutes.
pub fn status(conn: &Connection, meeting: &MeetingId) -> Result<TextRetention, DbError> {
    let keep = configured(conn)?;
    let row: Option<(Option<Millis>, Option<Millis>)> = conn
        .query_row(
            "SELECT COALESCE(ended_at, cancelled_at, ends_at), texts_purged_at
               FROM meetings WHERE id = ?1",
            [meeting.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(
        row.map_or_else(TextRetention::default, |(end, purged)| TextRetention {
            kept_until: end.map(|e| e.saturating_add(keep.as_ms())),
            purged_at: purged,
        }),
    )
}

#[cfg(test)]
mod tests;
