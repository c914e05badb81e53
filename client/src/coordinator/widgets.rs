//! The coordinator page's small building blocks: a labelled field, a link with its Copy
//! button, a note under a form or card, and the toggles that open one panel at a time. Each is
//! a plain function returning a view; the page's parts are drawn again when the language
//! changes, so the texts passed in are plain strings.

use crate::state::Ctx;
use crate::web;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A confirmation or an error, shown under the form or card it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Done (also said in the live region).
    Ok(String),
    /// Failed or refused (an alert).
    Err(String),
}

/// Shows `note` at `at`; a confirmation is also said in the polite live region.
pub fn say(ctx: Ctx, at: RwSignal<Option<Note>>, note: Note) {
    if let Note::Ok(text) = &note {
        ctx.announce(text.clone());
    }
    at.set(Some(note));
}

/// The place of a note: `<div id=…>` holding `✓ text`, or an alert (role=alert).
pub fn note_view(id: String, note: RwSignal<Option<Note>>) -> impl IntoView {
    view! {
        <div id=id>
            {move || {
                note.get()
                    .map(|n| match n {
                        Note::Ok(text) => view! { <p class="ok">{format!("✓ {text}")}</p> }.into_any(),
                        Note::Err(text) => view! { <p class="alert" role="alert">{text}</p> }.into_any(),
                    })
            }}
        </div>
    }
}

/// A labelled input: its id, label, type and value as drawn, an optional hint under it, and
/// whether it is required (a visible asterisk, which the form explains, and `aria-required`).
pub struct Field {
    /// The input's id (its label points at it).
    pub id: String,
    /// The visible label.
    pub label: &'static str,
    /// The input's type: `text`, `number`, `date`, `datetime-local`, `time`.
    pub kind: &'static str,
    /// The value when drawn.
    pub value: String,
    /// A hint under the input, which describes it (`{id}-hint`).
    pub hint: Option<String>,
    /// Marked required.
    pub required: bool,
}

impl Field {
    /// An optional field without a hint.
    pub fn new(
        id: impl Into<String>,
        label: &'static str,
        kind: &'static str,
        value: String,
    ) -> Field {
        Field {
            id: id.into(),
            label,
            kind,
            value,
            hint: None,
            required: false,
        }
    }

    /// The same field with a hint, which the input is described by.
    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = Some(hint.into());
        self
    }

    /// The same field, required.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The field; `on_input` gets its value as typed.
    pub fn view(self, on_input: impl Fn(String) + 'static) -> AnyView {
        self.boxed(Box::new(on_input))
    }

    /// One copy of the view code for every field (a smaller module).
    fn boxed(self, on_input: Box<dyn Fn(String)>) -> AnyView {
        let hint_id = self.hint.as_ref().map(|_| format!("{}-hint", self.id));
        let hint = self
            .hint
            .map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> });
        let star = self
            .required
            .then(|| view! { " " <span class="req" aria-hidden="true">"*"</span> });
        view! {
            <div class="field">
                <label for=self.id.clone()>{self.label}{star}</label>
                <input id=self.id type=self.kind prop:value=self.value
                    required=self.required aria-required=self.required.then_some("true")
                    aria-describedby=hint_id.clone()
                    on:input=move |ev| on_input(event_target_value(&ev))/>
                {hint}
            </div>
        }
        .into_any()
    }
}

/// A labelled select; `options` are (value, text), `chosen` is selected.
pub fn select_field(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
    on_change: impl Fn(String) + 'static,
) -> AnyView {
    let on_change: Box<dyn Fn(String)> = Box::new(on_change);
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_change(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let selected = v == chosen;
                        view! { <option value=v selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// A read-only link with a Copy button (which says when it has copied), and an Open link.
pub fn link_row(
    t: &'static crate::i18n::Texts,
    label: &'static str,
    link: String,
    id: String,
    open: bool,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let to_copy = link.clone();
    let open = open.then(|| {
        view! {
            <a href=link.clone() target="_blank" rel="noopener"
                aria-label=format!("{}: {label}", t.open)>{t.open}</a>
        }
    });
    view! {
        <div class="link-row">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" readonly prop:value=link on:focus=|ev| {
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.select();
                }
            }/>
            <button type="button" class="secondary" on:click=move |_| {
                web::copy(&to_copy);
                copied.set(true);
            }>{move || if copied.get() { format!("✓ {}", t.copied) } else { t.copy.to_owned() }}</button>
            {open}
        </div>
    }
}

/// Moves focus into a panel just opened: its first field, or its confirming button.
pub fn focus_into(panel: &str) {
    let first = document()
        .get_element_by_id(panel)
        .and_then(|p| p.query_selector("input, button").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(e) = first {
        let _ = e.focus();
    }
}

/// The button that opens or closes the panel `panel` (id `open-{panel}`), when `open` holds
/// `which`. One panel of a group is open at a time; opening one moves focus into it.
pub fn toggle_button<P: Copy + PartialEq + Send + Sync + 'static>(
    class: &'static str,
    panel: String,
    open: RwSignal<Option<P>>,
    which: P,
    label: &'static str,
    aria_label: Option<String>,
) -> impl IntoView {
    let target = panel.clone();
    view! {
        <button type="button" class=class id=format!("open-{panel}") aria-controls=panel
            aria-expanded=move || (open.get() == Some(which)).to_string()
            aria-label=aria_label
            on:click=move |_| toggle(open, which, &target)>{label}</button>
    }
}

/// Opens the panel (closing its group's other one) or closes it; focus goes into the panel,
/// or back to its opening button.
pub fn toggle<P: Copy + PartialEq + Send + Sync + 'static>(
    open: RwSignal<Option<P>>,
    which: P,
    panel: &str,
) {
    if open.get_untracked() == Some(which) {
        open.set(None);
        web::focus(&format!("open-{panel}"));
    } else {
        open.set(Some(which));
        // Shown at once (the view would a moment later), so focus can go in now.
        if let Some(p) = document().get_element_by_id(panel) {
            let _ = p.remove_attribute("hidden");
        }
        focus_into(panel);
    }
}

/// A confirmation panel (`role=group`, hidden until its toggle opens it): the question, the
/// confirming button and a Back button.
pub fn confirm_box<P: Copy + PartialEq + Send + Sync + 'static>(
    t: &'static crate::i18n::Texts,
    panel: String,
    open: RwSignal<Option<P>>,
    which: P,
    label: String,
    question: &'static str,
    yes: impl IntoView + 'static,
) -> impl IntoView {
    let back = panel.clone();
    view! {
        <div id=panel class="confirm-box" role="group" aria-label=label
            hidden=move || open.get() != Some(which)>
            <p>{question}</p>
            {yes}
            <button type="button" class="secondary" on:click=move |_| toggle(open, which, &back)>{t.back}</button>
        </div>
    }
}
