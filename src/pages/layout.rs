//! The frame of every screen under `/{lang}/`: checks the language, sets `<html lang dir>`,
//! loads the language's content, and shows the header, notices and the page.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;
use wegwijs_model::Language;

use crate::components::{LoadErrorView, Notices, SiteHeader, Skeleton};
use crate::content;
use crate::pages::NotFoundPage;
use crate::{dom, storage};

/// Layout route for `/:lang`.
#[component]
pub fn LanguageLayout() -> impl IntoView {
    let params = use_params_map();
    let lang = Memo::new(move |_| params.read().get("lang").and_then(|code| Language::by_code(&code)));
    Effect::new(move |_| {
        if let Some(lang) = lang.get() {
            dom::set_document_language(lang);
            storage::remember_language(lang.code);
        }
    });
    let attempt = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        attempt.track();
        let lang = lang.get();
        async move {
            match lang {
                Some(lang) => Some(content::load(lang).await),
                None => None,
            }
        }
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));

    move || {
        let Some(lang) = lang.get() else {
            return view! { <NotFoundPage/> }.into_any();
        };
        match loaded.get() {
            None | Some(None) => view! { <main id="main" class="page"><Skeleton/></main> }.into_any(),
            Some(Some(Err(error))) => {
                view! { <main id="main" class="page"><LoadErrorView lang=lang error=error on_retry=retry/></main> }
                    .into_any()
            }
            Some(Some(Ok(content))) => {
                provide_context(content);
                view! {
                    <SiteHeader/>
                    <main id="main" class="page" tabindex="-1">
                        <Notices/>
                        <Outlet/>
                    </main>
                }
                .into_any()
            }
        }
    }
}
