//! The live connection: one WebSocket, protocol v1, reconnecting by itself.
//!
//! - After `welcome` the server sends the missed events or a snapshot; events are applied with
//!   `RoomState::apply` in `seq` order. A gap asks for `resync`; another epoch drops the state.
//! - The clock: `offset` = server time − browser time, from `welcome` and refined by `pong`.
//!   A local ticker turns it into `Ctx::now`; the server sends no per-second messages.
//! - Reconnect with exponential backoff (0.5 s … 15 s, with jitter), sending `last` so the server
//!   can resume from our position, and re-joining with the stored `secret`.

use crate::app::{Conn, Ctx, HandNote, Sent};
use crate::errors::{is_fatal, ServerError};
use crate::i18n::texts;
use crate::wire::{self, Frame};
use crate::{fmt, web};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::domain::ItemStatus;
use shared::domain::{ItemDraft, Outcome};
use shared::ids::{ItemId, MeetingId, ServiceId};
use shared::protocol::{
    ClientEnvelope, ClientMsg, Command, EarlierJoin, Position, MAX_EARLIER_JOINS, PROTOCOL_VERSION,
};
use shared::room::{Event, EventKind};
use shared::Millis;
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// What an answered request was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    Join { auto: bool },
    Submit,
    Outcome,
    Other,
}

/// How this browser joined the meeting; kept in local storage (per meeting and link), so a
/// reload, a closed and reopened tab or a second tab reclaims the same participant instead of
/// counting the person twice.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct SavedJoin {
    secret: String,
    service: ServiceId,
    display_name: Option<String>,
}

type Handlers = (
    Closure<dyn FnMut(web_sys::Event)>,
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(CloseEvent)>,
);

#[derive(Default)]
struct Net {
    ctx: Option<Ctx>,
    meeting: String,
    key: String,
    ws: Option<WebSocket>,
    handlers: Option<Handlers>,
    /// Bumped per socket, so late callbacks of an old socket are ignored.
    generation: u32,
    epoch: Option<String>,
    seq: u64,
    have_state: bool,
    resyncing: bool,
    next_req: u64,
    pending: HashMap<u64, Pending>,
    /// The service and name of the join in flight, saved with the secret when it succeeds.
    joining: Option<(ServiceId, Option<String>)>,
    attempt: u32,
    /// Server time minus browser time, ms.
    offset: f64,
    ping_sent: Option<f64>,
    last_heard: f64,
    stopped: bool,
    /// The item for which "one minute left" was announced.
    minute_warned: Option<ItemId>,
    /// I asked to lower my own hand (so its going down needs no explanation).
    lowering: bool,
    /// The earlier secrets last sent to reclaim carried-over items, so a set that proved
    /// nothing is not sent again at every event.
    reclaim_sent: Vec<String>,
}

thread_local! {
    static NET: RefCell<Net> = RefCell::new(Net::default());
}

fn with<R>(f: impl FnOnce(&mut Net) -> R) -> R {
    NET.with(|n| f(&mut n.borrow_mut()))
}

/// Where this meeting link's join is kept. The chair's and the participants' links of one
/// meeting are two people even in one browser. (Not to be called inside `with`.)
fn join_key() -> String {
    with(|n| {
        let key: String = n.key.chars().take(8).collect();
        format!("ppt.join.{}.{key}", n.meeting)
    })
}

fn store() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Opens the connection for `meeting` and keeps it open.
pub fn start(ctx: Ctx, meeting: String, key: String) {
    with(|n| {
        n.ctx = Some(ctx);
        n.meeting = meeting;
        n.key = key;
    });
    connect();
    set_interval(tick, Duration::from_millis(250));
    window_event_listener(leptos::ev::online, |_| reconnect_now());
}

/// The estimated server time now.
pub fn server_now() -> Millis {
    let offset = with(|n| n.offset);
    (web::local_now() + offset) as Millis
}

fn connect() {
    let (url, generation) = with(|n| {
        drop_socket(n);
        n.generation += 1;
        (format!("{}/ws/{}", web::ws_base(), n.meeting), n.generation)
    });
    if let Some(ctx) = ctx() {
        if ctx.conn.get_untracked() != Conn::Reconnecting {
            ctx.conn.set(Conn::Connecting);
        }
    }
    let ws = match WebSocket::new(&url) {
        Ok(ws) => ws,
        Err(_) => {
            schedule_reconnect();
            return;
        }
    };
    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_open(generation));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(text) = e.data().as_string() {
            on_message(generation, &text);
        }
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_| on_close(generation));
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    with(|n| {
        n.ws = Some(ws);
        n.handlers = Some((on_open, on_message, on_close));
        n.last_heard = web::local_now();
    });
}

fn drop_socket(n: &mut Net) {
    if let Some(ws) = n.ws.take() {
        ws.set_onopen(None);
        ws.set_onmessage(None);
        ws.set_onclose(None);
        let _ = ws.close();
    }
    n.handlers = None;
}

fn ctx() -> Option<Ctx> {
    with(|n| n.ctx)
}

fn send_env(req: Option<u64>, msg: ClientMsg) -> bool {
    let text = serde_json::to_string(&ClientEnvelope { req, msg }).unwrap_or_default();
    with(|n| match &n.ws {
        Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(&text).is_ok(),
        _ => false,
    })
}

fn request(kind: Pending, msg: ClientMsg) -> bool {
    let req = with(|n| {
        n.next_req += 1;
        n.pending.insert(n.next_req, kind);
        n.next_req
    });
    let ok = send_env(Some(req), msg);
    if !ok {
        with(|n| n.pending.remove(&req));
    }
    ok
}

/// Sends a room command whose refusal, if any, is shown as a notice.
pub fn command(cmd: Command) -> bool {
    if let Some(ctx) = ctx() {
        match &cmd {
            Command::LowerHand { participant: None } => with(|n| n.lowering = true),
            Command::RaiseHand => {
                with(|n| n.lowering = false);
                ctx.hand_note.set(None);
            }
            _ => {}
        }
    }
    request(Pending::Other, ClientMsg::Command(cmd))
}

pub fn submit_item(item: ItemDraft) -> bool {
    request(
        Pending::Submit,
        ClientMsg::Command(Command::SubmitItem { item }),
    )
}

pub fn record_outcome(item: ItemId, outcome: Outcome) -> bool {
    request(
        Pending::Outcome,
        ClientMsg::Command(Command::RecordOutcome { item, outcome }),
    )
}

pub fn join(service: ServiceId, display_name: Option<String>) -> bool {
    with(|n| n.joining = Some((service.clone(), display_name.clone())));
    let secret = saved_join().map(|s| s.secret);
    let earlier = ctx().map(earlier_joins).unwrap_or_default();
    request(
        Pending::Join { auto: false },
        ClientMsg::Join {
            service,
            display_name,
            secret,
            earlier,
        },
    )
}

/// This browser's secrets from the meetings that queued carried-over items here came from,
/// while those items are not yet mine: sent with `join`, they make the items mine here (the
/// server checks that each item's presenter is the person the secret names).
fn earlier_joins(ctx: Ctx) -> Vec<EarlierJoin> {
    let me = ctx.me.get_untracked();
    let mut meetings: Vec<MeetingId> = Vec::new();
    ctx.room.with_untracked(|r| {
        let items = r.iter().flat_map(|r| r.items.iter());
        for item in
            items.filter(|i| i.status == ItemStatus::Queued && Some(&i.presenter) != me.as_ref())
        {
            if let Some(c) = &item.carried_over {
                let from = c
                    .history
                    .iter()
                    .map(|t| &t.meeting)
                    .chain([&c.from_meeting]);
                for m in from {
                    if !meetings.contains(m) {
                        meetings.push(m.clone());
                    }
                }
            }
        }
    });
    let mut out = Vec::new();
    let Some(st) = store().filter(|_| !meetings.is_empty()) else {
        return out;
    };
    for i in 0..st.length().unwrap_or(0) {
        let Some(key) = st.key(i).ok().flatten() else {
            continue;
        };
        let Some(meeting) = meetings.iter().find(|m| {
            key.strip_prefix("ppt.join.")
                .and_then(|k| k.strip_prefix(m.as_str()))
                .is_some_and(|k| k.starts_with('.'))
        }) else {
            continue;
        };
        let saved = st.get_item(&key).ok().flatten();
        if let Some(saved) = saved.and_then(|t| serde_json::from_str::<SavedJoin>(&t).ok()) {
            out.push(EarlierJoin {
                meeting: meeting.clone(),
                secret: saved.secret,
            });
        }
    }
    out.truncate(MAX_EARLIER_JOINS);
    out
}

/// After joining, and whenever the room shows carried-over items: if this browser brought any
/// of them in an earlier meeting, joins again with those secrets so they are mine here.
fn reclaim(ctx: Ctx) {
    if ctx.me.get_untracked().is_none() || with(|n| n.joining.is_some()) {
        return;
    }
    let earlier = earlier_joins(ctx);
    let sent: Vec<String> = earlier.iter().map(|e| e.secret.clone()).collect();
    if earlier.is_empty() || with(|n| n.reclaim_sent == sent) {
        return;
    }
    let Some(saved) = saved_join() else {
        return;
    };
    with(|n| n.reclaim_sent = sent);
    join_saved(saved, earlier);
}

/// Joins again as the participant this browser saved for this link.
fn join_saved(saved: SavedJoin, earlier: Vec<EarlierJoin>) -> bool {
    with(|n| n.joining = Some((saved.service.clone(), saved.display_name.clone())));
    request(
        Pending::Join { auto: true },
        ClientMsg::Join {
            service: saved.service,
            display_name: saved.display_name,
            secret: Some(saved.secret),
            earlier,
        },
    )
}

/// The service and name this tab last joined with, to prefill the form.
pub fn last_join_choice() -> (Option<ServiceId>, String) {
    let saved = saved_join();
    match saved {
        Some(s) => (Some(s.service), s.display_name.unwrap_or_default()),
        None => (
            web::local_get("ppt.service").map(ServiceId),
            web::local_get("ppt.display_name").unwrap_or_default(),
        ),
    }
}

fn saved_join() -> Option<SavedJoin> {
    let text = store()?.get_item(&join_key()).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Tries again at once (the "reconnect now" button, the browser coming back online).
pub fn reconnect_now() {
    let (stopped, open) = with(|n| {
        (
            n.stopped,
            n.ws.as_ref()
                .is_some_and(|w| w.ready_state() == WebSocket::OPEN),
        )
    });
    if !stopped && !open {
        with(|n| n.attempt = 0);
        connect();
    }
}

fn on_open(generation: u32) {
    let last = with(|n| {
        if n.generation != generation {
            return None;
        }
        Some(match (&n.epoch, n.have_state) {
            (Some(epoch), true) => Some(Position {
                epoch: epoch.clone(),
                seq: n.seq,
            }),
            _ => None,
        })
    });
    let Some(last) = last else { return };
    let key = with(|n| n.key.clone());
    send_env(
        None,
        ClientMsg::Hello {
            v: PROTOCOL_VERSION,
            key,
            last,
        },
    );
}

fn on_close(generation: u32) {
    let current = with(|n| n.generation == generation);
    if !current {
        return;
    }
    let (lost, stopped) = with(|n| {
        n.ws = None;
        let lost: Vec<Pending> = n.pending.drain().map(|(_, p)| p).collect();
        n.resyncing = false;
        (lost, n.stopped)
    });
    let Some(ctx) = ctx() else { return };
    for p in lost {
        match p {
            Pending::Submit => ctx.submit_sent.set(Sent::Lost),
            Pending::Outcome => ctx.outcome_sent.set(Sent::Lost),
            Pending::Join { .. } => {
                ctx.join_sent.set(Sent::Idle);
                ctx.rejoining.set(false);
            }
            Pending::Other => {}
        }
    }
    if stopped {
        ctx.conn.set(Conn::Closed);
        return;
    }
    if ctx.conn.get_untracked() == Conn::Online {
        ctx.announce(texts(ctx.lang.get_untracked()).conn_reconnecting.to_owned());
    }
    ctx.conn.set(Conn::Reconnecting);
    schedule_reconnect();
}

fn schedule_reconnect() {
    let (delay, generation) = with(|n| {
        n.attempt += 1;
        let base = 500.0 * 2f64.powi(n.attempt.min(6) as i32 - 1);
        (
            base.min(15_000.0) + js_sys::Math::random() * 500.0,
            n.generation,
        )
    });
    set_timeout(
        move || {
            // Only if nothing else reconnected meanwhile.
            if with(|n| n.generation == generation && n.ws.is_none() && !n.stopped) {
                connect();
            }
        },
        Duration::from_millis(delay as u64),
    );
}

fn on_message(generation: u32, text: &str) {
    let current = with(|n| {
        if n.generation == generation {
            n.last_heard = web::local_now();
            true
        } else {
            false
        }
    });
    if !current {
        return;
    }
    let Some(ctx) = ctx() else { return };
    let Some(frame) = wire::parse(text) else {
        return;
    };
    match frame {
        Frame::Error(err) => on_error(ctx, err),
        Frame::Welcome {
            role,
            epoch,
            now,
            participant_key,
        } => {
            if participant_key.is_some() {
                ctx.participant_key.set(participant_key);
            }
            let changed = with(|n| {
                n.offset = now as f64 - web::local_now();
                n.attempt = 0;
                let changed = n.epoch.as_ref() != Some(&epoch) && n.have_state;
                if changed {
                    n.have_state = false;
                    n.seq = 0;
                }
                n.epoch = Some(epoch);
                changed
            });
            if changed {
                ctx.room.set(None);
            }
            ctx.role.set(Some(role));
            if ctx.conn.get_untracked() == Conn::Reconnecting {
                ctx.announce(texts(ctx.lang.get_untracked()).conn_online.to_owned());
            }
            ctx.conn.set(Conn::Online);
            ping();
            auto_join();
        }
        Frame::Snapshot { epoch, seq, state } => {
            with(|n| {
                n.epoch = Some(epoch);
                n.seq = seq;
                n.have_state = true;
                n.resyncing = false;
            });
            let was_up = my_hand_up(ctx);
            ctx.room.set(Some(*state));
            reclaim(ctx);
            if was_up && !my_hand_up(ctx) && !with(|n| std::mem::take(&mut n.lowering)) {
                ctx.hand_note.set(Some(HandNote::ItemChanged));
            }
        }
        Frame::Event { epoch, seq, event } => on_event(ctx, epoch, seq, event),
        Frame::Joined {
            req,
            participant_id,
            secret,
        } => {
            with(|n| {
                if let Some(r) = req {
                    n.pending.remove(&r);
                }
            });
            if let Some((service, display_name)) = with(|n| n.joining.take()) {
                web::local_set("ppt.service", service.as_str());
                web::local_set("ppt.display_name", display_name.as_deref().unwrap_or(""));
                let saved = SavedJoin {
                    secret,
                    service,
                    display_name,
                };
                if let Some(st) = store() {
                    let _ = st.set_item(
                        &join_key(),
                        &serde_json::to_string(&saved).unwrap_or_default(),
                    );
                }
            }
            ctx.me.set(Some(participant_id));
            ctx.rejoining.set(false);
            ctx.join_sent.set(Sent::Done);
            reclaim(ctx);
        }
        Frame::Ack { req } => {
            let kind = req.and_then(|r| with(|n| n.pending.remove(&r)));
            match kind {
                Some(Pending::Submit) => {
                    ctx.submit_sent.set(Sent::Done);
                    ctx.announce(texts(ctx.lang.get_untracked()).submitted_ok.to_owned());
                }
                Some(Pending::Outcome) => {
                    ctx.outcome_sent.set(Sent::Done);
                    ctx.announce(texts(ctx.lang.get_untracked()).outcome_saved.to_owned());
                }
                _ => {}
            }
        }
        Frame::Pong { now } => {
            with(|n| {
                if let Some(sent) = n.ping_sent.take() {
                    let received = web::local_now();
                    n.offset = now as f64 - (sent + received) / 2.0;
                }
            });
        }
    }
}

fn on_error(ctx: Ctx, err: ServerError) {
    if is_fatal(&err.code) {
        with(|n| {
            n.stopped = true;
        });
        ctx.fatal.set(Some(err.code.clone()));
        ctx.conn.set(Conn::Closed);
        return;
    }
    let kind = err.req.and_then(|r| with(|n| n.pending.remove(&r)));
    match kind {
        Some(Pending::Join { auto }) => {
            with(|n| n.joining = None);
            ctx.rejoining.set(false);
            if auto {
                // The stored secret no longer works (or the meeting ended): ask again.
                web::session_remove(&format!("ppt.join.{}", with(|n| n.meeting.clone())));
                if let Some(st) = store() {
                    let _ = st.remove_item(&join_key());
                }
                ctx.join_sent.set(Sent::Idle);
            } else {
                ctx.join_sent.set(Sent::Failed(err));
            }
        }
        Some(Pending::Submit) => ctx.submit_sent.set(Sent::Failed(err)),
        Some(Pending::Outcome) => ctx.outcome_sent.set(Sent::Failed(err)),
        _ => ctx.notice.set(Some(err)),
    }
}

fn on_event(ctx: Ctx, epoch: String, seq: u64, event: Option<Box<Event>>) {
    enum Step {
        Apply(Box<Event>),
        Skip,
        Resync,
    }
    let step = with(|n| {
        if n.epoch.as_ref() != Some(&epoch) || !n.have_state {
            Step::Resync
        } else if seq <= n.seq {
            Step::Skip
        } else if seq != n.seq + 1 {
            Step::Resync
        } else if let Some(event) = event {
            n.seq = seq;
            Step::Apply(event)
        } else {
            // An event this build cannot read: a fresh snapshot instead.
            Step::Resync
        }
    });
    match step {
        Step::Skip => {}
        Step::Resync => resync(),
        Step::Apply(event) => {
            let mut said = describe(ctx, &event);
            let was_up = my_hand_up(ctx);
            ctx.room.update(|r| {
                if let Some(r) = r {
                    r.apply(&event);
                }
            });
            if matches!(event.kind, EventKind::ItemCarriedOver { .. }) {
                reclaim(ctx);
            }
            // My hand went down without my lowering it: tell me why, in words.
            if was_up && !my_hand_up(ctx) && !with(|n| std::mem::take(&mut n.lowering)) {
                let note = match &event.kind {
                    EventKind::HandLowered { .. } => HandNote::Given,
                    _ => HandNote::ItemChanged,
                };
                ctx.hand_note.set(Some(note));
                let t = texts(ctx.lang.get_untracked());
                said = Some(
                    match note {
                        HandNote::Given => t.hand_given,
                        HandNote::ItemChanged => t.hand_dropped,
                    }
                    .to_owned(),
                );
            }
            if let Some(text) = said {
                ctx.announce(text);
            }
        }
    }
}

/// Whether my hand is up in the room as this tab knows it.
fn my_hand_up(ctx: Ctx) -> bool {
    let me = ctx.me.get_untracked();
    ctx.room.with_untracked(|r| {
        r.as_ref()
            .is_some_and(|r| r.hands.iter().any(|h| Some(&h.participant) == me.as_ref()))
    })
}

/// What a screen reader user should hear about an event (politely), if anything.
fn describe(ctx: Ctx, event: &Event) -> Option<String> {
    let t = texts(ctx.lang.get_untracked());
    let title = |id: &ItemId| {
        ctx.room.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| r.item(id))
                .map(|i| i.title.clone())
                .unwrap_or_default()
        })
    };
    let chair = ctx.role.get_untracked() == Some(shared::domain::Role::Chair);
    Some(match &event.kind {
        EventKind::ItemStarted { item, .. } => format!("{}: {}", t.ann_started, title(item)),
        EventKind::ItemOverran { item } => format!("{}: {}", t.ann_overran, title(item)),
        EventKind::Paused => t.ann_paused.to_owned(),
        EventKind::Resumed => t.ann_resumed.to_owned(),
        EventKind::Extended { ms, .. } => format!(
            "{}: {} {}",
            t.ann_extended,
            fmt::minutes(*ms),
            t.minutes_short
        ),
        EventKind::MeetingEnded => t.ann_ended.to_owned(),
        EventKind::ActionUndone { .. } => t.ann_undone.to_owned(),
        EventKind::HandRaised { .. } if chair => t.ann_hand.to_owned(),
        _ => return None,
    })
}

fn resync() {
    let already = with(|n| std::mem::replace(&mut n.resyncing, true));
    if !already && !send_env(None, ClientMsg::Resync) {
        with(|n| n.resyncing = false);
    }
}

fn ping() {
    with(|n| n.ping_sent = Some(web::local_now()));
    send_env(None, ClientMsg::Ping);
}

fn auto_join() {
    let joined = with(|n| n.joining.is_some());
    let Some(saved) = saved_join() else {
        return;
    };
    if joined {
        return;
    }
    let earlier = ctx().map(earlier_joins).unwrap_or_default();
    let sent = join_saved(saved, earlier);
    if let Some(ctx) = ctx().filter(|_| sent) {
        ctx.rejoining.set(true);
    }
}

/// Every 250 ms: move the clock on (by whole seconds), warn at one minute left, and keep the
/// connection honest (ping every 20 s; a silent socket for 50 s is closed and reopened).
fn tick() {
    let Some(ctx) = ctx() else { return };
    let now = server_now();
    let second = now - now.rem_euclid(1000);
    if ctx.now.get_untracked() != second {
        ctx.now.set(second);
        one_minute_warning(ctx, now);
    }
    let local = web::local_now();
    let (open, since_heard, ping_due) = with(|n| {
        let open =
            n.ws.as_ref()
                .is_some_and(|w| w.ready_state() == WebSocket::OPEN);
        (
            open,
            local - n.last_heard,
            n.ping_sent.is_none_or(|p| local - p > 20_000.0),
        )
    });
    if open && since_heard > 50_000.0 {
        let g = with(|n| {
            drop_socket(n);
            n.generation
        });
        on_close(g);
    } else if open && since_heard > 20_000.0 && ping_due {
        ping();
    }
}

fn one_minute_warning(ctx: Ctx, now: Millis) {
    let current = ctx
        .room
        .with_untracked(|r| r.as_ref().and_then(|r| r.current.clone()));
    let Some(c) = current else { return };
    let left = c.left_ms(now);
    if c.paused_at.is_none() && left <= 60_000 && left > 55_000 {
        let first = with(|n| {
            let first = n.minute_warned.as_ref() != Some(&c.item);
            n.minute_warned = Some(c.item.clone());
            first
        });
        if first {
            ctx.announce(texts(ctx.lang.get_untracked()).ann_one_minute.to_owned());
        }
    }
}
