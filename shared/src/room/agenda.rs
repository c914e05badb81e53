//! The agenda's commands: submit, edit, withdraw, reorder, confirm, redact. Each is a pure
//! decision on the room as it stands; [`super::RoomState::decide`] has already checked the
//! sender's role and the meeting's phase.

use super::limits::{check_text, MAX_ITEMS_PER_PARTICIPANT, MAX_TEXT, MAX_TITLE};
use super::refusal::{refuse, ErrorCode};
use super::{floor, Actor, Allotment, Decision, EventKind, RoomState, UndoAction};
use crate::allocation::allocate;
use crate::domain::{AgendaItem, ItemDraft, ItemStatus, Theme, REDACTED_TEXT};
use crate::ids::{ItemId, ParticipantId, ServiceId};
use crate::Millis;

/// The fields `edit_item` may change; `None` leaves a field as it is.
pub(super) struct Edit<'a> {
    pub title: &'a Option<String>,
    pub summary: &'a Option<String>,
    pub question: &'a Option<String>,
    pub services_wanted: &'a Option<Vec<ServiceId>>,
    pub themes: &'a Option<Vec<Theme>>,
}

impl Edit<'_> {
    fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.summary.is_none()
            && self.question.is_none()
            && self.services_wanted.is_none()
            && self.themes.is_none()
    }
}

impl RoomState {
    /// `submit_item`: a joined person's new item, at the end of the queue.
    pub(super) fn submit(&self, actor: &Actor, draft: &ItemDraft, now: Millis) -> Decision {
        let Some(me) = actor.participant.as_ref().and_then(|p| self.participant(p)) else {
            return refuse(ErrorCode::NotJoined, "join the meeting before submitting");
        };
        check_text("title", &draft.title, 1, MAX_TITLE)?;
        check_text("summary", &draft.summary, 0, MAX_TEXT)?;
        check_text("question", &draft.question, 1, MAX_TEXT)?;
        self.check_services(&draft.services_wanted)?;
        if !self.holds_chair(actor)
            && self.queued().filter(|i| i.presenter == me.id).count() >= MAX_ITEMS_PER_PARTICIPANT
        {
            return refuse(
                ErrorCode::LimitReached,
                format!(
                    "one person can have at most {MAX_ITEMS_PER_PARTICIPANT} items \
                     waiting; nothing was added"
                ),
            );
        }
        let clean = ItemDraft {
            kind: draft.kind,
            title: draft.title.trim().to_owned(),
            summary: draft.summary.trim().to_owned(),
            question: draft.question.trim().to_owned(),
            services_wanted: dedup_keep_order(&draft.services_wanted),
            themes: sorted_themes(&draft.themes),
        };
        let item = AgendaItem {
            // Ahead, a late addition, or at the meeting (see `publication.rs`).
            arrival: Some(self.arrival_at(now)),
            ..queued_item(
                self.next_item_id(),
                clean,
                me.id.clone(),
                me.service.clone(),
                now,
            )
        };
        self.check_arrivals(&[&item])?;
        Ok(vec![EventKind::ItemSubmitted { item }])
    }

    /// `reorder`: the chair's new order, naming every queued item exactly once.
    pub(super) fn reorder(&self, order: &[ItemId]) -> Decision {
        for id in order {
            if self.item(id).is_none() {
                return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
            }
        }
        let mut given: Vec<&ItemId> = order.iter().collect();
        given.sort();
        let mut queued: Vec<&ItemId> = self.queued().map(|i| &i.id).collect();
        queued.sort();
        if given != queued {
            return refuse(
                ErrorCode::InvalidField,
                "the order must list every queued item exactly once",
            );
        }
        Ok(vec![EventKind::AgendaReordered {
            order: order.to_vec(),
        }])
    }

    /// `confirm_agenda`: every queued item gets its share of the time left, announced.
    pub(super) fn confirm(&self, now: Millis) -> Decision {
        let queued: Vec<&AgendaItem> = self.queued().collect();
        if queued.is_empty() {
            return refuse(
                ErrorCode::WrongState,
                "there are no queued items to announce",
            );
        }
        let shares = allocate(self.remaining_for_queue(now), queued.len());
        Ok(vec![EventKind::AgendaConfirmed {
            allotments: queued
                .iter()
                .zip(shares)
                .map(|(i, ms)| Allotment {
                    item: i.id.clone(),
                    ms,
                })
                .collect(),
        }])
    }

    /// `withdraw_item`: the chair or the presenter takes a queued item off the agenda
    /// (undoable).
    pub(super) fn withdraw(&self, actor: &Actor, item: &ItemId) -> Decision {
        let Some(it) = self.item(item) else {
            return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
        };
        if !self.holds_chair(actor) && actor.participant.as_ref() != Some(&it.presenter) {
            return refuse(
                ErrorCode::NotAllowed,
                "only the chair or the presenter can withdraw an item",
            );
        }
        if it.status != ItemStatus::Queued {
            return refuse(ErrorCode::WrongState, "only a queued item can be withdrawn");
        }
        Ok(floor::undoable(
            UndoAction::Withdraw,
            Some(item.clone()),
            vec![EventKind::ItemWithdrawn { item: item.clone() }],
        ))
    }

    /// `edit_item`: the presenter while the item is queued, the chair until the end. Only the
    /// fields that differ go into the event; an edit that changes nothing records nothing.
    pub(super) fn edit(&self, actor: &Actor, item: &ItemId, edit: Edit<'_>) -> Decision {
        let Some(it) = self.item(item) else {
            return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
        };
        if !self.holds_chair(actor) {
            if actor.participant.as_ref() != Some(&it.presenter) {
                return refuse(
                    ErrorCode::NotAllowed,
                    "only the chair or the presenter can edit an item",
                );
            }
            if it.status != ItemStatus::Queued {
                return refuse(
                    ErrorCode::WrongState,
                    "the presenter can edit an item while it is queued",
                );
            }
        }
        if edit.is_empty() {
            return refuse(ErrorCode::InvalidField, "an edit needs at least one field");
        }
        if let Some(t) = edit.title {
            check_text("title", t, 1, MAX_TITLE)?;
        }
        if let Some(t) = edit.summary {
            check_text("summary", t, 0, MAX_TEXT)?;
        }
        if let Some(t) = edit.question {
            check_text("question", t, 1, MAX_TEXT)?;
        }
        if let Some(sv) = edit.services_wanted {
            self.check_services(sv)?;
        }
        // Only what differs goes into the event.
        let changed = |new: &Option<String>, old: &str| {
            new.as_deref()
                .map(|t| t.trim().to_owned())
                .filter(|t| t != old)
        };
        let title = changed(edit.title, &it.title);
        let summary = changed(edit.summary, &it.summary);
        let question = changed(edit.question, &it.question);
        let services_wanted = edit
            .services_wanted
            .as_ref()
            .map(|s| dedup_keep_order(s))
            .filter(|s| s != &it.services_wanted);
        let themes = edit
            .themes
            .as_ref()
            .map(|t| sorted_themes(t))
            .filter(|t| t != &it.themes);
        let changes = Edit {
            title: &title,
            summary: &summary,
            question: &question,
            services_wanted: &services_wanted,
            themes: &themes,
        };
        if changes.is_empty() {
            return Ok(vec![]);
        }
        let mut after = it.clone();
        for (field, new) in [
            (&mut after.title, &title),
            (&mut after.summary, &summary),
            (&mut after.question, &question),
        ] {
            if let Some(t) = new {
                t.clone_into(field);
            }
        }
        if let Some(sv) = &services_wanted {
            after.services_wanted = sv.clone();
        }
        if let Some(th) = &themes {
            after.themes = th.clone();
        }
        after.edited = true;
        self.check_growth(it, &after)?;
        Ok(vec![EventKind::ItemEdited {
            item: item.clone(),
            title,
            summary,
            question,
            services_wanted,
            themes,
        }])
    }

    /// `redact_item`: the chair blanks an item's texts, at any time; again only if it has
    /// been given text since.
    pub(super) fn redact(&self, item: &ItemId) -> Decision {
        let Some(it) = self.item(item) else {
            return refuse(ErrorCode::UnknownItem, "no such item in this meeting");
        };
        if it.redacted && !has_text_since_redaction(it) {
            return Ok(vec![]);
        }
        Ok(vec![EventKind::ItemRedacted { item: item.clone() }])
    }
}

/// Whether a redacted item has been given text again since (an edit after the redaction), so
/// redacting it again is not a no-op.
fn has_text_since_redaction(it: &AgendaItem) -> bool {
    it.title != REDACTED_TEXT
        || it.question != REDACTED_TEXT
        || !it.summary.is_empty()
        || it.outcome.as_ref().is_some_and(|o| {
            (!o.advice.is_empty() && o.advice != REDACTED_TEXT)
                || (!o.next_steps.is_empty() && o.next_steps != REDACTED_TEXT)
        })
}

/// A fresh item waiting in the queue: no share, no time used, no overrun, no outcome, not
/// edited, redacted or carried over yet, no arrival mark (its caller sets one). Submissions and carried-over items both start here.
pub(super) fn queued_item(
    id: ItemId,
    draft: ItemDraft,
    presenter: ParticipantId,
    presenter_service: ServiceId,
    now: Millis,
) -> AgendaItem {
    AgendaItem {
        id,
        kind: draft.kind,
        title: draft.title,
        summary: draft.summary,
        question: draft.question,
        services_wanted: draft.services_wanted,
        themes: draft.themes,
        presenter,
        presenter_service,
        status: ItemStatus::Queued,
        submitted_at: now,
        allotted_ms: None,
        used_ms: None,
        overran: false,
        outcome: None,
        carried_over: None,
        edited: false,
        redacted: false,
        arrival: None,
    }
}

/// Themes in their fixed order, each once.
fn sorted_themes(themes: &[Theme]) -> Vec<Theme> {
    let mut themes = themes.to_vec();
    themes.sort();
    themes.dedup();
    themes
}

/// Services each once, in the order first given.
pub(super) fn dedup_keep_order(services: &[ServiceId]) -> Vec<ServiceId> {
    let mut out: Vec<ServiceId> = Vec::new();
    for s in services {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}
