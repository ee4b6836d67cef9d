//! Wegwijs, the client-side app: the one route table, and the state every page shares (the
//! person's progress, kept on the device). Pages live in `pages/`, shared pieces in
//! `components/`; logic that needs no browser lives in the `wegwijs-model` crate.

pub mod components;
pub mod content;
pub mod dom;
pub mod pages;
pub mod routes;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::pages::{GuidePage, HomePage, LanguageLayout, NotFoundPage, RootRedirect, StepPage};
use crate::storage::ProgressState;

/// The whole app: shared state and the route table. Every screen has its own URL:
/// `/{lang}/`, `/{lang}/{guide}/`, `/{lang}/{guide}/{step}`; `/` picks the best language.
#[component]
pub fn App() -> impl IntoView {
    provide_context(ProgressState::load());
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=RootRedirect/>
                <ParentRoute path=path!("/:lang") view=LanguageLayout>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/:guide/") view=GuidePage/>
                    <Route path=path!("/:guide/:step") view=StepPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Replaces the static shell of `index.html` (painted before the wasm arrived) with the app.
pub fn mount() {
    let Some(root) = dom::document().get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, App).forget();
}
