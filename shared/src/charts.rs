//! SVG charts for the coordinator page, drawn by the app itself (no chart library, no
//! scripts). Every value is written out as text and every series differs in shape or pattern
//! as well as colour, so the charts read without colour and in print; each has a `<title>` and
//! `role="img"` with an `aria-label` for screen readers.

/// One bar: its label and value.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: f64,
    /// The value as shown ("12", "85 %").
    pub shown: String,
}

/// Room for the longest label: about 7.8 px a character at the 13–14 px font used, within
/// sensible bounds, so long service names are not cut off.
fn label_width(labels: impl Iterator<Item = usize>) -> f64 {
    let longest = labels.max().unwrap_or(0) as f64;
    (longest * 7.8 + 16.0).clamp(120.0, 460.0)
}

use crate::html::escape as esc;

const INK: &str = "#1a1a1a";
const BAR: &str = "#1f4e79";
const GRID: &str = "#c8d0d8";
/// Grey for what is neither present nor missing: 7:1 on white, readable as text.
const MUTED: &str = "#4f4f4f";

/// A horizontal bar chart: one row per bar, label left, value right of the bar.
pub fn bars(title: &str, rows: &[Bar<'_>]) -> String {
    let row_h = 26.0;
    let label_w = label_width(rows.iter().map(|b| b.label.chars().count()));
    let bar_w = 300.0;
    let width = label_w + bar_w + 70.0;
    let height = 34.0 + rows.len() as f64 * row_h + 8.0;
    let max = rows
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let summary: Vec<String> = rows
        .iter()
        .map(|b| format!("{} {}", b.label, b.shown))
        .collect();
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{}: {}" font-family="system-ui, sans-serif" font-size="14"><title>{}</title><text x="0" y="18" font-weight="600" fill="{INK}">{}</text>"#,
        esc(title),
        esc(&summary.join(", ")),
        esc(title),
        esc(title)
    );
    for (i, b) in rows.iter().enumerate() {
        let y = 34.0 + i as f64 * row_h;
        let w = (b.value / max * bar_w).max(if b.value > 0.0 { 2.0 } else { 0.0 });
        svg += &format!(
            r#"<text x="{}" y="{}" text-anchor="end" fill="{INK}">{}</text><rect x="{label_w}" y="{}" width="{w:.1}" height="{}" fill="{BAR}"/><text x="{:.1}" y="{}" fill="{INK}">{}</text>"#,
            label_w - 8.0,
            y + 16.0,
            esc(b.label),
            y + 4.0,
            row_h - 8.0,
            label_w + w + 6.0,
            y + 16.0,
            esc(&b.shown)
        );
    }
    svg + "</svg>"
}

/// Attendance over time: one row per service, one column per meeting; a filled square with
/// the head count where the service was present, an empty square with a cross where it was
/// missing (a ring marks required services' missing cells).
pub fn attendance_grid(
    title: &str,
    meetings: &[&str],
    services: &[(&str, bool, Vec<u32>)],
) -> String {
    let cell = 34.0;
    let label_w = label_width(services.iter().map(|s| s.0.chars().count() + 2));
    let top = 70.0;
    let width = label_w + meetings.len() as f64 * cell + 20.0;
    let height = top + services.len() as f64 * cell + 10.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{}" font-family="system-ui, sans-serif" font-size="13"><title>{}</title><text x="0" y="18" font-weight="600" fill="{INK}">{}</text>"#,
        esc(title),
        esc(title),
        esc(title)
    );
    for (j, m) in meetings.iter().enumerate() {
        let x = label_w + j as f64 * cell + cell / 2.0;
        svg += &format!(
            r#"<text x="{x:.1}" y="{}" text-anchor="start" transform="rotate(-45 {x:.1} {})" fill="{INK}">{}</text>"#,
            top - 8.0,
            top - 8.0,
            esc(m)
        );
    }
    for (i, (name, required, people)) in services.iter().enumerate() {
        let y = top + i as f64 * cell;
        let label = if *required {
            format!("{name} *")
        } else {
            name.to_string()
        };
        svg += &format!(
            r#"<text x="{}" y="{}" text-anchor="end" fill="{INK}">{}</text>"#,
            label_w - 8.0,
            y + cell / 2.0 + 5.0,
            esc(&label)
        );
        for (j, n) in people.iter().enumerate() {
            let x = label_w + j as f64 * cell;
            if *n > 0 {
                svg += &format!(
                    r##"<rect x="{:.1}" y="{:.1}" width="{}" height="{}" fill="{BAR}"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#ffffff" font-weight="600">{n}</text>"##,
                    x + 3.0,
                    y + 3.0,
                    cell - 6.0,
                    cell - 6.0,
                    x + cell / 2.0,
                    y + cell / 2.0 + 5.0
                );
            } else {
                svg += &format!(
                    r#"<rect x="{:.1}" y="{:.1}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="{}"/><path d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}" stroke="{INK}" stroke-width="1.5"/>"#,
                    x + 3.0,
                    y + 3.0,
                    cell - 6.0,
                    cell - 6.0,
                    if *required { INK } else { GRID },
                    if *required { 2.0 } else { 1.0 },
                    x + 11.0,
                    y + 11.0,
                    x + cell - 11.0,
                    y + cell - 11.0,
                    x + cell - 11.0,
                    y + 11.0,
                    x + 11.0,
                    y + cell - 11.0
                );
            }
        }
    }
    svg + "</svg>"
}

/// One service's row of [`attendance_pattern`].
pub struct PatternRow<'a> {
    /// The service's name.
    pub label: &'a str,
    /// One per meeting, oldest first: `Some(true)` present, `Some(false)` missed, `None` not
    /// in that meeting's catalogue.
    pub marks: Vec<Option<bool>>,
    /// Meetings present of meetings listed, as shown: "1/6".
    pub shown: String,
    /// The mark of a service that keeps missing, in words ("Poissa 3 kertaa peräkkäin").
    pub flag: Option<String>,
}

/// A centre's attendance pattern: one row per required service, one square per meeting (a
/// filled square with a tick where someone came, an empty one with a cross where nobody did,
/// a dashed one with a dash where the service was not in the catalogue), the count, and for
/// a service that keeps missing a warning sign with the words.
pub fn attendance_pattern(title: &str, meetings: &[&str], rows: &[PatternRow<'_>]) -> String {
    let cell = 30.0;
    let label_w = label_width(rows.iter().map(|r| r.label.chars().count()));
    let top = 70.0;
    let cells_end = label_w + meetings.len() as f64 * cell;
    let tail = rows
        .iter()
        .map(|r| {
            7.8 * (r.shown.chars().count()
                + 2
                + r.flag.as_ref().map_or(0, |f| f.chars().count() + 2)) as f64
        })
        .fold(60.0_f64, f64::max);
    let width = cells_end + tail + 16.0;
    let height = top + rows.len() as f64 * cell + 10.0;
    let summary: Vec<String> = rows
        .iter()
        .map(|r| match &r.flag {
            Some(f) => format!("{} {} ({f})", r.label, r.shown),
            None => format!("{} {}", r.label, r.shown),
        })
        .collect();
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height}" role="img" aria-label="{}: {}" font-family="system-ui, sans-serif" font-size="13"><title>{}</title><text x="0" y="18" font-weight="600" fill="{INK}">{}</text>"#,
        esc(title),
        esc(&summary.join(", ")),
        esc(title),
        esc(title)
    );
    for (j, m) in meetings.iter().enumerate() {
        let x = label_w + j as f64 * cell + cell / 2.0;
        svg += &format!(
            r#"<text x="{x:.1}" y="{}" text-anchor="start" transform="rotate(-45 {x:.1} {})" fill="{INK}">{}</text>"#,
            top - 8.0,
            top - 8.0,
            esc(m)
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f64 * cell;
        let mid = y + cell / 2.0 + 5.0;
        svg += &format!(
            r#"<text x="{}" y="{mid:.1}" text-anchor="end" fill="{INK}"{}>{}</text>"#,
            label_w - 8.0,
            if r.flag.is_some() {
                r#" font-weight="700""#
            } else {
                ""
            },
            esc(r.label)
        );
        for (j, m) in r.marks.iter().enumerate() {
            let (x0, y0, s) = (label_w + j as f64 * cell + 3.0, y + 3.0, cell - 6.0);
            let (l, t, rr, b) = (x0 + 6.0, y0 + 6.0, x0 + s - 6.0, y0 + s - 6.0);
            svg += &match m {
                Some(true) => format!(
                    r##"<rect x="{x0:.1}" y="{y0:.1}" width="{s}" height="{s}" fill="{BAR}"/><path d="M{l:.1} {:.1}L{:.1} {b:.1}L{rr:.1} {t:.1}" fill="none" stroke="#ffffff" stroke-width="2.5"/>"##,
                    y0 + s / 2.0,
                    x0 + s * 0.42
                ),
                Some(false) => format!(
                    r#"<rect x="{x0:.1}" y="{y0:.1}" width="{s}" height="{s}" fill="none" stroke="{INK}" stroke-width="1.5"/><path d="M{l:.1} {t:.1}L{rr:.1} {b:.1}M{rr:.1} {t:.1}L{l:.1} {b:.1}" stroke="{INK}" stroke-width="1.5"/>"#
                ),
                None => format!(
                    r#"<rect x="{x0:.1}" y="{y0:.1}" width="{s}" height="{s}" fill="none" stroke="{MUTED}" stroke-dasharray="3 3"/><path d="M{l:.1} {:.1}L{rr:.1} {:.1}" stroke="{MUTED}" stroke-width="1.5"/>"#,
                    y0 + s / 2.0,
                    y0 + s / 2.0
                ),
            };
        }
        svg += &format!(
            r#"<text x="{:.1}" y="{mid:.1}" fill="{INK}">{}</text>"#,
            cells_end + 8.0,
            esc(&r.shown)
        );
        if let Some(f) = &r.flag {
            svg += &format!(
                r#"<text x="{:.1}" y="{mid:.1}" fill="{INK}" font-weight="700">⚠ {}</text>"#,
                cells_end + 8.0 + 7.8 * (r.shown.chars().count() + 1) as f64,
                esc(f)
            );
        }
    }
    svg + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_write_every_value_as_text_and_scale_to_the_largest() {
        let svg = bars(
            "Teemat",
            &[
                Bar {
                    label: "Asunnottomuus",
                    value: 4.0,
                    shown: "4".into(),
                },
                Bar {
                    label: "Päihteet <& co>",
                    value: 2.0,
                    shown: "2".into(),
                },
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title>Teemat</title>"));
        assert!(svg.contains(">Asunnottomuus<") && svg.contains(">4<") && svg.contains(">2<"));
        assert!(svg.contains("Päihteet &lt;&amp; co&gt;"));
        assert!(svg.contains(r#"width="300.0""#) && svg.contains(r#"width="150.0""#));
    }

    #[test]
    fn the_grid_marks_missing_services_by_shape_not_colour() {
        let svg = attendance_grid(
            "Osallistuminen",
            &["13.10.", "10.11."],
            &[("Kela", true, vec![1, 0])],
        );
        assert!(svg.contains(">Kela *<"));
        assert_eq!(
            svg.matches("<path").count(),
            1,
            "one cross for the one missing meeting"
        );
        assert!(svg.contains(">1<"));
    }

    #[test]
    fn the_pattern_says_every_mark_by_shape_and_the_flag_in_words() {
        let svg = attendance_pattern(
            "Kuusi viimeisintä <tapaamista>",
            &["13.10.", "10.11."],
            &[
                PatternRow {
                    label: "Suun terveydenhuolto",
                    marks: vec![Some(true), Some(false)],
                    shown: "1/2".into(),
                    flag: None,
                },
                PatternRow {
                    label: "Kela & co",
                    marks: vec![None, Some(false)],
                    shown: "0/1".into(),
                    flag: Some("Poissa 3 kertaa peräkkäin".into()),
                },
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>Kuusi viimeisintä &lt;tapaamista&gt;</title>"));
        assert!(svg.contains(">1/2<") && svg.contains(">0/1<"));
        assert!(svg.contains(">⚠ Poissa 3 kertaa peräkkäin<"));
        assert!(
            svg.contains("Kela &amp; co 0/1 (Poissa 3 kertaa peräkkäin)"),
            "in the aria-label"
        );
        assert_eq!(
            svg.matches("stroke-dasharray").count(),
            1,
            "one unlisted meeting"
        );
        assert_eq!(svg.matches(r##"stroke="#ffffff""##).count(), 1, "one tick");
    }
}
