//! The app shell: shared state (`Ctx`), routing by path, and the page chosen for a meeting.

use crate::errors::ServerError;
use crate::i18n::{texts, Lang, Texts};
#[cfg(feature = "meeting")]
use crate::net;
#[cfg(feature = "coordinator")]
use crate::pages::coordinator::CoordinatorPage;
#[cfg(feature = "meeting")]
use crate::pages::{chair::ChairPage, join::JoinPage, room::RoomPage, screen::ScreenPage};
use crate::web;
use leptos::prelude::*;
use shared::domain::{Phase, Role};
use shared::ids::ParticipantId;
use shared::room::RoomState;
use shared::Millis;

/// The state of the live connection, shown to the user at all times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conn {
    Connecting,
    Online,
    Reconnecting,
    /// Stopped for good (bad link, unknown meeting).
    Closed,
}

/// Where a request that answers with `ack` or `error` stands, for the forms that show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent {
    Idle,
    Sending,
    Done,
    Failed(ServerError),
    /// The connection dropped before an answer came.
    Lost,
}

/// Everything the pages share: signals named after what they hold. `Copy`, so closures can
/// capture it freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub conn: RwSignal<Conn>,
    pub role: RwSignal<Option<Role>>,
    pub room: RwSignal<Option<RoomState>>,
    /// My participant id once joined.
    pub me: RwSignal<Option<ParticipantId>>,
    /// Estimated server time, whole seconds; ticks locally, no messages needed.
    pub now: RwSignal<Millis>,
    /// Error code that ended the connection for good.
    pub fatal: RwSignal<Option<String>>,
    /// Text for the polite live region.
    pub announcement: RwSignal<String>,
    /// The last refusal of an action that has no form of its own.
    pub notice: RwSignal<Option<ServerError>>,
    pub join_sent: RwSignal<Sent>,
    /// The participant key, which the server gives the chair: for sharing the participant link
    /// and opening the shared screen without the chair key.
    pub participant_key: RwSignal<Option<String>>,
    /// A join with this browser's stored secret is on its way (after a reload or in a new tab):
    /// the page waits for it instead of flashing the join form.
    pub rejoining: RwSignal<bool>,
    pub submit_sent: RwSignal<Sent>,
    pub outcome_sent: RwSignal<Sent>,
    /// Element id to focus after the next room change (keeps focus on a moved agenda row).
    pub focus_after: RwSignal<Option<String>>,
    /// Why my raised hand went down without my lowering it, until I raise it again.
    pub hand_note: RwSignal<Option<HandNote>>,
    /// The guard module (loaded after the app) has arrived: text typed before it is marked then.
    pub guard_ready: RwSignal<bool>,
}

/// Why my hand went down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandNote {
    /// The item changed ("next"): hands are cleared with it.
    ItemChanged,
    /// The chair gave me the floor.
    Given,
}

impl Ctx {
    /// The strings of the chosen language (tracked).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The strings of the chosen language, without tracking (for async code).
    pub fn t_untracked(&self) -> &'static Texts {
        texts(self.lang.get_untracked())
    }

    pub fn online(&self) -> bool {
        self.conn.get() == Conn::Online
    }

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

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Which page a meeting link shows right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MeetingView {
    Fatal,
    Loading,
    Join,
    Participant,
    Chair,
}

#[component]
pub fn App() -> impl IntoView {
    let lang = web::local_get("ppt.lang")
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let ctx = Ctx {
        lang: RwSignal::new(lang),
        conn: RwSignal::new(Conn::Connecting),
        role: RwSignal::new(None),
        room: RwSignal::new(None),
        me: RwSignal::new(None),
        now: RwSignal::new(0),
        fatal: RwSignal::new(None),
        announcement: RwSignal::new(String::new()),
        notice: RwSignal::new(None),
        join_sent: RwSignal::new(Sent::Idle),
        participant_key: RwSignal::new(None),
        rejoining: RwSignal::new(false),
        submit_sent: RwSignal::new(Sent::Idle),
        outcome_sent: RwSignal::new(Sent::Idle),
        focus_after: RwSignal::new(None),
        hand_note: RwSignal::new(None),
        guard_ready: RwSignal::new(false),
    };
    provide_context(ctx);
    web::on_guard_ready(move || ctx.guard_ready.set(true));
    Effect::new(move |_| {
        let l = ctx.lang.get();
        web::set_html_lang(l.code());
        web::local_set("ppt.lang", l.code());
    });
    Effect::new(move |_| {
        ctx.room.track();
        if let Some(id) = ctx.focus_after.get_untracked() {
            ctx.focus_after.set(None);
            request_animation_frame(move || web::focus_arrow(&id));
        }
    });

    let path = web::pathname();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        #[cfg(feature = "meeting")]
        ["m", id] | ["m", id, "screen"] => {
            let screen = parts.len() == 3;
            let id = id.to_string();
            let key = web::fragment_key().or_else(|| web::session_get(&format!("ppt.key.{id}")));
            match key {
                Some(key) => {
                    web::session_set(&format!("ppt.key.{id}"), &key);
                    if screen {
                        web::hide_fragment();
                    }
                    net::start(ctx, id, key);
                }
                None => ctx.fatal.set(Some("no_key".into())),
            }
            if screen {
                view! { <ScreenPage/> }.into_any()
            } else {
                view! { <MeetingPage/> }.into_any()
            }
        }
        #[cfg(feature = "coordinator")]
        _ => view! { <CoordinatorPage/> }.into_any(),
        // index.html loads the bundle that fits the path; this shows only if it did not.
        #[allow(unreachable_patterns)]
        _ => view! { <p><a href="/">"PPT Hub"</a></p> }.into_any(),
    }
}

/// A meeting link: join first, then the room or the chair's view.
#[cfg(feature = "meeting")]
#[component]
fn MeetingPage() -> impl IntoView {
    let ctx = ctx();
    let which = Memo::new(move |_| {
        if ctx.fatal.get().is_some() {
            return MeetingView::Fatal;
        }
        let phase = ctx.room.with(|r| r.as_ref().map(|r| r.phase));
        let Some(phase) = phase else {
            return MeetingView::Loading;
        };
        let joined = ctx.me.get().is_some();
        match ctx.role.get() {
            _ if !joined && phase != Phase::Ended && ctx.rejoining.get() => MeetingView::Loading,
            _ if !joined && phase != Phase::Ended => MeetingView::Join,
            Some(Role::Chair) => MeetingView::Chair,
            _ => MeetingView::Participant,
        }
    });
    move || {
        match which.get() {
        MeetingView::Fatal => view! { <FatalPage/> }.into_any(),
        MeetingView::Loading => view! {
            <main id="main" class="page narrow"><p class="loading" role="status">{move || ctx.t().loading}</p></main>
        }
        .into_any(),
        MeetingView::Join => view! { <JoinPage/> }.into_any(),
        MeetingView::Participant => view! { <RoomPage/> }.into_any(),
        MeetingView::Chair => view! { <ChairPage/> }.into_any(),
    }
    }
}

/// The link cannot work: say why, in words.
#[component]
pub fn FatalPage() -> impl IntoView {
    let ctx = ctx();
    let reason = move || {
        let t = ctx.t();
        match ctx.fatal.get().as_deref() {
            Some("bad_key") => t.fatal_bad_key,
            Some("unknown_meeting") => t.fatal_unknown_meeting,
            Some("unsupported_version") => t.fatal_version,
            Some("no_key") => t.fatal_no_key,
            _ => t.err_generic,
        }
    };
    view! {
        <header class="topbar"><span class="brand">"PPT Hub"</span><crate::components::status::LangSwitch/></header>
        <main id="main" class="page narrow">
            <h1>{move || ctx.t().fatal_title}</h1>
            <p class="alert" role="alert">{reason}</p>
        </main>
    }
}
