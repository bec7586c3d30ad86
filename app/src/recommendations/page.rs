//! `/recommandations`: published recommendations, filtered with a plain GET form (works
//! with JavaScript off), paged, with the summary chart, the feed and the open data files.

use super::{
    CSV_PATH, FEED_PATH, JSON_PATH, PUBLIC_PATH, RecommendationFilter, RecommendationList,
    RecommendationRow, RecommendationStatus,
    chart::{ProgressBar, SummaryChart},
    get_recommendations,
};
use crate::{
    concerns::{theme_choices, theme_label},
    format::long_date,
    forms::{Choices, filter_choice},
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;

/// The public recommendations page.
#[component]
pub fn RecommendationsPage() -> impl IntoView {
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
            RecommendationFilter {
                session: text("session").and_then(|s| s.parse().ok()),
                theme: text("theme"),
                status: text("statut"),
                institution: text("institution"),
                query: text("q"),
                page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
            }
        })
    };
    let list = Resource::new(
        move || (filter(), lang),
        |(filter, lang)| get_recommendations(filter, lang),
    );
    view! {
        <Title text=t.recommendations_title()/>
        <Meta name="description" content=t.recommendations_intro()/>
        <Link rel="alternate" type_="application/atom+xml" href=FEED_PATH title=t.recommendations_feed_title()/>
        <h1>{t.recommendations_heading()}</h1>
        <p class="lead">{t.recommendations_intro()}</p>
        <Loaded resource=list render={move |list: RecommendationList| {
            let current = filter();
            view! {
                <SummaryChart lang figures=list.figures/>
                <Filters lang current list=list.clone()/>
                <Table lang list/>
            }
        }}/>
        <p class="open-data-links">
            <a href=FEED_PATH type="application/atom+xml">{t.recommendations_feed_link()}</a>
            " · "{t.recommendations_open_data()}" "
            <a href=JSON_PATH type="application/json">"JSON"</a>" · "
            <a href=CSV_PATH type="text/csv">"CSV"</a>
        </p>
    }
}

#[component]
fn Filters(lang: Lang, current: RecommendationFilter, list: RecommendationList) -> impl IntoView {
    let t = lang.strings();
    let sessions = list
        .sessions
        .iter()
        .map(|s| {
            (
                s.number.to_string(),
                fill(
                    t.recommendations_session_option(),
                    "number",
                    &s.number.to_string(),
                ),
            )
        })
        .collect();
    let themes = Choices::from(theme_choices(lang)).0;
    let statuses = RecommendationStatus::ALL
        .into_iter()
        .filter(|s| *s != RecommendationStatus::Draft)
        .map(|s| (s.as_str().to_string(), s.label(lang).to_string()))
        .collect();
    let institutions = list
        .institutions
        .iter()
        .map(|i| (i.clone(), i.clone()))
        .collect();
    view! {
        <form method="get" action=PUBLIC_PATH class="filters" role="search" aria-label=t.recommendations_filters()>
            <div class="field">
                <label for="filter-q">{t.recommendations_search()}</label>
                <input id="filter-q" name="q" type="search" value=current.query.clone().unwrap_or_default() maxlength=200/>
            </div>
            {filter_choice("filter-session", "session", t.recommendations_col_session(), t.recommendations_any(), sessions, current.session.map(|s| s.to_string()))}
            {filter_choice("filter-theme", "theme", t.recommendations_col_theme(), t.recommendations_any(), themes, current.theme.clone())}
            {filter_choice("filter-status", "statut", t.recommendations_col_status(), t.recommendations_any(), statuses, current.status.clone())}
            {filter_choice("filter-institution", "institution", t.recommendations_col_institution(), t.recommendations_any(), institutions, current.institution.clone())}
            <button type="submit" class="button">{t.recommendations_filter_submit()}</button>
        </form>
    }
}

/// The deadline written out, with the overdue flag.
pub(super) fn deadline_cell(lang: Lang, row: &RecommendationRow) -> impl IntoView + use<> {
    let t = lang.strings();
    let date = row.deadline.as_deref().map_or_else(
        || t.recommendation_no_deadline().to_string(),
        |d| long_date(lang, d),
    );
    let overdue = row.overdue.then(
        || view! { " "<strong class="badge badge-alert">{t.recommendation_overdue()}</strong> },
    );
    view! { {date}{overdue} }
}

#[component]
fn Table(lang: Lang, list: RecommendationList) -> impl IntoView {
    let t = lang.strings();
    let count = fill(t.recommendations_count(), "count", &list.total.to_string());
    let body = list
        .rows
        .into_iter()
        .map(|row| {
            let href = format!("{PUBLIC_PATH}/{}", row.id);
            let number = fill(
                &fill(
                    t.recommendation_number(),
                    "session",
                    &row.session_number.to_string(),
                ),
                "number",
                &row.number.to_string(),
            );
            let deadline = deadline_cell(lang, &row);
            view! {
                <tr>
                    <td>{number}</td>
                    <th scope="row"><a href=href>{row.title.clone()}</a></th>
                    <td>{theme_label(&row.theme, lang)}</td>
                    <td>{row.status.label(lang)}</td>
                    <td>{row.institution.clone()}</td>
                    <td>{deadline}</td>
                    <td><ProgressBar lang progress=row.progress/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="recommendations-table">{t.recommendations_table_heading()}</h2>
        <p role="status">{count}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="recommendations-table">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.recommendations_col_number()}</th>
                        <th scope="col">{t.recommendations_col_title()}</th>
                        <th scope="col">{t.recommendations_col_theme()}</th>
                        <th scope="col">{t.recommendations_col_status()}</th>
                        <th scope="col">{t.recommendations_col_institution()}</th>
                        <th scope="col">{t.recommendations_col_deadline()}</th>
                        <th scope="col">{t.recommendations_col_progress()}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <Pagination path=PUBLIC_PATH page=list.page pages=list.pages/>
    }
}
