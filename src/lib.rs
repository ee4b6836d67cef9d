//! Wegwijs, the client-side app: the state every screen shares (the person's progress, kept on
//! the device) and the router. The route table is `routes`, screens live in `pages/`, shared
//! pieces in `components/`; logic that needs no browser lives in the `wegwijs-model` crate.

pub mod components;
pub mod content;
pub mod dom;
pub mod html;
pub mod pages;
pub mod pwa;
pub mod read;
pub mod routes;
pub mod storage;
pub mod sync;

use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;

use crate::pages::Layout;
use crate::storage::ProgressState;

/// The whole app: shared state, and the router that keeps the address and the screen in step
/// (every screen has its own address; see `routes`).
#[component]
pub fn App() -> impl IntoView {
    let progress = ProgressState::load();
    progress.follow_other_tabs();
    provide_context(progress);
    provide_context(pwa::Pwa::start());
    provide_context(sync::Sync::start(progress));
    view! {
        <Router>
            <Layout/>
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
