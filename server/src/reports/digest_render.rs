//! A service's digest in the formats the minutes have: Markdown for e-mail, printable HTML,
//! CSV for Finnish Excel (JSON is the model itself). The wording is short: it is what a
//! representative reads out to their team.

use super::digest::{DigestItem, ServiceDigest};
use super::excel_csv;
use super::labels::Lang;
use super::minutes::PRINT_CSS;
use shared::html::escape as esc;

/// The fixed wording of a digest in one language.
struct Words {
    heading: &'static str,
    present: &'static str,
    none: &'static str,
    asked: &'static str,
    involved: &'static str,
    question: &'static str,
    advice: &'static str,
    next_steps: &'static str,
    follow_up: &'static str,
    follow_ups: &'static str,
    removed: &'static str,
    redacted: &'static str,
}

fn words(lang: Lang) -> Words {
    let t = |fi, sv, en| lang.t(fi, sv, en);
    Words {
        heading: t(
            "Vietäväksi omalle tiimille",
            "Att ta med till det egna teamet",
            "Take back to your team",
        ),
        present: t("Paikalla", "Närvarande", "Present"),
        none: t(
            "Yksikään asia ei pyytänyt tätä palvelua eikä yksikään lopputulos koske sitä.",
            "Inget ärende bad om denna tjänst och inget resultat gäller den.",
            "No item asked for this service and no outcome involves it.",
        ),
        asked: t("pyydetty mukaan", "ombedd att delta", "asked for"),
        involved: t(
            "lopputulos koskee",
            "resultatet gäller",
            "involved in the outcome",
        ),
        question: t("Kysymys", "Fråga", "Question"),
        advice: t("Neuvo", "Råd", "Advice"),
        next_steps: t("Jatko", "Fortsättning", "Next steps"),
        follow_up: t("seurantaan", "uppföljning", "follow-up"),
        follow_ups: t("Seurattavat asiat", "Ärenden att följa upp", "Follow-ups"),
        removed: t(
            "Tapaamisen tekstit on poistettu säilytysajan päätyttyä",
            "Mötets texter har tagits bort efter lagringstiden",
            "The meeting's texts were removed after the retention period",
        ),
        redacted: t(
            "puheenjohtaja poisti asian tekstin",
            "ordföranden tog bort ärendets text",
            "the chair removed this item's text",
        ),
    }
}

/// Why the item is in the digest: asked for, involved, or both.
fn why(i: &DigestItem, w: &Words) -> String {
    match (i.asked, i.involved) {
        (true, true) => format!("{}, {}", w.asked, w.involved),
        (true, false) => w.asked.to_owned(),
        _ => w.involved.to_owned(),
    }
}

impl ServiceDigest {
    /// Markdown, for e-mail and wikis.
    pub fn markdown(&self, lang: Lang) -> String {
        let w = words(lang);
        let mut m = format!(
            "# {}: {}\n\n{} {} – {}\n\n- {}: {}\n- {}: {}\n",
            w.heading,
            self.service_name,
            self.centre_name,
            super::minutes::display_date(&self.date, lang),
            self.title,
            w.present,
            self.present,
            w.follow_ups,
            self.follow_ups
        );
        if let Some(d) = &self.texts_removed_on {
            m += &format!("\n{} ({d}).\n", w.removed);
        }
        if self.items.is_empty() {
            m += &format!("\n{}\n", w.none);
        }
        for i in &self.items {
            m += &format!(
                "\n## {}. {} ({}, {})\n\n",
                i.no,
                i.title,
                lang.kind(i.kind),
                why(i, &w)
            );
            if i.redacted {
                m += &format!("_{}_\n\n", w.redacted);
            }
            if !i.question.is_empty() {
                m += &format!("- {}: {}\n", w.question, i.question);
            }
            if let Some(a) = i.advice.as_deref().filter(|a| !a.is_empty()) {
                m += &format!("- {}: {a}\n", w.advice);
            }
            if let Some(n) = i.next_steps.as_deref().filter(|n| !n.is_empty()) {
                m += &format!("- {}: {n}\n", w.next_steps);
            }
            if i.follow_up {
                m += &format!("- **{}**\n", w.follow_up);
            }
        }
        m
    }

    /// Printable HTML, every text through the project's one escaper.
    pub fn html(&self, lang: Lang) -> String {
        let w = words(lang);
        let mut h = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} – {}</title><style>{}</style></head><body><main><header><p class=\"kicker\">{}</p><h1>{}</h1><p>{} {} – {}</p><dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl></header>",
            lang.code(),
            esc(w.heading),
            esc(&self.service_name),
            PRINT_CSS,
            esc(w.heading),
            esc(&self.service_name),
            esc(&self.centre_name),
            esc(&super::minutes::display_date(&self.date, lang)),
            esc(&self.title),
            esc(w.present),
            self.present,
            esc(w.follow_ups),
            self.follow_ups
        );
        if let Some(d) = &self.texts_removed_on {
            h += &format!("<p>{} ({}).</p>", esc(w.removed), esc(d));
        }
        if self.items.is_empty() {
            h += &format!("<p>{}</p>", esc(w.none));
        }
        for i in &self.items {
            h += &format!(
                "<section><h2>{}. {} <small>({}, {})</small></h2>",
                i.no,
                esc(&i.title),
                esc(lang.kind(i.kind)),
                esc(&why(i, &w))
            );
            if i.redacted {
                h += &format!("<p><em>{}</em></p>", esc(w.redacted));
            }
            // The note goes before the list: a <dl> holds only <dt>/<dd> groups.
            h += "<dl>";
            let mut fact = |label: &str, text: &str| {
                if !text.is_empty() {
                    h += &format!("<dt>{}</dt><dd>{}</dd>", esc(label), esc(text));
                }
            };
            fact(w.question, &i.question);
            fact(w.advice, i.advice.as_deref().unwrap_or(""));
            fact(w.next_steps, i.next_steps.as_deref().unwrap_or(""));
            if i.follow_up {
                fact(w.follow_up, "✓");
            }
            h += "</dl></section>";
        }
        h + "</main></body></html>"
    }

    /// CSV for Finnish Excel: one row per item.
    pub fn csv(&self, lang: Lang) -> String {
        let w = words(lang);
        let t = |fi, sv, en| lang.t(fi, sv, en).to_owned();
        let header = vec![
            t("palvelu", "tjänst", "service"),
            t("nro", "nr", "no"),
            t("laji", "typ", "kind"),
            t("otsikko", "rubrik", "title"),
            t("miksi", "varför", "why"),
            w.question.to_owned(),
            w.advice.to_owned(),
            w.next_steps.to_owned(),
            w.follow_up.to_owned(),
        ];
        let yes = |b: bool| {
            if b {
                t("kyllä", "ja", "yes")
            } else {
                String::new()
            }
        };
        let rows: Vec<Vec<String>> = self
            .items
            .iter()
            .map(|i| {
                vec![
                    self.service_name.clone(),
                    i.no.to_string(),
                    lang.kind(i.kind).to_owned(),
                    i.title.clone(),
                    why(i, &w),
                    i.question.clone(),
                    i.advice.clone().unwrap_or_default(),
                    i.next_steps.clone().unwrap_or_default(),
                    yes(i.follow_up),
                ]
            })
            .collect();
        excel_csv::write(&header, &rows)
    }
}
