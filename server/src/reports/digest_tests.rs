use super::*;
use crate::reports::minutes::ServiceAttendance;
use shared::domain::Outcome;
use shared::ids::{CentreId, ItemId};
use std::collections::BTreeMap;

fn ids(s: &[&str]) -> Vec<ServiceId> {
    s.iter().map(|s| ServiceId::from(*s)).collect()
}

fn item(no: usize, title: &str, wanted: &[&str], involve: &[&str], follow_up: bool) -> ItemSummary {
    ItemSummary {
        no,
        id: ItemId::from(format!("i{no}").as_str()),
        kind: ItemKind::ClientCase,
        title: title.into(),
        summary: "Tiivistelmä".into(),
        question: "Mitä tehdä?".into(),
        themes: Vec::new(),
        services_wanted: ids(wanted),
        presenter_service: ServiceId::from("kela"),
        status: ItemStatus::Done,
        allotted_min: None,
        used_min: None,
        overran: false,
        outcome: Some(Outcome {
            advice: "Yhteinen suunnitelma".into(),
            next_steps: String::new(),
            services_to_involve: ids(involve),
            follow_up,
        }),
        carried_over: None,
        edited: false,
        redacted: false,
        arrival: None,
    }
}

fn minutes(items: Vec<ItemSummary>) -> MeetingSummary {
    let svc = |id: &str, name: &str, people| ServiceAttendance {
        service: ServiceId::from(id),
        name: name.into(),
        required: true,
        people,
    };
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
        attendance: vec![
            svc("kela", "Kela", 1),
            svc("oral_health", "Suun terveydenhuolto", 0),
            svc("disability", "Vammaispalvelut", 0),
        ],
        people_total: 1,
        required_present: vec![],
        required_missing: vec![],
        items,
        deferred: 0,
        withdrawn: 0,
        follow_ups: 0,
        redacted: 0,
        rejected_identifiers: BTreeMap::new(),
        texts_kept_until: None,
        texts_removed_on: None,
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
fn a_services_digest_holds_exactly_the_items_that_asked_for_it_or_involve_it() {
    let m = minutes(vec![
        item(1, "Iäkäs asiakas", &["elderly_guidance"], &["kela"], true),
        item(2, "Nuori aikuinen", &["kela"], &[], false),
        item(3, "Perhe", &["social_services"], &["social_services"], true),
    ]);
    // Kela was there; elderly guidance and social services were asked for; oral health and
    // disability neither came nor were named.
    assert_eq!(
        services_of(&m),
        ids(&["kela", "elderly_guidance", "social_services"])
    );
    let kela = ServiceDigest::of(&m, &ServiceId::from("kela")).unwrap();
    let titles: Vec<&str> = kela.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Iäkäs asiakas", "Nuori aikuinen"]);
    assert_eq!((kela.items[0].asked, kela.items[0].involved), (false, true));
    assert_eq!((kela.items[1].asked, kela.items[1].involved), (true, false));
    assert_eq!((kela.present, kela.follow_ups), (1, 1));
    assert!(ServiceDigest::of(&m, &ServiceId::from("oral_health")).is_none());
    let social = ServiceDigest::of(&m, &ServiceId::from("social_services")).unwrap();
    assert_eq!(social.items.len(), 1);
    assert_eq!(
        social.service_name, "social_services",
        "not in the catalogue: its id"
    );
    for lang in Lang::ALL {
        let md = kela.markdown(lang);
        assert!(
            md.contains("Iäkäs asiakas") && !md.contains("Perhe"),
            "{md}"
        );
        let html = kela.html(lang);
        assert!(html.contains("Nuori aikuinen") && !html.contains("Perhe"));
        let csv = kela.csv(lang);
        assert_eq!(csv.lines().count(), 3, "{csv}");
    }
    assert!(kela
        .markdown(Lang::En)
        .contains("Take back to your team: Kela"));
}

#[test]
fn a_redacted_item_shows_no_text_and_html_is_escaped() {
    let mut it = item(1, "<b>x</b>", &["kela"], &[], false);
    let m = minutes(vec![it.clone()]);
    assert!(ServiceDigest::of(&m, &ServiceId::from("kela"))
        .unwrap()
        .html(Lang::Fi)
        .contains("&lt;b&gt;x&lt;/b&gt;"));
    it.redacted = true;
    it.title = String::new();
    it.question = String::new();
    let d = ServiceDigest::of(&minutes(vec![it]), &ServiceId::from("kela")).unwrap();
    assert!(d
        .markdown(Lang::En)
        .contains("the chair removed this item's text"));
}

#[test]
fn a_digest_key_opens_one_service_of_one_meeting_under_one_chair_key() {
    let (m, kela, oral) = (
        MeetingId("m1".into()),
        ServiceId::from("kela"),
        ServiceId::from("oral_health"),
    );
    let key = digest_key("chair-secret", &m, &kela);
    assert_eq!(key.len(), 32);
    assert!(key_opens(&key, "chair-secret", &m, &kela));
    assert!(!key_opens(&key, "chair-secret", &m, &oral));
    assert!(!key_opens(
        &key,
        "chair-secret",
        &MeetingId("m2".into()),
        &kela
    ));
    assert!(
        !key_opens(&key, "rotated", &m, &kela),
        "rotating the chair key revokes it"
    );
    assert!(!key.contains("chair"));
}
