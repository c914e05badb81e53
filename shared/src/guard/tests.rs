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

// ---------------------------------------------------------------- everyday typing and tricks

/// `text` as written, in capitals and in small letters.
fn cases(text: &str) -> [String; 3] {
    [text.to_string(), text.to_uppercase(), text.to_lowercase()]
}

/// In every case of `text`, exactly one finding: of `kind`, over `span` (compared ignoring
/// case).
fn one_in_every_case(text: &str, kind: FindingKind, span: &str) {
    for t in cases(text) {
        let got = kinds(&t);
        assert!(
            got.len() == 1 && got[0].0 == kind && got[0].1.to_lowercase() == span.to_lowercase(),
            "expected {kind:?} {span:?} in {t:?}, got {got:?}"
        );
    }
}

/// In every case of `text`, nothing.
fn none_in_every_case(text: &str) {
    for t in cases(text) {
        none(&t);
    }
}

#[test]
fn hetu_with_spaces_and_any_dash_as_century_sign() {
    // 120464-121C and 131052-308T are valid codes.
    one_in_every_case(
        "Hetu 120464 121C tuli otsikkoon",
        FindingKind::Hetu,
        "120464 121C",
    );
    one_in_every_case("tunnus 120464 - 121C", FindingKind::Hetu, "120464 - 121C");
    one_in_every_case("tunnus 120464- 121C", FindingKind::Hetu, "120464- 121C");
    one_in_every_case("tunnus 120464 -121C", FindingKind::Hetu, "120464 -121C");
    for dash in ['\u{2013}', '\u{2014}', '\u{2212}', '\u{2011}', '\u{2010}'] {
        let code = format!("120464{dash}121C");
        one(&format!("tunnus {code}."), FindingKind::Hetu, &code);
    }
    // Any space character, as the century sign or around a dash.
    one(
        "tunnus 120464\u{a0}121C",
        FindingKind::Hetu,
        "120464\u{a0}121C",
    );
    one(
        "tunnus 120464\u{2009}-\u{2009}121C",
        FindingKind::Hetu,
        "120464\u{2009}-\u{2009}121C",
    );
    // Look-alikes, full-width digits, invisible characters.
    one(
        "tunnus 120464-121\u{0421}",
        FindingKind::Hetu,
        "120464-121\u{0421}",
    );
    one(
        "tunnus １２０４６４ １２１Ｃ",
        FindingKind::Hetu,
        "１２０４６４ １２１Ｃ",
    );
    one(
        "tunnus 1204\u{200b}64 12\u{ad}1C",
        FindingKind::Hetu,
        "1204\u{200b}64 12\u{ad}1C",
    );
    // A code cut between two fields and joined with a space.
    one("hetu 1412 05A338W oli", FindingKind::Hetu, "1412 05A338W");
    one("tunnus 131052308 T", FindingKind::Hetu, "131052308 T");
    one("mukaan 131052 -, tarkista", FindingKind::Hetu, "131052 -");
    one("tunnus 131052 - XXXX", FindingKind::Hetu, "131052 - XXXX");
    // With a plain space a valid date and an individual number in use make a code, even with
    // a mistyped check character; no valid date, or 000/001, no code.
    none_in_every_case("Numero 123456 7890 ja 320464 121C ovat jotain muuta.");
    none_in_every_case("Numerot 120464 001D ja 120464 000C ovat jotain muuta.");
    one_in_every_case(
        "Potilastietojen mukaan 071177 9204, tarkista.",
        FindingKind::Hetu,
        "071177 9204",
    );
    one("koodi 120464 121D", FindingKind::Hetu, "120464 121D");
    none_in_every_case("Jaksot 010124 - 150124 ja vuodet 2010 - 2012.");
    none("Tilaus 120523 - toimitettu");
}

#[test]
fn phones_grouped_with_dots_slashes_and_any_spaces() {
    one_in_every_case(
        "Puh. 050.123.4567, iltaisin",
        FindingKind::Phone,
        "050.123.4567",
    );
    one_in_every_case(
        "numero +358.40.123.4567.",
        FindingKind::Phone,
        "+358.40.123.4567",
    );
    one_in_every_case("soita 050/123 4567", FindingKind::Phone, "050/123 4567");
    one_in_every_case("soita 040 123 45 67", FindingKind::Phone, "040 123 45 67");
    one_in_every_case("kotiin 09.310.12345", FindingKind::Phone, "09.310.12345");
    one(
        "soita 040\u{2009}123\u{202f}4567",
        FindingKind::Phone,
        "040\u{2009}123\u{202f}4567",
    );
    one(
        "soita 040\u{a0}123\u{a0}45\u{a0}67",
        FindingKind::Phone,
        "040\u{a0}123\u{a0}45\u{a0}67",
    );
    one("kotiin 09.310. 12345", FindingKind::Phone, "09.310. 12345");
    // Dots mixed with other separators.
    one_in_every_case("soita 040/765.4321", FindingKind::Phone, "040/765.4321");
    one_in_every_case("soita 040.765/4321", FindingKind::Phone, "040.765/4321");
    one_in_every_case("soita 040-765.4321.", FindingKind::Phone, "040-765.4321");
    one_in_every_case(
        "puh 09/310.1234 iltaisin",
        FindingKind::Phone,
        "09/310.1234",
    );
    one_in_every_case("soita 040 765.43.21", FindingKind::Phone, "040 765.43.21");
    // A full stop after a number spaced otherwise ends it.
    one(
        "soita 040 765 4321. 12 käyntiä",
        FindingKind::Phone,
        "040 765 4321",
    );
    // Two numbers in a row are two numbers.
    let got = kinds("puh 050 1234 567 / 041.555.0101");
    assert_eq!(
        got,
        vec![
            (FindingKind::Phone, "050 1234 567".to_string()),
            (FindingKind::Phone, "041.555.0101".to_string())
        ]
    );
    let got = kinds("numerot 040 123 4567 050 765 4321");
    assert_eq!(got.len(), 2, "{got:?}");
    // Dates, times, decimals, amounts and versions are not numbers.
    none_in_every_case("Tapaaminen 09.12.2024 klo 08.30, seuraava 1.12.2024 klo 9.15.");
    none_in_every_case("Aukiolo klo 08.00-16.00, puhelinaika 09.30.");
    none_in_every_case("Jakso 12.04-16.04 ja 08.15-09.45, vuoro 08 00.30.");
    none_in_every_case("Päivät 09/12/2024 ja 09-12-2024, jakso 01.01.2024-31.12.2024.");
    none_in_every_case("Annos 0.5 mg, hinta 0.50 € ja 12.90 €, paino 82.5 kg.");
    none_in_every_case("Versio 1.2.3 ja 10.0.1 käytössä, liite 3.2.1.");
    none("puh. 09.12.2024");
}

#[test]
fn birth_dates_with_spaces_and_other_separators() {
    one_in_every_case(
        "Asiakas s. 12.4. 1964, asuu yksin",
        FindingKind::BirthDate,
        "s. 12.4. 1964",
    );
    one_in_every_case(
        "Asiakas s. 12. 4. 1964, asuu",
        FindingKind::BirthDate,
        "s. 12. 4. 1964",
    );
    one_in_every_case(
        "syntynyt 12/04/1964 Oulussa",
        FindingKind::BirthDate,
        "syntynyt 12/04/1964",
    );
    one_in_every_case(
        "syntynyt 12-04-1964 Oulussa",
        FindingKind::BirthDate,
        "syntynyt 12-04-1964",
    );
    one_in_every_case(
        "syntynyt 12 04 1964 Oulussa",
        FindingKind::BirthDate,
        "syntynyt 12 04 1964",
    );
    one_in_every_case(
        "DOB 1958.04.03, lives",
        FindingKind::BirthDate,
        "DOB 1958.04.03",
    );
    one_in_every_case(
        "Asiakas (S. 3.4.1958) asuu",
        FindingKind::BirthDate,
        "S. 3.4.1958",
    );
    one_in_every_case(
        "mies s.12. 4. 64, päihteet",
        FindingKind::BirthDate,
        "s.12. 4. 64",
    );
    // A title "s. 12.04." and a question "1964 …" joined with a space.
    one(
        "Mies s. 12.04. 1964 kysyy asunnosta",
        FindingKind::BirthDate,
        "s. 12.04. 1964",
    );
    one(
        "född 1962- 08-15 och",
        FindingKind::BirthDate,
        "född 1962- 08-15",
    );
    // Years alone, pages and decades are not dates of birth.
    none_in_every_case("Asiakas s. 1958, ks. s. 12. Syntynyt -64, 1960-luvulla.");
    none_in_every_case("ks. s. 12 4 10 ja s. 12.4.");
}

#[test]
fn ibans_with_any_spaces_or_dashes() {
    one_in_every_case(
        "Tili FI21 1234 5600 0007 85 on",
        FindingKind::Iban,
        "FI21 1234 5600 0007 85",
    );
    one(
        "Tili FI21-1234-5600-0007-85.",
        FindingKind::Iban,
        "FI21-1234-5600-0007-85",
    );
    one(
        "Tili FI21\u{a0}1234\u{2009}5600 0007 85",
        FindingKind::Iban,
        "FI21\u{a0}1234\u{2009}5600 0007 85",
    );
    one(
        "Tili FI21 - 1234 - 5600 - 0007 - 85",
        FindingKind::Iban,
        "FI21 - 1234 - 5600 - 0007 - 85",
    );
}

#[test]
fn addresses_in_capitals_and_small_letters() {
    one_in_every_case(
        "Asiakas asuu osoitteessa Mannerheimintie 12 B 34, kolmas kerros.",
        FindingKind::Address,
        "Mannerheimintie 12 B 34",
    );
    one_in_every_case(
        "Asiakas asuu Kotikujalla 5.",
        FindingKind::Address,
        "Kotikujalla 5",
    );
    one_in_every_case(
        "Kotikäynti Aleksis Kiven katu 5 maanantaina.",
        FindingKind::Address,
        "Aleksis Kiven katu 5",
    );
    one_in_every_case(
        "Osoite: Meri-Rastilan tie 5 C 17",
        FindingKind::Address,
        "Meri-Rastilan tie 5 C 17",
    );
    one_in_every_case(
        "kotikäynti Neljäs linja 14",
        FindingKind::Address,
        "Neljäs linja 14",
    );
    one_in_every_case(
        "Klienten bor på Storgatan 5.",
        FindingKind::Address,
        "Storgatan 5",
    );
    one_in_every_case(
        "tavattiin Kaarelantie 86 klo 12",
        FindingKind::Address,
        "Kaarelantie 86",
    );
    one_in_every_case(
        "tavattiin Itäväylä 55 torstaina",
        FindingKind::Address,
        "Itäväylä 55",
    );
    one_in_every_case(
        "tavattiin Maunulanpolku 4",
        FindingKind::Address,
        "Maunulanpolku 4",
    );
    one_in_every_case(
        "Osoite Bulevardi 3 A 4",
        FindingKind::Address,
        "Bulevardi 3 A 4",
    );
    one_in_every_case(
        "Muutti Sturenkatu 27 as. 8",
        FindingKind::Address,
        "Sturenkatu 27 as. 8",
    );
    // A street standing first in a text is still one.
    one("Jäkäläpolku 63", FindingKind::Address, "Jäkäläpolku 63");
    one(
        "Metsätie 81 on uusi osoite.",
        FindingKind::Address,
        "Metsätie 81",
    );
}

#[test]
fn streets_and_numbers_that_are_not_addresses_in_any_case() {
    none_in_every_case("Hoitopolku 2 on kesken, kuntoutuspolku 3 kk.");
    none_in_every_case("Valtatie 4 oli ruuhkainen, kantatie 51 suljettu.");
    none_in_every_case("HSL:n linja 55 kulkee ohi, bussin linja 55 myös.");
    none_in_every_case("Näkökulma 2: asiakkaan oma. Elämänkaari 3 vaihetta.");
    none_in_every_case("Asiakas asuu Mannerheimintien varrella, Hämeentiellä on remontti.");
    none_in_every_case("Kuraattori 2 kertaa viikossa, historia 2 vuotta.");
    none_in_every_case("Nukkui Helsingin kadulla 3 yötä.");
    none_in_every_case("Huone 12 b 3, osasto 4 b 2, kerros 3.");
    none_in_every_case("Itäväylä 10 km päässä, Kontulassa ja Kalliossa.");
    none_in_every_case("Kotihoito vuodesta 2019 lähtien 2 x viikossa, lähtien 3x/vrk.");
    none_in_every_case("Tavattiin kaari 3 kertaa, tavattiin tie 5 torstaina.");
    none_in_every_case("Asiakkaan seuranta 2 viikon välein, kansanperinne 3 iltana.");
    none_in_every_case("Asiakas ohjattu valitustie 2 vaiheessa, ikä 72 v.");
    none_in_every_case("Matka 120 km, kesto 1 h 30 min, tauko 2 h.");
}

#[test]
fn streets_in_small_letters_in_a_text_with_capitals_need_evidence() {
    // The writer uses capitals, so a street left in small letters needs a cue, a staircase or
    // apartment, an inflected number or a postal code.
    one(
        "Asiakas asuu kotikujalla 5.",
        FindingKind::Address,
        "kotikujalla 5",
    );
    one(
        "Tavattiin mannerheimintie 12 b 34.",
        FindingKind::Address,
        "mannerheimintie 12 b 34",
    );
    one(
        "Tavattiin kaarelantie 86:ssa.",
        FindingKind::Address,
        "kaarelantie 86:ssa",
    );
    none("Tavattiin kaarelantie 86 tiistaina.");
    // A capitalised word before a compound in small letters is part of the name.
    one(
        "Tavattiin Malmin kauppatie 73 kohdalla.",
        FindingKind::Address,
        "Malmin kauppatie 73",
    );
    one(
        "Tavattiin Vanha talvitie 13 kohdalla.",
        FindingKind::Address,
        "Vanha talvitie 13",
    );
}

#[test]
fn postal_codes_in_capitals_and_small_letters() {
    one_in_every_case(
        "Postiosoite on 00530 Helsinki.",
        FindingKind::PostalCodeCity,
        "00530 Helsinki",
    );
    one_in_every_case(
        "Muutti 33100 Tampere viime kuussa",
        FindingKind::PostalCodeCity,
        "33100 Tampere",
    );
    one_in_every_case(
        "adress 65100 Vasa",
        FindingKind::PostalCodeCity,
        "65100 Vasa",
    );
    one_in_every_case(
        "Osoite FI-00100 Helsinki",
        FindingKind::PostalCodeCity,
        "FI-00100 Helsinki",
    );
    none_in_every_case("Väkiluku 50000 ihmistä, 10000 euroa, noin 20000 km, 15000 askelta.");
    none_in_every_case("Vuonna 2023 Helsinki sai 11000 asukasta lisää.");
}

#[test]
fn plates_in_small_letters_need_a_cue_and_scales_are_not_plates() {
    one_in_every_case(
        "Asiakkaan auto ABC-123 pihassa",
        FindingKind::Plate,
        "ABC-123",
    );
    one_in_every_case(
        "rek.nro ijk-72, ilmoitus tehty",
        FindingKind::Plate,
        "ijk-72",
    );
    one("Auto ABC-123 pihassa", FindingKind::Plate, "ABC-123");
    one(
        "Ajoneuvo ABC- 123 myynnissä",
        FindingKind::Plate,
        "ABC- 123",
    );
    one("rekisterinumero ABC 123", FindingKind::Plate, "ABC 123");
    none("Pihalla oli abc-123 ja def-45.");
    none_in_every_case("PHQ-9 14, GAD-7 9, AUDIT-C 6, ICD-10, DSM-5.");
    // Scales, listed or not, with their scores.
    none_in_every_case("PCL-5 43, GDS-15 9, PSS-10 22, BSL-23 1,8, DASS-21 30.");
    none_in_every_case("Pisteet: ABC-12, seula XYZ-3.");
    none_in_every_case("Auto on 3 vuotta vanha, auto vei 2 tuntia.");
}

#[test]
fn scales_and_lab_values_are_not_identifiers_in_any_case() {
    for t in [
        "MADRS 24, BDI 31, arvio psykiatrian poliklinikalla.",
        "Lab: K 3,2, Na 131, Hb 98 – kontrolli viikon päästä.",
        "P-Krea 85, eGFR 58, B-HbA1c 52, fP-Gluk 6,1.",
        "MMSE 22/30 ja CERAD tehty, GAF 45, INR 2,4 (Marevan), RR 152/94.",
        "SPPB 7/12, TUG 16 s, MNA 19,5, RAVA 2,7 ja MAPLe 4.",
        "Hb 98 g/l, MCV 104, GT 312, QTc 470 ms, SpO2 96 %.",
        "F32.1, F10.2 ja Z59.0; klo 8-16; 72-vuotias; 3x/vrk.",
    ] {
        none_in_every_case(t);
    }
}

#[test]
fn links_mail_and_record_numbers_in_capitals_and_cut() {
    one_in_every_case(
        "viesti osoitteesta matti.virtanen@gmail.com.",
        FindingKind::Email,
        "matti.virtanen@gmail.com",
    );
    one_in_every_case(
        "profiili facebook.com/matti.virtanen",
        FindingKind::UrlPersonal,
        "facebook.com/matti.virtanen",
    );
    one_in_every_case(
        "Asiakasnumero 1234567 löytyy",
        FindingKind::CustomerNumber,
        "1234567",
    );
    // Cut between two fields and joined with a space.
    one(
        "lähetä matti@ gmail.com",
        FindingKind::Email,
        "matti@ gmail.com",
    );
    one(
        "lähetä matti@gmail. com.",
        FindingKind::Email,
        "matti@gmail. com",
    );
    one(
        "kuvia: facebook.com/ matti.virtanen.5",
        FindingKind::UrlPersonal,
        "facebook.com/ matti.virtanen.5",
    );
    one(
        "asiakasnumero A 123456",
        FindingKind::CustomerNumber,
        "A 123456",
    );
    one(
        "asiakasnumero on K- 554433",
        FindingKind::CustomerNumber,
        "K- 554433",
    );
    one(
        "asiakasnumero 123 4567",
        FindingKind::CustomerNumber,
        "123 4567",
    );
    none("Lähetä info@kela. Seuraava viikko, kela.fi. Asiakasnumero on tiedossa.");
}

/// The allowlist's verdict on a finding of `kind` over the whole of `word` in `text`.
fn allowed(allow: &Allowlist, text: &str, word: &str, kind: FindingKind) -> bool {
    let t = text::Text::new(text);
    let chars: Vec<char> = text.chars().collect();
    let w: Vec<char> = word.chars().collect();
    let start = (0..chars.len())
        .find(|&i| chars[i..].starts_with(&w))
        .expect("word in text");
    let f = Finding::new(kind, start, start + w.len());
    allow.filter(&t, vec![f]).is_empty()
}

#[test]
fn allowlist_whole_words_with_case_endings_only() {
    let allow = Allowlist::new(["Aurora", "HUS", "Vuotie 45", "Virta", "Auroran sairaala"]);
    let name = FindingKind::PersonName;
    for (text, word) in [
        ("Siirto Auroraan huomenna", "Auroraan"),
        ("Auroran päivystys", "Auroran"),
        ("Aurorassakin käytiin", "Aurorassakin"),
        ("AURORASSA ja aurorassa", "AURORASSA"),
        ("HUS:n poliklinikka", "HUS:n"),
        ("Aurora-sairaala", "Aurora"),
        ("Ａｕｒｏｒａ", "Ａｕｒｏｒａ"),
    ] {
        assert!(allowed(&allow, text, word, name), "{word:?} in {text:?}");
    }
    for (text, word) in [
        ("Auroranpoika soitti", "Auroranpoika"),
        ("Virtanen soitti", "Virtanen"),
        ("Laurora soitti", "Laurora"),
    ] {
        assert!(!allowed(&allow, text, word, name), "{word:?} in {text:?}");
    }
    // A phrase ending in a number: a case ending after a colon, nothing longer.
    let addr = FindingKind::Address;
    assert!(allowed(
        &allow,
        "Tapaaminen Vuotie 45:ssä",
        "Vuotie 45:ssä",
        addr
    ));
    assert!(allowed(&allow, "Tapaaminen Vuotie 45.", "Vuotie 45", addr));
    assert!(allowed(
        &allow,
        "Tapaaminen Vuotie\u{a0}45",
        "Vuotie\u{a0}45",
        addr
    ));
    assert!(!allowed(
        &allow,
        "Tapaaminen Vuotie 456",
        "Vuotie 456",
        addr
    ));
    assert!(!allowed(
        &allow,
        "Tapaaminen Vuotie 45b",
        "Vuotie 45b",
        addr
    ));
    assert!(!allowed(
        &allow,
        "Asuu Vuotie 45 B 12",
        "Vuotie 45 B 12",
        addr
    ));
    // Through the detectors: the centre's address passes, a flat in the same house does not.
    let got = find_patterns("Tapaaminen Vuotie 45:ssä, asiakas Vuotie 45 B 12", &allow);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].kind, FindingKind::Address);
    // Nothing allows an identity code or a phone number.
    let allow = Allowlist::new(["120464-121C", "040 123 4567"]);
    assert_eq!(
        find_patterns("120464-121C ja 040 123 4567", &allow).len(),
        2
    );
}

#[test]
fn cues_before_typed_numbers() {
    let kinds = |s: &str| -> Vec<FindingKind> {
        find_patterns(s, &Allowlist::empty())
            .into_iter()
            .map(|f| f.kind)
            .collect()
    };
    // A space for the century sign and a typo in the check character: after a cue even with
    // an individual number never in use; without one, only with a number in use.
    assert_eq!(kinds("Hetu: 010190 001A"), [FindingKind::Hetu]);
    assert!(kinds("Laskun numero 010190 001A").is_empty());
    assert_eq!(kinds("Laskun numero 010190 123A"), [FindingKind::Hetu]);
    // Record numbers after abbreviated and system cues; a business id is not one.
    assert_eq!(
        kinds("Pot.nro 23-0091-44, epikriisi puuttuu."),
        [FindingKind::CustomerNumber]
    );
    assert_eq!(
        kinds("Effica-tunnus 88213, muistutus tehty."),
        [FindingKind::CustomerNumber]
    );
    assert!(kinds("Y-tunnus 2077474-0 kuuluu yritykselle.").is_empty());
    // A scale with a score word between the code and the score is no plate.
    assert!(kinds("Client is 45, PCL-5 score 52, GDS-15 pisteet 9.").is_empty());
    // Driving is a cue for a plate in small letters.
    assert_eq!(
        kinds("her ex drives fox-310 every evening"),
        [FindingKind::Plate]
    );
}
