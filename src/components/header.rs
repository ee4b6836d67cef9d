//! The header of every page: the app's name (a way home), an "offline" badge while the network
//! is gone, and the language chooser, which also says which languages are on the phone and can
//! keep them all.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wegwijs_model::LANGUAGES;

use crate::content::Content;
use crate::pwa::{Keeping, Pwa};
use crate::routes;

/// The top bar.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let content = expect_context::<Content>();
    let pwa = expect_context::<Pwa>();
    let ui = content.ui();
    let offline = ui.offline().to_owned();
    let badge = move || (!pwa.online.get()).then(|| view! { <span class="offline-badge">{offline.clone()}</span> });
    view! {
        <a class="skip-link" href="#main">{ui.skip_to_content().to_owned()}</a>
        <header class="site-header">
            <a class="site-header__name" href=routes::home(content.lang.code)>
                "Wegwijs"
                <span class="visually-hidden">" · " {ui.home().to_owned()}</span>
            </a>
            <span class="site-header__end">
                <span role="status">{badge}</span>
                <LanguagePicker/>
            </span>
        </header>
    }
}

/// Every language, named in its own script, with its translation status in that language; each
/// is a link to the same screen in that language.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let content = expect_context::<Content>();
    let pwa = expect_context::<Pwa>();
    let current = content.lang;
    let ui = content.ui().clone();
    let location = use_location();
    let items = LANGUAGES
        .iter()
        .map(|lang| {
            let href = move || routes::switch_language(&location.pathname.get(), lang.code);
            let is_current = std::ptr::eq(lang, current);
            let (kept, not_kept) = (ui.kept().to_owned(), ui.not_kept().to_owned());
            // "On this phone · 12 kB", in the page's language: once the worker has answered.
            let copy = move || {
                pwa.languages.with(|list| {
                    let copy = list.as_ref()?.iter().find(|c| c.code == lang.code)?;
                    let state = if copy.kept { &kept } else { &not_kept };
                    Some(view! { <span class="lang-picker__copy" lang=current.code dir=current.dir.as_str()>{format!("{state} · {}", copy.size)}</span> })
                })
            };
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
                        {copy}
                    </a>
                </li>
            }
        })
        .collect_view();
    let (keep_label, keep_failed) = (ui.keep_languages().to_owned(), ui.keep_failed().to_owned());
    let all_kept = move || pwa.languages.with(|l| l.as_ref().map(|l| l.iter().all(|c| c.kept)));
    let keep = move || {
        (all_kept() == Some(false)).then(|| {
            view! {
                <button
                    type="button"
                    class="button button--secondary lang-picker__keep"
                    disabled=move || pwa.keeping.get() == Keeping::Busy
                    on:click=move |_| pwa.keep_all(current.code)
                >
                    {keep_label.clone()}
                </button>
            }
        })
    };
    let failed = move || {
        (pwa.keeping.get() == Keeping::Failed)
            .then(|| view! { <span class="lang-picker__failed">{keep_failed.clone()}</span> })
    };
    view! {
        <details class="lang-picker" on:toggle=move |_| pwa.refresh(current.code)>
            <summary class="lang-picker__summary">
                <span class="visually-hidden">{content.ui().language().to_owned()} ": "</span>
                <svg class="lang-picker__icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                    <path fill="none" stroke="currentColor" stroke-width="2" d="M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M2 12h20M12 2c3 3 4 6.5 4 10s-1 7-4 10M12 2c-3 3-4 6.5-4 10s1 7 4 10"/>
                </svg>
                {current.endonym}
            </summary>
            <div class="lang-picker__panel">
                <ul class="lang-picker__list">{items}</ul>
                {keep}
                <p role="status">{failed}</p>
            </div>
        </details>
    }
}
