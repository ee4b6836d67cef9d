//! The frame of every screen: reads the address (see `routes`), sends `/` to the best language,
//! sets `<html lang dir>`, loads the language's content, and shows the header, notices and the
//! screen. One frame instead of nested router routes keeps the wasm small.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::{BrowserUrl, LocationProvider};
use leptos_router::NavigateOptions;
use wegwijs_model::Language;

use crate::components::{LoadErrorView, Notices, SiteHeader, Skeleton, SyncBar};
use crate::content;
use crate::pages::{
    DataPage, GlossaryPage, GuidePage, HomePage, NotFoundView, PlanPage, QuestionsPage, StepPage, TogetherPage,
};
use crate::pwa::Pwa;
use crate::routes::{self, Route, Screen};
use crate::{dom, storage};

/// The language to open `/` in: the one chosen last time, else the browser's, else English.
pub fn best_language() -> &'static Language {
    storage::remembered_language().and_then(|code| Language::by_code(&code)).unwrap_or_else(|| {
        let preferred = dom::preferred_languages();
        Language::negotiate(preferred.iter().map(String::as_str))
    })
}

/// Every screen of the app.
#[component]
pub fn Layout() -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| routes::parse(&location.pathname.get()));
    // An address in no known language still gets a not-found screen in the best language.
    let lang = Memo::new(move |_| match route.get() {
        Route::In(lang, _) => lang,
        Route::Root | Route::Join | Route::Unknown => best_language(),
    });
    // The router writes a navigation into the history only once the screen for it is ready;
    // <Routes> would say so, and this one frame says so itself.
    let browser_url = use_context::<BrowserUrl>();
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        location.hash.track();
        if let Some(url) = &browser_url {
            url.ready_to_complete();
        }
    });
    let navigate = use_navigate();
    Effect::new(move |_| match route.get() {
        Route::Root => {
            navigate(&routes::home(lang.get().code), NavigateOptions { replace: true, ..Default::default() })
        }
        Route::In(lang, _) => storage::remember_language(lang.code),
        Route::Join | Route::Unknown => {}
    });
    Effect::new(move |_| dom::set_document_language(lang.get()));
    // After moving to another screen, put the keyboard and screen-reader focus at the new
    // screen's start instead of leaving it on a link that is gone.
    Effect::new(move |previous: Option<()>| {
        route.track();
        if previous.is_some() {
            dom::focus_main();
        }
    });

    // The content of the language on screen. A plain signal filled by a task (rather than a
    // resource) keeps the wasm smaller, and keeps showing the old language until the new one is
    // there.
    let loaded: RwSignal<Option<Result<content::Content, content::LoadError>>> = RwSignal::new(None);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        let wanted = lang.get();
        leptos::task::spawn_local(async move {
            let result = content::load(wanted).await;
            // A slow answer for a language the person already left is dropped.
            if std::ptr::eq(lang.get_untracked(), wanted) {
                loaded.set(Some(result));
            }
        });
    });
    // The language on screen is kept on the phone, so it opens offline next time; the rest of
    // its words come now, so a step or the glossary opens at once.
    let pwa = expect_context::<Pwa>();
    Effect::new(move |_| {
        if let Some(Ok(content)) = loaded.get() {
            pwa.keep(content.lang.code);
            let lang = content.lang;
            leptos::task::spawn_local(async move {
                // A failure shows only if the person opens a step, which fetches again.
                let _ = content::all_words(lang).await;
            });
        }
    });
    let retry = Callback::new(move |()| {
        loaded.set(None);
        attempt.update(|n| *n += 1);
    });

    move || match loaded.get() {
        None => view! { <main id="main" class="page"><Skeleton/></main> }.into_any(),
        Some(Err(error)) => view! {
            <main id="main" class="page"><LoadErrorView lang=lang.get_untracked() error=error on_retry=retry/></main>
        }
        .into_any(),
        Some(Ok(content)) => {
            provide_context(content);
            let screen = move || match route.get() {
                Route::In(_, Screen::Home) => view! { <HomePage/> }.into_any(),
                Route::In(_, Screen::Glossary) => view! { <GlossaryPage/> }.into_any(),
                Route::In(_, Screen::Plan) => view! { <PlanPage/> }.into_any(),
                Route::In(_, Screen::Questions) => view! { <QuestionsPage/> }.into_any(),
                Route::In(_, Screen::Share) => view! { <TogetherPage screen="share"/> }.into_any(),
                Route::In(_, Screen::People) => view! { <TogetherPage screen="people"/> }.into_any(),
                Route::In(_, Screen::Data) => view! { <DataPage/> }.into_any(),
                Route::Join => view! { <TogetherPage screen="join"/> }.into_any(),
                Route::In(_, Screen::Guide(id)) => view! { <GuidePage id=id/> }.into_any(),
                Route::In(_, Screen::Step { guide, step }) => view! { <StepPage guide=guide step=step/> }.into_any(),
                Route::In(_, Screen::NotFound) | Route::Unknown => view! { <NotFoundView/> }.into_any(),
                Route::Root => view! { <Skeleton/> }.into_any(),
            };
            view! {
                <SiteHeader/>
                <main id="main" class="page" tabindex="-1">
                    <SyncBar/>
                    <Notices/>
                    {screen}
                </main>
            }
            .into_any()
        }
    }
}
