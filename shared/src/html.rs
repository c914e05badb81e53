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

/// Reads text back out of what [`escape`] wrote (the five entities it writes, in one pass, so
/// `&amp;lt;` stays `&lt;`): used where an HTML export is checked as plain text.
pub fn unescape(s: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, unescape};

    #[test]
    fn unescape_reads_back_what_escape_wrote() {
        for s in [r#"<a href='x' title="y">T&K</a>"#, "&lt; as typed", "Äiti & isä's", "&"] {
            assert_eq!(unescape(&escape(s)), s);
        }
        assert_eq!(unescape("a &amp;lt; b &#39;c&#39; &nbsp;"), "a &lt; b 'c' &nbsp;");
    }

    #[test]
    fn markup_and_both_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<a href='x' title="y">T&K</a>"#),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;T&amp;K&lt;/a&gt;"
        );
        assert_eq!(escape("Äiti ja isä"), "Äiti ja isä");
    }
}
