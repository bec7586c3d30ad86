//! `/espace/demandes`: reviewers and committees see the participation requests, counted by
//! status, filtered with a plain GET form (works with JavaScript off), searched, sorted and
//! paged, and export them as CSV with the same filters.

use super::{
    RequestStatus,
    application::{KINDS, SECTORS, kind_label},
    review_data::{
        EXPORT_PATH, REVIEW_PATH, ReviewFilter, ReviewList, ReviewRow, ReviewSort, get_review_list,
        request_path,
    },
};
use crate::{
    countries,
    diaspora::sector_label,
    forms::{SuccessNotice, filter_choice},
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The filters of the query string (shared by the list and its export link).
fn read_filter(q: &leptos_router::params::ParamsMap) -> ReviewFilter {
    ReviewFilter::from_query(|name| q.get(name))
}

/// The review list.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let query = use_query_map();
    let filter = move || query.with(read_filter);
    let list = Resource::new(
        move || (filter(), lang),
        |(filter, lang)| get_review_list(filter, lang),
    );
    view! {
        <Title text=t.review_title()/>
        <h1>{t.review_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=list render={move |list: ReviewList| {
            let current = filter();
            // The export keeps every filter but the page.
            let export = query.with_untracked(|q| {
                let mut q = q.clone();
                q.remove("page");
                format!("{EXPORT_PATH}{}", q.to_query_string())
            });
            view! {
                <Tabs lang list=list.clone() current=current.clone()/>
                <Filters lang current list=list.clone()/>
                <p><a href=export download="demandes.csv">{t.review_export()}</a></p>
                <Table lang list/>
            }
        }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

#[component]
fn Tabs(lang: Lang, list: ReviewList, current: ReviewFilter) -> impl IntoView {
    let t = lang.strings();
    let all: u64 = list.counts.iter().map(|(_, n)| n).sum();
    let link = |status: Option<RequestStatus>| {
        let mut q = leptos_router::hooks::use_query_map().get_untracked();
        q.remove("page");
        match status {
            Some(s) => q.replace("statut", s.as_str().to_string()),
            None => {
                q.remove("statut");
            }
        }
        format!("{REVIEW_PATH}{}", q.to_query_string())
    };
    let tabs = list
        .counts
        .iter()
        .map(|(s, n)| {
            let aria = (Some(*s) == current.status).then_some("page");
            view! { <li><a href=link(Some(*s)) aria-current=aria>{s.label(lang)}" ("{n.to_string()}")"</a></li> }
        })
        .collect_view();
    let all_current = current.status.is_none().then_some("page");
    view! {
        <nav aria-label=t.review_statuses()>
            <ul class="tabs">
                <li><a href=link(None) aria-current=all_current>{t.review_all()}" ("{all.to_string()}")"</a></li>
                {tabs}
            </ul>
        </nav>
    }
}

#[component]
fn Filters(lang: Lang, current: ReviewFilter, list: ReviewList) -> impl IntoView {
    let t = lang.strings();
    let statuses = RequestStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_string(), s.label(lang).to_string()))
        .collect();
    let sessions = list
        .sessions
        .iter()
        .map(|(n, title)| (n.to_string(), format!("{n} · {title}")))
        .collect();
    let countries = countries::choices(lang)
        .into_iter()
        .map(|(code, name)| (code.to_string(), name.to_string()))
        .collect();
    let kinds = KINDS
        .iter()
        .map(|k| (k.to_string(), kind_label(k, lang).to_string()))
        .collect();
    let sectors = SECTORS
        .iter()
        .map(|s| (s.to_string(), sector_label(s, lang).to_string()))
        .collect();
    let sorts = ReviewSort::ALL
        .into_iter()
        .map(|s| {
            let label = match s {
                ReviewSort::Newest => t.review_sort_newest(),
                ReviewSort::Oldest => t.review_sort_oldest(),
                ReviewSort::Name => t.review_sort_name(),
                ReviewSort::Country => t.review_sort_country(),
            };
            let selected = s == current.sort;
            view! { <option value=s.as_str() selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=REVIEW_PATH class="filters" role="search" aria-label=t.review_filters()>
            <div class="field">
                <label for="review-q">{t.review_search()}</label>
                <input id="review-q" name="q" type="search" maxlength=200 value=current.query.clone().unwrap_or_default()/>
            </div>
            {filter_choice("review-status", "statut", t.review_col_status(), t.review_any(), statuses, current.status.map(|s| s.as_str().to_string()))}
            {filter_choice("review-session", "session", t.review_col_session(), t.review_any(), sessions, current.session.map(|s| s.to_string()))}
            {filter_choice("review-country", "pays", t.review_col_country(), t.review_any(), countries, current.country.clone())}
            {filter_choice("review-kind", "type", t.review_col_kind(), t.review_any(), kinds, current.kind.clone())}
            {filter_choice("review-sector", "secteur", t.review_col_sectors(), t.review_any(), sectors, current.sector.clone())}
            <div class="field">
                <label for="review-from">{t.review_from()}</label>
                <input id="review-from" name="du" type="date" value=current.from.clone().unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="review-to">{t.review_to()}</label>
                <input id="review-to" name="au" type="date" value=current.to.clone().unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="review-sort">{t.review_sort()}</label>
                <select id="review-sort" name="tri">{sorts}</select>
            </div>
            <button type="submit" class="button">{t.review_filter_submit()}</button>
        </form>
    }
}

/// A row's organisation cell: name, acronym and the "previously rejected" flag.
pub(super) fn organisation_cell(lang: Lang, row: &ReviewRow) -> impl IntoView + use<> {
    let t = lang.strings();
    let acronym = row.acronym.clone().map(|a| format!(" ({a})"));
    let flag = row.previously_rejected.then(|| {
        view! { " "<strong class="badge badge-alert">{t.review_previously_rejected()}</strong> }
    });
    view! { {row.organisation.clone()}{acronym}{flag} }
}

#[component]
fn Table(lang: Lang, list: ReviewList) -> impl IntoView {
    let t = lang.strings();
    let count = fill(t.review_count(), "count", &list.total.to_string());
    let body = list
        .rows
        .into_iter()
        .map(|row| {
            let country = countries::find(&row.country_code)
                .map_or_else(|| row.country_code.clone(), |c| c.name(lang).to_string());
            let sectors = row
                .sectors
                .iter()
                .map(|s| sector_label(s, lang))
                .collect::<Vec<_>>()
                .join(", ");
            let status = match (row.status, row.waitlist_position) {
                (RequestStatus::Waitlisted, Some(n)) => {
                    format!("{} (#{n})", row.status.label(lang))
                }
                (s, _) => s.label(lang).to_string(),
            };
            view! {
                <tr>
                    <td><a href=request_path(row.id)>{row.tracking_code.clone()}</a></td>
                    <th scope="row">{organisation_cell(lang, &row)}</th>
                    <td>{country}</td>
                    <td>{kind_label(&row.kind, lang)}</td>
                    <td>{sectors}</td>
                    <td>{row.delegates.to_string()}</td>
                    <td>{status}</td>
                    <td>{row.assigned_to.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{row.submitted_at.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p role="status">{count}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.review_heading()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.review_col_code()}</th>
                        <th scope="col">{t.review_col_organisation()}</th>
                        <th scope="col">{t.review_col_country()}</th>
                        <th scope="col">{t.review_col_kind()}</th>
                        <th scope="col">{t.review_col_sectors()}</th>
                        <th scope="col">{t.review_col_delegates()}</th>
                        <th scope="col">{t.review_col_status()}</th>
                        <th scope="col">{t.review_col_assigned()}</th>
                        <th scope="col">{t.review_col_submitted()}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <Pagination path=REVIEW_PATH page=list.page pages=list.pages/>
    }
}
