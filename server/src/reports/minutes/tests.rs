//! The minutes' wording about retention, and about experts by experience, guests and when items
//! were brought, in every language and format.

use super::*;
use shared::ids::{CentreId, MeetingId};
use std::collections::BTreeMap;

fn minutes(kept: Option<&str>, removed: Option<&str>) -> MeetingSummary {
    MeetingSummary {
        meeting_id: MeetingId("m1".into()),
        centre_id: CentreId("c1".into()),
        centre_name: "Kalasatama".into(),
        title: "PPT-konsultaatio".into(),
        date: "2026-11-30".into(),
        scheduled_start: "13:00".into(),
        time_zone: "Europe/Helsinki".into(),
        scheduled_min: 60,
        used_min: 55,
        agenda_announced: None,
        attendance: vec![],
        people_total: 0,
        required_present: vec![],
        required_missing: vec![],
        items: vec![],
        deferred: 0,
        withdrawn: 0,
        follow_ups: 0,
        redacted: 0,
        rejected_identifiers: BTreeMap::new(),
        texts_kept_until: kept.map(str::to_owned),
        texts_removed_on: removed.map(str::to_owned),
        experts_by_experience: 0,
        guests: 0,
        guest_organisations: vec![],
        month_theme: None,
        kind: Default::default(),
        feedback: Default::default(),
        chair_changes: vec![],
        lang: Lang::Fi,
    }
}

#[test]
fn the_minutes_say_until_when_their_texts_are_kept_and_when_they_were_removed() {
    let m = minutes(Some("2027-02-28"), None);
    assert_eq!(
        m.retention_note(Lang::Fi).unwrap(),
        "Tekstit säilytetään 28.2.2027 asti."
    );
    assert_eq!(
        m.retention_note(Lang::Sv).unwrap(),
        "Texterna sparas till och med 28.2.2027."
    );
    assert_eq!(
        m.retention_note(Lang::En).unwrap(),
        "Texts are kept until 28 Feb 2027."
    );
    assert!(m
        .markdown(Lang::Fi)
        .contains("\nTekstit säilytetään 28.2.2027 asti.\n"));
    assert!(m
        .html(Lang::En)
        .contains("<p class=\"retention\">Texts are kept until 28 Feb 2027.</p>"));
    let removed = minutes(Some("2027-02-28"), Some("2027-02-28"));
    assert!(removed
        .retention_note(Lang::Fi)
        .unwrap()
        .starts_with("Tekstit poistettu 28.2.2027 säilytysajan päätyttyä"));
    assert!(removed
        .markdown(Lang::Sv)
        .contains("Texterna raderades 28.2.2027"));
    assert_eq!(minutes(None, None).retention_note(Lang::Fi), None);
}

#[test]
fn experts_by_experience_and_guests_are_counted_apart_in_every_format_and_language() {
    let mut m = minutes(None, None);
    assert_eq!(m.guests_line(Lang::Fi), None, "nothing said when none came");
    m.experts_by_experience = 1;
    m.guests = 2;
    m.guest_organisations = vec!["Vuosaaren koulu".into(), "Seurakunta <b>".into()];
    assert!(m
        .markdown(Lang::Fi)
        .contains("Kokemusasiantuntijoita 1, vieraita 2 (Vuosaaren koulu, Seurakunta \\<b\\>)."));
    assert!(m
        .html(Lang::Sv)
        .contains("<p class=\"guests\">Erfarenhetsexperter 1, gäster 2 (Vuosaaren koulu, Seurakunta &lt;b&gt;)."));
    assert!(m
        .guests_line(Lang::En)
        .unwrap()
        .starts_with("Experts by experience 1, guests 2"));
    assert_eq!(
        m.service_name(&shared::ids::ServiceId::from("expert_by_experience")),
        "Kokemusasiantuntija"
    );
    let json: serde_json::Value = serde_json::from_str(&m.json()).unwrap();
    assert_eq!(
        (&json["experts_by_experience"], &json["guests"]),
        (&1.into(), &2.into())
    );
    assert!(json.get("lang").is_none());
}

#[test]
fn the_months_theme_is_in_every_format_and_language() {
    let mut m = minutes(None, None);
    assert!(
        !m.markdown(Lang::Fi).contains("Kuukauden teema"),
        "none planned"
    );
    m.month_theme = Some(shared::api::MonthTheme {
        month: 11,
        theme: "Kiusaaminen <koulussa>".into(),
        workshop: Some(shared::api::WorkshopKind::Training),
        between_task: Some("Kysy tiimiltä".into()),
    });
    let md = m.markdown(Lang::Fi);
    assert!(
        md.contains("- Kuukauden teema: Kiusaaminen \\<koulussa\\>\n"),
        "{md}"
    );
    assert!(md.contains("- Työpaja: Koulutus\n") && md.contains("- Välitehtävä: Kysy tiimiltä\n"));
    let html = m.html(Lang::Sv);
    assert!(html.contains("<dt>Månadens tema</dt><dd>Kiusaaminen &lt;koulussa&gt;</dd>"));
    assert!(html.contains("<dt>Workshop</dt><dd>Utbildning</dd>"));
    assert!(html.contains("<dt>Mellanuppgift</dt><dd>Kysy tiimiltä</dd>"));
    let csv = m.csv(Lang::En);
    assert!(csv.contains("theme of the month") && csv.contains("task between workshops"));
    let json: serde_json::Value = serde_json::from_str(&m.json()).unwrap();
    assert_eq!(json["month_theme"]["workshop"], "training");
    assert_eq!(json["month_theme"]["theme"], "Kiusaaminen <koulussa>");
}
