//! `/diaspora/se-declarer`: an anonymous declaration of one's household (a plain form:
//! works with JavaScript off).

use super::{SECTORS, sector_label};
use crate::{
    countries,
    drafts::{DraftKeeper, draft_mode},
    forms::{CheckField, FormErrors, SelectField, SuccessNotice, TextField, use_posted_form},
    i18n::use_lang,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where the declaration form posts.
pub const DECLARE_PATH: &str = "/diaspora/se-declarer";

/// The declaration page.
#[component]
pub fn DeclarePage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let form = use_posted_form(DECLARE_PATH);
    let sectors: Vec<_> = SECTORS
        .iter()
        .map(|s| (*s, sector_label(s, lang)))
        .collect();
    // After a successful declaration (`?ok=declared`) the draft is forgotten.
    let declared = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("ok").is_some());
    view! {
        <Title text=t.declare_title()/>
        <h1>{t.declare_heading()}</h1>
        <p class="lead">{t.declare_why()}</p>
        <p>{t.declare_use()}</p>
        <SuccessNotice/>
        <FormErrors form=form.clone()/>
        <DraftKeeper/>
        <form id="declare-form" data-draft=draft_mode(declared) method="post" action=DECLARE_PATH class="form" novalidate>
            <SelectField name="country" label=t.declare_country() form=form.clone() required=true
                options=countries::choices(lang)/>
            <TextField label=t.declare_city() name="city" maxlength=120 hint=t.optional() form=form.clone()/>
            <TextField label=t.declare_household() name="household_size" kind="number" required=true
                hint=t.declare_household_hint() form=form.clone()/>
            <TextField label=t.declare_arrival() name="arrival_year" kind="number" hint=t.optional() form=form.clone()/>
            <SelectField name="sector" label=t.declare_sector() form=form.clone() required=false
                options=sectors/>
            <CheckField label=t.declare_consent() name="consent" form=form.clone()/>
            <button type="submit" class="button">{t.declare_submit()}</button>
        </form>
    }
}
