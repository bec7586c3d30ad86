//! `/espace/diaspora`: committees add, correct and remove the known figures and their
//! sources; `/espace/diaspora/{id}` edits one.

use super::SourceKind;
use crate::{
    countries,
    error::AppError,
    forms::{FormErrors, PostedForm, SelectField, SuccessNotice, TextField, use_posted_form},
    i18n::{Lang, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// Where the figures' forms post: here to add, `/{id}` to edit, `/{id}/supprimer` to delete.
pub const FIGURES_PATH: &str = "/espace/diaspora";

/// A figure as the committees edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Id.
    pub id: i32,
    /// ISO code.
    pub country_code: String,
    /// People.
    pub figure: i64,
    /// Kind of source (stored value).
    pub source_kind: String,
    /// Source, named.
    pub source_label: String,
    /// Date, `YYYY-MM-DD`.
    pub as_of: String,
}

/// Every figure (committees).
#[server(endpoint = "diaspora-figures")]
pub async fn get_figures() -> Result<Vec<Figure>, AppError> {
    let db = crate::state::db()?;
    super::admin::list(&db, crate::accounts::auth::current())
        .await
        .map_err(AppError::respond)
}

/// One figure (committees).
#[server(endpoint = "diaspora-figure")]
pub async fn get_figure(id: i32) -> Result<Figure, AppError> {
    let db = crate::state::db()?;
    super::admin::find(&db, crate::accounts::auth::current(), id)
        .await
        .map_err(AppError::respond)
}

fn country_name(lang: Lang, code: &str) -> String {
    countries::find(code).map_or_else(|| code.to_string(), |c| c.name(lang).to_string())
}

/// The committees' figures page.
#[component]
pub fn FiguresPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let figures = Resource::new(|| (), |_| get_figures());
    // The form shows only to those who may see the figures (the server checks again).
    let form = StoredValue::new(use_posted_form(FIGURES_PATH));
    view! {
        <Title text=t.figures_title()/>
        <h1>{t.figures_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=figures render={move |rows: Vec<Figure>| view! {
            <FigureTable lang rows/>
            <section aria-labelledby="new-figure">
                <h2 id="new-figure">{t.figures_new_heading()}</h2>
                <FigureForm action=FIGURES_PATH.to_string() form=form.get_value() initial=None/>
            </section>
        }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

#[component]
fn FigureTable(lang: Lang, rows: Vec<Figure>) -> impl IntoView {
    let t = lang.strings();
    let body = rows
        .into_iter()
        .map(|row| {
            let edit = format!("{FIGURES_PATH}/{}", row.id);
            let delete = format!("{FIGURES_PATH}/{}/supprimer", row.id);
            let kind = SourceKind::parse(&row.source_kind).map_or("", |k| k.label(lang));
            let delete_label = format!("{} : {}", t.figures_delete(), country_name(lang, &row.country_code));
            view! {
                <tr>
                    <td><a href=edit>{country_name(lang, &row.country_code)}</a></td>
                    <td>{row.figure.to_string()}</td>
                    <td>{kind}</td>
                    <td>{row.source_label}</td>
                    <td>{row.as_of}</td>
                    <td>
                        <form method="post" action=delete>
                            <button type="submit" class="button button-secondary" aria-label=delete_label>{t.figures_delete()}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.figures_heading()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.diaspora_col_country()}</th>
                        <th scope="col">{t.figures_figure()}</th>
                        <th scope="col">{t.figures_kind()}</th>
                        <th scope="col">{t.figures_source()}</th>
                        <th scope="col">{t.figures_as_of()}</th>
                        <th scope="col"><span class="visually-hidden">{t.figures_actions()}</span></th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// The add / edit form.
#[component]
fn FigureForm(action: String, form: PostedForm, initial: Option<Figure>) -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let countries = countries::choices(lang);
    let kinds: Vec<_> = SourceKind::ALL
        .into_iter()
        .map(|k| (k.as_str(), k.label(lang)))
        .collect();
    let value = |f: fn(&Figure) -> String| initial.as_ref().map(f).unwrap_or_default();
    view! {
        <FormErrors form=form.clone()/>
        <form method="post" action=action class="form" novalidate>
            <SelectField name="country" label=t.declare_country() form=form.clone() required=true
                options=countries initial=value(|f| f.country_code.clone())/>
            <TextField label=t.figures_figure() name="figure" kind="number" required=true form=form.clone()
                initial=value(|f| f.figure.to_string())/>
            <SelectField name="source_kind" label=t.figures_kind() form=form.clone() required=true
                options=kinds initial=value(|f| f.source_kind.clone())/>
            <TextField label=t.figures_source() name="source_label" required=true maxlength=300 form=form.clone()
                initial=value(|f| f.source_label.clone())/>
            <TextField label=t.figures_as_of() name="as_of" kind="date" required=true form=form.clone()
                initial=value(|f| f.as_of.clone())/>
            <button type="submit" class="button">{t.figures_save()}</button>
        </form>
    }
}

/// Editing one figure.
#[component]
pub fn FigureEditPage() -> impl IntoView {
    let t = use_lang().strings();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let action = format!("{FIGURES_PATH}/{}", id().unwrap_or_default());
    let form = StoredValue::new(use_posted_form(&action));
    let action = StoredValue::new(action);
    let figure = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_figure(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=t.figures_edit_title()/>
        <h1>{t.figures_edit_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=figure render={move |figure: Figure| view! {
            <FigureForm action=action.get_value() form=form.get_value() initial=Some(figure)/>
        }}/>
        <p><a href=FIGURES_PATH>{t.figures_back()}</a></p>
    }
}
