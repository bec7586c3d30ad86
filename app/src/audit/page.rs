//! `/espace/journal`: administrators browse and filter the audit log.

use super::{AuditFilter, AuditPage, get_audit_log};
use crate::{
    i18n::use_lang,
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Kinds of entity that appear in the log, for the filter.
const ENTITY_TYPES: [&str; 8] = [
    "user",
    "session",
    "agenda_item",
    "participation_request",
    "concern",
    "recommendation",
    "milestone",
    "diaspora_figure",
];

/// The audit log page.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let t = use_lang().strings();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| AuditFilter {
            entity_type: q.get("entite"),
            entity_id: q.get("id"),
            actor: q.get("acteur"),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    };
    let log = Resource::new(filter, get_audit_log);
    let current = filter();
    let selected = current.entity_type.clone().unwrap_or_default();
    let options = ENTITY_TYPES
        .iter()
        .map(|kind| {
            let is_selected = selected == *kind;
            view! { <option value=*kind selected=is_selected>{*kind}</option> }
        })
        .collect_view();
    view! {
        <Title text=t.audit_title()/>
        <h1>{t.audit_heading()}</h1>
        <p class="lead">{t.audit_intro()}</p>
        <form method="get" action="/espace/journal" class="filters" role="search" aria-label=t.audit_filters()>
            <div class="field">
                <label for="filter-entity">{t.audit_entity_type()}</label>
                <select id="filter-entity" name="entite">
                    <option value="">{t.audit_any()}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="filter-id">{t.audit_entity_id()}</label>
                <input id="filter-id" name="id" value=current.entity_id.clone().unwrap_or_default() maxlength=40/>
            </div>
            <div class="field">
                <label for="filter-actor">{t.audit_actor()}</label>
                <input id="filter-actor" name="acteur" value=current.actor.clone().unwrap_or_default() maxlength=200/>
            </div>
            <button type="submit" class="button">{t.audit_filter_submit()}</button>
        </form>
        <Loaded resource=log render={move |page: AuditPage| view! { <AuditTable page/> }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

#[component]
fn AuditTable(page: AuditPage) -> impl IntoView {
    let t = use_lang().strings();
    let summary = crate::i18n::fill(t.audit_count(), "count", &page.total.to_string());
    let rows = page
        .entries
        .into_iter()
        .map(|entry| {
            view! {
                <tr>
                    <td>{entry.at}</td>
                    <td>{entry.actor}</td>
                    <td>{entry.action}</td>
                    <td>{entry.entity_type}" #"{entry.entity_id}</td>
                    <td><code class="json">{entry.before.unwrap_or_default()}</code></td>
                    <td><code class="json">{entry.after.unwrap_or_default()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p role="status">{summary}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.audit_heading()>
            <table class="audit">
                <thead>
                    <tr>
                        <th scope="col">{t.audit_when()}</th>
                        <th scope="col">{t.audit_actor()}</th>
                        <th scope="col">{t.audit_action()}</th>
                        <th scope="col">{t.audit_entity()}</th>
                        <th scope="col">{t.audit_before()}</th>
                        <th scope="col">{t.audit_after()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination path="/espace/journal" page=page.page pages=page.pages/>
    }
}
