//! The header of every page: the app's name (a way home), an "offline" badge while the network
//! is gone, and the language chooser, which also says which languages are on the phone and can
//! keep them all.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wegwijs_model::LANGUAGES;

use crate::components::escape;
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
    let name = format!(r#"Wegwijs<span class="visually-hidden"> · {}</span>"#, escape(ui.home()));
    view! {
        <a class="skip-link" href="#main">{ui.skip_to_content().to_owned()}</a>
        <header class="site-header">
            <a class="site-header__name" href=routes::home(content.lang.code) inner_html=name></a>
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
    // The list as one string of HTML, drawn again when the address or the kept copies change.
    let (kept, not_kept) = (ui.kept().to_owned(), ui.not_kept().to_owned());
    let items = move || {
        let path = location.pathname.get();
        pwa.languages.with(|list| {
            let mut out = String::new();
            for lang in LANGUAGES {
                let status = if lang.status_label.is_empty() {
                    String::new()
                } else {
                    format!(r#"<span class="lang-picker__status">{}</span>"#, escape(lang.status_label))
                };
                let copy = list.as_ref().and_then(|l| l.iter().find(|c| c.code == lang.code)).map(|copy| {
                    let state = if copy.kept { &kept } else { &not_kept };
                    format!(
                        r#"<span class="lang-picker__copy" lang="{}" dir="{}">{} · {}</span>"#,
                        current.code,
                        current.dir.as_str(),
                        escape(state),
                        escape(&copy.size)
                    )
                });
                out += &format!(
                    r#"<li><a class="lang-picker__link" href="{}" hreflang="{code}" lang="{code}" dir="{}"{}><span class="lang-picker__name">{}</span>{status}{}</a></li>"#,
                    escape(&routes::switch_language(&path, lang.code)),
                    lang.dir.as_str(),
                    if std::ptr::eq(lang, current) { r#" aria-current="true""# } else { "" },
                    lang.endonym,
                    copy.unwrap_or_default(),
                    code = lang.code,
                );
            }
            out
        })
    };
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
    let summary = format!(
        r#"<span class="visually-hidden">{}: </span><svg class="lang-picker__icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="none" stroke="currentColor" stroke-width="2" d="M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M2 12h20M12 2c3 3 4 6.5 4 10s-1 7-4 10M12 2c-3 3-4 6.5-4 10s1 7 4 10"/></svg>{}"#,
        escape(content.ui().language()),
        current.endonym
    );
    view! {
        <details class="lang-picker" on:toggle=move |_| pwa.refresh(current.code)>
            <summary class="lang-picker__summary" inner_html=summary></summary>
            <div class="lang-picker__panel">
                <ul class="lang-picker__list" inner_html=items></ul>
                {keep}
                <p role="status">{failed}</p>
            </div>
        </details>
    }
}
