//! The attendance pattern's rules: which meetings count, present / missed / not listed, the
//! "of", three in a row, fewer than six meetings held, and the CSV rows.

use super::*;
use shared::domain::default_catalogue;

fn ids(list: &[&str]) -> BTreeSet<ServiceId> {
    list.iter().map(|s| ServiceId::from(*s)).collect()
}

/// A held meeting of the default catalogue with `present` there.
fn held(date: &str, present: &[&str]) -> Held {
    Held {
        date: date.into(),
        listed: default_catalogue().into_iter().map(|s| s.id).collect(),
        present: ids(present),
    }
}

fn row(id: &str, starts_at: i64, ended: bool, cancelled: bool) -> MeetingRow {
    MeetingRow {
        id: MeetingId(id.into()),
        centre_id: CentreId("kalasatama".into()),
        title: "PPT".into(),
        starts_at,
        ends_at: starts_at + 3_600_000,
        chair_key: String::new(),
        participant_key: String::new(),
        deputy_key: String::new(),
        epoch: String::new(),
        series_date: None,
        cancelled_at: cancelled.then_some(starts_at - 1),
        ended_at: ended.then_some(starts_at + 3_000_000),
        revision: 0,
        kind: Default::default(),
    }
}

fn pattern(held: &[Held]) -> Attendance {
    tally(
        &CentreId("kalasatama".into()),
        "Kalasatama",
        &default_catalogue(),
        held,
    )
}

fn service<'a>(a: &'a Attendance, id: &str) -> &'a ServiceAttendance {
    a.services
        .iter()
        .find(|s| s.service.as_str() == id)
        .unwrap()
}

#[test]
fn only_held_meetings_count_cancelled_and_unrun_ones_do_not_and_six_at_most() {
    let mut rows: Vec<MeetingRow> = (0..8)
        .map(|i| row(&format!("held{i}"), 1_000_000 * (10 - i), true, false))
        .collect();
    rows.push(row("cancelled", 50_000_000, false, true));
    rows.push(row("never-run", 60_000_000, false, false));
    rows.push(row("cancelled-after-end?", 70_000_000, true, true));
    let chosen: Vec<&str> = last_held(&rows).iter().map(|r| r.id.as_str()).collect();
    // The six latest held, oldest first; the two oldest held drop out.
    assert_eq!(
        chosen,
        ["held5", "held4", "held3", "held2", "held1", "held0"]
    );
    // Fewer than six held: all of them.
    let few: Vec<&str> = last_held(&rows[6..])
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(few, ["held7", "held6"]);
    assert!(last_held(&rows[8..]).is_empty());
}

#[test]
fn each_required_service_is_counted_over_the_last_six_in_catalogue_order() {
    let meetings: Vec<Held> = (1..=7)
        .map(|i| {
            let mut present = vec!["health_station", "kela"];
            if i == 1 || i == 5 {
                present.push("oral_health");
            }
            held(&format!("2026-0{i}-10"), &present)
        })
        .collect();
    let a = pattern(&meetings);
    assert_eq!(a.window, 6);
    // The first meeting is outside the six.
    assert_eq!(a.meetings.first().map(String::as_str), Some("2026-02-10"));
    assert_eq!(a.meetings.len(), 6);
    let required: Vec<ServiceId> = default_catalogue()
        .into_iter()
        .filter(|s| s.required)
        .map(|s| s.id)
        .collect();
    let rows: Vec<ServiceId> = a.services.iter().map(|s| s.service.clone()).collect();
    assert_eq!(rows, required);
    let oral = service(&a, "oral_health");
    assert_eq!(oral.count(), "1/6", "only the fifth meeting of the six");
    assert_eq!(oral.name_fi, "Suun terveydenhuolto");
    assert_eq!(oral.missed_in_a_row, 2);
    assert!(!oral.missed_three_in_a_row);
    assert_eq!(service(&a, "kela").count(), "6/6");
    assert_eq!(service(&a, "kela").missed_in_a_row, 0);
}

#[test]
fn three_missed_in_a_row_up_to_the_latest_is_marked_and_a_comeback_clears_it() {
    let a = pattern(&[
        held("2026-06-09", &["disability"]),
        held("2026-08-11", &[]),
        held("2026-09-08", &[]),
        held("2026-10-13", &["kela"]),
    ]);
    let disability = service(&a, "disability");
    assert_eq!(disability.missed_in_a_row, 3);
    assert!(disability.missed_three_in_a_row);
    assert_eq!(
        disability.marks,
        [
            AttendanceMark::Present,
            AttendanceMark::Missed,
            AttendanceMark::Missed,
            AttendanceMark::Missed
        ]
    );
    // Kela missed three, then came: not marked.
    let kela = service(&a, "kela");
    assert_eq!((kela.count().as_str(), kela.missed_in_a_row), ("1/4", 0));
    assert!(!kela.missed_three_in_a_row);
    // Never there at all in four meetings held: marked, 0/4.
    let oral = service(&a, "oral_health");
    assert_eq!((oral.count().as_str(), oral.missed_in_a_row), ("0/4", 4));
    assert!(oral.missed_three_in_a_row);
    assert_eq!(a.flagged().count(), 8, "all but Kela");
}

#[test]
fn fewer_than_six_held_are_counted_as_they_are_and_none_gives_empty_rows() {
    let a = pattern(&[held("2026-10-13", &["kela"]), held("2026-11-10", &[])]);
    assert_eq!(a.meetings, ["2026-10-13", "2026-11-10"]);
    let kela = service(&a, "kela");
    assert_eq!((kela.count().as_str(), kela.missed_in_a_row), ("1/2", 1));
    assert!(
        !kela.missed_three_in_a_row,
        "two meetings cannot make three"
    );
    let none = pattern(&[]);
    assert!(none.meetings.is_empty());
    assert!(none
        .services
        .iter()
        .all(|s| s.count() == "0/0" && s.marks.is_empty() && !s.missed_three_in_a_row));
}

#[test]
fn a_service_not_in_a_meetings_catalogue_is_neither_present_nor_missed_there() {
    let mut catalogue = default_catalogue();
    catalogue.push(Service {
        id: ServiceId::from("school"),
        name_fi: "Koulu".into(),
        name_sv: "Skola".into(),
        name_en: "School".into(),
        required: true,
    });
    catalogue[0].required = false;
    let mut with_school = held("2026-11-10", &[]);
    with_school.listed.insert(ServiceId::from("school"));
    let meetings = [
        held("2026-08-11", &[]),
        held("2026-09-08", &[]),
        held("2026-10-13", &[]),
        with_school,
    ];
    let a = tally(&CentreId("k".into()), "K", &catalogue, &meetings);
    assert!(
        a.services
            .iter()
            .all(|s| s.service.as_str() != "health_station"),
        "optional services are not in the pattern"
    );
    let school = service(&a, "school");
    assert_eq!(
        school.marks,
        [
            AttendanceMark::NotListed,
            AttendanceMark::NotListed,
            AttendanceMark::NotListed,
            AttendanceMark::Missed
        ]
    );
    assert_eq!(
        (school.count().as_str(), school.missed_in_a_row),
        ("0/1", 1)
    );
    assert!(!school.missed_three_in_a_row);
}

#[test]
fn the_csv_rows_say_every_mark_in_words_and_fit_the_reports_width() {
    let a = pattern(&[
        held("2026-08-11", &["kela"]),
        held("2026-09-08", &[]),
        held("2026-10-13", &[]),
        held("2026-11-10", &[]),
    ]);
    let rows = csv_rows(std::slice::from_ref(&a), Lang::Fi, 20);
    assert!(rows.iter().all(|r| r.len() == 20));
    assert!(rows[0].iter().all(String::is_empty), "a blank row first");
    assert!(rows[1][0].ends_with("– Kalasatama"), "{:?}", rows[1]);
    assert_eq!(
        rows[2][..7],
        [
            "palvelu",
            "2026-08-11",
            "2026-09-08",
            "2026-10-13",
            "2026-11-10",
            "paikalla",
            "tapaamisia"
        ]
    );
    let kela = rows.iter().find(|r| r[0] == "Kela").unwrap();
    assert_eq!(kela[1..5], ["paikalla", "poissa", "poissa", "poissa"]);
    assert_eq!(kela[5..9], ["1", "4", "3", "⚠ poissa 3 kertaa peräkkäin"]);
    let sv = csv_rows(&[a], Lang::Sv, 0);
    assert!(sv.iter().any(|r| r.first().is_some_and(|n| n == "FPA")));
    assert_eq!(
        sv[3].last().map(String::as_str),
        Some("⚠ frånvarande 4 gånger i rad")
    );
}
