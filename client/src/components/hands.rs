//! Raised hands: my own raise/lower button, and the queue (which the chair can work down).

use super::service_label;
use crate::i18n::hand_place;
use crate::net;
use crate::state::{ctx, HandNote};
use leptos::prelude::*;
use shared::ids::ParticipantId;
use shared::protocol::Command;

/// My own hand: raise or lower it (only while an item is on the floor), my place in the queue,
/// and why it went down if I did not lower it.
#[component]
pub fn HandButton() -> impl IntoView {
    let ctx = ctx();
    let raised = Memo::new(move |_| {
        let me = ctx.my_id.get();
        ctx.room_state.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.hands.iter().any(|h| Some(&h.participant) == me.as_ref()))
        })
    });
    let presenting = Memo::new(move |_| {
        ctx.room_state
            .with(|r| r.as_ref().is_some_and(|r| r.current.is_some()))
    });
    // My place in the hand queue, and how many hands are up.
    let place = Memo::new(move |_| {
        let me = ctx.my_id.get()?;
        ctx.room_state.with(|r| {
            let r = r.as_ref()?;
            Some((r.hand_position(&me)?, r.hands.len()))
        })
    });
    view! {
        <div class="hand">
            <button
                type="button"
                class="hand-button"
                aria-pressed=move || if raised.get() { "true" } else { "false" }
                aria-describedby="hand-note"
                disabled=move || !ctx.online() || (!presenting.get() && !raised.get())
                on:click=move |_| {
                    let cmd = if raised.get_untracked() { Command::LowerHand { participant: None } } else { Command::RaiseHand };
                    net::command(cmd);
                }
            >
                <span aria-hidden="true">"☝ "</span>
                {move || if raised.get() { ctx.t().lower_hand } else { ctx.t().raise_hand }}
            </button>
            <p id="hand-note" class="hint">
                {move || {
                    let t = ctx.t();
                    if raised.get() {
                        let place = place.get().map(|(n, of)| hand_place(ctx.lang.get(), n, of)).unwrap_or_default();
                        format!("{} {place}", t.hand_is_up)
                    } else if !presenting.get() { t.hand_needs_item.to_owned() } else { String::new() }
                }}
            </p>
            // Why my hand went down when I did not lower it (the item changed, or I got the floor).
            {move || ctx.hand_note.get().filter(|_| !raised.get()).map(|note| {
                let t = ctx.t();
                view! {
                    <p class="hand-dropped" role="status">
                        <span aria-hidden="true">"ℹ "</span>
                        {match note { HandNote::Given => t.hand_given, HandNote::ItemChanged => t.hand_dropped }}
                    </p>
                }
            })}
        </div>
    }
}

/// The raised hands in order, mine marked; the chair gives the floor from here.
#[component]
pub fn HandQueue(#[prop(optional)] chair: bool) -> impl IntoView {
    let ctx = ctx();
    let hands = move || {
        let lang = ctx.lang.get();
        ctx.room_state.with(|r| {
            let Some(r) = r.as_ref() else {
                return Vec::new();
            };
            r.hands
                .iter()
                .map(|h| {
                    let who = r.participant(&h.participant);
                    let service = who
                        .map(|p| service_label(r, lang, &p.service))
                        .unwrap_or_default();
                    let name = who.and_then(|p| p.display_name.clone());
                    let label = match name {
                        Some(n) => format!("{n} – {service}"),
                        None => service,
                    };
                    (h.participant.clone(), label)
                })
                .collect::<Vec<(ParticipantId, String)>>()
        })
    };
    view! {
        <section class="hands" aria-labelledby="hands-h">
            <h2 id="hands-h">{move || ctx.t().hands}" ("{move || hands().len()}")"</h2>
            {move || {
                let list = hands();
                if list.is_empty() {
                    return view! { <p class="muted">{move || ctx.t().no_hands}</p> }.into_any();
                }
                view! {
                    <ol class="hand-list">
                        {list.into_iter().enumerate().map(|(n, (p, label))| {
                            let aria = label.clone();
                            let mine = ctx.my_id.with_untracked(|me| me.as_ref() == Some(&p));
                            view! {
                                <li class:mine=mine>
                                    <span aria-hidden="true">{format!("{}. ☝ ", n + 1)}</span>
                                    <span>{label}</span>
                                    {mine.then(|| view! { <span class="tag">{ctx.t().yours}</span> })}
                                    {chair.then(|| view! {
                                        <button type="button" class="secondary small"
                                            aria-label=move || format!("{}: {}", ctx.t().give_floor, aria)
                                            disabled=move || !ctx.online()
                                            on:click=move |_| { net::command(Command::LowerHand { participant: Some(p.clone()) }); }
                                        >{move || ctx.t().give_floor}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
