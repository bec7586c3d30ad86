//! `/preoccupations`: anyone submits a concern (a plain form: works with JavaScript off; with
//! JavaScript the draft is kept in the browser), and reads the published ones with counts by
//! theme and country.

use super::{
    ConcernFilter, ConcernPage, MAX_BODY_CHARS, MAX_CONTACT_CHARS, MAX_ORGANISATION_CHARS,
    PublicConcern, get_public_concerns, theme_choices, theme_label,
};
use crate::{
    countries,
    drafts::{DraftKeeper, draft_mode},
    forms::{
        CheckField, FormErrors, SelectField, SuccessNotice, TextArea, TextField, use_posted_form,
    },
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The public page, where the submission form also posts.
pub const CONCERNS_PATH: &str = "/preoccupations";

/// Countries listed in the counts.
const TOP_COUNTRIES: usize = 12;

fn country_name(code: &str, lang: Lang) -> String {
    countries::find(code).map_or_else(|| code.to_string(), |c| c.name(lang).to_string())
}

/// The concerns page.
#[component]
pub fn ConcernsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let form = use_posted_form(CONCERNS_PATH);
    let query = use_query_map();
    let submitted = move || query.with(|q| q.get("ok").is_some());
    let filter = move || {
        query.with(|q| ConcernFilter {
            theme: q.get("theme").filter(|t| !t.is_empty()),
            country: q.get("pays").filter(|c| !c.is_empty()),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    };
    let concerns = Resource::new(filter, get_public_concerns);
    let current = filter();
    let themes = theme_choices(lang);
    let countries = countries::choices(lang);
    view! {
        <Title text=t.concerns_title()/>
        <Meta name="description" content=t.concerns_intro()/>
        <h1>{t.concerns_heading()}</h1>
        <p class="lead">{t.concerns_intro()}</p>
        <p><a href="/recommandations">{t.concerns_to_recommendations()}</a></p>
        <section aria-labelledby="submit-heading" class="panel">
            <h2 id="submit-heading">{t.concerns_submit_heading()}</h2>
            <p>{t.concerns_submit_privacy()}</p>
            <SuccessNotice/>
            <FormErrors form=form.clone()/>
            <form method="post" action=CONCERNS_PATH class="form" id="concern-form" data-draft=draft_mode(submitted()) novalidate>
                <SelectField name="theme" label=t.concerns_theme() form=form.clone() required=true
                    options=themes.clone()/>
                <SelectField name="country" label=t.concerns_country() form=form.clone() required=true
                    options=countries.clone()/>
                <TextArea label=t.concerns_body() name="body" form=form.clone() required=true
                    maxlength=MAX_BODY_CHARS hint=t.concerns_body_hint()/>
                <TextField label=t.concerns_organisation() name="organisation" form=form.clone()
                    maxlength=MAX_ORGANISATION_CHARS hint=t.optional()/>
                <TextField label=t.concerns_contact() name="contact" form=form.clone() autocomplete="email"
                    maxlength=MAX_CONTACT_CHARS hint=t.concerns_contact_hint()/>
                <CheckField label=t.concerns_consent() name="consent" form=form.clone()/>
                <DraftKeeper/>
                <button type="submit" class="button">{t.concerns_submit()}</button>
            </form>
        </section>
        <section aria-labelledby="published-heading">
            <h2 id="published-heading">{t.concerns_published_heading()}</h2>
            <form method="get" action=CONCERNS_PATH class="filters">
                <div class="field">
                    <label for="filter-theme">{t.concerns_theme()}</label>
                    <select id="filter-theme" name="theme">
                        <option value="">{t.concerns_all_themes()}</option>
                        {themes.into_iter().map(|(value, label)| {
                            let selected = current.theme.as_deref() == Some(value);
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-country">{t.concerns_country()}</label>
                    <select id="filter-country" name="pays">
                        <option value="">{t.concerns_all_countries()}</option>
                        {countries.into_iter().map(|(value, label)| {
                            let selected = current.country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(value));
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t.concerns_filter_submit()}</button>
            </form>
            <Loaded resource=concerns render={move |page: ConcernPage| view! { <Published lang page/> }}/>
        </section>
    }
}

#[component]
fn Published(lang: Lang, page: ConcernPage) -> impl IntoView {
    let t = lang.strings();
    let total_published: u64 = page.by_theme.iter().map(|(_, n)| n).sum();
    let themes = page
        .by_theme
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(theme, n)| {
            let href = format!("{CONCERNS_PATH}?theme={theme}#published-heading");
            view! { <li><a href=href>{theme_label(theme, lang)}</a>" : "<strong>{n.to_string()}</strong></li> }
        })
        .collect_view();
    let countries = page
        .by_country
        .iter()
        .take(TOP_COUNTRIES)
        .map(|(code, n)| {
            let href = format!("{CONCERNS_PATH}?pays={code}#published-heading");
            view! { <li><a href=href>{country_name(code, lang)}</a>" : "<strong>{n.to_string()}</strong></li> }
        })
        .collect_view();
    let summary = fill(t.concerns_count(), "count", &page.total.to_string());
    let list = page
        .concerns
        .into_iter()
        .map(|concern| view! { <ConcernCard lang concern/> })
        .collect_view();
    view! {
        <div class="counts">
            <div>
                <h3>{t.concerns_by_theme()}</h3>
                <p>{fill(t.concerns_total(), "count", &total_published.to_string())}</p>
                <ul>{themes}</ul>
            </div>
            <div>
                <h3>{t.concerns_by_country()}</h3>
                <ul>{countries}</ul>
            </div>
        </div>
        <p role="status">{summary}</p>
        <ol class="concern-list">{list}</ol>
        <Pagination path=CONCERNS_PATH page=page.page pages=page.pages/>
    }
}

#[component]
fn ConcernCard(lang: Lang, concern: PublicConcern) -> impl IntoView {
    let t = lang.strings();
    let anchor = format!("concern-{}", concern.id);
    let answered = concern
        .answered_by
        .iter()
        .map(|(id, number)| {
            let href = format!("/recommandations/{id}");
            view! { <li><a href=href>{fill(t.concerns_answered_by(), "number", &number.to_string())}</a></li> }
        })
        .collect_view();
    view! {
        <li id=anchor class="concern">
            <p class="concern-meta">
                <span class="tag">{theme_label(&concern.theme, lang)}</span>" · "
                {country_name(&concern.country_code, lang)}" · "
                <time datetime=concern.published_on.clone()>{concern.published_on.clone()}</time>
                {concern.organisation.map(|o| view! { " · "<span>{o}</span> })}
            </p>
            <p class="concern-body">{concern.body}</p>
            {(concern.merged_count > 0).then(|| view! {
                <p class="concern-merged">{fill(t.concerns_also_raised(), "count", &concern.merged_count.to_string())}</p>
            })}
            <ul class="concern-answers">{answered}</ul>
        </li>
    }
}
