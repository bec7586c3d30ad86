//! `/espace/recommandations/{id}`: committees edit a recommendation, publish or withdraw
//! it, and follow its milestones (add, mark done, edit at `/jalons/{milestone}`, delete).

use super::{
    EDITOR_PATH, EditorMilestone, EditorRecommendation, MAX_EVIDENCE_URL_CHARS,
    MAX_MILESTONE_CHARS, PUBLIC_PATH, admin_page::RecommendationForm, chart::ProgressBar,
    edit_path, get_editor_recommendation, milestone_path, milestones_path, publish_path,
    unpublish_path,
};
use crate::{
    error::AppError,
    format::long_date,
    forms::{
        FormErrors, PostedForm, SuccessNotice, TextArea, TextField, use_posted_form,
        use_posted_form_where,
    },
    i18n::{Lang, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn param(name: &'static str) -> impl Fn() -> Option<i32> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).and_then(|id| id.parse::<i32>().ok()))
}

fn load(id: Option<i32>) -> Resource<Result<EditorRecommendation, AppError>> {
    Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_editor_recommendation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// Editing one recommendation and its milestones.
#[component]
pub fn RecommendationEditPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let id = param("id")().unwrap_or_default();
    let form = StoredValue::new(use_posted_form(&edit_path(id)));
    let (publish, unpublish) = (publish_path(id), unpublish_path(id));
    let publication = StoredValue::new(use_posted_form_where(move |a| {
        a == publish || a == unpublish
    }));
    // Milestone actions without fields (done, delete) report their errors here too.
    let milestones = StoredValue::new(use_posted_form_where(move |a| {
        let add = milestones_path(id);
        a == add
            || a.strip_prefix(add.as_str()).is_some_and(|rest| {
                rest.starts_with('/')
                    && (rest.ends_with("/basculer") || rest.ends_with("/supprimer"))
            })
    }));
    let recommendation = load(Some(id).filter(|id| *id > 0));
    view! {
        <Title text=t.recommendation_edit_title()/>
        <h1>{t.recommendation_edit_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=recommendation render={move |r: EditorRecommendation| view! {
            <Publication lang r=r.clone() form=publication.get_value()/>
            <RecommendationForm action=edit_path(r.id) form=form.get_value() initial=Some(r.clone()) sessions=r.sessions.clone()/>
            <Milestones lang r form=milestones.get_value()/>
        }}/>
        <p><a href=EDITOR_PATH>{t.recommendations_editor_back()}</a></p>
    }
}

#[component]
fn Publication(lang: Lang, r: EditorRecommendation, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let (state, action, button) = if r.published {
        (
            t.recommendation_published(),
            unpublish_path(r.id),
            t.recommendation_unpublish(),
        )
    } else {
        (
            t.recommendation_unpublished(),
            publish_path(r.id),
            t.recommendation_publish(),
        )
    };
    let public = r.published.then(|| {
        view! { " "<a href=format!("{PUBLIC_PATH}/{}", r.id)>{t.recommendation_public_link()}</a> }
    });
    view! {
        <section aria-labelledby="publication" class="panel">
            <h2 id="publication">{t.recommendation_visibility()}</h2>
            <FormErrors form/>
            <p>{state}{public}</p>
            <p><ProgressBar lang progress=r.progress/></p>
            <form method="post" action=action>
                <button type="submit" class="button button-secondary">{button}</button>
            </form>
        </section>
    }
}

#[component]
fn Milestones(lang: Lang, r: EditorRecommendation, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let add = milestones_path(r.id);
    // The add form keeps what was typed only when it was the one refused.
    let add_form = if form.action == add {
        form.clone()
    } else {
        PostedForm::default()
    };
    let rows = r
        .milestones
        .iter()
        .map(|m| {
            let base = milestone_path(r.id, m.id);
            let state = match (&m.done_on, m.done) {
                (Some(day), true) => format!("{} ({})", t.milestone_done(), long_date(lang, day)),
                (_, true) => t.milestone_done().to_string(),
                _ => t.milestone_not_done().to_string(),
            };
            let toggle = if m.done { t.milestone_reopen() } else { t.milestone_complete() };
            let named = |action: &str| format!("{action} : {}", m.text_fr);
            let evidence = (!m.evidence_url.is_empty()).then(|| {
                view! { <a href=m.evidence_url.clone() rel="noopener noreferrer nofollow">{t.milestone_evidence_link()}</a> }
            });
            view! {
                <tr>
                    <td>{long_date(lang, &m.due_on)}</td>
                    <th scope="row"><a href=base.clone()>{m.text_fr.clone()}</a></th>
                    <td>{state}</td>
                    <td>{evidence}</td>
                    <td class="actions">
                        <form method="post" action=format!("{base}/basculer")>
                            <button type="submit" class="button button-secondary" aria-label=named(toggle)>{toggle}</button>
                        </form>
                        <form method="post" action=format!("{base}/supprimer")>
                            <button type="submit" class="button button-secondary" aria-label=named(t.milestone_delete())>{t.milestone_delete()}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="milestones">
            <h2 id="milestones">{t.recommendation_milestones_heading()}</h2>
            {(form.action != add).then(|| view! { <FormErrors form=form.clone()/> })}
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="milestones">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t.milestone_due_on()}</th>
                            <th scope="col">{t.milestone_text_fr()}</th>
                            <th scope="col">{t.milestone_state()}</th>
                            <th scope="col">{t.milestone_evidence()}</th>
                            <th scope="col"><span class="visually-hidden">{t.milestone_actions()}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3 id="new-milestone">{t.milestone_new_heading()}</h3>
            <MilestoneForm action=add form=add_form initial=None/>
        </section>
    }
}

/// The add / edit form of a milestone.
#[component]
fn MilestoneForm(
    action: String,
    form: PostedForm,
    initial: Option<EditorMilestone>,
) -> impl IntoView {
    let t = use_lang().strings();
    let value = |f: fn(&EditorMilestone) -> String| initial.as_ref().map(f).unwrap_or_default();
    view! {
        <FormErrors form=form.clone()/>
        <form method="post" action=action class="form" novalidate>
            <TextArea label=t.milestone_text_fr() name="milestone_fr" required=true maxlength=MAX_MILESTONE_CHARS
                rows=3 form=form.clone() initial=value(|m| m.text_fr.clone())/>
            <TextArea label=t.milestone_text_en() name="milestone_en" maxlength=MAX_MILESTONE_CHARS rows=3
                hint=t.recommendation_english_hint() form=form.clone() initial=value(|m| m.text_en.clone())/>
            <TextField label=t.milestone_due_on() name="due_on" kind="date" required=true form=form.clone()
                initial=value(|m| m.due_on.clone())/>
            <TextField label=t.milestone_evidence() name="evidence_url" kind="url" maxlength=MAX_EVIDENCE_URL_CHARS
                hint=t.milestone_evidence_hint() form=form.clone() initial=value(|m| m.evidence_url.clone())/>
            <button type="submit" class="button">{t.milestone_save()}</button>
        </form>
    }
}

/// Editing one milestone.
#[component]
pub fn MilestoneEditPage() -> impl IntoView {
    let t = use_lang().strings();
    let id = param("id")().unwrap_or_default();
    let milestone = param("milestone")().unwrap_or_default();
    let action = StoredValue::new(milestone_path(id, milestone));
    let form = StoredValue::new(use_posted_form(&action.get_value()));
    let recommendation = load(Some(id).filter(|id| *id > 0));
    view! {
        <Title text=t.milestone_edit_title()/>
        <h1>{t.milestone_edit_heading()}</h1>
        <Loaded resource=recommendation render={move |r: EditorRecommendation| {
            match r.milestones.into_iter().find(|m| m.id == milestone) {
                Some(m) => view! {
                    <p class="lead">{r.title_fr}</p>
                    <MilestoneForm action=action.get_value() form=form.get_value() initial=Some(m)/>
                }.into_any(),
                None => view! { <crate::layout::ErrorNotice error=AppError::NotFound/> }.into_any(),
            }
        }}/>
        <p><a href=edit_path(id)>{t.milestone_back()}</a></p>
    }
}
