//! The site header and main navigation.

use super::LangSwitch;
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
    let links = [
        ("/agenda", t.nav_agenda()),
        ("/participer", t.nav_participate()),
        ("/preoccupations", t.nav_concerns()),
        ("/recommandations", t.nav_recommendations()),
        ("/diaspora", t.nav_diaspora()),
        ("/comites", t.nav_committees()),
    ];
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{t.skip_to_content()}</a>
            <SiteNav>
                <ul>
                    {links
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
                        .collect_view()}
                </ul>
                <LangSwitch/>
            </SiteNav>
        </header>
    }
}

/// The brand, the phone's menu button and the navigation it folds. The button is brought to
/// life by the page's small script (`site.js`), not by WASM: on a page without islands no
/// WASM is downloaded at all. Until it runs (and with JavaScript off) the button is hidden
/// and the navigation shown.
#[component]
fn SiteNav(children: Children) -> impl IntoView {
    let t = use_lang().strings();
    view! {
        <div class="header-bar">
            <a class="brand" href="/">
                <span class="brand-mark">{t.site_name()}</span>
                <span class="brand-full">{t.site_full_name()}</span>
            </a>
            <button type="button" class="menu-toggle" aria-controls="site-nav" aria-expanded="false" hidden>
                {t.menu_button()}
            </button>
        </div>
        <nav id="site-nav" aria-label=t.nav_label()>
            {children()}
        </nav>
    }
}
