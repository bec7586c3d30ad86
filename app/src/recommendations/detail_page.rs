//! `/recommandations/{id}`: one published recommendation, its milestones as a timeline and
//! the concerns it answers. Unpublished or unknown: 404.

use super::{
    MilestoneView, PUBLIC_PATH, RecommendationView, chart::ProgressBar, get_recommendation,
    page::deadline_cell,
};
use crate::{
    concerns::{PublicConcern, theme_label},
    countries,
    format::long_date,
    i18n::{Lang, fill, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The public page of one recommendation.
#[component]
pub fn RecommendationPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let recommendation = Resource::new(
        move || (id(), lang),
        |(id, lang)| async move {
            match id {
                Some(id) => get_recommendation(id, lang).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded resource=recommendation render={move |view: RecommendationView| view! { <Detail lang view/> }}/>
        <p><a href=PUBLIC_PATH>{t.recommendations_back()}</a></p>
    }
}

#[component]
fn Detail(lang: Lang, view: RecommendationView) -> impl IntoView {
    let t = lang.strings();
    let row = view.row.clone();
    let number = fill(
        &fill(
            t.recommendation_number(),
            "session",
            &row.session_number.to_string(),
        ),
        "number",
        &row.number.to_string(),
    );
    let title = format!("{number} — {}", row.title);
    let paragraphs = view
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <p class="kicker">{number}" · "{view.session_title.clone()}</p>
        <h1>{row.title.clone()}</h1>
        <dl class="facts">
            <dt>{t.recommendations_col_status()}</dt><dd>{row.status.label(lang)}</dd>
            <dt>{t.recommendations_col_theme()}</dt><dd>{theme_label(&row.theme, lang)}</dd>
            <dt>{t.recommendations_col_institution()}</dt><dd>{row.institution.clone()}</dd>
            <dt>{t.recommendations_col_deadline()}</dt><dd>{deadline_cell(lang, &row)}</dd>
            <dt>{t.recommendations_col_progress()}</dt><dd><ProgressBar lang progress=row.progress/></dd>
            <dt>{t.recommendation_last_change()}</dt><dd>{long_date(lang, &view.last_change)}</dd>
        </dl>
        <section aria-labelledby="recommendation-text">
            <h2 id="recommendation-text">{t.recommendation_text_heading()}</h2>
            {paragraphs}
        </section>
        <Timeline lang milestones=view.milestones/>
        <Concerns lang concerns=view.concerns/>
    }
}

#[component]
fn Timeline(lang: Lang, milestones: Vec<MilestoneView>) -> impl IntoView {
    let t = lang.strings();
    let empty = milestones
        .is_empty()
        .then(|| view! { <p>{t.recommendation_no_milestones()}</p> });
    let items = milestones
        .into_iter()
        .map(|m| {
            let state = match &m.done_on {
                Some(day) if m.done => fill(t.milestone_done_on(), "date", &long_date(lang, day)),
                _ if m.done => t.milestone_done().to_string(),
                _ => t.milestone_not_done().to_string(),
            };
            let evidence = m.evidence_url.clone().map(|href| {
                view! { " · "<a href=href rel="noopener noreferrer nofollow">{t.milestone_evidence_link()}</a> }
            });
            view! {
                <li class:milestone-done=m.done>
                    <p><time datetime=m.due_on.clone()>{long_date(lang, &m.due_on)}</time>" — "{m.text.clone()}</p>
                    <p class="milestone-state">{state}{evidence}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="recommendation-milestones">
            <h2 id="recommendation-milestones">{t.recommendation_milestones_heading()}</h2>
            {empty}
            <ol class="timeline">{items}</ol>
        </section>
    }
}

#[component]
fn Concerns(lang: Lang, concerns: Vec<PublicConcern>) -> impl IntoView {
    let t = lang.strings();
    (!concerns.is_empty()).then(|| {
        let items = concerns
            .into_iter()
            .map(|c| {
                let country = countries::find(&c.country_code)
                    .map_or_else(|| c.country_code.clone(), |k| k.name(lang).to_string());
                let source = c.organisation.clone().map(|o| format!("{o}, ")).unwrap_or_default();
                view! {
                    <li>
                        <blockquote>{c.body.clone()}</blockquote>
                        <p class="concern-meta">
                            {theme_label(&c.theme, lang)}" · "{source}{country}" · "{long_date(lang, &c.published_on)}
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="recommendation-concerns">
                <h2 id="recommendation-concerns">{t.recommendation_concerns_heading()}</h2>
                <ul class="concern-list">{items}</ul>
            </section>
        }
    })
}
