//! `/comites`: the committees, their missions and members.

use super::{CommitteeView, get_committees};
use crate::{
    i18n::{Lang, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The public page of the steering and technical committees.
#[component]
pub fn CommitteesPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let committees = Resource::new(move || lang, get_committees);
    view! {
        <Title text=t.committees_title()/>
        <Meta name="description" content=t.committees_intro()/>
        <h1>{t.committees_heading()}</h1>
        <p class="lead">{t.committees_intro()}</p>
        <Loaded
            resource=committees
            render={move |list: Vec<CommitteeView>| {
                list.into_iter().map(|committee| view! { <Committee lang committee/> }).collect_view()
            }}
        />
    }
}

#[component]
fn Committee(lang: Lang, committee: CommitteeView) -> impl IntoView {
    let t = lang.strings();
    let heading_id = format!("committee-{}", committee.slug);
    let members = if committee.members.is_empty() {
        view! { <p>{t.committees_no_members()}</p> }.into_any()
    } else {
        view! {
            <ul class="member-list">
                {committee
                    .members
                    .into_iter()
                    .map(|m| view! { <li><span class="member-name">{m.name}</span>", "{m.role.label(lang)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="committee panel" id=committee.slug aria-labelledby=labelled_by>
            <h2 id=heading_id>{committee.name}</h2>
            <p>{committee.description}</p>
            <h3>{t.committees_missions()}</h3>
            <ul class="mission-list">
                {committee.missions.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <h3>{t.committees_members()}</h3>
            {members}
        </section>
    }
}
