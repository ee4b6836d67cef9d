//! What shows while content loads, and when it cannot be loaded.

use leptos::prelude::*;
use wegwijs_model::Language;

use crate::components::escape;
use crate::content::{self, Content, LoadError};

/// `view` of `content` with all of its language's words, for the screens that show step bodies or
/// the glossary: at once when they are in memory (the frame fetches them in the background after
/// the first screen), else after a skeleton while they load, or with a way to try again.
pub fn with_all_words(content: Content, view: Box<dyn Fn(Content) -> AnyView + Send + Sync>) -> AnyView {
    let lang = content.lang;
    // The same type as the frame's signal, so the wasm holds its code once.
    let words: RwSignal<Option<Result<Content, LoadError>>> =
        RwSignal::new(content::all_words_now(lang).map(|all| Ok(content.complete(all))));
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        if !matches!(words.get_untracked(), Some(Ok(_))) {
            let content = content.clone();
            leptos::task::spawn_local(async move {
                words.set(Some(content::all_words(lang).await.map(|all| content.complete(all))))
            });
        }
    });
    let retry = Callback::new(move |()| {
        words.set(None);
        attempt.update(|n| *n += 1);
    });
    (move || match words.get() {
        None => view! { <Skeleton/> }.into_any(),
        Some(Err(error)) => view! { <LoadErrorView lang=lang error=error on_retry=retry/> }.into_any(),
        Some(Ok(all)) => view(all),
    })
    .into_any()
}

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
