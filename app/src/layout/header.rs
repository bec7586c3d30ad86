//! The site header and main navigation.

use super::{LangSwitch, use_hydrated};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// Header with the brand, the sections of the site and the language switch.
///
/// On a phone the navigation folds behind a "Menu" button once JavaScript runs; without
/// JavaScript it is simply always shown.
#[component]
pub fn Header() -> impl IntoView {
    let t = use_lang().strings();
    let hydrated = use_hydrated();
    let open = RwSignal::new(false);
    let links = [
        ("/agenda", t.nav_agenda),
        ("/participer", t.nav_participate),
        ("/preoccupations", t.nav_concerns),
        ("/recommandations", t.nav_recommendations),
        ("/diaspora", t.nav_diaspora),
        ("/comites", t.nav_committees),
    ];
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <div class="header-bar">
                <a class="brand" href="/">
                    <span class="brand-mark">{t.site_name}</span>
                    <span class="brand-full">{t.site_full_name}</span>
                </a>
                <button
                    type="button"
                    class="menu-toggle"
                    aria-controls="site-nav"
                    aria-expanded=move || open.get().to_string()
                    hidden=move || !hydrated.get()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {t.menu_button}
                </button>
            </div>
            <nav id="site-nav" aria-label=t.nav_label class:collapsed=move || hydrated.get() && !open.get()>
                <ul>
                    {links
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
                        .collect_view()}
                </ul>
                <LangSwitch/>
            </nav>
        </header>
    }
}
