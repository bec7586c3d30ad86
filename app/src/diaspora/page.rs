//! `/diaspora`: figures per country, as a sortable table and a bar chart drawn on the
//! server (SVG: readable with JavaScript off).

use super::{CountryFigures, DECLARE_PATH, Declared, MAP_PATH, PRIVACY_THRESHOLD, get_diaspora};
use crate::{
    i18n::{Lang, fill, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// Countries drawn in the chart.
const CHART_COUNTRIES: usize = 15;

/// How the table is ordered (`?tri=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Largest,
    Country,
    Declared,
}

impl Order {
    fn parse(value: Option<String>) -> Order {
        match value.as_deref() {
            Some("pays") => Order::Country,
            Some("declarations") => Order::Declared,
            _ => Order::Largest,
        }
    }
}

/// The public diaspora page.
#[component]
pub fn DiasporaPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let data = Resource::new(move || lang, get_diaspora);
    let query = use_query_map();
    let order = move || Order::parse(query.with(|q| q.get("tri")));
    view! {
        <Title text=t.diaspora_title()/>
        <Meta name="description" content=t.diaspora_intro()/>
        <h1>{t.diaspora_heading()}</h1>
        <p class="lead">{t.diaspora_intro()}</p>
        <p>{fill(t.diaspora_privacy(), "n", &PRIVACY_THRESHOLD.to_string())}</p>
        <p><a class="button" href=DECLARE_PATH>{t.diaspora_declare_link()}</a></p>
        <Loaded resource=data render={move |rows: Vec<CountryFigures>| {
            view! {
                <Chart lang rows=rows.clone()/>
                <figure class="chart map">
                    <img src=MAP_PATH alt=t.diaspora_map_alt() width="1000" height="560" loading="lazy"/>
                    <figcaption>{t.diaspora_map_caption()}</figcaption>
                </figure>
                {move || view! { <Table lang rows=rows.clone() order=order()/> }}
            }
        }}/>
    }
}

fn declared_text(lang: Lang, declared: Declared) -> String {
    match declared {
        Declared::Fewer => format!("< {PRIVACY_THRESHOLD}"),
        Declared::Count { people, households } => fill(
            &fill(
                lang.strings().diaspora_declared_count(),
                "people",
                &people.to_string(),
            ),
            "households",
            &households.to_string(),
        ),
    }
}

#[component]
fn Table(lang: Lang, rows: Vec<CountryFigures>, order: Order) -> impl IntoView {
    let t = lang.strings();
    let mut rows = rows;
    match order {
        Order::Largest => {}
        Order::Country => rows.sort_by_key(|r| crate::countries::fold(&r.name)),
        Order::Declared => rows.sort_by_key(|r| match r.declared {
            Declared::Count { people, .. } => -people,
            Declared::Fewer => 0,
        }),
    }
    let sort_link = move |key: &'static str, label: &'static str, this: Order| {
        let current = (order == this).then_some("true");
        view! { <a href=format!("/diaspora?tri={key}#table") aria-current=current>{label}</a> }
    };
    let body = rows
        .into_iter()
        .map(|row| {
            let figures = row
                .figures
                .iter()
                .map(|f| {
                    view! {
                        <li>
                            <strong>{f.value.to_string()}</strong>" — "{f.kind.label(lang)}": "{f.source.clone()}
                            " ("{f.as_of.clone()}")"
                        </li>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{row.name.clone()}</th>
                    <td>{row.best().to_string()}</td>
                    <td><ul class="figure-sources">{figures}</ul></td>
                    <td>{declared_text(lang, row.declared)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="table">{t.diaspora_table_heading()}</h2>
        <p class="sort-links">
            {t.diaspora_sort_by()}" "
            {sort_link("chiffre", t.diaspora_sort_largest(), Order::Largest)}" · "
            {sort_link("pays", t.diaspora_sort_country(), Order::Country)}" · "
            {sort_link("declarations", t.diaspora_sort_declared(), Order::Declared)}
        </p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="table">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.diaspora_col_country()}</th>
                        <th scope="col">{t.diaspora_col_best()}</th>
                        <th scope="col">{t.diaspora_col_sources()}</th>
                        <th scope="col">{t.diaspora_col_declared()}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// A ranked bar chart of the largest figures, with its numbers as text for everyone.
#[component]
fn Chart(lang: Lang, rows: Vec<CountryFigures>) -> impl IntoView {
    let t = lang.strings();
    let top: Vec<_> = rows
        .into_iter()
        .filter(|r| r.best() > 0)
        .take(CHART_COUNTRIES)
        .collect();
    let max = top
        .iter()
        .map(CountryFigures::best)
        .max()
        .unwrap_or(1)
        .max(1);
    let bar_height = 26;
    let height = (top.len() as i64 * bar_height + 10).to_string();
    let description = top
        .iter()
        .map(|r| format!("{} : {}", r.name, r.best()))
        .collect::<Vec<_>>()
        .join(" ; ");
    let bars = top
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let y = i as i64 * bar_height;
            let width = (row.best() * 420 / max).max(2);
            view! {
                <g>
                    <text x="0" y=(y + 17).to_string() class="chart-label">{row.name.clone()}</text>
                    <rect x="180" y=(y + 4).to_string() width=width.to_string() height="18" class="chart-bar"/>
                    <text x=(186 + width).to_string() y=(y + 17).to_string() class="chart-value">{row.best().to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg role="img" aria-labelledby="chart-title chart-desc" viewBox=format!("0 0 700 {height}")
                width="100%" xmlns="http://www.w3.org/2000/svg">
                <title id="chart-title">{t.diaspora_chart_title()}</title>
                <desc id="chart-desc">{description}</desc>
                {bars}
            </svg>
            <figcaption>{t.diaspora_chart_caption()}</figcaption>
        </figure>
    }
}
