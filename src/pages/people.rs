//! `/{lang}/people/`: on a volunteer's phone, everyone it walks with (by the label typed on
//! this phone) and the phone's own steps, each with how far they got; choosing one puts their
//! steps on every screen.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::escape;
use crate::content::Content;
use crate::storage::{self, ProgressState, PROGRESS_KEY};
use crate::sync::people;
use crate::{dom, routes};

/// The people screen.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let content = expect_context::<Content>();
    let state = expect_context::<ProgressState>();
    let ui = content.ui().clone();
    dom::set_title(ui.people());
    let lang = content.lang.code;
    let steps: Vec<String> = content.structure.guides.iter().flat_map(|g| g.steps.iter().cloned()).collect();
    let html = move || {
        let active = state.key.get();
        let mut rows = vec![(PROGRESS_KEY.to_owned(), ui.people_me().to_owned())];
        rows.extend(people::list().into_iter().map(|p| (p.key(), p.label)));
        let mut out = format!(
            r#"<nav class="crumbs"><a href="{}">{}</a></nav><h1 class="page__title">{}</h1><ul class="people">"#,
            escape(&routes::home(lang)),
            escape(ui.home()),
            escape(ui.people())
        );
        for (key, label) in rows {
            let done = storage::local()
                .map(|s| {
                    storage::read_replica(&s, &key, 0, storage::random_node)
                        .0
                        .count_done(steps.iter().map(String::as_str))
                })
                .unwrap_or(0);
            out += &format!(
                r#"<li><button type="button" class="people__choose" data-key="{}"{}><span class="people__label">{}</span> <span class="people__progress">{}</span></button></li>"#,
                escape(&key),
                if key == active { r#" aria-current="true""# } else { "" },
                escape(&label),
                escape(&ui.progress_text(done, steps.len()))
            );
        }
        out + "</ul>"
    };
    let navigate = use_navigate();
    let home = routes::home(lang);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(key) = dom::event_from(&ev, "[data-key]").and_then(|b| b.get_attribute("data-key")) {
            people::set_active(&key);
            state.open(&key);
            navigate(&home, Default::default());
        }
    };
    view! { <div class="people-page" inner_html=html on:click=on_click></div> }
}
