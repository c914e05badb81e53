//! The texts: every language is there, and the wording of the composed sentences.

use super::*;

#[test]
fn finnish_is_default_and_codes_round_trip() {
    assert_eq!(Lang::default(), Lang::Fi);
    for l in Lang::ALL {
        assert_eq!(Lang::from_code(l.code()), Some(l));
    }
}

#[test]
fn identifier_kinds_get_labels() {
    assert_eq!(identifier_name(Lang::Fi, "hetu"), "henkilötunnus");
    assert_eq!(identifier_name(Lang::En, "phone"), "phone number");
    assert_eq!(identifier_name(Lang::Sv, "person_name"), "personnamn");
    assert_eq!(identifier_name(Lang::Fi, "???"), FI.id_other);
    for kind in shared::guard::FindingKind::ALL {
        assert_ne!(
            identifier_name(Lang::Fi, kind.as_str()),
            FI.id_other,
            "{kind:?}"
        );
    }
}

#[test]
fn summaries_read_naturally() {
    assert_eq!(
        agenda_summary(Lang::Fi, 5, 12),
        "Tänään 5 käsiteltävää asiaa, noin 12 minuuttia kutakin."
    );
    assert_eq!(people(Lang::Fi, 1), "1 henkilö");
}
