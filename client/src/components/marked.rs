//! Suspected identifiers shown inside the user's own text. A textarea cannot hold markup, so
//! the text is echoed under the field with the offending words marked (and named, not only
//! coloured); the field points at it with `aria-describedby`.

use crate::i18n::identifier_name;
use crate::marks::{segments, Mark, Segment};
use crate::state::ctx;
use leptos::prelude::*;

/// `text` echoed with `marks` marked and named, under the field whose `aria-describedby` is
/// `id`; hidden while there is nothing to mark.
#[component]
pub fn MarkedText(id: String, text: Signal<String>, marks: Signal<Vec<Mark>>) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div id=id class="marks" hidden=move || marks.with(|m| m.is_empty())>
            {move || {
                let found = marks.get();
                if found.is_empty() {
                    return None;
                }
                let lang = ctx.lang.get();
                let t = ctx.t();
                let segs = text.with(|s| segments(s, &found));
                Some(view! {
                    <p class="marks-h"><span aria-hidden="true">"⚠ "</span>{t.check_marked}</p>
                    <p class="marked-text">
                        {segs.into_iter().map(|s| match s {
                            Segment::Plain(p) => view! { <span>{p}</span> }.into_any(),
                            Segment::Marked { text, kind } => view! {
                                <mark>{text}</mark>
                                <span class="mark-kind">" ["{identifier_name(lang, &kind)}"] "</span>
                            }.into_any(),
                        }).collect_view()}
                    </p>
                })
            }}
        </div>
    }
}

/// The marks to show for a field: the server's, while the text is still what was rejected;
/// otherwise the client-side detectors' on the current text.
pub fn field_marks(
    text: RwSignal<String>,
    rejected: RwSignal<Option<(String, Vec<Mark>)>>,
) -> Signal<Vec<Mark>> {
    let guard_ready = ctx().guard_ready;
    let local = Memo::new(move |_| {
        if !guard_ready.get() {
            return Vec::new();
        }
        text.with(|t| crate::web::guard_find(t))
            .map(|flat| crate::marks::from_triples(&flat))
            .unwrap_or_default()
    });
    Signal::derive(move || {
        let server = rejected.with(|r| {
            r.as_ref()
                .filter(|(t, _)| text.with(|now| now == t))
                .map(|(_, m)| m.clone())
        });
        match server {
            Some(m) if !m.is_empty() => m,
            _ => local.get(),
        }
    })
}
