//! Joining, and joining again: the join the person asks for, the automatic one with the secret
//! this browser saved (after a reload, a reconnect, or in a second tab, so one person is never
//! counted twice), and reclaiming items carried over from earlier meetings with the secrets of
//! those meetings.

use super::requests::request;
use super::session::{ctx, with, Pending};
use crate::errors::ServerError;
use crate::state::{Ctx, Sent};
use crate::web;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::domain::ItemStatus;
use shared::ids::{MeetingId, ParticipantId, ServiceId};
use shared::protocol::{ClientMsg, EarlierJoin, JoinAs, MAX_EARLIER_JOINS};

/// How this browser joined the meeting; kept in local storage (per meeting and link), so a
/// reload, a closed and reopened tab or a second tab reclaims the same participant instead of
/// counting the person twice.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct SavedJoin {
    secret: String,
    service: ServiceId,
    display_name: Option<String>,
    /// A guest's organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organisation: Option<String>,
}

impl SavedJoin {
    /// What the person joined as.
    fn join_as(&self) -> JoinAs {
        JoinAs {
            service: self.service.clone(),
            organisation: self.organisation.clone(),
        }
    }
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

/// Joins for `service` (a catalogue service, or as an expert by experience or a guest with
/// their organisation), with an optional name, as the join form asks; the form follows the
/// answer in `Ctx::join_sent`.
pub fn join(service: JoinAs, display_name: Option<String>) -> bool {
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
    let me = ctx.my_id.get_untracked();
    let mut meetings: Vec<MeetingId> = Vec::new();
    ctx.room_state.with_untracked(|r| {
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
pub fn reclaim(ctx: Ctx) {
    if ctx.my_id.get_untracked().is_none() || with(|n| n.joining.is_some()) {
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
    with(|n| n.joining = Some((saved.join_as(), saved.display_name.clone())));
    request(
        Pending::Join { auto: true },
        ClientMsg::Join {
            service: saved.join_as(),
            display_name: saved.display_name,
            secret: Some(saved.secret),
            earlier,
        },
    )
}

/// The service (or guest's organisation) and name this tab last joined with, to prefill the
/// form.
pub fn last_join_choice() -> (Option<JoinAs>, String) {
    let saved = saved_join();
    match saved {
        Some(s) => (Some(s.join_as()), s.display_name.unwrap_or_default()),
        None => (
            web::local_get("ppt.service").map(|s| JoinAs {
                service: ServiceId(s),
                organisation: web::local_get("ppt.organisation").filter(|o| !o.is_empty()),
            }),
            web::local_get("ppt.display_name").unwrap_or_default(),
        ),
    }
}

fn saved_join() -> Option<SavedJoin> {
    let text = store()?.get_item(&join_key()).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// After `welcome`: joins again with the saved secret, if this link has one and no join is on
/// its way; the page waits for it (`Ctx::rejoining`) instead of showing the join form.
pub fn auto_join() {
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

/// The server's `joined`: saves the secret for this link (and the choice for the form next
/// time), and I am that participant now.
pub fn joined(ctx: Ctx, participant_id: ParticipantId, secret: String) {
    if let Some((join, display_name)) = with(|n| n.joining.take()) {
        web::local_set("ppt.service", join.service.as_str());
        web::local_set("ppt.display_name", display_name.as_deref().unwrap_or(""));
        web::local_set(
            "ppt.organisation",
            join.organisation.as_deref().unwrap_or(""),
        );
        let saved = SavedJoin {
            secret,
            service: join.service,
            display_name,
            organisation: join.organisation,
        };
        if let Some(st) = store() {
            let _ = st.set_item(
                &join_key(),
                &serde_json::to_string(&saved).unwrap_or_default(),
            );
        }
    }
    ctx.my_id.set(Some(participant_id));
    ctx.rejoining.set(false);
    ctx.join_sent.set(Sent::Done);
    reclaim(ctx);
}

/// A join was refused: an automatic one means the saved secret no longer works (or the meeting
/// ended), so it is forgotten and the form asks again; the form shows why its own join failed.
pub fn join_refused(ctx: Ctx, auto: bool, err: ServerError) {
    with(|n| n.joining = None);
    ctx.rejoining.set(false);
    if auto {
        web::session_remove(&format!("ppt.join.{}", with(|n| n.meeting.clone())));
        if let Some(st) = store() {
            let _ = st.remove_item(&join_key());
        }
        ctx.join_sent.set(Sent::Idle);
    } else {
        ctx.join_sent.set(Sent::Failed(err));
    }
}
