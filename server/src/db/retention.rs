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
//! ([`crate::schedule::keep_texts_within_retention`]) so the next connection loads the purged
//! log.
//!
//! When a meeting "ended": when it was ended, or cancelled; a meeting nobody ended counts from
//! its scheduled end. A case still waiting in `carry_overs` for the centre's next meeting
//! (deferred, or a follow-up, not yet on an agenda) keeps its text until the next meeting
//! takes it; from then on it is that meeting's text, and the waiting copy is stripped by the
//! next pass.

use super::{events, settings, DbError};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use shared::domain::{AgendaItem, REDACTED_TEXT};
use shared::ids::{CentreId, MeetingId};
use shared::room::{EventKind, RoomState};
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

/// Blanks the free text of an agenda item (title and question to [`REDACTED_TEXT`], summary
/// to nothing, outcome texts of this and earlier turns to [`REDACTED_TEXT`] where there were
/// any). Unlike [`AgendaItem::redact`] the item is not marked `redacted`: the chair did not
/// remove it; the minutes say the meeting's texts were removed. Returns whether it changed.
pub fn strip_item(item: &mut AgendaItem) -> bool {
    let before = item.clone();
    item.title = REDACTED_TEXT.to_owned();
    item.question = REDACTED_TEXT.to_owned();
    item.summary.clear();
    if let Some(o) = &mut item.outcome {
        o.redact();
    }
    if let Some(c) = &mut item.carried_over {
        for turn in &mut c.history {
            if let Some(o) = &mut turn.outcome {
                o.redact();
            }
        }
    }
    *item != before
}

/// Removes every free text people wrote from one event, keeping ids, kinds, themes,
/// services, times and flags. Returns whether it changed.
///
/// The match names every event kind on purpose: a new kind that carries text must decide
/// here what its purge does, or the server does not build.
pub fn strip_event(kind: &mut EventKind) -> bool {
    match kind {
        EventKind::ItemSubmitted { item } | EventKind::ItemCarriedOver { item } => strip_item(item),
        EventKind::ItemEdited {
            title,
            summary,
            question,
            ..
        } => shared::room::redact_edit(title, summary, question),
        EventKind::OutcomeRecorded { outcome, .. } => {
            let before = outcome.clone();
            outcome.redact();
            *outcome != before
        }
        EventKind::ParticipantJoined { display_name, .. } => display_name.take().is_some(),
        // The meeting's title, centre and service names are the coordinator's organisation
        // data (checked by the guard when written), not case text; the rest are ids and
        // numbers.
        EventKind::MeetingCreated { .. }
        | EventKind::CatalogueUpdated { .. }
        | EventKind::ParticipantLeft { .. }
        | EventKind::AgendaReordered { .. }
        | EventKind::AgendaConfirmed { .. }
        | EventKind::ItemStarted { .. }
        | EventKind::ItemFinished { .. }
        | EventKind::ItemOverran { .. }
        | EventKind::MeetingOverran
        | EventKind::Paused
        | EventKind::Resumed
        | EventKind::Extended { .. }
        | EventKind::ItemDeferred { .. }
        | EventKind::ItemWithdrawn { .. }
        | EventKind::HandRaised { .. }
        | EventKind::HandLowered { .. }
        | EventKind::MeetingEnded
        | EventKind::MeetingRescheduled { .. }
        | EventKind::MeetingCancelled
        | EventKind::ItemRedacted { .. }
        | EventKind::ItemReclaimed { .. }
        | EventKind::UndoableAction { .. }
        | EventKind::ActionUndone { .. }
        | EventKind::HandsCleared { .. } => false,
    }
}

/// One meeting a purge pass removes (or, in a dry run, would remove) texts from. Numbers
/// and ids only: what is printed about a purge never holds the texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgeLine {
    /// The meeting whose texts go.
    pub meeting: MeetingId,
    /// Its centre, so an operator can tell meetings apart without opening them.
    pub centre: CentreId,
    /// The end the retention counts from (ended, cancelled, or the scheduled end).
    pub ended_at: Millis,
    /// The meeting was purged before and has events recorded since.
    pub again: bool,
    /// Items on its agenda (any status).
    pub items: usize,
    /// Of them, items with a recorded outcome.
    pub outcomes: usize,
    /// Stored events whose text is (would be) removed.
    pub events: usize,
    /// Claimed carry-over copies whose text is (would be) removed.
    pub carry_overs: usize,
}

/// What a purge pass did, or in a dry run would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// Texts of meetings that ended before this instant are due.
    pub cutoff: Millis,
    pub lines: Vec<PurgeLine>,
    /// Copies of cases that waited for a next meeting when their meeting was purged and have
    /// been taken onto an agenda since: their waiting copy loses its text now.
    pub late_carry_overs: usize,
    /// Unclaimed carry-overs of purged meetings, kept until the next meeting takes them.
    pub waiting_carry_overs: usize,
}

impl PurgeReport {
    /// Whether the pass changed (would change) anything stored.
    pub fn changed_anything(&self) -> bool {
        self.late_carry_overs > 0 || self.lines.iter().any(|l| l.events + l.carry_overs > 0)
    }
}

/// Meetings whose texts are due: ended before `cutoff` and never purged, or purged and given
/// events since.
fn due(
    conn: &Connection,
    cutoff: Millis,
) -> Result<Vec<(MeetingId, CentreId, Millis, bool)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, centre_id, COALESCE(ended_at, cancelled_at, ends_at) AS ended,
                texts_purged_at IS NOT NULL
           FROM meetings m
          WHERE COALESCE(ended_at, cancelled_at, ends_at) <= ?1
            AND (texts_purged_at IS NULL
                 OR EXISTS (SELECT 1 FROM events e
                             WHERE e.meeting_id = m.id AND e.seq > COALESCE(m.texts_purged_seq, 0)))
          ORDER BY ended, id",
    )?;
    let rows = stmt.query_map([cutoff], |r| {
        Ok((
            MeetingId(r.get(0)?),
            CentreId(r.get(1)?),
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Strips one meeting (events, claimed carry-over copies) and marks it purged; with `write`
/// false only counts. The caller commits. A meeting purged before (`again`) whose new events
/// hold no text (people leaving after the end) only has its covered seq moved on: its
/// purge time stays, so its live room is not sent away again for nothing.
fn purge_one(
    conn: &Connection,
    meeting: &MeetingId,
    now: Millis,
    again: bool,
    write: bool,
) -> Result<(usize, usize, usize, usize), DbError> {
    let log = events::load(conn, meeting)?;
    let (items, outcomes) = RoomState::replay(log.iter().map(|(e, _)| e)).map_or((0, 0), |s| {
        (
            s.items.len(),
            s.items.iter().filter(|i| i.outcome.is_some()).count(),
        )
    });
    let last_seq = log.last().map_or(0, |(e, _)| e.seq);
    let mut changed = Vec::new();
    for (mut event, _) in log {
        if strip_event(&mut event.kind) {
            changed.push((
                event.seq,
                serde_json::to_string(&event).expect("event serializes"),
            ));
        }
    }
    let carry = strip_claimed_carry_overs(conn, Some(meeting), write)?;
    if write {
        let mut update =
            conn.prepare_cached("UPDATE events SET body = ?3 WHERE meeting_id = ?1 AND seq = ?2")?;
        for (seq, body) in &changed {
            update.execute(params![meeting.as_str(), *seq as i64, body])?;
        }
        if again && changed.is_empty() && carry == 0 {
            conn.execute(
                "UPDATE meetings SET texts_purged_seq = ?2 WHERE id = ?1",
                params![meeting.as_str(), last_seq as i64],
            )?;
            return Ok((items, outcomes, 0, 0));
        }
        conn.execute(
            "UPDATE meetings SET texts_purged_at = ?2, texts_purged_seq = ?3 WHERE id = ?1",
            params![meeting.as_str(), now, last_seq as i64],
        )?;
        if !changed.is_empty() {
            // The history clients knew is gone: a new epoch makes a reconnecting browser take
            // a snapshot of the purged room instead of keeping its own copy.
            conn.execute(
                "UPDATE meetings SET epoch = ?2 WHERE id = ?1",
                params![meeting.as_str(), new_epoch()],
            )?;
        }
    }
    Ok((items, outcomes, changed.len(), carry))
}

fn new_epoch() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// Strips the text of claimed carry-over copies whose source meeting is purged (of
/// `meeting` only, or of every purged meeting). Returns how many rows changed (would change).
fn strip_claimed_carry_overs(
    conn: &Connection,
    meeting: Option<&MeetingId>,
    write: bool,
) -> Result<usize, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.source_meeting, c.source_item, c.reason, c.item FROM carry_overs c
           JOIN meetings m ON m.id = c.source_meeting
          WHERE c.target_meeting IS NOT NULL
            AND (?1 IS NULL AND m.texts_purged_at IS NOT NULL OR c.source_meeting = ?1)",
    )?;
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([meeting.map(MeetingId::as_str)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut n = 0;
    for (source, source_item, reason, text) in rows {
        let mut item: AgendaItem =
            serde_json::from_str(&text).map_err(|e| DbError(format!("carry-over item: {e}")))?;
        if !strip_item(&mut item) {
            continue;
        }
        n += 1;
        if write {
            conn.execute(
                "UPDATE carry_overs SET item = ?4
                  WHERE source_meeting = ?1 AND source_item = ?2 AND reason = ?3",
                params![
                    source,
                    source_item,
                    reason,
                    serde_json::to_string(&item).expect("item serializes")
                ],
            )?;
        }
    }
    Ok(n)
}

/// Removes the texts of every meeting that ended more than `keep` before `now` (see the
/// module documentation); with `dry_run` only reports what would go. Each meeting is its own
/// transaction, so a busy server's log writer waits for one meeting at a time, never for the
/// whole pass. Afterwards the WAL is truncated so the old text is not left in it.
pub fn run(
    conn: &mut Connection,
    keep: Retention,
    now: Millis,
    dry_run: bool,
) -> Result<PurgeReport, DbError> {
    let cutoff = now.saturating_sub(keep.as_ms());
    let mut report = PurgeReport {
        cutoff,
        ..PurgeReport::default()
    };
    for (meeting, centre, ended_at, again) in due(conn, cutoff)? {
        let tx = conn.transaction_with_behavior(if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        })?;
        let (items, outcomes, events, carry_overs) =
            purge_one(&tx, &meeting, now, again, !dry_run)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        if again && events == 0 && carry_overs == 0 {
            // Only text-free events since the last purge: nothing to report.
            continue;
        }
        report.lines.push(PurgeLine {
            meeting,
            centre,
            ended_at,
            again,
            items,
            outcomes,
            events,
            carry_overs,
        });
    }
    {
        let tx = conn.transaction_with_behavior(if dry_run {
            TransactionBehavior::Deferred
        } else {
            TransactionBehavior::Immediate
        })?;
        report.late_carry_overs = strip_claimed_carry_overs(&tx, None, !dry_run)?;
        report.waiting_carry_overs = tx.query_row(
            "SELECT COUNT(*) FROM carry_overs c JOIN meetings m ON m.id = c.source_meeting
              WHERE c.target_meeting IS NULL AND m.texts_purged_at IS NOT NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as usize;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
    }
    if !dry_run && report.changed_anything() {
        // As after a redaction: copy the rewritten pages into the database file and empty
        // the WAL, so the removed text is on disk nowhere. A reader in the middle of a read
        // can make this partial; the next checkpoint finishes it.
        match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(0) => {}
            Ok(_) => tracing::warn!("checkpoint after a text purge was partial (busy)"),
            Err(e) => tracing::error!(error = %e, "checkpoint after a text purge failed"),
        }
    }
    Ok(report)
}

/// Of `meetings`, those whose texts have been removed, with when: the server stops a live
/// room that was loaded before its meeting was purged (also by `ppt-hub purge` from another
/// process).
pub fn purged_among(
    conn: &Connection,
    meetings: &[MeetingId],
) -> Result<Vec<(MeetingId, Millis)>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT texts_purged_at FROM meetings WHERE id = ?1 AND texts_purged_at IS NOT NULL",
    )?;
    let mut out = Vec::new();
    for m in meetings {
        if let Some(at) = stmt
            .query_row([m.as_str()], |r| r.get::<_, Millis>(0))
            .optional()?
        {
            out.push((m.clone(), at));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::domain::{
        CarryOver, CarryReason, ItemKind, ItemStatus, MeetingInfo, Outcome, PastTurn, Role, Theme,
    };
    use shared::ids::{ItemId, ParticipantId, ServiceId};
    use shared::room::{Allotment, Event};

    /// Texts no purged log may still hold.
    const SECRETS: [&str; 12] = [
        "Iäkäs asiakas kaatuilee",
        "Asuu yksin kolmannessa kerroksessa",
        "Kuka koordinoi kotihoidon",
        "Otsikko muokattu",
        "Tiivistelmä muokattu",
        "Kysymys muokattu",
        "Kotikäynti ensi viikolla",
        "Palveluohjaaja soittaa",
        "Sosiaalityöntekijä Pj",
        "Siirretty tapaus",
        "Aiempi neuvo",
        "Aiemmat jatkotoimet",
    ];

    fn item(id: &str, title: &str, summary: &str, question: &str) -> AgendaItem {
        AgendaItem {
            id: ItemId(id.into()),
            kind: ItemKind::ClientCase,
            title: title.into(),
            summary: summary.into(),
            question: question.into(),
            services_wanted: vec![ServiceId::from("kela")],
            themes: vec![Theme::OlderClient, Theme::MentalHealth],
            presenter: ParticipantId("p1".into()),
            presenter_service: ServiceId::from("social_services"),
            status: ItemStatus::Queued,
            submitted_at: 1_000,
            allotted_ms: None,
            used_ms: None,
            overran: false,
            outcome: None,
            carried_over: None,
            edited: false,
            redacted: false,
        }
    }

    fn meeting_info() -> MeetingInfo {
        MeetingInfo {
            id: MeetingId("m1".into()),
            centre_id: CentreId("c1".into()),
            centre_name: "Kalasatama".into(),
            title: "PPT-konsultaatio".into(),
            starts_at: 0,
            ends_at: 3_600_000,
            services: shared::domain::default_catalogue(),
        }
    }

    /// A meeting that ran: two people (one with a display name), a submitted item edited
    /// and given an outcome with a follow-up, a carried-over item with an earlier turn's
    /// outcome, deferred at the end.
    fn log() -> Vec<EventKind> {
        let carried = AgendaItem {
            carried_over: Some(CarryOver {
                reason: CarryReason::FollowUp,
                from_meeting: MeetingId("m0".into()),
                from_item: ItemId("i9".into()),
                history: vec![PastTurn {
                    meeting: MeetingId("m0".into()),
                    meeting_starts_at: -1_000_000,
                    status: ItemStatus::Done,
                    used_ms: Some(300_000),
                    outcome: Some(Outcome {
                        advice: "Aiempi neuvo".into(),
                        next_steps: "Aiemmat jatkotoimet".into(),
                        services_to_involve: vec![ServiceId::from("kela")],
                        follow_up: true,
                    }),
                }],
            }),
            ..item("i2", "Siirretty tapaus", "", "Mitä seuraavaksi?")
        };
        vec![
            EventKind::MeetingCreated {
                meeting: meeting_info(),
            },
            EventKind::ParticipantJoined {
                participant: ParticipantId("p0".into()),
                service: ServiceId::from("health_station"),
                display_name: Some("Sosiaalityöntekijä Pj".into()),
                role: Role::Chair,
            },
            EventKind::ParticipantJoined {
                participant: ParticipantId("p1".into()),
                service: ServiceId::from("social_services"),
                display_name: None,
                role: Role::Participant,
            },
            EventKind::ItemCarriedOver { item: carried },
            EventKind::ItemSubmitted {
                item: item(
                    "i1",
                    "Iäkäs asiakas kaatuilee",
                    "Asuu yksin kolmannessa kerroksessa",
                    "Kuka koordinoi kotihoidon?",
                ),
            },
            EventKind::ItemEdited {
                item: ItemId("i1".into()),
                title: Some("Otsikko muokattu".into()),
                summary: Some("Tiivistelmä muokattu".into()),
                question: Some("Kysymys muokattu".into()),
                services_wanted: None,
                themes: Some(vec![Theme::OlderClient, Theme::Homelessness]),
            },
            EventKind::AgendaConfirmed {
                allotments: vec![
                    Allotment {
                        item: ItemId("i2".into()),
                        ms: 600_000,
                    },
                    Allotment {
                        item: ItemId("i1".into()),
                        ms: 600_000,
                    },
                ],
            },
            EventKind::ItemStarted {
                item: ItemId("i1".into()),
                allotments: vec![
                    Allotment {
                        item: ItemId("i1".into()),
                        ms: 600_000,
                    },
                    Allotment {
                        item: ItemId("i2".into()),
                        ms: 600_000,
                    },
                ],
            },
            EventKind::OutcomeRecorded {
                item: ItemId("i1".into()),
                outcome: Outcome {
                    advice: "Kotikäynti ensi viikolla".into(),
                    next_steps: "Palveluohjaaja soittaa".into(),
                    services_to_involve: vec![ServiceId::from("elderly_guidance")],
                    follow_up: true,
                },
            },
            EventKind::ItemFinished {
                item: ItemId("i1".into()),
                used_ms: 420_000,
            },
            EventKind::ItemDeferred {
                item: ItemId("i2".into()),
                used_ms: None,
            },
            EventKind::MeetingEnded,
        ]
    }

    fn events() -> Vec<Event> {
        log()
            .into_iter()
            .enumerate()
            .map(|(i, kind)| Event {
                seq: i as u64 + 1,
                at: 10_000 * (i as i64 + 1),
                kind,
            })
            .collect()
    }

    fn contains_secret(text: &str) -> Option<&'static str> {
        SECRETS.iter().copied().find(|s| text.contains(s))
    }

    #[test]
    fn stripping_removes_every_free_text_and_keeps_every_number() {
        let before = events();
        let mut after = before.clone();
        let changed: Vec<bool> = after.iter_mut().map(|e| strip_event(&mut e.kind)).collect();
        let text = serde_json::to_string(&after).unwrap();
        assert_eq!(contains_secret(&text), None, "{text}");
        // Exactly the events with text changed: the named join, the carried and submitted
        // items, the edit, the outcome.
        let kinds: Vec<&str> = after
            .iter()
            .zip(&changed)
            .filter(|(_, c)| **c)
            .map(|(e, _)| e.kind.name())
            .collect();
        assert_eq!(
            kinds,
            [
                "participant_joined",
                "item_carried_over",
                "item_submitted",
                "item_edited",
                "outcome_recorded"
            ]
        );
        // A second pass finds nothing left to do.
        assert!(after.iter_mut().all(|e| !strip_event(&mut e.kind)));

        let s0 = RoomState::replay(&before).unwrap();
        let s1 = RoomState::replay(&after).unwrap();
        assert_eq!(s1.items.len(), 2);
        for (a, b) in s0.items.iter().zip(&s1.items) {
            assert_eq!(
                (
                    &a.id,
                    a.kind,
                    &a.themes,
                    &a.services_wanted,
                    &a.presenter_service,
                    a.status,
                    a.allotted_ms,
                    a.used_ms,
                    a.overran,
                    a.edited,
                ),
                (
                    &b.id,
                    b.kind,
                    &b.themes,
                    &b.services_wanted,
                    &b.presenter_service,
                    b.status,
                    b.allotted_ms,
                    b.used_ms,
                    b.overran,
                    b.edited,
                )
            );
            assert!(!b.redacted, "a purge is not the chair's redaction");
            assert_eq!(b.title, REDACTED_TEXT);
            assert_eq!(b.question, REDACTED_TEXT);
            assert_eq!(b.summary, "");
            assert_eq!(a.outcome.is_some(), b.outcome.is_some());
            if let (Some(x), Some(y)) = (&a.outcome, &b.outcome) {
                assert_eq!(
                    (&x.services_to_involve, x.follow_up),
                    (&y.services_to_involve, y.follow_up)
                );
                assert_eq!(
                    (y.advice.as_str(), y.next_steps.as_str()),
                    (REDACTED_TEXT, REDACTED_TEXT)
                );
            }
        }
        let turn = &s1
            .item(&ItemId("i2".into()))
            .unwrap()
            .carried_over
            .as_ref()
            .unwrap()
            .history[0];
        let o = turn.outcome.as_ref().unwrap();
        assert_eq!((o.advice.as_str(), o.follow_up), (REDACTED_TEXT, true));
        assert_eq!(turn.used_ms, Some(300_000));
        // Who was there, by service, stays; the display name goes.
        let people = |s: &RoomState| {
            s.participants
                .iter()
                .map(|p| (p.id.clone(), p.service.clone(), p.role))
                .collect::<Vec<_>>()
        };
        assert_eq!(people(&s0), people(&s1));
        assert!(s1.participants.iter().all(|p| p.display_name.is_none()));
        // The meeting's own wording stays.
        assert_eq!(s1.meeting, s0.meeting);
        assert_eq!(
            (s1.phase, s1.started_at, s1.ended_at),
            (s0.phase, s0.started_at, s0.ended_at)
        );
    }

    #[test]
    fn empty_texts_stay_empty_so_the_minutes_do_not_invent_an_outcome_text() {
        let mut o = EventKind::OutcomeRecorded {
            item: ItemId("i1".into()),
            outcome: Outcome {
                advice: String::new(),
                next_steps: String::new(),
                services_to_involve: vec![],
                follow_up: false,
            },
        };
        assert!(!strip_event(&mut o));
        let mut j = EventKind::ParticipantJoined {
            participant: ParticipantId("p".into()),
            service: ServiceId::from("kela"),
            display_name: None,
            role: Role::Participant,
        };
        assert!(!strip_event(&mut j));
    }

    fn test_db() -> (super::super::Db, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "ppt-retention-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        let path = dir.join("t.db");
        (super::super::Db::open(&path).unwrap(), dir)
    }

    /// Every text in the database file's tables, for looking for what must be gone.
    fn all_text(conn: &Connection) -> String {
        let mut out = String::new();
        for (table, cols) in [
            ("events", "body"),
            ("carry_overs", "item"),
            ("meetings", "title"),
        ] {
            let mut stmt = conn
                .prepare(&format!("SELECT {cols} FROM {table}"))
                .unwrap();
            for v in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
                out.push_str(&v.unwrap());
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn a_purge_pass_rewrites_the_stored_log_and_carry_overs_and_only_when_due() {
        let (db, dir) = test_db();
        db.call_now(|conn| {
            conn.execute(
                "INSERT INTO centres (id, name, feed_key, created_at) VALUES ('c1', 'Kalasatama', 'k', 0)",
                [],
            )?;
            let row = super::super::meetings::MeetingRow {
                id: MeetingId("m1".into()),
                centre_id: CentreId("c1".into()),
                title: "PPT-konsultaatio".into(),
                starts_at: 0,
                ends_at: 3_600_000,
                chair_key: "ck".into(),
                participant_key: "pk".into(),
                epoch: "epoch0".into(),
                series_date: None,
                cancelled_at: None,
                ended_at: None,
                revision: 0,
            };
            super::super::meetings::create(conn, &row, &meeting_info(), 0)?;
            for e in events().into_iter().skip(1) {
                events::insert(conn, &row.id, &e, &serde_json::to_string(&e).unwrap())?;
            }
            conn.execute("UPDATE meetings SET ended_at = 100000 WHERE id = 'm1'", [])?;
            // i2 left for the next meeting (claimed), i1's follow-up still waits.
            let s = RoomState::replay(&events()).unwrap();
            super::super::carry_overs::register(
                conn,
                &row.id,
                &row.centre_id,
                0,
                CarryReason::Deferred,
                s.item(&ItemId("i2".into())).unwrap(),
            )?;
            super::super::carry_overs::register(
                conn,
                &row.id,
                &row.centre_id,
                0,
                CarryReason::FollowUp,
                s.item(&ItemId("i1".into())).unwrap(),
            )?;
            conn.execute(
                "UPDATE carry_overs SET target_meeting = 'm2' WHERE source_item = 'i2'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        let summary = |conn: &Connection| {
            let log = events::load(conn, &MeetingId("m1".into())).unwrap();
            let s = RoomState::replay(log.iter().map(|(e, _)| e)).unwrap();
            s.items
                .iter()
                .map(|i| {
                    (
                        i.kind,
                        i.themes.clone(),
                        i.status,
                        i.used_ms,
                        i.outcome.as_ref().map(|o| o.follow_up),
                    )
                })
                .collect::<Vec<_>>()
        };
        let before = db.call_now(|c| Ok(summary(c))).unwrap();
        let keep = Retention::secs(60);

        db.call_now(|conn| {
            // Not due yet: ended at 100 s, kept 60 s, now 150 s.
            let r = run(conn, keep, 150_000, false)?;
            assert!(r.lines.is_empty());
            // Due: a dry run says so and changes nothing.
            let text = all_text(conn);
            let r = run(conn, keep, 200_000, true)?;
            assert_eq!(r.lines.len(), 1);
            let l = &r.lines[0];
            assert_eq!(
                (
                    l.meeting.as_str(),
                    l.items,
                    l.outcomes,
                    l.events,
                    l.carry_overs,
                    l.again
                ),
                ("m1", 2, 1, 5, 1, false)
            );
            assert_eq!(all_text(conn), text, "a dry run changes nothing");
            assert!(contains_secret(&text).is_some());
            let status0 = status(conn, &MeetingId("m1".into()))?;
            assert_eq!(status0.purged_at, None);
            // The real pass.
            let r = run(conn, keep, 200_000, false)?;
            assert_eq!(r.lines.len(), 1);
            assert_eq!(
                r.waiting_carry_overs, 1,
                "the waiting follow-up keeps its text"
            );
            let text = all_text(conn);
            let waiting: String = conn.query_row(
                "SELECT item FROM carry_overs WHERE target_meeting IS NULL",
                [],
                |r| r.get(0),
            )?;
            let rest = text.replace(&waiting, "");
            assert_eq!(contains_secret(&rest), None, "{rest}");
            assert!(
                text.contains("PPT-konsultaatio"),
                "the meeting's own title stays"
            );
            let st = status(conn, &MeetingId("m1".into()))?;
            assert_eq!(st.purged_at, Some(200_000));
            // The end plus the default retention (nothing stored in settings here).
            assert_eq!(st.kept_until, Some(100_000 + Retention::default().as_ms()));
            let epoch: String =
                conn.query_row("SELECT epoch FROM meetings WHERE id = 'm1'", [], |r| {
                    r.get(0)
                })?;
            assert_ne!(epoch, "epoch0", "a new history epoch");
            // Nothing more to do on the next pass.
            assert!(run(conn, keep, 300_000, false)?.lines.is_empty());
            // The follow-up is taken by the next meeting: its waiting copy goes next pass.
            conn.execute(
                "UPDATE carry_overs SET target_meeting = 'm2' WHERE target_meeting IS NULL",
                [],
            )?;
            let r = run(conn, keep, 400_000, false)?;
            assert_eq!((r.lines.len(), r.late_carry_overs), (0, 1));
            assert_eq!(contains_secret(&all_text(conn)), None);
            // An outcome written after the purge (allowed after the end) is purged again.
            let e = Event {
                seq: 13,
                at: 500_000,
                kind: EventKind::OutcomeRecorded {
                    item: ItemId("i2".into()),
                    outcome: Outcome {
                        advice: "Kotikäynti ensi viikolla".into(),
                        ..Outcome::default()
                    },
                },
            };
            events::insert(
                conn,
                &MeetingId("m1".into()),
                &e,
                &serde_json::to_string(&e).unwrap(),
            )?;
            let r = run(conn, keep, 600_000, false)?;
            assert_eq!(r.lines.len(), 1);
            assert!(r.lines[0].again);
            assert_eq!(r.lines[0].events, 1);
            assert_eq!(contains_secret(&all_text(conn)), None);
            assert_eq!(
                status(conn, &MeetingId("m1".into()))?.purged_at,
                Some(600_000)
            );
            // Someone's leave recorded after that holds no text: covered quietly, the purge
            // time stays (a live room is not sent away again for nothing).
            let e = Event {
                seq: 14,
                at: 700_000,
                kind: EventKind::ParticipantLeft {
                    participant: ParticipantId("p1".into()),
                },
            };
            events::insert(
                conn,
                &MeetingId("m1".into()),
                &e,
                &serde_json::to_string(&e).unwrap(),
            )?;
            assert!(run(conn, keep, 800_000, false)?.lines.is_empty());
            assert_eq!(
                status(conn, &MeetingId("m1".into()))?.purged_at,
                Some(600_000)
            );
            assert!(run(conn, keep, 900_000, true)?.lines.is_empty());
            Ok(())
        })
        .unwrap();
        let mut after = db.call_now(|c| Ok(summary(c))).unwrap();
        // The late outcome is a new fact (one more outcome); everything else is as before.
        after[1].4 = None;
        assert_eq!(after, before, "every number the reports use stays");
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_stored_retention_is_what_the_minutes_and_the_cli_use() {
        let (db, dir) = test_db();
        db.call_now(|conn| {
            assert_eq!(configured(conn)?, Retention::days(90));
            store(conn, Retention::days(30))?;
            assert_eq!(configured(conn)?, Retention::days(30));
            Ok(())
        })
        .unwrap();
        assert_eq!(Retention::days(90).describe(), "90 days");
        assert_eq!(Retention::days(1).describe(), "1 day");
        assert_eq!(Retention::secs(5).describe(), "5 s");
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }
}
