//! The header of every page: the app's name (a way home) and the language chooser.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wegwijs_model::LANGUAGES;

use crate::content::Content;
use crate::routes;

/// The top bar.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let content = expect_context::<Content>();
    let ui = content.ui();
    view! {
        <a class="skip-link" href="#main">{ui.skip_to_content.clone()}</a>
        <header class="site-header">
            <a class="site-header__name" href=routes::home(content.lang.code)>
                "Wegwijs"
                <span class="visually-hidden">" · " {ui.home.clone()}</span>
            </a>
            <LanguagePicker/>
        </header>
    }
}

/// Every language, named in its own script, with its translation status in that language; each
/// is a link to the same screen in that language.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let content = expect_context::<Content>();
    let current = content.lang;
    let location = use_location();
    let items = LANGUAGES
        .iter()
        .map(|lang| {
            let href = move || routes::switch_language(&location.pathname.get(), lang.code);
            let is_current = std::ptr::eq(lang, current);
            view! {
                <li>
                    <a
                        class="lang-picker__link"
                        href=href
                        hreflang=lang.code
                        lang=lang.code
                        dir=lang.dir.as_str()
                        aria-current=is_current.then_some("true")
                    >
                        <span class="lang-picker__name">{lang.endonym}</span>
                        {(!lang.status_label.is_empty()).then(|| view! { <span class="lang-picker__status">{lang.status_label}</span> })}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="lang-picker">
            <summary class="lang-picker__summary">
                <span class="visually-hidden">{content.ui().language.clone()} ": "</span>
                <svg class="lang-picker__icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                    <path fill="none" stroke="currentColor" stroke-width="2" d="M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M2 12h20M12 2c3 3 4 6.5 4 10s-1 7-4 10M12 2c-3 3-4 6.5-4 10s1 7 4 10"/>
                </svg>
                {current.endonym}
            </summary>
            <ul class="lang-picker__list">{items}</ul>
        </details>
    }
}
