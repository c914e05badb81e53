//! The one HTML escaper. Every HTML the project writes itself (the printable minutes, the
//! charts' SVG, anything a page builds from text) goes through [`escape`]: which characters
//! must be escaped is security knowledge and lives in one place.

/// Escapes text for HTML (and SVG/XML) element content and quoted attribute values: `&`, `<`,
/// `>`, `"` and `'`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_both_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<a href='x' title="y">T&K</a>"#),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;T&amp;K&lt;/a&gt;"
        );
        assert_eq!(escape("Äiti ja isä"), "Äiti ja isä");
    }
}
