//! What shows while content loads, and when it cannot be loaded.

use leptos::prelude::*;
use wegwijs_model::Language;

use crate::components::escape;
use crate::content::LoadError;

/// Grey bars in the shape of a page, the same as the static shell in `index.html`.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div
            class="skeleton"
            aria-busy="true"
            inner_html=r#"<div class="skeleton__bar skeleton__bar--title"></div><div class="skeleton__bar"></div><div class="skeleton__bar"></div><div class="skeleton__bar skeleton__bar--short"></div>"#
        ></div>
    }
}

/// "Could not load" in the person's language, a button to try again, and the technical reason
/// folded away for a volunteer. Offline, it says that this language is not on the phone yet,
/// under the language's own name as the chooser shows it.
#[component]
pub fn LoadErrorView(lang: &'static Language, error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    let offline = !web_sys::window().is_some_and(|w| w.navigator().on_line());
    let title =
        if offline { format!(r#"<h1 class="page__title">{}</h1>"#, escape(lang.endonym)) } else { String::new() };
    let html = format!(
        r#"{title}<p>{}</p><button type="button" class="button">{}</button><details class="load-error__details"><summary lang="en" dir="ltr">Details</summary><p lang="en" dir="ltr">{}</p></details>"#,
        escape(if offline { lang.not_on_phone } else { lang.load_error }),
        escape(lang.retry),
        escape(&error.to_string())
    );
    // The one button in it tries again.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if crate::dom::event_from(&ev, "button").is_some() {
            on_retry.run(());
        }
    };
    view! {
        <div class="load-error" role="alert" lang=lang.code dir=lang.dir.as_str() inner_html=html on:click=on_click></div>
    }
}
