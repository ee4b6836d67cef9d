//! A real not-found screen, in the best language, with a way home.

use leptos::prelude::*;

use crate::content::Content;
use crate::{dom, routes};

/// The not-found message.
#[component]
pub fn NotFoundView() -> impl IntoView {
    let content = expect_context::<Content>();
    let ui = content.ui();
    dom::set_title(ui.not_found_title());
    view! {
        <section class="not-found">
            <h1 class="page__title">{ui.not_found_title().to_owned()}</h1>
            <p class="page__lead">{ui.not_found_text().to_owned()}</p>
            <a class="button" href=routes::home(content.lang.code)>{ui.go_home().to_owned()}</a>
        </section>
    }
}
