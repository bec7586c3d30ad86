//! `/participer/suivi`: the applicant finds their request by tracking code and contact
//! e-mail; `/participer/suivi/{code}?cle=…` (the secret link sent by e-mail and shown after
//! submission) shows its status and history, where the applicant answers a request for
//! information or withdraws.

use super::{RequestStatus, TrackedRequest, Transition, get_tracked_request};
use crate::{
    forms::{
        CheckField, FormErrors, PostedForm, SuccessNotice, TextArea, TextField, use_posted_form,
    },
    i18n::{Lang, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The lookup page, where its form also posts.
pub const TRACK_PATH: &str = "/participer/suivi";

/// The key of a posted applicant's form on the status page of `code`.
pub fn action_key(code: &str, transition: Transition) -> String {
    format!("{TRACK_PATH}/{code}/{}", transition.as_str())
}

/// The lookup page.
#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_lang().strings();
    let form = use_posted_form(TRACK_PATH);
    view! {
        <Title text=t.participation_track_title()/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.participation_track_heading()}</h1>
        <p class="lead">{t.participation_track_intro()}</p>
        <FormErrors form=form.clone()/>
        <form method="post" action=TRACK_PATH class="form" novalidate>
            <TextField label=t.participation_track_code() name="code" form=form.clone() required=true
                maxlength=20 hint=t.participation_track_code_hint()/>
            <TextField label=t.participation_contact_email() name="email" form=form.clone() required=true
                kind="email" maxlength=254 autocomplete="email"/>
            <button type="submit" class="button">{t.participation_track_submit()}</button>
        </form>
        <p><a href=super::APPLY_PATH>{t.participation_to_apply()}</a></p>
    }
}

/// A request's status page, behind its secret link.
#[component]
pub fn TrackedPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let params = use_params_map();
    let query = use_query_map();
    let code = params.with_untracked(|p| p.get("code").unwrap_or_default());
    let key = query.with_untracked(|q| q.get("cle").unwrap_or_default());
    let answer_form = StoredValue::new(use_posted_form(&action_key(&code, Transition::Answer)));
    let withdraw_form = StoredValue::new(use_posted_form(&action_key(&code, Transition::Withdraw)));
    let link = StoredValue::new(key.clone());
    let request = Resource::new(
        move || (code.clone(), key.clone()),
        |(code, key)| get_tracked_request(code, key),
    );
    view! {
        <Title text=t.participation_track_title()/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.participation_track_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=request render={move |request: TrackedRequest| view! {
            <Tracked lang request key=link.get_value() answer=answer_form.get_value()
                withdraw=withdraw_form.get_value()/>
        }}/>
    }
}

#[component]
fn Tracked(
    lang: Lang,
    request: TrackedRequest,
    key: String,
    answer: PostedForm,
    withdraw: PostedForm,
) -> impl IntoView {
    let t = lang.strings();
    let action = format!("{TRACK_PATH}/{}", request.code);
    let history = request
        .history
        .iter()
        .rev()
        .map(|entry| {
            let who = if entry.from_applicant {
                t.participation_history_applicant()
            } else {
                t.participation_history_committee()
            };
            view! {
                <li>
                    <p><time>{entry.at.clone()}</time>" — "<strong>{entry.status.label(lang)}</strong></p>
                    {entry.message.clone().map(|m| view! {
                        <blockquote><p class="field-hint">{who}</p><p class="message">{m}</p></blockquote>
                    })}
                </li>
            }
        })
        .collect_view();
    let can_answer = request.status == RequestStatus::InfoRequested;
    let can_withdraw = request.status.after(Transition::Withdraw).is_some();
    let answer_form = can_answer.then(|| {
        let (action, key) = (action.clone(), key.clone());
        view! {
            <section aria-labelledby="answer-heading" class="panel">
                <h2 id="answer-heading">{t.participation_answer_heading()}</h2>
                <FormErrors form=answer.clone()/>
                <form method="post" action=action class="form" novalidate>
                    <input type="hidden" name="cle" value=key/>
                    <input type="hidden" name="action" value=Transition::Answer.as_str()/>
                    <TextArea label=t.participation_answer() name="message" form=answer.clone() required=true
                        maxlength=super::application::MAX_TEXT_CHARS/>
                    <button type="submit" class="button">{t.participation_answer_submit()}</button>
                </form>
            </section>
        }
    });
    let withdraw_form = can_withdraw.then(|| {
        view! {
            <section aria-labelledby="withdraw-heading" class="panel">
                <h2 id="withdraw-heading">{t.participation_withdraw_heading()}</h2>
                <FormErrors form=withdraw.clone()/>
                <form method="post" action=action class="form" novalidate>
                    <input type="hidden" name="cle" value=key/>
                    <input type="hidden" name="action" value=Transition::Withdraw.as_str()/>
                    <CheckField label=t.participation_withdraw_confirm() name="confirm" form=withdraw.clone()/>
                    <button type="submit" class="button button-danger">{t.participation_withdraw_submit()}</button>
                </form>
            </section>
        }
    });
    view! {
        <dl class="summary">
            <dt>{t.participation_name()}</dt><dd>{request.organisation.clone()}</dd>
            <dt>{t.participation_track_code()}</dt><dd><code>{request.code.clone()}</code></dd>
            <dt>{t.participation_status()}</dt><dd><strong>{request.status.label(lang)}</strong></dd>
        </dl>
        {answer_form}
        {withdraw_form}
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t.participation_history_heading()}</h2>
            <ol class="history">{history}</ol>
        </section>
    }
}
