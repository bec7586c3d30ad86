//! The site footer.

use crate::i18n::use_lang;
use leptos::prelude::*;

/// Footer: what the CCMEX is, the institutions behind it, the time zone convention.
#[component]
pub fn Footer() -> impl IntoView {
    let t = use_lang().strings();
    view! {
        <footer class="site-footer">
            <div class="footer-inner">
                <p>{t.footer_about()}</p>
                <p class="footer-label">{t.footer_partners_label()}</p>
                <ul>
                    <li>{t.footer_ministry()}</li>
                    <li>{t.footer_hcme()}</li>
                </ul>
                <p>{t.footer_timezone()}</p>
                <p><a href="/organisations">{t.directory_footer_link()}</a></p>
                <p><a href="/espace">{t.nav_workspace()}</a></p>
            </div>
        </footer>
    }
}
