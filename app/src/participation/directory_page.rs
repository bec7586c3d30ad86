//! `/organisations`: the public directory, filtered by country and sector with a plain GET
//! form (works with JavaScript off), paged, with the open data files.

use super::{
    application::{SECTORS, kind_label},
    directory::{
        DIRECTORY_CSV_PATH, DIRECTORY_JSON_PATH, DIRECTORY_PATH, DirectoryFilter, DirectoryPage,
        ListedOrganisation, get_directory,
    },
};
use crate::{
    countries,
    diaspora::sector_label,
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The public directory page.
#[component]
pub fn DirectoryView() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| {
            let text = |name: &str| {
                q.get(name)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            DirectoryFilter {
                country: text("pays"),
                sector: text("secteur"),
                page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
            }
        })
    };
    let list = Resource::new(filter, get_directory);
    view! {
        <Title text=t.directory_title()/>
        <Meta name="description" content=t.directory_intro()/>
        <h1>{t.directory_heading()}</h1>
        <p class="lead">{t.directory_intro()}</p>
        <Loaded resource=list render={move |page: DirectoryPage| {
            let current = filter();
            view! {
                <Filters lang current countries=page.countries.clone()/>
                <Listing lang page/>
            }
        }}/>
        <p class="open-data-links">
            {t.directory_open_data()}" "
            <a href=DIRECTORY_JSON_PATH type="application/json">"JSON"</a>" · "
            <a href=DIRECTORY_CSV_PATH type="text/csv">"CSV"</a>
        </p>
    }
}

#[component]
fn Filters(lang: Lang, current: DirectoryFilter, countries: Vec<String>) -> impl IntoView {
    let t = lang.strings();
    let chosen_country = current.country.unwrap_or_default();
    let chosen_sector = current.sector.unwrap_or_default();
    let mut named: Vec<(String, &'static str)> = countries
        .into_iter()
        .filter_map(|code| countries::find(&code).map(|c| (code, c.name(lang))))
        .collect();
    named.sort_by_cached_key(|(_, name)| countries::fold(name));
    let country_options = named
        .into_iter()
        .map(|(code, name)| {
            let selected = code == chosen_country;
            view! { <option value=code selected=selected>{name}</option> }
        })
        .collect_view();
    let sector_options = SECTORS
        .iter()
        .map(|s| {
            let selected = *s == chosen_sector;
            view! { <option value=*s selected=selected>{sector_label(s, lang)}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=DIRECTORY_PATH class="filters" role="search" aria-label=t.directory_filters()>
            <div class="field">
                <label for="directory-country">{t.directory_country()}</label>
                <select id="directory-country" name="pays">
                    <option value="">{t.directory_any()}</option>
                    {country_options}
                </select>
            </div>
            <div class="field">
                <label for="directory-sector">{t.directory_sector()}</label>
                <select id="directory-sector" name="secteur">
                    <option value="">{t.directory_any()}</option>
                    {sector_options}
                </select>
            </div>
            <button type="submit" class="button">{t.directory_filter_submit()}</button>
        </form>
    }
}

#[component]
fn Listing(lang: Lang, page: DirectoryPage) -> impl IntoView {
    let t = lang.strings();
    let count = fill(t.directory_count(), "count", &page.total.to_string());
    let items = page
        .organisations
        .into_iter()
        .map(|o| view! { <Organisation lang o/> })
        .collect_view();
    view! {
        <p role="status">{count}</p>
        <ul class="directory">{items}</ul>
        <Pagination path=DIRECTORY_PATH page=page.page pages=page.pages/>
    }
}

#[component]
fn Organisation(lang: Lang, o: ListedOrganisation) -> impl IntoView {
    let t = lang.strings();
    let heading_id = format!("organisation-{}", o.id);
    let country = countries::find(&o.country_code)
        .map_or_else(|| o.country_code.clone(), |c| c.name(lang).to_string());
    let sectors = o
        .sectors
        .iter()
        .map(|s| sector_label(s, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let sessions = o
        .sessions
        .iter()
        .map(|n| fill(t.directory_session(), "number", &n.to_string()))
        .collect::<Vec<_>>()
        .join(", ");
    let website = o.website.clone().map(|url| {
        view! { <dt>{t.directory_website()}</dt><dd><a href=url.clone() rel="nofollow noopener">{url.clone()}</a></dd> }
    });
    view! {
        <li id=heading_id.clone()>
            <h2 class="h3">{o.name.clone()}{o.acronym.clone().map(|a| format!(" ({a})"))}</h2>
            <dl class="facts">
                <dt>{t.directory_kind()}</dt><dd>{kind_label(&o.kind, lang)}</dd>
                <dt>{t.directory_country()}</dt><dd>{country}", "{o.city.clone()}</dd>
                <dt>{t.directory_sector()}</dt><dd>{sectors}</dd>
                {website}
                <dt>{t.directory_history()}</dt><dd>{sessions}</dd>
            </dl>
        </li>
    }
}
