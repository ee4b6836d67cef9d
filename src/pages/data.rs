//! `/{lang}/data/`: your data, in the person's language: what stays on the phone, what goes to
//! the server (sealed, and when), who can read it (only the paired phones) and how to delete
//! it. The share screen shows the same paragraphs before anything is shared.

use leptos::prelude::*;
use wegwijs_model::Ui;

use crate::components::escape;
use crate::content::Content;
use crate::{dom, routes};

/// The four paragraphs, as escaped HTML.
pub fn your_data(ui: &Ui) -> String {
    [ui.data_phone(), ui.data_server(), ui.data_who(), ui.data_delete()]
        .into_iter()
        .map(|text| format!("<p>{}</p>", escape(text)))
        .collect()
}

/// The data screen, with the way to walk together (where sharing starts and ends).
#[component]
pub fn DataPage() -> impl IntoView {
    let content = expect_context::<Content>();
    let ui = content.ui();
    let lang = content.lang.code;
    dom::set_title(ui.data());
    let html = format!(
        r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1>{}<p><a class="button button--secondary" href="{}">{}</a></p>"#,
        escape(&routes::home(lang)),
        escape(ui.home()),
        escape(ui.data()),
        your_data(ui),
        escape(&routes::share(lang)),
        escape(ui.share())
    );
    view! { <section class="your-data" inner_html=html></section> }
}
