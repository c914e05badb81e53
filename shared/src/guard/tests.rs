//! Unit tests of the pattern detectors: one positive and the tricky negatives per family. The
//! labelled corpus and the external test vectors are in `server/tests/guard_*.rs`.

use super::*;

fn kinds(text: &str) -> Vec<(FindingKind, String)> {
    let chars: Vec<char> = text.chars().collect();
    find_patterns(text, &Allowlist::empty())
        .into_iter()
        .map(|f| (f.kind, chars[f.start..f.end].iter().collect()))
        .collect()
}

fn one(text: &str, kind: FindingKind, span: &str) {
    let got = kinds(text);
    assert_eq!(got, vec![(kind, span.to_string())], "in {text:?}");
}

fn none(text: &str) {
    let got = kinds(text);
    assert!(got.is_empty(), "expected nothing in {text:?}, got {got:?}");
}

#[test]
fn hetu_all_century_signs_and_forms() {
    for sign in [
        '+', '-', 'Y', 'X', 'W', 'V', 'U', 'A', 'B', 'C', 'D', 'E', 'F',
    ] {
        let code = format!("131052{sign}308T");
        one(
            &format!("Asiakkaan tunnus {code} on kirjattu."),
            FindingKind::Hetu,
            &code,
        );
    }
    one("hetu 131052-308U (typo)", FindingKind::Hetu, "131052-308U");
    one("väliaikainen 131052-9993", FindingKind::Hetu, "131052-9993");
    one("tunnus 131052-XXXX.", FindingKind::Hetu, "131052-XXXX");
    one(
        "tunnus 131052-, loppu puuttuu",
        FindingKind::Hetu,
        "131052-",
    );
    one("ilman merkkiä 131052308T", FindingKind::Hetu, "131052308T");
    assert!(hetu::is_valid("131052-308T"));
    assert!(!hetu::is_valid("131052-308U"));
}

#[test]
fn business_id_dates_and_codes_are_not_identifiers() {
    none("Yrityksen Y-tunnus on 2077474-0.");
    none("Y-tunnus 0112038-9");
    none("Tapaaminen 3.4.2024 klo 14.30–15.30, seuraava 2.5.2024.");
    none("Diagnoosit F32.1, F10.2 ja Z59.0; PHQ-9 pisteet 18, GAD-7 12, AUDIT 14.");
    none("72-vuotias mies, Kela, HUS ja Apotti. ICD-10 ja DSM-5.");
    none("Laskutus 1 200 € ja 10000 euroa, 110 000 asukasta.");
    none("Hb 134 g/l, B-Krea 85 µmol/l, CRP 12, INR 2,4.");
    none("Sertraliini 50 mg 1x1, ketiapiini 25 mg.");
    none("Aukioloaika 0800-1600, ajanvaraus 8-16.");
    none("Jaksot 2023-2024 ja 010124-150124.");
}

#[test]
fn phones() {
    one(
        "Soita 040 123 4567 iltaisin",
        FindingKind::Phone,
        "040 123 4567",
    );
    one("p. 040-1234567", FindingKind::Phone, "040-1234567");
    one(
        "Numero +358 40 123 4567.",
        FindingKind::Phone,
        "+358 40 123 4567",
    );
    one("Numero +358401234567", FindingKind::Phone, "+358401234567");
    one(
        "Numero (09) 310 12345",
        FindingKind::Phone,
        "(09) 310 12345",
    );
    one(
        "Numero 00358 40 1234567",
        FindingKind::Phone,
        "00358 40 1234567",
    );
    one(
        "Ruotsiin +46 70 123 45 67",
        FindingKind::Phone,
        "+46 70 123 45 67",
    );
    one(
        "Numero +358 (0)9 1234 5678",
        FindingKind::Phone,
        "+358 (0)9 1234 5678",
    );
    one("puh. 4012345678", FindingKind::Phone, "4012345678");
}

#[test]
fn email_iban() {
    one(
        "Lähetä matti.virtanen@gmail.com osoitteeseen.",
        FindingKind::Email,
        "matti.virtanen@gmail.com",
    );
    one(
        "osoite matti(at)example.fi",
        FindingKind::Email,
        "matti(at)example.fi",
    );
    one(
        "Tili FI21 1234 5600 0007 85 on",
        FindingKind::Iban,
        "FI21 1234 5600 0007 85",
    );
    one(
        "IBAN DE89370400440532013000.",
        FindingKind::Iban,
        "DE89370400440532013000",
    );
    one(
        "Tili FI21 1234 5600 0007 86",
        FindingKind::Iban,
        "FI21 1234 5600 0007 86",
    );
}

#[test]
fn addresses_and_postal_codes() {
    one(
        "Asuu Mannerheimintie 12 B 34 yksin.",
        FindingKind::Address,
        "Mannerheimintie 12 B 34",
    );
    one(
        "Osoite Aleksis Kiven katu 5",
        FindingKind::Address,
        "Aleksis Kiven katu 5",
    );
    one(
        "Asuu Kotikujalla 5:ssä",
        FindingKind::Address,
        "Kotikujalla 5:ssä",
    );
    one("Bor på Storgatan 5", FindingKind::Address, "Storgatan 5");
    one(
        "Osoite Bulevardi 3 A 4",
        FindingKind::Address,
        "Bulevardi 3 A 4",
    );
    one(
        "Muutti 00530 Helsinki -osoitteeseen",
        FindingKind::PostalCodeCity,
        "00530 Helsinki",
    );
    none("Asuu Kalliossa, Itäväylä 10 km päässä, hoitopolku 2 on kesken.");
    none("HSL:n linja 55 kulkee ohi.");
}

#[test]
fn birth_dates_plates_numbers_links() {
    one(
        "Asiakas (s. 3.4.1958) asuu yksin",
        FindingKind::BirthDate,
        "s. 3.4.1958",
    );
    one(
        "syntynyt 3. huhtikuuta 1958",
        FindingKind::BirthDate,
        "syntynyt 3. huhtikuuta 1958",
    );
    one(
        "Klienten född 3 april 1958",
        FindingKind::BirthDate,
        "född 3 april 1958",
    );
    one(
        "Client born April 3, 1958",
        FindingKind::BirthDate,
        "born April 3, 1958",
    );
    none("Asiakas s. 1958, ks. s. 12.");
    one("Auto ABC-123 pihassa", FindingKind::Plate, "ABC-123");
    one(
        "asiakasnumero 1234567",
        FindingKind::CustomerNumber,
        "1234567",
    );
    one(
        "viite 123456789012",
        FindingKind::CustomerNumber,
        "123456789012",
    );
    one(
        "profiili facebook.com/matti.virtanen.5",
        FindingKind::UrlPersonal,
        "facebook.com/matti.virtanen.5",
    );
    one("IG @matti_v78", FindingKind::UrlPersonal, "@matti_v78");
    none("Lisätietoa https://www.kela.fi/toimeentulotuki ja omaolo.fi.");
}

#[test]
fn allowlist_cannot_allow_hetu_but_allows_centre_address() {
    let allow = Allowlist::new(["Kalasatamankatu 12", "131052-308T", "Aurora"]);
    let t = "Tapaaminen Kalasatamankatu 12, asiakas 131052-308T";
    let got = find_patterns(t, &allow);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].kind, FindingKind::Hetu);
}

#[test]
fn offsets_are_in_characters() {
    let t = "Äiti ääkkösin: 040 123 4567";
    let got = find_patterns(t, &Allowlist::empty());
    assert_eq!(got, vec![Finding::new(FindingKind::Phone, 15, 27)]);
}

#[test]
fn merge_prefers_serious_kind_and_unions() {
    let m = merge_findings(vec![
        Finding::new(FindingKind::PersonName, 5, 12),
        Finding::new(FindingKind::Address, 0, 10),
        Finding::new(FindingKind::Phone, 20, 30),
    ]);
    assert_eq!(
        m,
        vec![
            Finding::new(FindingKind::Address, 0, 12),
            Finding::new(FindingKind::Phone, 20, 30)
        ]
    );
}

#[test]
fn kind_names_round_trip() {
    for k in FindingKind::ALL {
        assert_eq!(FindingKind::parse(k.as_str()), Some(k));
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.as_str())
        );
    }
}
