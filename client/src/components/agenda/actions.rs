//! A row's buttons and the box that asks before a defer, a withdraw or a redaction. Which
//! buttons show comes from one table ([`RowActions::acts`]); every button names its item
//! ("Aloita: Iäkäs asiakas…"), and focus goes back where it makes sense after each.

use crate::net;
use crate::state::ctx;
use crate::web;
use leptos::prelude::*;
use shared::domain::ItemStatus;
use shared::ids::ItemId;
use shared::protocol::Command;

/// A button of an agenda row.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Move one place up the queue (the chair).
    Up,
    /// Move one place down the queue (the chair).
    Down,
    /// Put it on the floor now (the chair).
    Start,
    /// Move it to the next meeting (asks first).
    Defer,
    /// Take it off the agenda (the chair or its presenter; asks first).
    Withdraw,
    /// Open or close the edit form.
    Edit,
    /// Remove its words everywhere (the chair; asks first).
    Redact,
}

/// What the row's confirmation box asks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// "Defer this item?"
    Defer,
    /// "Withdraw this item?"
    Withdraw,
    /// "Redact this item?"
    Redact,
}

impl Ask {
    /// The first part of the id of the button that asked (`defer-i3`), to focus it again.
    fn button(self) -> &'static str {
        match self {
            Ask::Defer => "defer",
            Ask::Withdraw => "withdraw",
            Ask::Redact => "redact",
        }
    }
}

/// The queue order with `moving` placed before `target` (or last, with no target).
pub fn moved(queue: &[ItemId], moving: &ItemId, target: Option<&ItemId>) -> Vec<ItemId> {
    let mut order: Vec<ItemId> = queue.iter().filter(|i| *i != moving).cloned().collect();
    let at = target
        .and_then(|t| order.iter().position(|i| i == t))
        .unwrap_or(order.len());
    order.insert(at, moving.clone());
    order
}

/// Sends a new queue order, focusing the element `focus` once the room shows it.
pub fn send_reorder(order: Vec<ItemId>, focus: Option<String>) {
    let ctx = ctx();
    ctx.focus_after_change.set(focus);
    net::command(Command::Reorder { order });
}

/// What a row's buttons need of their row: its item, what the viewer may do with it, and the
/// row's two bits of UI state (the open question, the open edit form). `Copy`, like signals.
#[derive(Clone, Copy)]
pub struct RowActions {
    /// The row's item.
    pub id: StoredValue<ItemId>,
    /// Whether this is the chair's agenda.
    pub chair: bool,
    /// The queued items' ids in order.
    pub queue: Memo<Vec<ItemId>>,
    /// The item's status (`None` while it is not in the room).
    pub status: Memo<Option<ItemStatus>>,
    /// The item has been redacted.
    pub redacted: Memo<bool>,
    /// The item is mine (I presented it).
    pub mine: Memo<bool>,
    /// The meeting has ended.
    pub ended: Memo<bool>,
    /// The item's title as shown (its buttons are named after it).
    pub title: Memo<String>,
    /// The question the row's box is asking, if any.
    pub asking: RwSignal<Option<Ask>>,
    /// The edit form is open.
    pub editing: RwSignal<bool>,
}

impl RowActions {
    fn queued(&self) -> bool {
        self.status.get() == Some(ItemStatus::Queued)
    }

    /// The item's place in the queue.
    fn position(&self) -> Option<usize> {
        let queue = self.queue;
        self.id
            .with_value(|id| queue.with(|q| q.iter().position(|x| x == id)))
    }

    /// The item's name for its buttons ("Aloita: Iäkäs asiakas…").
    fn named(&self, action: &'static str) -> String {
        format!("{action}: {}", self.title.get())
    }

    /// Whether the viewer may edit the item now.
    pub fn can_edit(&self) -> bool {
        !self.ended.get()
            && !self.redacted.get()
            && ((self.chair
                && matches!(
                    self.status.get(),
                    Some(ItemStatus::Queued | ItemStatus::Presenting)
                ))
                || (self.mine.get() && self.queued()))
    }

    /// The row's buttons, from one table: which show.
    fn acts(&self) -> Vec<Act> {
        let chair = self.chair;
        let queued = self.queued();
        let open = matches!(
            self.status.get(),
            Some(ItemStatus::Queued | ItemStatus::Presenting)
        );
        let live = !self.ended.get();
        let mut v = Vec::new();
        if chair && queued && live {
            v.extend([Act::Up, Act::Down, Act::Start]);
        }
        if chair && live && open {
            v.push(Act::Defer);
        }
        if (chair || self.mine.get()) && queued && live {
            v.push(Act::Withdraw);
        }
        if self.can_edit() {
            v.push(Act::Edit);
        }
        if chair && !self.redacted.get() {
            v.push(Act::Redact);
        }
        v
    }

    /// Moves the item `delta` places in the queue, keeping focus on the arrow pressed.
    fn move_by(&self, delta: isize) {
        let id = self.id.get_value();
        let q = self.queue.get_untracked();
        let Some(pos) = q.iter().position(|q| q == &id) else {
            return;
        };
        let to = pos as isize + delta;
        if to < 0 || to as usize >= q.len() {
            return;
        }
        let mut order = q.clone();
        order.swap(pos, to as usize);
        let focus = if delta < 0 {
            format!("up-{id}")
        } else {
            format!("down-{id}")
        };
        send_reorder(order, Some(focus));
    }

    /// Opens the box that asks first; it focuses its "cancel".
    fn ask(&self, a: Ask) {
        self.asking.set(Some(a));
        let no = format!("no-{}", self.id.get_value());
        request_animation_frame(move || web::focus(&no));
    }

    /// What pressing a button does.
    fn run(&self, a: Act) {
        match a {
            Act::Up => self.move_by(-1),
            Act::Down => self.move_by(1),
            Act::Start => {
                net::command(Command::StartItem {
                    item: self.id.get_value(),
                });
            }
            Act::Defer => self.ask(Ask::Defer),
            Act::Withdraw => self.ask(Ask::Withdraw),
            Act::Redact => self.ask(Ask::Redact),
            Act::Edit => self.editing.update(|e| *e = !*e),
        }
    }
}

/// The row's buttons.
#[component]
pub fn ItemActions(row: RowActions) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="item-actions">
            {move || row.acts().into_iter().map(|a| {
                let t = ctx.t();
                let id = row.id.get_value();
                let (text, label, class, dom) = match a {
                    Act::Up => ("↑", t.move_up, "icon-button", format!("up-{id}")),
                    Act::Down => ("↓", t.move_down, "icon-button", format!("down-{id}")),
                    Act::Start => (t.start_item, t.start_item, "start", String::new()),
                    Act::Defer => (t.defer, t.defer, "secondary defer", format!("defer-{id}")),
                    Act::Withdraw => (t.withdraw, t.withdraw, "secondary withdraw", format!("withdraw-{id}")),
                    Act::Edit => (t.edit, t.edit, "secondary edit", String::new()),
                    Act::Redact => (t.redact, t.redact, "secondary redact", format!("redact-{id}")),
                };
                view! {
                    <button type="button" class=class id=(!dom.is_empty()).then_some(dom)
                        aria-label=row.named(label)
                        aria-expanded=(a == Act::Edit).then_some(move || row.editing.get().to_string())
                        disabled=move || !ctx.online() || match a {
                            Act::Up => row.position() == Some(0),
                            Act::Down => row.position().is_none_or(|p| p + 1 >= row.queue.with(|q| q.len())),
                            _ => false,
                        }
                        on:click=move |_| row.run(a)
                    >{text}</button>
                }
            }).collect_view()}
        </div>
    }
}

/// The box that asks before a defer, a withdraw or a redaction, while one is asked.
#[component]
pub fn ConfirmBox(row: RowActions) -> impl IntoView {
    let ctx = ctx();
    move || {
        row.asking.get().map(|a| {
            let t = ctx.t();
            let (q, yes) = match a {
                Ask::Defer => (t.defer_confirm, t.defer_yes),
                Ask::Withdraw => (t.withdraw_confirm, t.withdraw_yes),
                Ask::Redact => (t.redact_confirm, t.redact),
            };
            let id = row.id.get_value();
            let q_id = format!("ask-{id}");
            let q_for = q_id.clone();
            let no_id = format!("no-{id}");
            view! {
                <div class="confirm-box" role="group" aria-labelledby=q_for>
                    <p id=q_id>{q}" "{row.named("")}</p>
                    <button type="button" class="danger confirm-yes" disabled=move || !ctx.online()
                        on:click=move |_| {
                            let item = id.clone();
                            net::command(match a {
                                Ask::Defer => Command::DeferItem { item },
                                Ask::Withdraw => Command::WithdrawItem { item },
                                Ask::Redact => Command::RedactItem { item },
                            });
                            row.asking.set(None);
                            // The chair can take it back at once.
                            request_animation_frame(|| web::focus("undo"));
                        }>{yes}</button>
                    <button type="button" class="secondary" id=no_id on:click=move |_| {
                        row.asking.set(None);
                        // Back to the button that asked.
                        let back = format!("{}-{}", a.button(), row.id.get_value());
                        request_animation_frame(move || web::focus(&back));
                    }>{t.cancel}</button>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_puts_item_before_target() {
        let q: Vec<ItemId> = ["a", "b", "c"].into_iter().map(ItemId::from).collect();
        let got = moved(&q, &ItemId::from("c"), Some(&ItemId::from("a")));
        assert_eq!(
            got,
            ["c", "a", "b"]
                .into_iter()
                .map(ItemId::from)
                .collect::<Vec<_>>()
        );
    }
}
