//! Text a coordinator writes — meeting titles, centre names, service names, allowlist entries —
//! goes through the same identifier guard as what people type in a meeting, before it is
//! stored. (A centre name or a meeting title is shown to everyone in the room and printed in
//! the minutes; a client identifier must not get in that way either.)
//!
//! The rules:
//! - Every text field, the ones validated by shape too (time zone, schedule), is refused with
//!   `invalid_field` when it holds a direction-control character (U+202A–U+202E,
//!   U+2066–U+2069), before anything else looks at it: see
//!   [`shared::room::check_direction_controls`].
//! - A centre's name and its services' names (in fi, sv and en) and a meeting's title are
//!   checked with the centre's allowlist (the new one, when the same request changes it): any
//!   finding refuses the request.
//! - An allowlist entry is checked with an empty allowlist, and a finding of a kind no
//!   allowlist may let through ([`FindingKind::allowlistable`] is false: identity code, phone
//!   number, e-mail, IBAN, birth date, record number) refuses it. Names and addresses are
//!   what the allowlist is for ("Auroran sairaala", the centre's own street address).
//! - A theme clock's themes and tasks between workshops are checked like a title, each field
//!   alone (`months[8].theme`, `months[8].between_task`).
//! - The default catalogue's service names are the product's own wording and are not
//!   checked again; a name the coordinator wrote or changed is.
//! - Each field is checked alone: they are separate labels, not one message, and the name
//!   rules read a run of capitalised service names side by side as a person's full name.
//!
//! A refusal is HTTP 400 `identifier_found` with each finding's field (`name`, `title`,
//! `services[2].name_sv`, `allowlist[0]`), kind and character span; never the text. Nothing is
//! stored. When the guard cannot run, the answer is 503 `guard_unavailable` and nothing is
//! stored either (fail closed). The demo seed goes through the same check ([`crate::seed`]).

use super::ApiError;
use crate::db::centres::Centre;
use crate::guard::IdentifierGuard;
use shared::domain::is_product_wording;
use shared::guard::{Allowlist, FindingKind};
use shared::protocol::FieldFinding;
use shared::room::check_direction_controls;

/// Refuses a field holding a direction-control character (`invalid_field`).
pub fn no_direction_controls(field: &str, value: &str) -> Result<(), ApiError> {
    check_direction_controls(field, value).map_err(|r| ApiError::InvalidField(r.message))
}

/// Every text of a centre a coordinator writes (see the module documentation).
pub fn check_centre(guard: &IdentifierGuard, c: &Centre) -> Result<(), ApiError> {
    centre_direction_controls(c)?;
    let mut findings = Vec::new();
    let none = Allowlist::empty();
    for (i, w) in c.allowlist.iter().enumerate() {
        let field = format!("allowlist[{i}]");
        for f in guard.check(w, &none)? {
            if !f.kind.allowlistable() {
                findings.push(finding(&field, f));
            }
        }
    }
    let allowlist_refused = !findings.is_empty();
    let allow = Allowlist::new(c.allowlist.iter());
    let mut fields = vec![("name".to_owned(), c.name.as_str())];
    for (i, s) in c.services.iter().enumerate() {
        for (lang, name) in [("fi", &s.name_fi), ("sv", &s.name_sv), ("en", &s.name_en)] {
            if !is_product_wording(name) {
                fields.push((format!("services[{i}].name_{lang}"), name.as_str()));
            }
        }
    }
    for (field, text) in fields {
        for f in guard.check(text, &allow)? {
            findings.push(finding(&field, f));
        }
    }
    refuse_if_found(findings, allowlist_refused)
}

/// Refuses a centre any of whose text fields holds a direction-control character; the API
/// calls this before any other check, so the answer is `invalid_field` whatever else is wrong.
pub fn centre_direction_controls(c: &Centre) -> Result<(), ApiError> {
    no_direction_controls("name", &c.name)?;
    no_direction_controls("time_zone", &c.time_zone)?;
    for (i, s) in c.services.iter().enumerate() {
        for (lang, name) in [("fi", &s.name_fi), ("sv", &s.name_sv), ("en", &s.name_en)] {
            no_direction_controls(&format!("services[{i}].name_{lang}"), name)?;
        }
    }
    for (i, w) in c.allowlist.iter().enumerate() {
        no_direction_controls(&format!("allowlist[{i}]"), w)?;
    }
    if let Some(s) = &c.schedule {
        no_direction_controls("schedule.weekday", &s.weekday)?;
        no_direction_controls("schedule.start", &s.start)?;
    }
    Ok(())
}

/// A meeting title, checked with its centre's allowlist.
pub fn check_title(
    guard: &IdentifierGuard,
    title: &str,
    allowlist: &[String],
) -> Result<(), ApiError> {
    no_direction_controls("title", title)?;
    let found = guard.check(title, &Allowlist::new(allowlist.iter()))?;
    refuse_if_found(
        found.into_iter().map(|f| finding("title", f)).collect(),
        false,
    )
}

/// Named texts of one request (a theme clock's themes and tasks between workshops), each
/// checked alone with the centre's allowlist; direction controls first.
pub fn check_fields(
    guard: &IdentifierGuard,
    fields: &[(String, String)],
    allowlist: &[String],
) -> Result<(), ApiError> {
    for (field, text) in fields {
        no_direction_controls(field, text)?;
    }
    let allow = Allowlist::new(allowlist.iter());
    let mut findings = Vec::new();
    for (field, text) in fields {
        for f in guard.check(text, &allow)? {
            findings.push(finding(field, f));
        }
    }
    refuse_if_found(findings, false)
}

/// Runs a check off the async runtime (a check is synchronous, and the first one on a thread
/// opens voikko).
pub async fn blocking<T: Send + 'static>(
    check: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(check)
        .await
        .map_err(|e| ApiError::Internal(format!("guard task failed: {e}")))?
}

/// A guard finding in one named field.
fn finding(field: &str, f: shared::guard::Finding) -> FieldFinding {
    FieldFinding {
        field: field.to_owned(),
        kind: f.kind,
        start: f.start,
        end: f.end,
    }
}

/// Refuses the request when anything was found (`identifier_found`, the findings by field).
fn refuse_if_found(findings: Vec<FieldFinding>, in_allowlist: bool) -> Result<(), ApiError> {
    if findings.is_empty() {
        return Ok(());
    }
    let kinds: Vec<&'static str> = findings.iter().map(|f| f.kind.as_str()).collect();
    tracing::info!(findings = findings.len(), kinds = ?kinds, "coordinator text refused: client identifiers");
    let message = if in_allowlist {
        format!(
            "an allowlist entry may hold a place, a street address or a service named after a \
             person, never {}; nothing was saved",
            not_allowlistable()
        )
    } else {
        "the text contains client identifiers; nothing was saved. Remove them (a word that is \
         the centre's own, such as its street address or a service named after a person, can \
         go in the centre's allowlist)"
            .to_owned()
    };
    Err(ApiError::IdentifierFound { message, findings })
}

/// "an identity code (hetu), a phone number, …": the kinds no allowlist lets through.
fn not_allowlistable() -> String {
    FindingKind::ALL
        .iter()
        .filter(|k| !k.allowlistable())
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::domain::default_catalogue;
    use shared::ids::CentreId;

    fn centre(name: &str, allowlist: &[&str]) -> Centre {
        Centre {
            id: CentreId::from("vuosaari"),
            name: name.into(),
            time_zone: "Europe/Helsinki".into(),
            schedule: None,
            allowlist: allowlist.iter().map(|s| s.to_string()).collect(),
            feed_key: "k".into(),
            services: default_catalogue(),
            agenda_ahead_hours: 24,
        }
    }

    fn refused(r: Result<(), ApiError>) -> Vec<(String, &'static str)> {
        match r {
            Err(ApiError::IdentifierFound { findings, .. }) => findings
                .into_iter()
                .map(|f| (f.field, f.kind.as_str()))
                .collect(),
            other => panic!("not refused for identifiers: {other:?}"),
        }
    }

    #[test]
    fn the_default_catalogue_and_a_plain_centre_pass() {
        let guard = IdentifierGuard::lists_only();
        check_centre(&guard, &centre("Vuosaari", &[])).unwrap();
        check_centre(
            &guard,
            &centre(
                "Auroran sairaala",
                &["Auroran sairaala", "Vuotie 45", "Matti Virtanen"],
            ),
        )
        .unwrap();
        check_title(&guard, "PPT-konsultaatio, Vuosaari", &[]).unwrap();
    }

    #[test]
    fn identifiers_in_names_and_titles_are_refused_with_fields_and_spans() {
        let guard = IdentifierGuard::lists_only();
        let found = refused(check_centre(&guard, &centre("Matti Virtanen", &[])));
        assert!(
            !found.is_empty()
                && found
                    .iter()
                    .all(|f| f == &("name".to_owned(), "person_name")),
            "{found:?}"
        );
        let mut c = centre("Vuosaari", &[]);
        c.services[2].name_sv = "Kontakt 040 123 4567".into();
        assert_eq!(
            refused(check_centre(&guard, &c)),
            [("services[2].name_sv".to_owned(), "phone")]
        );
        match check_title(&guard, "Asiakas 131052-308T", &[]) {
            Err(ApiError::IdentifierFound { findings, message }) => {
                assert_eq!(
                    (
                        findings[0].field.as_str(),
                        findings[0].start,
                        findings[0].end
                    ),
                    ("title", 8, 19)
                );
                assert!(!message.contains("131052"));
            }
            other => panic!("{other:?}"),
        }
        // The allowlist lets the centre's own name through, never an identity code.
        check_title(&guard, "Tapaaminen Vuotie 45:ssä", &["Vuotie 45".into()]).unwrap();
        assert_eq!(
            refused(check_title(
                &guard,
                "Vuotie 45 131052-308T",
                &["Vuotie 45".into(), "131052-308T".into()]
            )),
            [("title".to_owned(), "hetu")]
        );
    }

    #[test]
    fn an_allowlist_entry_never_holds_what_no_allowlist_may_let_through() {
        let guard = IdentifierGuard::lists_only();
        for (entry, kind) in [
            ("131052-308T", "hetu"),
            ("Aurora 040 765 4321", "phone"),
            ("liisa.example@hel.fi", "email"),
            ("FI21 1234 5600 0007 85", "iban"),
        ] {
            let c = centre("Vuosaari", &["Vuotie 45", entry]);
            let r = check_centre(&guard, &c);
            assert_eq!(refused(r), [("allowlist[1]".to_owned(), kind)], "{entry}");
        }
        match check_centre(&guard, &centre("Vuosaari", &["0401234567"])) {
            Err(ApiError::IdentifierFound { message, .. }) => {
                assert!(message.contains("allowlist"), "{message}");
                assert!(!message.contains("0401234567"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn direction_controls_are_refused_in_every_field_before_the_guard() {
        let guard = IdentifierGuard::lists_only();
        let bidi = |c: &mut Centre| -> Result<(), ApiError> { check_centre(&guard, c) };
        let mut c = centre("Vuo\u{202E}saari", &[]);
        assert!(matches!(bidi(&mut c), Err(ApiError::InvalidField(m)) if m.starts_with("name ")));
        let mut c = centre("Vuosaari", &["Vuotie\u{2066} 45"]);
        assert!(
            matches!(bidi(&mut c), Err(ApiError::InvalidField(m)) if m.starts_with("allowlist[0] "))
        );
        let mut c = centre("Vuosaari", &[]);
        c.services[0].name_en = "Health\u{202B} station".into();
        assert!(
            matches!(bidi(&mut c), Err(ApiError::InvalidField(m)) if m.starts_with("services[0].name_en "))
        );
        // With an identifier in it as well, still invalid_field: the order does not matter.
        assert!(matches!(
            check_title(&guard, "Asiakas \u{202E}T803-250131", &[]),
            Err(ApiError::InvalidField(m)) if m.contains("direction-control")
        ));
    }
}
