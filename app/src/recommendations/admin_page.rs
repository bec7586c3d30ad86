//! `/espace/recommandations`: committees see every recommendation (drafts included) and
//! create new ones. The form is shared with the edit page.

use super::{
    EDITOR_PATH, EditorRecommendation, EditorRow, MAX_INSTITUTION_CHARS, MAX_TEXT_CHARS,
    MAX_TITLE_CHARS, RecommendationStatus, SessionChoice, chart::ProgressBar, edit_path,
    get_editor_list,
};
use crate::{
    concerns::theme_choices,
    forms::{
        FormErrors, PostedForm, SelectField, SuccessNotice, TextArea, TextField, use_posted_form,
    },
    i18n::{Lang, fill, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The committees' list of recommendations, with the creation form.
#[component]
pub fn RecommendationEditorPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let list = Resource::new(|| (), |_| get_editor_list());
    // The form shows only to those who may see the list (the server checks again).
    let form = StoredValue::new(use_posted_form(EDITOR_PATH));
    view! {
        <Title text=t.recommendations_editor_title()/>
        <h1>{t.recommendations_editor_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=list render={move |(rows, sessions): (Vec<EditorRow>, Vec<SessionChoice>)| view! {
            <EditorTable lang rows/>
            <section aria-labelledby="new-recommendation">
                <h2 id="new-recommendation">{t.recommendations_new_heading()}</h2>
                <RecommendationForm action=EDITOR_PATH.to_string() form=form.get_value() initial=None sessions/>
            </section>
        }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

#[component]
fn EditorTable(lang: Lang, rows: Vec<EditorRow>) -> impl IntoView {
    let t = lang.strings();
    let body = rows
        .into_iter()
        .map(|row| {
            let number = fill(
                &fill(t.recommendation_number(), "session", &row.session_number.to_string()),
                "number",
                &row.number.to_string(),
            );
            let visibility = if row.published {
                t.recommendation_published()
            } else {
                t.recommendation_unpublished()
            };
            let overdue = row
                .overdue
                .then(|| view! { " "<strong class="badge badge-alert">{t.recommendation_overdue()}</strong> });
            view! {
                <tr>
                    <td>{number}</td>
                    <th scope="row"><a href=edit_path(row.id)>{row.title_fr.clone()}</a></th>
                    <td>{row.status.label(lang)}{overdue}</td>
                    <td>{visibility}</td>
                    <td><ProgressBar lang progress=row.progress/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.recommendations_editor_heading()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.recommendations_col_number()}</th>
                        <th scope="col">{t.recommendations_col_title()}</th>
                        <th scope="col">{t.recommendations_col_status()}</th>
                        <th scope="col">{t.recommendation_visibility()}</th>
                        <th scope="col">{t.recommendations_col_progress()}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// The create / edit form of a recommendation.
#[component]
pub(super) fn RecommendationForm(
    action: String,
    form: PostedForm,
    initial: Option<EditorRecommendation>,
    sessions: Vec<SessionChoice>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let sessions = sessions
        .into_iter()
        .map(|s| {
            let label = fill(
                t.recommendations_session_option(),
                "number",
                &s.number.to_string(),
            );
            (s.id.to_string(), format!("{label} — {}", s.title))
        })
        .collect::<Vec<_>>();
    let themes = theme_choices(lang);
    let statuses: Vec<_> = RecommendationStatus::ALL
        .into_iter()
        .map(|s| (s.as_str(), s.label(lang)))
        .collect();
    let value =
        |f: fn(&EditorRecommendation) -> String| initial.as_ref().map(f).unwrap_or_default();
    view! {
        <FormErrors form=form.clone()/>
        <form method="post" action=action class="form" novalidate>
            <SelectField name="session" label=t.recommendation_session() form=form.clone() required=true
                options=sessions initial=value(|r| r.session_id.to_string())/>
            <TextField label=t.recommendation_number_label() name="number" kind="number" required=true form=form.clone()
                initial=value(|r| r.number.to_string())/>
            <TextField label=t.recommendation_title_fr() name="title_fr" required=true maxlength=MAX_TITLE_CHARS form=form.clone()
                initial=value(|r| r.title_fr.clone())/>
            <TextField label=t.recommendation_title_en() name="title_en" maxlength=MAX_TITLE_CHARS form=form.clone()
                hint=t.recommendation_english_hint() initial=value(|r| r.title_en.clone())/>
            <TextArea label=t.recommendation_text_fr() name="text_fr" required=true maxlength=MAX_TEXT_CHARS form=form.clone()
                rows=8 initial=value(|r| r.text_fr.clone())/>
            <TextArea label=t.recommendation_text_en() name="text_en" maxlength=MAX_TEXT_CHARS form=form.clone()
                rows=8 hint=t.recommendation_english_hint() initial=value(|r| r.text_en.clone())/>
            <SelectField name="theme" label=t.recommendations_col_theme() form=form.clone() required=true
                options=themes initial=value(|r| r.theme.clone())/>
            <TextField label=t.recommendations_col_institution() name="institution" required=true
                maxlength=MAX_INSTITUTION_CHARS form=form.clone() initial=value(|r| r.institution.clone())/>
            <TextField label=t.recommendations_col_deadline() name="deadline" kind="date" form=form.clone()
                hint=t.optional() initial=value(|r| r.deadline.clone())/>
            <SelectField name="status" label=t.recommendations_col_status() form=form.clone() required=true
                options=statuses initial=value(|r| r.status.clone())/>
            <TextField label=t.recommendation_concerns_label() name="concerns" form=form.clone() maxlength=500
                hint=t.recommendation_concerns_hint() initial=value(|r| r.concerns.clone())/>
            <button type="submit" class="button">{t.recommendation_save()}</button>
        </form>
    }
}
