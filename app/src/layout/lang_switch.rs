//! The FR / EN switch: a plain form, so it works without JavaScript.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Posts the other language to `/langue`, which remembers it in a cookie and sends the
/// visitor back to the page they were on.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let other = lang.other();
    let location = use_location();
    let next = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        }
    };
    view! {
        <form class="lang-switch" method="post" action="/langue">
            <input type="hidden" name="lang" value=other.code()/>
            <input type="hidden" name="next" value=next/>
            <button type="submit" lang=other.code() title=t.lang_other_hint()>
                <span aria-hidden="true" class="lang-code">{other.code().to_uppercase()}</span>
                " "
                <span>{t.lang_other_name()}</span>
            </button>
        </form>
    }
}
