//! [`RoomState::apply`]: folds one [`Event`] into the state. The server applies each event
//! after it is on disk, a restart replays the log through it, and every browser applies the
//! broadcast events with it, so all three hold the same state. Events record decisions
//! already made, so nothing here reads a clock or refuses: an event naming an unknown item is
//! ignored rather than panicking.

use super::limits::UNDO_WINDOW_MS;
use super::{
    AgendaBefore, Allotment, Confirmation, CurrentItem, Event, EventKind, RoomState, UndoAction,
    UndoPoint,
};
use crate::allocation::allocate_capped;
use crate::domain::Theme;
use crate::domain::{AgendaItem, GuestAdmission, Hand, ItemStatus, Participant, Phase, Role};
use crate::ids::{ItemId, ParticipantId, ServiceId};
use crate::Millis;

impl RoomState {
    /// Folds one event into the state. Events come from `decide` (or the log), so they are
    /// trusted; an event naming an unknown item is ignored rather than panicking.
    pub fn apply(&mut self, event: &Event) {
        let at = event.at;
        // Any other change to the agenda after an undoable action ends the chance to undo it.
        if event.kind.changes_agenda()
            && !matches!(event.kind, EventKind::ActionUndone { .. })
            && self
                .undo
                .as_ref()
                .is_some_and(|u| event.seq > u.through_seq)
        {
            self.undo = None;
        }
        self.apply_kind(event);
        self.reflow(at);
    }

    /// After every event: the queued items' shares and the outlook follow the agenda as it now
    /// stands (as of the event's time), so the announced "N items, about M minutes each" and
    /// each queued item's minutes never go stale. Before the agenda is confirmed and the
    /// meeting started, items have no share yet.
    fn reflow(&mut self, at: Millis) {
        if self.phase != Phase::Ended && (self.confirmed.is_some() || self.phase == Phase::Running)
        {
            let queued: Vec<ItemId> = self.queued().map(|i| i.id.clone()).collect();
            let split = allocate_capped(self.remaining_for_queue(at), queued.len(), self.pace_ms);
            for (id, ms) in queued.iter().zip(split.shares) {
                if let Some(it) = self.item_mut(id) {
                    it.allotted_ms = Some(ms);
                }
            }
        }
        self.outlook = self.outlook_at(at);
    }

    fn apply_kind(&mut self, event: &Event) {
        let at = event.at;
        match &event.kind {
            EventKind::MeetingCreated { meeting } => {
                // What the server set from its configuration and the centre stays.
                let time_zone = std::mem::take(&mut self.time_zone);
                let grace = self.roles.takeover_grace_ms;
                let publish_ahead = self.publish_ahead_ms;
                let month_theme = self.month_theme.take();
                *self = RoomState::new(meeting.clone());
                self.month_theme = month_theme;
                if !time_zone.is_empty() {
                    self.time_zone = time_zone;
                }
                self.roles.takeover_grace_ms = grace;
                self.publish_ahead_ms = publish_ahead;
            }
            EventKind::ParticipantJoined {
                participant,
                service,
                display_name,
                role,
                organisation,
            } => {
                self.participant_joined(
                    participant,
                    service,
                    display_name,
                    organisation,
                    *role,
                    at,
                );
                self.note_holder_presence(participant, at);
            }
            EventKind::ParticipantLeft { participant } => {
                if let Some(p) = self.participants.iter_mut().find(|p| &p.id == participant) {
                    p.present = false;
                }
                self.hands.retain(|h| &h.participant != participant);
                self.note_holder_presence(participant, at);
            }
            EventKind::DeputyPromoted { participant } => {
                if !self.roles.deputies.contains(participant) {
                    self.roles.deputies.push(participant.clone());
                }
            }
            EventKind::ChairHandedOver { to, .. } | EventKind::ChairTakenOver { to, .. } => {
                self.set_holder(to, at)
            }
            EventKind::ScribeNamed { participant } => self.roles.scribe = Some(participant.clone()),
            EventKind::ScribeRevoked { .. } => self.roles.scribe = None,
            EventKind::GuestsAllowed { experts, guests } => {
                self.guests_allowed = GuestAdmission {
                    experts: *experts,
                    guests: *guests,
                }
            }
            EventKind::ItemSubmitted { item } => self.items.push(item.clone()),
            EventKind::AgendaReordered { order } => self.reorder_queue(order),
            EventKind::AgendaConfirmed { allotments } => {
                self.set_allotments(allotments);
                let each_ms = allotments.iter().map(|a| a.ms).min().unwrap_or(0);
                self.confirmed = Some(Confirmation {
                    at,
                    items: allotments.len() as u32,
                    each_ms,
                });
                self.pace_ms = Some(each_ms);
            }
            EventKind::ItemStarted { item, allotments } => self.item_started(item, allotments, at),
            EventKind::ItemFinished { item, used_ms } => {
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Done;
                    it.used_ms = Some(*used_ms);
                    it.overran = it.allotted_ms.is_some_and(|a| *used_ms > a);
                }
                self.leave_floor(item);
            }
            EventKind::ItemOverran { item } => {
                if let Some(it) = self.item_mut(item) {
                    it.overran = true;
                }
            }
            EventKind::MeetingOverran => self.meeting_overran = true,
            EventKind::Paused => {
                if let Some(c) = &mut self.current {
                    c.paused_at = Some(at);
                }
            }
            EventKind::Resumed => {
                if let Some(c) = &mut self.current {
                    if let Some(p) = c.paused_at.take() {
                        c.deadline += at - p;
                        c.paused_ms += at - p;
                    }
                }
            }
            EventKind::Extended { item, ms } => self.extended(item, *ms, at),
            EventKind::ItemDeferred { item, used_ms } => {
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Deferred;
                    if used_ms.is_some() {
                        it.used_ms = *used_ms;
                    }
                }
                self.leave_floor(item);
            }
            EventKind::ItemWithdrawn { item } => {
                if let Some(it) = self.item_mut(item) {
                    it.status = ItemStatus::Withdrawn;
                }
            }
            EventKind::OutcomeRecorded { item, outcome } => {
                if let Some(it) = self.item_mut(item) {
                    it.outcome = Some(outcome.clone());
                }
            }
            EventKind::HandRaised { participant } => {
                if !self.hands.iter().any(|h| &h.participant == participant) {
                    self.hands.push(Hand {
                        participant: participant.clone(),
                        raised_at: at,
                    });
                }
            }
            EventKind::HandLowered { participant } => {
                self.hands.retain(|h| &h.participant != participant)
            }
            EventKind::MeetingEnded => self.end(at),
            EventKind::ItemCarriedOver { item } => self.carried_over(item),
            EventKind::CatalogueUpdated { services } => self.meeting.services = services.clone(),
            EventKind::ItemEdited {
                item,
                title,
                summary,
                question,
                services_wanted,
                themes,
            } => {
                if let Some(it) = self.item_mut(item) {
                    edit_item(it, title, summary, question, services_wanted, themes);
                }
            }
            EventKind::ItemRedacted { item } => {
                if let Some(it) = self.item_mut(item) {
                    it.redact();
                }
            }
            EventKind::ItemReclaimed { item, presenter } => {
                if let Some(it) = self.item_mut(item) {
                    it.presenter = presenter.clone();
                }
            }
            EventKind::UndoableAction {
                action,
                item,
                events,
            } => self.mark_undoable(*action, item, event.seq + *events as u64, at),
            EventKind::ActionUndone { .. } => self.undo_last_action(),
            EventKind::HandsCleared { participants } => self
                .hands
                .retain(|h| !participants.contains(&h.participant)),
            EventKind::MeetingRescheduled { starts_at, ends_at } => {
                self.meeting.starts_at = *starts_at;
                self.meeting.ends_at = *ends_at;
            }
            EventKind::MeetingCancelled => {
                self.end(at);
                self.cancelled_at = Some(at);
            }
        }
    }

    /// A new participant, or one who comes back (present again, perhaps with another service,
    /// name or organisation; the role they first joined with stays).
    fn participant_joined(
        &mut self,
        participant: &ParticipantId,
        service: &ServiceId,
        display_name: &Option<String>,
        organisation: &Option<String>,
        role: Role,
        at: Millis,
    ) {
        if let Some(p) = self.participants.iter_mut().find(|p| &p.id == participant) {
            p.present = true;
            p.service = service.clone();
            p.display_name = display_name.clone();
            p.organisation = organisation.clone();
        } else {
            self.participants.push(Participant {
                id: participant.clone(),
                service: service.clone(),
                display_name: display_name.clone(),
                role,
                present: true,
                joined_at: at,
                organisation: organisation.clone(),
            });
        }
    }

    /// The queued items in the given order, after the items that are not queued; a queued
    /// item the order does not name stays, at the end.
    fn reorder_queue(&mut self, order: &[ItemId]) {
        let (mut rest, queued): (Vec<_>, Vec<_>) = self
            .items
            .drain(..)
            .partition(|i| i.status != ItemStatus::Queued);
        let mut queued: Vec<Option<AgendaItem>> = queued.into_iter().map(Some).collect();
        for id in order {
            if let Some(slot) = queued
                .iter_mut()
                .find(|s| s.as_ref().is_some_and(|i| &i.id == id))
            {
                rest.extend(slot.take());
            }
        }
        rest.extend(queued.into_iter().flatten());
        self.items = rest;
    }

    /// `item` takes the floor with its allotment; the meeting is running from now on.
    fn item_started(&mut self, item: &ItemId, allotments: &[Allotment], at: Millis) {
        self.phase = Phase::Running;
        self.started_at.get_or_insert(at);
        self.set_allotments(allotments);
        // The started item moves to the head of the queue, so the agenda reads in the
        // order things happened.
        if let Some(pos) = self.items.iter().position(|i| &i.id == item) {
            let it = self.items.remove(pos);
            let head = self
                .items
                .iter()
                .position(|i| i.status == ItemStatus::Queued)
                .unwrap_or(self.items.len());
            self.items.insert(head, it);
        }
        let allotted = allotments
            .iter()
            .find(|a| &a.item == item)
            .map_or(0, |a| a.ms);
        // A meeting started without an announcement takes its first share as the pace.
        self.pace_ms.get_or_insert(allotted);
        if let Some(it) = self.item_mut(item) {
            it.status = ItemStatus::Presenting;
            it.overran = false;
        }
        self.current = Some(CurrentItem {
            item: item.clone(),
            started_at: at,
            deadline: at + allotted,
            paused_at: None,
            paused_ms: 0,
        });
        self.hands.clear();
    }

    /// More time for `item`: its deadline (if on the floor) and its allotment; an item back
    /// within its time is no longer overrunning.
    fn extended(&mut self, item: &ItemId, ms: Millis, at: Millis) {
        let mut deadline = None;
        if let Some(c) = self.current.as_mut().filter(|c| &c.item == item) {
            c.deadline += ms;
            deadline = Some(c.deadline - c.paused_at.map_or(0, |p| at - p));
        }
        if let Some(it) = self.item_mut(item) {
            it.allotted_ms = Some(it.allotted_ms.unwrap_or(0) + ms);
            if deadline.is_some_and(|d| d > at) {
                it.overran = false;
            }
        }
    }

    /// Carried items go first in the queue, after those carried before them.
    fn carried_over(&mut self, item: &AgendaItem) {
        let head = self
            .items
            .iter()
            .position(|i| i.status == ItemStatus::Queued && i.carried_over.is_none())
            .unwrap_or(self.items.len());
        self.items.insert(head, item.clone());
    }

    /// The meeting is over (ended or cancelled): nobody holds the floor or a hand.
    fn end(&mut self, at: Millis) {
        self.phase = Phase::Ended;
        self.ended_at = Some(at);
        self.current = None;
        self.hands.clear();
    }

    /// Keeps the agenda as it is before an undoable action, until `through_seq` is followed
    /// by another agenda change or the window passes.
    fn mark_undoable(
        &mut self,
        action: UndoAction,
        item: &Option<ItemId>,
        through_seq: u64,
        at: Millis,
    ) {
        self.undo = Some(UndoPoint {
            action,
            item: item.clone(),
            at,
            until: at + UNDO_WINDOW_MS,
            through_seq,
            before: Box::new(AgendaBefore {
                phase: self.phase,
                items: self.items.clone(),
                confirmed: self.confirmed.clone(),
                current: self.current.clone(),
                hands: self.hands.clone(),
                started_at: self.started_at,
                pace_ms: self.pace_ms,
            }),
        });
    }

    /// The agenda back as it was before the undone action.
    fn undo_last_action(&mut self) {
        let Some(u) = self.undo.take() else {
            return;
        };
        let b = *u.before;
        // Hands raised since stay up, after the ones that were up before.
        let mut hands = b.hands;
        for h in std::mem::take(&mut self.hands) {
            if !hands.iter().any(|x| x.participant == h.participant) {
                hands.push(h);
            }
        }
        self.phase = b.phase;
        self.items = b.items;
        self.confirmed = b.confirmed;
        self.current = b.current;
        self.hands = hands;
        self.started_at = b.started_at;
        self.pace_ms = b.pace_ms;
    }

    fn set_allotments(&mut self, allotments: &[Allotment]) {
        for a in allotments {
            if let Some(it) = self.item_mut(&a.item) {
                it.allotted_ms = Some(a.ms);
            }
        }
    }

    fn leave_floor(&mut self, item: &ItemId) {
        if self.current.as_ref().is_some_and(|c| &c.item == item) {
            self.current = None;
            self.hands.clear();
        }
    }
}

/// The fields an `item_edited` event gives, written into the item, which is marked edited.
fn edit_item(
    it: &mut AgendaItem,
    title: &Option<String>,
    summary: &Option<String>,
    question: &Option<String>,
    services_wanted: &Option<Vec<ServiceId>>,
    themes: &Option<Vec<Theme>>,
) {
    if let Some(t) = title {
        it.title = t.clone();
    }
    if let Some(t) = summary {
        it.summary = t.clone();
    }
    if let Some(t) = question {
        it.question = t.clone();
    }
    if let Some(sv) = services_wanted {
        it.services_wanted = sv.clone();
    }
    if let Some(th) = themes {
        it.themes = th.clone();
    }
    it.edited = true;
}
