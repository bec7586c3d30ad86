//! `/espace/demandes/{id}`: everything the applicant sent, the history, the assignment to a
//! reviewer (posting to `/attribuer`) and the decisions the status allows (posting to
//! `/decision`), where a refused post comes back with its error and what was typed.

use super::{
    RequestStatus, Transition,
    application::kind_label,
    review_data::{
        MAX_MESSAGE_CHARS, REVIEW_PATH, ReviewedRequest, assign_path, decision_path,
        get_reviewed_request,
    },
    review_page::organisation_cell,
};
use crate::{
    countries,
    diaspora::sector_label,
    error::AppError,
    forms::{FormErrors, PostedForm, SuccessNotice, TextArea, use_posted_form},
    i18n::{Lang, fill, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The committee's decisions, in the order the page offers them.
const DECISIONS: [Transition; 5] = [
    Transition::Approve,
    Transition::RequestInfo,
    Transition::Waitlist,
    Transition::Reject,
    Transition::Revoke,
];

/// One request as reviewers see it.
#[component]
pub fn ReviewDetailPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let key = id.unwrap_or_default();
    let decision = StoredValue::new(use_posted_form(&decision_path(key)));
    let assignment = StoredValue::new(use_posted_form(&assign_path(key)));
    let request = Resource::new(
        move || (id, lang),
        |(id, lang)| async move {
            match id {
                Some(id) => get_reviewed_request(id, lang).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.review_detail_title()/>
        <SuccessNotice/>
        <Loaded resource=request render={move |r: ReviewedRequest| view! {
            <Detail lang r=r.clone()/>
            <Assignment lang r=r.clone() form=assignment.get_value()/>
            <Decisions lang r form=decision.get_value()/>
        }}/>
        <p><a href=REVIEW_PATH>{t.review_back()}</a></p>
    }
}

fn yes_no(lang: Lang, value: bool) -> &'static str {
    let t = lang.strings();
    if value { t.review_yes() } else { t.review_no() }
}

fn optional(value: Option<String>) -> String {
    value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "—".into())
}

#[component]
fn Detail(lang: Lang, r: ReviewedRequest) -> impl IntoView {
    let t = lang.strings();
    let row = r.row.clone();
    let heading = fill(t.review_detail_heading(), "code", &row.tracking_code);
    let country = countries::find(&row.country_code)
        .map_or_else(|| row.country_code.clone(), |c| c.name(lang).to_string());
    let sectors = row
        .sectors
        .iter()
        .map(|s| sector_label(s, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let quota = match r.max_organisations {
        Some(max) => fill(
            &fill(t.review_quota(), "approved", &r.approved.to_string()),
            "max",
            &max.to_string(),
        ),
        None => fill(t.review_no_quota(), "approved", &r.approved.to_string()),
    };
    let status = match (row.status, row.waitlist_position) {
        (RequestStatus::Waitlisted, Some(n)) => format!("{} (#{n})", row.status.label(lang)),
        (s, _) => s.label(lang).to_string(),
    };
    let delegates = r
        .delegates
        .iter()
        .map(|d| view! { <li>{d.name.clone()}" — "{d.function.clone()}" — "{d.email.clone()}</li> })
        .collect_view();
    let history = r
        .history
        .iter()
        .map(|step| {
            let who = if step.from_applicant {
                t.review_by_applicant().to_string()
            } else {
                step.actor
                    .clone()
                    .unwrap_or_else(|| t.review_by_system().to_string())
            };
            let change = match step.from {
                Some(from) => format!("{} → {}", from.label(lang), step.to.label(lang)),
                None => step.to.label(lang).to_string(),
            };
            view! {
                <li>
                    <p><strong>{step.at.clone()}</strong>" · "{change}" · "{who}</p>
                    {step.message.clone().map(|m| view! { <p class="concern-body">{m}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{heading}</h1>
        <p class="lead">{organisation_cell(lang, &row)}</p>
        <p><span class="tag">{status}</span>" · "{r.session_title.clone()}" · "{quota}</p>
        <section aria-labelledby="request-organisation">
            <h2 id="request-organisation">{t.review_section_organisation()}</h2>
            <dl class="facts">
                <dt>{t.review_col_kind()}</dt><dd>{kind_label(&row.kind, lang)}</dd>
                <dt>{t.review_col_country()}</dt><dd>{country}", "{r.city.clone()}</dd>
                <dt>{t.review_founded()}</dt><dd>{optional(r.founded_year.map(|y| y.to_string()))}</dd>
                <dt>{t.review_registration()}</dt><dd>{optional(r.registration_number.clone())}" · "{optional(r.registration_authority.clone())}</dd>
                <dt>{t.review_members()}</dt><dd>{optional(r.member_count.map(|n| n.to_string()))}</dd>
                <dt>{t.review_col_sectors()}</dt><dd>{sectors}</dd>
                <dt>{t.review_website()}</dt><dd>{optional(r.website.clone())}</dd>
            </dl>
        </section>
        <section aria-labelledby="request-contact">
            <h2 id="request-contact">{t.review_section_contact()}</h2>
            <dl class="facts">
                <dt>{t.review_contact_name()}</dt><dd>{r.contact_name.clone()}</dd>
                <dt>{t.review_contact_email()}</dt><dd>{r.contact_email.clone()}</dd>
                <dt>{t.review_contact_phone()}</dt><dd>{r.contact_phone.clone()}</dd>
                <dt>{t.review_language()}</dt><dd>{r.language.clone()}</dd>
            </dl>
            <h3>{t.review_col_delegates()}</h3>
            <ol>{delegates}</ol>
        </section>
        <section aria-labelledby="request-motivation">
            <h2 id="request-motivation">{t.review_section_motivation()}</h2>
            <h3>{t.review_motivation()}</h3>
            <p class="concern-body">{r.motivation.clone()}</p>
            <h3>{t.review_contribution()}</h3>
            <p class="concern-body">{r.contribution.clone()}</p>
            <dl class="facts">
                <dt>{t.review_consent_processing()}</dt><dd>{yes_no(lang, r.consent_processing)}</dd>
                <dt>{t.review_consent_directory()}</dt><dd>{yes_no(lang, r.consent_directory)}</dd>
            </dl>
        </section>
        <section aria-labelledby="request-history">
            <h2 id="request-history">{t.review_section_history()}</h2>
            <ol class="history">{history}</ol>
        </section>
    }
}

#[component]
fn Assignment(lang: Lang, r: ReviewedRequest, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let chosen = if form.action.is_empty() {
        r.assigned_id.map(|id| id.to_string()).unwrap_or_default()
    } else {
        form.value("reviewer")
    };
    let options = r
        .reviewers
        .iter()
        .map(|(id, name)| {
            let value = id.to_string();
            let selected = value == chosen;
            view! { <option value=value selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="request-assignment" class="panel">
            <h2 id="request-assignment">{t.review_section_assignment()}</h2>
            <form method="post" action=assign_path(r.row.id) class="form" novalidate>
                <FormErrors form=form.clone()/>
                <div class="field">
                    <label for="field-reviewer">{t.review_reviewer()}</label>
                    <select id="field-reviewer" name="reviewer">
                        <option value="">{t.review_nobody()}</option>
                        {options}
                    </select>
                </div>
                <button type="submit" class="button button-secondary">{t.review_assign()}</button>
            </form>
        </section>
    }
}

fn decision_label(lang: Lang, transition: Transition) -> &'static str {
    let t = lang.strings();
    match transition {
        Transition::Approve => t.review_approve(),
        Transition::RequestInfo => t.review_request_info(),
        Transition::Waitlist => t.review_waitlist(),
        Transition::Reject => t.review_reject(),
        _ => t.review_revoke(),
    }
}

#[component]
fn Decisions(lang: Lang, r: ReviewedRequest, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let id = r.row.id;
    let status = r.row.status;
    let allowed: Vec<Transition> = DECISIONS
        .into_iter()
        .filter(|d| status.after(*d).is_some())
        .collect();
    let posted = form.value("transition");
    let forms = allowed
        .into_iter()
        .map(|d| {
            // The refused form keeps its message; the others start empty.
            let refused = posted == d.as_str();
            let own = if refused {
                form.clone()
            } else {
                PostedForm::default()
            };
            // The refused form's field keeps the id the error summary links to.
            let field_id = if refused {
                "field-message".to_string()
            } else {
                format!("message-{}", d.as_str())
            };
            let hint = if d.needs_message() {
                t.review_message_required()
            } else {
                t.review_message_optional()
            };
            view! {
                <form method="post" action=decision_path(id) class="form" novalidate>
                    <input type="hidden" name="transition" value=d.as_str()/>
                    <TextArea label=t.review_message() name="message" id=field_id form=own
                        rows=3 maxlength=MAX_MESSAGE_CHARS required=d.needs_message() hint=hint/>
                    <button type="submit" class="button">{decision_label(lang, d)}</button>
                </form>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="request-decisions" class="panel">
            <h2 id="request-decisions">{t.review_section_decisions()}</h2>
            <FormErrors form=form.clone()/>
            <p class="field-hint">{t.review_quota_hint()}</p>
            <div class="decisions">{forms}</div>
        </section>
    }
}
