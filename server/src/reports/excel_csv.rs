//! CSV that opens correctly in Finnish Excel: UTF-8 with a byte-order mark (so Excel does not
//! guess a legacy code page), semicolons between fields (the comma is the decimal mark in
//! Finland) and decimal commas. The `csv` crate does the quoting.

/// Writes rows as Finnish-Excel CSV.
pub fn write(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for r in rows {
        w.write_record(r).expect("writing to memory");
    }
    let bytes = w.into_inner().expect("flush to memory");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
    )
}

/// A number with a decimal comma and `places` decimals: `12,5`.
pub fn decimal(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_semicolons_quotes_and_decimal_commas() {
        let out = write(
            &["otsikko".into(), "minuutit".into()],
            &[vec![
                "Asiakas; 72-vuotias \"yksin\"".into(),
                decimal(12.5, 1),
            ]],
        );
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(
            &out[3..],
            "otsikko;minuutit\r\n\"Asiakas; 72-vuotias \"\"yksin\"\"\";12,5\r\n"
        );
    }
}
