//! A real not-found page, in the best language, with a way home.

use leptos::prelude::*;

use crate::components::{LoadErrorView, Skeleton};
use crate::content::{self, Content};
use crate::pages::root::best_language;
use crate::{dom, routes};

/// Not found outside a language (an unknown language code, or a path of the wrong shape): loads
/// the best language's words first.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    if let Some(content) = use_context::<Content>() {
        return view! { <NotFoundView content=content/> }.into_any();
    }
    let lang = best_language();
    dom::set_document_language(lang);
    let attempt = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        attempt.track();
        content::load(lang)
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    (move || match loaded.get() {
        None => view! { <main id="main" class="page"><Skeleton/></main> }.into_any(),
        Some(Err(error)) => {
            view! { <main id="main" class="page"><LoadErrorView lang=lang error=error on_retry=retry/></main> }
                .into_any()
        }
        Some(Ok(content)) => view! { <main id="main" class="page"><NotFoundView content=content/></main> }.into_any(),
    })
    .into_any()
}

/// The not-found message for loaded content.
#[component]
pub fn NotFoundView(content: Content) -> impl IntoView {
    let ui = content.ui();
    dom::set_title(&ui.not_found_title);
    view! {
        <section class="not-found">
            <h1 class="page__title">{ui.not_found_title.clone()}</h1>
            <p class="page__lead">{ui.not_found_text.clone()}</p>
            <a class="button" href=routes::home(content.lang.code)>{ui.go_home.clone()}</a>
        </section>
    }
}
