//! `/espace/preoccupations`: reviewers and committees publish concerns, hide them with a
//! reason, or merge duplicates into a published concern. Each concern's decision form posts
//! to `/espace/preoccupations/{id}`.

use super::{
    ConcernStatus, MAX_REASON_CHARS, ModeratedConcern, ModerationFilter, ModerationPage as Page,
    get_moderated_concern, get_moderation, theme_label,
};
use crate::{
    countries,
    forms::{FormErrors, PostedForm, SuccessNotice, TextArea, TextField, use_posted_form_where},
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The moderation list; `/{id}` takes a decision on one concern.
pub const MODERATION_PATH: &str = "/espace/preoccupations";

/// The moderation page.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| ModerationFilter {
            status: q.get("statut").and_then(|s| ConcernStatus::parse(&s)),
            query: q.get("q").filter(|s| !s.trim().is_empty()),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        })
    };
    let list = Resource::new(filter, get_moderation);
    // A refused decision comes back with its concern's form, errors and reason typed.
    let posted = StoredValue::new(use_posted_form_where(|action| {
        action.starts_with(&format!("{MODERATION_PATH}/"))
    }));
    let current = filter();
    view! {
        <Title text=t.moderation_title()/>
        <h1>{t.moderation_heading()}</h1>
        <SuccessNotice/>
        <form method="get" action=MODERATION_PATH class="filters" role="search">
            <input type="hidden" name="statut" value=current.status.unwrap_or(ConcernStatus::Pending).as_str()/>
            <div class="field">
                <label for="moderation-q">{t.moderation_search()}</label>
                <input id="moderation-q" name="q" type="search" maxlength=200 value=current.query.clone().unwrap_or_default()/>
            </div>
            <button type="submit" class="button">{t.moderation_search_submit()}</button>
        </form>
        <Loaded resource=list render={move |page: Page| view! {
            <Moderation lang page posted=posted.get_value() status=current.status.unwrap_or(ConcernStatus::Pending)/>
        }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

#[component]
fn Moderation(lang: Lang, page: Page, posted: PostedForm, status: ConcernStatus) -> impl IntoView {
    let t = lang.strings();
    let tabs = page
        .counts
        .iter()
        .map(|(s, n)| {
            let href = format!("{MODERATION_PATH}?statut={}", s.as_str());
            let current = (*s == status).then_some("page");
            view! { <li><a href=href aria-current=current>{s.label(lang)}" ("{n.to_string()}")"</a></li> }
        })
        .collect_view();
    let summary = fill(t.moderation_count(), "count", &page.total.to_string());
    let items = page
        .concerns
        .into_iter()
        .map(|concern| {
            let action = format!("{MODERATION_PATH}/{}", concern.id);
            let form = if posted.action == action {
                posted.clone()
            } else {
                PostedForm::default()
            };
            view! { <Concern lang concern form/> }
        })
        .collect_view();
    view! {
        <nav aria-label=t.moderation_statuses()><ul class="tabs">{tabs}</ul></nav>
        <p role="status">{summary}</p>
        <ol class="moderation-list">{items}</ol>
        <Pagination path=MODERATION_PATH page=page.page pages=page.pages/>
    }
}

#[component]
fn Concern(lang: Lang, concern: ModeratedConcern, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let id = concern.id;
    let action = format!("{MODERATION_PATH}/{id}");
    let heading_id = format!("concern-{id}");
    let labelled_by = heading_id.clone();
    let country = countries::find(&concern.country_code).map_or_else(
        || concern.country_code.clone(),
        |c| c.name(lang).to_string(),
    );
    let status = concern.status;
    let details = match (status, concern.hidden_reason, concern.merged_into) {
        (ConcernStatus::Hidden, Some(reason), _) => {
            Some(fill(t.moderation_hidden_because(), "reason", &reason))
        }
        (ConcernStatus::Merged, _, Some(into)) => {
            Some(fill(t.moderation_merged_into(), "id", &into.to_string()))
        }
        _ => None,
    };
    view! {
        <li class="moderated" aria-labelledby=labelled_by>
            <h2 id=heading_id class="h3"><a href=action.clone()>{fill(t.moderation_concern_heading(), "id", &id.to_string())}</a></h2>
            <p class="concern-meta">
                <span class="tag">{status.label(lang)}</span>" · "{theme_label(&concern.theme, lang)}" · "{country}" · "{concern.submitted_at}
            </p>
            <p class="concern-body">{concern.body}</p>
            <dl class="facts">
                <dt>{t.concerns_organisation()}</dt><dd>{concern.organisation.unwrap_or_else(|| "—".into())}</dd>
                <dt>{t.concerns_contact()}</dt><dd>{concern.contact.unwrap_or_else(|| "—".into())}</dd>
            </dl>
            {details.map(|d| view! { <p>{d}</p> })}
            <FormErrors form=form.clone()/>
            <div class="decisions">
                {(status != ConcernStatus::Published).then(|| view! {
                    <form method="post" action=action.clone()>
                        <input type="hidden" name="decision" value="publish"/>
                    <input type="hidden" name="statut" value=status.as_str()/>
                        <button type="submit" class="button">{t.moderation_publish()}</button>
                    </form>
                })}
                <form method="post" action=action.clone() class="form">
                    <input type="hidden" name="decision" value="hide"/>
                    <input type="hidden" name="statut" value=status.as_str()/>
                    <TextArea label=t.moderation_reason() name="reason" id=format!("reason-{id}") form=form.clone()
                        rows=2 maxlength=MAX_REASON_CHARS/>
                    <button type="submit" class="button button-secondary">{t.moderation_hide()}</button>
                </form>
                <form method="post" action=action class="form">
                    <input type="hidden" name="decision" value="merge"/>
                    <input type="hidden" name="statut" value=status.as_str()/>
                    <TextField label=t.moderation_merge_into() name="into" id=format!("into-{id}") kind="number"
                        form=form hint=t.moderation_merge_hint()/>
                    <button type="submit" class="button button-secondary">{t.moderation_merge()}</button>
                </form>
            </div>
        </li>
    }
}

/// `/espace/preoccupations/{id}`: one concern and its decision forms (where a refused
/// decision comes back, with its error and what was typed).
#[component]
pub fn ModeratedConcernPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let action = format!("{MODERATION_PATH}/{}", id().unwrap_or_default());
    let form = StoredValue::new(crate::forms::use_posted_form(&action));
    let concern = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_moderated_concern(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Title text=t.moderation_title()/>
        <h1>{t.moderation_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=concern render={move |concern: ModeratedConcern| view! {
            <ol class="moderation-list"><Concern lang concern form=form.get_value()/></ol>
        }}/>
        <p><a href=MODERATION_PATH>{t.moderation_back()}</a></p>
    }
}
