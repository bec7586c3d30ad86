//! The home page's view.

use super::{HomeData, get_home};
use crate::{
    format::date_range,
    i18n::{Lang, use_lang},
    layout::Loaded,
    sessions::SessionSummary,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `/`: presents the CCMEX.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let data = Resource::new(move || lang, get_home);

    view! {
        <Title text=t.home_title()/>
        <Meta name="description" content=t.home_description()/>
        <section class="hero" aria-labelledby="home-heading">
            <p class="kicker">{t.home_kicker()}</p>
            <h1 id="home-heading">{t.home_heading()}</h1>
            <p class="lead">{t.home_lead()}</p>
            <p>{t.home_origin()}</p>
        </section>
        <section class="figures" aria-label=t.home_figures_label()>
            <ul>
                <Figure value=t.home_countries_figure() label=t.home_countries_label()/>
                <Figure value=t.home_objectives_count_figure() label=t.home_objectives_count_label()/>
                <Figure value=t.home_committees_count_figure() label=t.home_committees_count_label()/>
            </ul>
        </section>
        <Loaded resource=data render={move |home: HomeData| view! { <HomeContent lang home/> }}/>
        <section class="actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t.home_actions_heading()}</h2>
            <ul class="cards">
                <Action href="/participer" title=t.home_action_participate() text=t.home_action_participate_text()/>
                <Action href="/preoccupations" title=t.home_action_concern() text=t.home_action_concern_text()/>
                <Action href="/diaspora/se-declarer" title=t.home_action_count() text=t.home_action_count_text()/>
            </ul>
        </section>
    }
}

#[component]
fn Figure(value: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <li class="figure">
            <span class="figure-value">{value}</span>
            " "
            <span class="figure-label">{label}</span>
        </li>
    }
}

#[component]
fn Action(href: &'static str, title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <li class="card">
            <h3><a href=href>{title}</a></h3>
            <p>{text}</p>
        </li>
    }
}

#[component]
fn HomeContent(lang: Lang, home: HomeData) -> impl IntoView {
    let t = lang.strings();
    view! {
        <section class="session" aria-labelledby="session-heading">
            <h2 id="session-heading">{t.home_session_heading()}</h2>
            {match home.session {
                Some(session) => view! { <SessionCard lang session/> }.into_any(),
                None => view! { <p>{t.home_session_none()}</p> }.into_any(),
            }}
        </section>
        <section class="objectives" aria-labelledby="objectives-heading">
            <h2 id="objectives-heading">{t.home_objectives_heading()}</h2>
            <p>{t.home_objectives_intro()}</p>
            <ol class="objective-list">
                {home.objectives.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn SessionCard(lang: Lang, session: SessionSummary) -> impl IntoView {
    let t = lang.strings();
    let dates = date_range(lang, &session.starts_on, &session.ends_on);
    let time_zone = if session.time_zone == "Africa/Bamako" {
        t.timezone_bamako().to_string()
    } else {
        session.time_zone
    };
    view! {
        <article class="session-card">
            <h3>{session.title}</h3>
            <dl>
                <div><dt>{t.home_session_dates()}</dt><dd>{dates}</dd></div>
                <div><dt>{t.home_session_venue()}</dt><dd>{session.venue}", "{session.city}</dd></div>
                <div><dt>{t.home_session_timezone()}</dt><dd>{time_zone}</dd></div>
                <div><dt>{t.home_session_status()}</dt><dd>{session.status.label(lang)}</dd></div>
            </dl>
            <p><a class="button" href="/agenda">{t.home_session_agenda_link()}</a></p>
        </article>
    }
}
