//! The roles panel on every meeting page: who holds the chair controls and who is the scribe
//! (everyone sees both); for a deputy (or the chair link after a handover) the "Ota
//! puheenjohto" button once the holder has been away long enough, with the time left until
//! then; for the holder, handing the controls over, promoting a deputy and naming or taking
//! back the scribe. Changes are said in the polite live region (`net::room_copy`), so a
//! screen reader hears "X now holds the chair controls".

use crate::i18n::roles::{holder_name, person_label, takeover_in, texts as role_texts};
use crate::net;
use crate::state::{ctx, i_am_scribe, i_hold_chair, meeting_ended, my_actor};
use leptos::prelude::*;
use shared::domain::{Participant, Role};
use shared::ids::ParticipantId;
use shared::protocol::Command;
use shared::room::RoomState;

/// Where the deputy's takeover stands, for the button and its note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Takeover {
    /// I could not take over (I hold the controls, or I am no deputy).
    NotMine,
    /// The holder is present.
    HolderHere,
    /// The holder is away; it opens in this many seconds.
    OpensIn(i64),
    /// It is open now.
    Open,
}

/// The roles panel (see the module documentation).
#[component]
pub fn ChairRoles() -> impl IntoView {
    let ctx = ctx();
    let ended = meeting_ended();
    let holds = i_hold_chair();
    let scribe = i_am_scribe();
    let holder = move || {
        let lang = ctx.lang.get();
        let me = ctx.my_id.get();
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| holder_name(r, lang, me.as_ref(), false))
                .unwrap_or_default()
        })
    };
    let scribe_name = move || {
        let lang = ctx.lang.get();
        ctx.room_state.with(|r| {
            let r = r.as_ref()?;
            let id = r.roles.scribe.as_ref()?;
            r.participant(id).map(|p| person_label(r, lang, p))
        })
    };
    let takeover = Memo::new(move |_| {
        let now = ctx.server_time.get();
        let Some(me) = my_actor(ctx) else {
            return Takeover::NotMine;
        };
        ctx.room_state.with(|r| {
            let Some(r) = r.as_ref() else {
                return Takeover::NotMine;
            };
            if !r.may_take_over(&me) {
                return Takeover::NotMine;
            }
            match r.takeover_opens_at() {
                None => Takeover::HolderHere,
                Some(at) if at > now => Takeover::OpensIn((at - now + 999) / 1000),
                Some(_) => Takeover::Open,
            }
        })
    });
    // Say it once when the takeover opens, not every second of the countdown.
    Effect::new(move |was: Option<Takeover>| {
        let now = takeover.get();
        if now == Takeover::Open && was.is_some_and(|w| w != Takeover::Open) {
            ctx.announce(
                role_texts(ctx.lang.get_untracked())
                    .take_over_now
                    .to_owned(),
            );
        }
        now
    });
    let takeover_view = move || {
        let rt = role_texts(ctx.lang.get());
        match takeover.get() {
            Takeover::NotMine => None,
            Takeover::HolderHere => Some(
                view! { <p class="hint takeover-note">{rt.take_over_present}</p> }.into_any(),
            ),
            Takeover::OpensIn(s) => Some(
                view! { <p class="takeover-note">{takeover_in(ctx.lang.get(), s)}</p> }.into_any(),
            ),
            Takeover::Open => Some(
                view! {
                    <div class="takeover">
                        <p class="takeover-note">{rt.take_over_now}</p>
                        <button type="button" class="primary" id="take-over" disabled=move || !ctx.online()
                            on:click=move |_| { net::command(Command::TakeOver); }>
                            {rt.take_over}
                        </button>
                    </div>
                }
                .into_any(),
            ),
        }
    };
    view! {
        <section class="roles" aria-labelledby="roles-h">
            <h2 id="roles-h" tabindex="-1">{move || role_texts(ctx.lang.get()).roles_title}</h2>
            <p class="holder-line" id="holder-line">
                <strong>{move || role_texts(ctx.lang.get()).holder_label}": "</strong>
                {holder}
            </p>
            <p class="scribe-line">
                <strong>{move || role_texts(ctx.lang.get()).scribe_label}": "</strong>
                {move || scribe_name().unwrap_or_else(|| role_texts(ctx.lang.get()).scribe_none.to_owned())}
            </p>
            <Show when=move || scribe.get() && !holds.get()>
                <p class="scribe-note">{move || role_texts(ctx.lang.get()).you_are_scribe}</p>
            </Show>
            <Show when=move || !ended.get()>
                {takeover_view}
                <Show when=move || holds.get()>
                    <HolderControls/>
                </Show>
            </Show>
        </section>
    }
}

/// The people present who fit `keep`, as (id, label) for a choice.
fn choices(
    r: &RoomState,
    lang: crate::i18n::Lang,
    keep: impl Fn(&RoomState, &Participant) -> bool,
) -> Vec<(ParticipantId, String)> {
    r.participants
        .iter()
        .filter(|p| p.present && keep(r, p))
        .map(|p| (p.id.clone(), person_label(r, lang, p)))
        .collect()
}

/// Which choice of the holder's controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    HandOver,
    Promote,
    Scribe,
}

impl Pick {
    /// The form's id stem (`handover-to`, `promote-who`, `scribe-who`).
    fn id(self) -> &'static str {
        match self {
            Pick::HandOver => "handover-to",
            Pick::Promote => "promote-who",
            Pick::Scribe => "scribe-who",
        }
    }

    /// Who can be chosen now: a present deputy or person of the chair link other than the
    /// holder; a present participant who is no deputy yet; anyone present but the scribe and
    /// the holder.
    fn keep(self, r: &RoomState, p: &Participant) -> bool {
        let actor = shared::room::Actor {
            role: p.role,
            participant: Some(p.id.clone()),
        };
        match self {
            Pick::HandOver => r.holder_for(&p.id).is_some_and(|h| h != r.roles.holder),
            Pick::Promote => p.role == Role::Participant && !r.is_deputy(&p.id),
            Pick::Scribe => r.roles.scribe.as_ref() != Some(&p.id) && !r.holds_chair(&actor),
        }
    }

    /// The command that gives `to` the role.
    fn command(self, to: ParticipantId) -> Command {
        match self {
            Pick::HandOver => Command::HandOver { to },
            Pick::Promote => Command::PromoteDeputy { participant: to },
            Pick::Scribe => Command::NameScribe { participant: to },
        }
    }
}

/// The holder's controls: hand over, promote a deputy, name or take back the scribe.
#[component]
fn HolderControls() -> impl IntoView {
    let ctx = ctx();
    let has_scribe = move || {
        ctx.room_state
            .with(|r| r.as_ref().is_some_and(|r| r.roles.scribe.is_some()))
    };
    view! {
        <div class="role-controls">
            <RoleChoice pick=Pick::HandOver/>
            <RoleChoice pick=Pick::Scribe/>
            <Show when=has_scribe>
                <button type="button" class="secondary" id="revoke-scribe" disabled=move || !ctx.online()
                    on:click=move |_| { net::command(Command::RevokeScribe); }>
                    {move || role_texts(ctx.lang.get()).revoke_scribe}
                </button>
            </Show>
            <RoleChoice pick=Pick::Promote/>
        </div>
    }
}

/// One labelled choice of a present person and its button; a note instead when nobody fits.
#[component]
fn RoleChoice(pick: Pick) -> impl IntoView {
    let ctx = ctx();
    let options = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.room_state.with(|r| {
            r.as_ref()
                .map(|r| choices(r, lang, |r, p| pick.keep(r, p)))
                .unwrap_or_default()
        })
    });
    let chosen = RwSignal::new(String::new());
    let id = pick.id();
    let texts = move || {
        let rt = role_texts(ctx.lang.get());
        match pick {
            Pick::HandOver => (rt.hand_over_to, rt.hand_over, rt.hand_over_none),
            Pick::Promote => (rt.promote_who, rt.promote, rt.nobody_to_choose),
            Pick::Scribe => (rt.name_scribe_who, rt.name_scribe, rt.nobody_to_choose),
        }
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = chosen.get_untracked();
        let to = options.with_untracked(|o| {
            o.iter()
                .find(|(p, _)| p.as_str() == picked)
                .or_else(|| o.first())
                .map(|(p, _)| p.clone())
        });
        if let Some(to) = to {
            net::command(pick.command(to));
        }
    };
    view! {
        <Show when=move || !options.with(|o| o.is_empty())
            fallback=move || view! { <p class="hint" id=format!("{id}-none")>{move || texts().2}</p> }>
            <form class="role-form" on:submit=send novalidate>
                <label for=id>{move || texts().0}</label>
                <div class="role-row">
                    <select id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || options.get().into_iter().map(|(p, label)| {
                            let value = p.to_string();
                            let selected = { let value = value.clone(); move || chosen.with(|c| c == &value) };
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit" class="secondary" disabled=move || !ctx.online()>
                        {move || texts().1}
                    </button>
                </div>
            </form>
        </Show>
    }
}
