//! What the pages share: the context [`Ctx`] with its signals, the connection state, where a
//! request stands, and the memos several pages read.
//!
//! This module depends on nothing in the UI and nothing in the connection: `net` writes these
//! signals, `pages` and `components` read them, and `app` creates them once. Keeping the type
//! here (not in the app shell) is what lets the dependencies run one way only:
//! `app → pages → components → net → state`.

use crate::errors::ServerError;
use crate::i18n::{texts, Lang, Texts};
use leptos::prelude::*;
use shared::domain::{Phase, Role};
use shared::ids::ParticipantId;
use shared::room::{Actor, RoomState};
use shared::Millis;

/// The state of the live connection, shown to the user at all times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connection {
    /// The first socket is opening.
    Connecting,
    /// Welcomed by the server: actions can be sent.
    Online,
    /// The socket dropped; a new one is on its way (with backoff).
    Reconnecting,
    /// Stopped for good (bad link, unknown meeting).
    Closed,
}

/// Where a request that answers with `ack` or `error` stands, for the forms that show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent {
    /// Nothing sent (or the form was reset).
    Idle,
    /// Sent, no answer yet: the form's button is disabled.
    Sending,
    /// Acknowledged by the server.
    Done,
    /// Refused, with the server's reason.
    Failed(ServerError),
    /// The connection dropped before an answer came.
    Lost,
}

/// Why my hand went down without my lowering it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandNote {
    /// The item changed ("next"): hands are cleared with it.
    ItemChanged,
    /// The chair gave me the floor.
    Given,
}

/// Everything the pages share: one signal per thing, named after what it holds. `Copy`, so
/// closures can capture it freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The language the UI speaks (kept in local storage).
    pub lang: RwSignal<Lang>,
    /// The state of the live connection.
    pub connection: RwSignal<Connection>,
    /// The role my link gives me, once welcomed.
    pub my_role: RwSignal<Option<Role>>,
    /// The meeting as this tab knows it: the server's snapshot with its events applied.
    pub room_state: RwSignal<Option<RoomState>>,
    /// My participant id once joined.
    pub my_id: RwSignal<Option<ParticipantId>>,
    /// Estimated server time, whole seconds; ticks locally, no messages needed.
    pub server_time: RwSignal<Millis>,
    /// Error code that ended the connection for good.
    pub fatal_code: RwSignal<Option<String>>,
    /// Text for the polite live region.
    pub announcement: RwSignal<String>,
    /// The last refusal of an action that has no form of its own.
    pub refusal: RwSignal<Option<ServerError>>,
    /// Where my join request stands.
    pub join_sent: RwSignal<Sent>,
    /// The participant key, which the server gives the chair: for sharing the participant link
    /// and opening the shared screen without the chair key.
    pub participant_key: RwSignal<Option<String>>,
    /// A join with this browser's stored secret is on its way (after a reload or in a new tab):
    /// the page waits for it instead of flashing the join form.
    pub rejoining: RwSignal<bool>,
    /// Where my last item submission stands.
    pub submit_sent: RwSignal<Sent>,
    /// Where the chair's last recorded outcome stands.
    pub outcome_sent: RwSignal<Sent>,
    /// Element id to focus after the next room change (keeps focus on a moved agenda row).
    pub focus_after_change: RwSignal<Option<String>>,
    /// Why my raised hand went down without my lowering it, until I raise it again.
    pub hand_note: RwSignal<Option<HandNote>>,
    /// The guard module (loaded after the app) has arrived: text typed before it is marked then.
    pub guard_ready: RwSignal<bool>,
}

impl Ctx {
    /// Fresh signals for a page that has not connected yet, speaking `lang`.
    pub fn new(lang: Lang) -> Ctx {
        Ctx {
            lang: RwSignal::new(lang),
            connection: RwSignal::new(Connection::Connecting),
            my_role: RwSignal::new(None),
            room_state: RwSignal::new(None),
            my_id: RwSignal::new(None),
            server_time: RwSignal::new(0),
            fatal_code: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            refusal: RwSignal::new(None),
            join_sent: RwSignal::new(Sent::Idle),
            participant_key: RwSignal::new(None),
            rejoining: RwSignal::new(false),
            submit_sent: RwSignal::new(Sent::Idle),
            outcome_sent: RwSignal::new(Sent::Idle),
            focus_after_change: RwSignal::new(None),
            hand_note: RwSignal::new(None),
            guard_ready: RwSignal::new(false),
        }
    }

    /// The strings of the chosen language (tracked).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The strings of the chosen language, without tracking (for async code).
    pub fn t_untracked(&self) -> &'static Texts {
        texts(self.lang.get_untracked())
    }

    /// Whether actions can be sent now (tracked): the controls are disabled otherwise.
    pub fn online(&self) -> bool {
        self.connection.get() == Connection::Online
    }

    /// Says `text` in the polite live region, even when it is the same text as last time.
    pub fn announce(&self, text: String) {
        let signal = self.announcement;
        // Clear first so the same text is announced again.
        signal.set(String::new());
        set_timeout(
            move || signal.set(text),
            std::time::Duration::from_millis(100),
        );
    }
}

/// The context the app shell provided, for any page or component.
pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The meeting's title (empty until the room has arrived): the page heading, the top bar and
/// the join page all show it.
pub fn meeting_title() -> Memo<String> {
    let ctx = ctx();
    Memo::new(move |_| {
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| r.meeting.title.clone())
                .unwrap_or_default()
        })
    })
}

/// Whether the meeting has ended (a meeting page is then read-only).
pub fn meeting_ended() -> Memo<bool> {
    let ctx = ctx();
    Memo::new(move |_| {
        ctx.room_state
            .with(|r| r.as_ref().is_some_and(|r| r.phase == Phase::Ended))
    })
}

/// Who I am to the room's rules: my link's role and the person I joined as (tracked). `None`
/// before the welcome.
pub fn my_actor(ctx: Ctx) -> Option<Actor> {
    Some(Actor {
        role: ctx.my_role.get()?,
        participant: ctx.my_id.get(),
    })
}

/// Whether I hold the chair controls now (the chair link until it hands them over, or the
/// deputy who was handed or took them): the chair's view is shown to whoever does.
pub fn i_hold_chair() -> Memo<bool> {
    let ctx = ctx();
    Memo::new(move |_| {
        let Some(me) = my_actor(ctx) else {
            return false;
        };
        ctx.room_state
            .with(|r| r.as_ref().is_some_and(|r| r.holds_chair(&me)))
    })
}

/// Whether I am the scribe: I then get the outcome form beside the agenda.
pub fn i_am_scribe() -> Memo<bool> {
    let ctx = ctx();
    Memo::new(move |_| {
        let Some(me) = my_actor(ctx) else {
            return false;
        };
        ctx.room_state
            .with(|r| r.as_ref().is_some_and(|r| r.is_scribe(&me)))
    })
}
