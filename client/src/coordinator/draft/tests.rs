//! The centre editor's draft: what it sends, and what is wrong with it, in the form's order.

use super::*;
use crate::i18n::FI;
use serde_json::json;

#[test]
fn a_new_centre_gets_helsinki_time_the_catalogue_and_the_second_tuesday() {
    let mut d = Draft::new();
    d.name = " Kalasatama ".into();
    assert_eq!(d.new_centre(), Err(Problem::Id));
    d.id = "kalasatama".into();
    d.allowlist = "Kalasatama\n\n  HUS \nKalasatama".into();
    let b = serde_json::to_value(d.new_centre().unwrap()).unwrap();
    assert_eq!(b["id"], "kalasatama");
    assert_eq!(b["name"], "Kalasatama");
    assert_eq!(b["time_zone"], "Europe/Helsinki");
    assert_eq!(b["allowlist"], json!(["Kalasatama", "HUS"]));
    assert_eq!(
        b["schedule"],
        json!({"week": 2, "weekday": "tuesday", "start": "13:00", "duration_min": 60, "ahead": 3})
    );
    assert!(b["services"].as_array().unwrap().len() >= 5);
}

#[test]
fn an_edit_sends_no_id_and_null_removes_the_schedule() {
    let c: CentreView = serde_json::from_value(json!({
        "id": "k", "name": "K", "time_zone": "Europe/Helsinki",
        "schedule": {"week": -1, "weekday": "friday", "start": "09:30", "duration_min": 90, "ahead": 2},
        "allowlist": ["a", "b"], "feed_url": "http://x/calendar/k/f.ics", "feed_key": "f",
        "services": [{"id": "kela", "name_fi": "Kela", "name_sv": "FPA", "name_en": "Kela", "required": true}],
        "schedule_text": null
    }))
    .unwrap();
    let mut d = Draft::of(&c);
    assert_eq!(
        (d.week, d.weekday.as_str(), d.duration.as_str()),
        (-1, "friday", "90")
    );
    assert_eq!(d.allowlist, "a\nb");
    let b = serde_json::to_value(d.patch().unwrap()).unwrap();
    assert!(b.get("id").is_none());
    assert_eq!(b["schedule"]["week"], -1);
    d.has_schedule = false;
    let b = serde_json::to_value(d.patch().unwrap()).unwrap();
    assert_eq!(b["schedule"], serde_json::Value::Null);
}

#[test]
fn drafts_say_what_is_wrong() {
    let mut d = Draft::new();
    d.id = "x1".into();
    d.name = "N".into();
    d.start = "25:00".into();
    assert_eq!(d.new_centre(), Err(Problem::Time));
    d.start = "9:00".into();
    assert_eq!(d.new_centre(), Err(Problem::Time));
    d.start = "09:00".into();
    d.ahead = "0".into();
    assert_eq!(d.new_centre(), Err(Problem::Numbers));
    d.ahead = "3".into();
    d.services[0].name_sv = " ".into();
    assert_eq!(d.new_centre(), Err(Problem::ServiceNames));
    d.services.clear();
    assert_eq!(d.new_centre(), Err(Problem::NoServices));
    d.name = "".into();
    assert_eq!(d.new_centre(), Err(Problem::Name));
    d.id = "".into();
    assert_eq!(d.new_centre(), Err(Problem::Name), "the name comes first");
    assert_eq!(Problem::Name.text(Lang::Fi), FI.err_name);
    let mut d = Draft::new();
    d.name = "K".into();
    d.agenda_ahead = "337".into();
    assert_eq!(d.patch(), Err(Problem::AgendaAhead));
    d.agenda_ahead = " 48 ".into();
    assert_eq!(d.patch().map(|p| p.agenda_ahead_hours), Ok(Some(48)));
}

#[test]
fn new_services_get_unique_ids_from_their_names() {
    let mut d = Draft::new();
    d.id = "x1".into();
    d.name = "N".into();
    d.services.truncate(1);
    let first = d.services[0].id.to_string();
    for en in ["Youth services", "Youth services!"] {
        d.services.push(Service {
            name_fi: "Nuoriso".into(),
            name_sv: "Ungdom".into(),
            name_en: en.into(),
            ..blank_service()
        });
    }
    let ids: Vec<String> = d
        .new_centre()
        .unwrap()
        .services
        .unwrap()
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(ids, [first.as_str(), "youth_services", "youth_services_2"]);
    assert_eq!(slug("Äitiys- ja lastenneuvola"), "aitiys_ja_lastenneuvola");
    assert_eq!(slug("?"), "service");
    assert!(valid_id(&slug("Å ö")));
}

#[test]
fn a_centre_id_is_made_from_its_name_until_typed_by_hand() {
    assert_eq!(centre_slug("Kalasatama"), "kalasatama");
    assert_eq!(centre_slug("Itä-Pasila  THK"), "ita-pasila-thk");
    assert_eq!(centre_slug(" Åggelby – Öster "), "aggelby-oster");
    assert_eq!(centre_slug("Malmi (uusi)!"), "malmi-uusi");
    assert!(valid_id(&centre_slug(
        "Vuosaaren terveys- ja hyvinvointikeskus, itäinen"
    )));
    assert!(centre_slug(&"a".repeat(60)).len() == 40);
    let mut d = Draft::new();
    d.set_name("Itä-Pasila THK".into(), true);
    assert_eq!(d.id, "ita-pasila-thk");
    d.set_id("itapasila".into());
    d.set_name("Itä-Pasilan THK".into(), true);
    assert_eq!(d.id, "itapasila");
    d.set_id(String::new());
    d.set_name("Itä-Pasila THK".into(), true);
    assert_eq!(d.id, "ita-pasila-thk");
    let mut edit = Draft::new();
    edit.set_name("Uusi nimi".into(), false);
    assert_eq!(edit.id, "", "an existing centre keeps its id");
}

#[test]
fn a_catalogue_row_is_named_after_its_service_or_its_number() {
    assert_eq!(service_label(&FI, 1, " "), "uusi palvelu 2");
    assert_eq!(service_label(&FI, 0, " Kela "), "Kela");
}
