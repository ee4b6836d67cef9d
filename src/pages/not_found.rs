//! A real not-found screen, in the best language, with a way home.

use leptos::prelude::*;

use crate::components::escape;
use crate::content::Content;
use crate::{dom, routes};

/// The not-found message.
#[component]
pub fn NotFoundView() -> impl IntoView {
    let content = expect_context::<Content>();
    let ui = content.ui();
    dom::set_title(ui.not_found_title());
    let html = format!(
        r#"<h1 class="page__title">{}</h1><p class="page__lead">{}</p><a class="button" href="{}">{}</a>"#,
        escape(ui.not_found_title()),
        escape(ui.not_found_text()),
        escape(&routes::home(content.lang.code)),
        escape(ui.go_home())
    );
    view! { <section class="not-found" inner_html=html></section> }
}
