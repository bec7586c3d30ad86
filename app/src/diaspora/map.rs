//! The world map of the diaspora, drawn on the server as a standalone SVG
//! (`/diaspora/carte.svg`): each country shaded by its largest known figure.

use super::{CountryFigures, map_data::MAP_PATHS};
use crate::{countries, i18n::Lang};
use std::{collections::HashMap, fmt::Write};

/// Lower bounds of the shading classes and their colours (light to dark green).
const CLASSES: [(i64, &str); 5] = [
    (1, "#d9f0e1"),
    (1_000, "#a6d9b8"),
    (10_000, "#5fb585"),
    (100_000, "#2d8655"),
    (1_000_000, "#14532d"),
];
const NO_DATA: &str = "#e4e7e5";

fn colour(value: i64) -> &'static str {
    CLASSES
        .iter()
        .rev()
        .find(|(floor, _)| value >= *floor)
        .map_or(NO_DATA, |(_, colour)| colour)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The map as an SVG document, with a title, a description and a legend.
pub fn render(rows: &[CountryFigures], lang: Lang) -> String {
    let t = lang.strings();
    let values: HashMap<&str, i64> = rows.iter().map(|r| (r.code.as_str(), r.best())).collect();
    let mut svg = String::with_capacity(140_000);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 560\" role=\"img\" \
         aria-labelledby=\"t d\"><title id=\"t\">{}</title><desc id=\"d\">{}</desc>\
         <rect width=\"1000\" height=\"560\" fill=\"#ffffff\"/>",
        escape(t.diaspora_map_title()),
        escape(t.diaspora_map_desc()),
    );
    for (code, path) in MAP_PATHS {
        let value = values.get(code).copied().unwrap_or(0);
        let name = countries::find(code).map_or(code, |c| c.name(lang));
        let label = if value > 0 {
            format!("{name} : {value}")
        } else {
            name.to_string()
        };
        let _ = write!(
            svg,
            "<path d=\"{path}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"0.4\"><title>{}</title></path>",
            colour(value),
            escape(&label),
        );
    }
    // Legend.
    let mut x = 10;
    let legend = [(0, NO_DATA)].into_iter().chain(CLASSES);
    for (floor, colour) in legend {
        let text = if floor == 0 {
            t.diaspora_map_no_data().to_string()
        } else {
            format!("≥ {floor}")
        };
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"520\" width=\"18\" height=\"18\" fill=\"{colour}\" stroke=\"#7b857f\" stroke-width=\"0.5\"/>\
             <text x=\"{}\" y=\"534\" font-size=\"14\" font-family=\"sans-serif\" fill=\"#1b1f1d\">{}</text>",
            x + 24,
            escape(&text),
        );
        x += 160;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diaspora::Declared;

    #[test]
    fn countries_are_shaded_by_their_largest_figure_and_names_are_escaped() {
        let rows = vec![CountryFigures {
            code: "CI".into(),
            name: "Côte d’Ivoire".into(),
            figures: vec![],
            declared: Declared::Count {
                households: 5,
                people: 2_000_000,
            },
        }];
        let svg = render(&rows, Lang::Fr);
        let ivory_coast = svg
            .split("<path ")
            .find(|p| p.contains("<title>Côte d’Ivoire : 2000000</title>"))
            .expect("the country is drawn with its figure");
        assert!(
            ivory_coast.contains("fill=\"#14532d\""),
            "the darkest class"
        );
        assert!(
            svg.contains("<title>Mali</title>"),
            "countries without figures are drawn too"
        );
        assert!(MAP_PATHS.len() > 150);
        assert_eq!(escape("Trinité & <Tobago>"), "Trinité &amp; &lt;Tobago&gt;");
    }
}
