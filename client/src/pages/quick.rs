//! `/quick#key=…`: opening a quick consultation room (issue 13). To be written.

use leptos::prelude::*;

/// The quick consultation opener.
#[component]
pub fn QuickPage() -> impl IntoView {
    view! { <main id="main" class="page narrow"></main> }
}
