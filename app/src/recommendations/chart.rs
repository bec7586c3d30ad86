//! Drawings shared by the recommendation pages, made on the server (SVG, readable with
//! JavaScript off): the summary bar chart and a progress bar with its figures as text.

use super::{Figures, Progress};
use crate::i18n::{Lang, fill};
use leptos::prelude::*;

/// "1 jalon sur 2 réalisé (50 %)" or "Aucun jalon".
pub fn progress_text(lang: Lang, progress: Progress) -> String {
    let t = lang.strings();
    if progress.total == 0 {
        return t.recommendation_no_milestones().to_string();
    }
    fill(
        &fill(
            &fill(
                t.recommendation_progress_text(),
                "done",
                &progress.done.to_string(),
            ),
            "total",
            &progress.total.to_string(),
        ),
        "percent",
        &progress.percent().to_string(),
    )
}

/// A `<progress>` bar labelled by its figures written out.
#[component]
pub fn ProgressBar(lang: Lang, progress: Progress) -> impl IntoView {
    let text = progress_text(lang, progress);
    view! {
        <span class="progress">
            <progress max="100" value=progress.percent().to_string() aria-label=text.clone()></progress>
            <span class="progress-text">{text}</span>
        </span>
    }
}

/// The published recommendations counted by status (and overdue), as bars with their
/// numbers, a title and a text description.
#[component]
pub fn SummaryChart(lang: Lang, figures: Figures) -> impl IntoView {
    let t = lang.strings();
    let bars = [
        (
            t.recommendations_figure_adopted(),
            figures.adopted,
            "chart-bar",
        ),
        (
            t.recommendations_figure_in_progress(),
            figures.in_progress,
            "chart-bar",
        ),
        (
            t.recommendations_figure_implemented(),
            figures.implemented,
            "chart-bar",
        ),
        (
            t.recommendations_figure_overdue(),
            figures.overdue,
            "chart-bar chart-bar-alert",
        ),
    ];
    let max = bars.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    let description = bars
        .iter()
        .map(|(label, n, _)| {
            fill(
                &fill(t.recommendations_chart_item(), "label", label),
                "count",
                &n.to_string(),
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    let drawn = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, count, class))| {
            let y = i as u64 * 30;
            let width = (count * 380 / max).max(2);
            view! {
                <g>
                    <text x="0" y=(y + 19).to_string() class="chart-label">{label}</text>
                    <rect x="200" y=(y + 5).to_string() width=width.to_string() height="20" class=class/>
                    <text x=(206 + width).to_string() y=(y + 19).to_string() class="chart-value">{count.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg role="img" aria-labelledby="recommendations-chart-title recommendations-chart-desc"
                viewBox="0 0 640 125" width="100%" xmlns="http://www.w3.org/2000/svg">
                <title id="recommendations-chart-title">{t.recommendations_chart_title()}</title>
                <desc id="recommendations-chart-desc">{description}</desc>
                {drawn}
            </svg>
            <figcaption>{t.recommendations_chart_caption()}</figcaption>
        </figure>
    }
}
