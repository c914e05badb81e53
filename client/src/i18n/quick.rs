//! Texts of issue 13's quick consultation rooms: the `/quick` page a professional opens from a
//! monthly meeting's link, and the same form on the coordinator's page. Finnish first, then
//! Swedish and English, in the parent module's table form.

use super::Lang;
use shared::api::quick::QuickRoomProblem;
use shared::api::ApiErrorCode;

texts! {
    title: "Avaa pikakonsultaatio", "Öppna en snabbkonsultation", "Open a quick consultation";
    intro: "Pikakonsultaatio on 15–30 minuutin tapaaminen yhtä kysymystä varten kuukausitapaamisten välillä. Kutsu palvelut, joiden näkemystä tarvitset, ja lähetä osallistujien linkki heille. Samat säännöt kuin kuukausitapaamisessa: ei asiakkaan tunnistetietoja.", "En snabbkonsultation är ett möte på 15–30 minuter för en fråga mellan månadsmötena. Bjud in de tjänster vars syn du behöver och skicka deltagarlänken till dem. Samma regler som i månadsmötet: inga klientuppgifter.", "A quick consultation is a 15–30 minute meeting for one question between the monthly meetings. Invite the services whose view you need and send them the participant link. The same rules as in the monthly meeting: no client identifiers.";
    centre: "Keskus", "Central", "Centre";
    loading: "Ladataan…", "Laddar…", "Loading…";
    topic: "Aihe", "Ämne", "Topic";
    topic_hint: "Muutama sana siitä, mistä kysymys on. Älä kirjoita mitään, mistä asiakkaan voi tunnistaa (nimi, henkilötunnus, osoite, puhelinnumero).", "Några ord om vad frågan gäller. Skriv inget som kan identifiera klienten (namn, personbeteckning, adress, telefonnummer).", "A few words on what the question is about. Write nothing that could identify the client (name, identity code, address, phone number).";
    invited: "Kutsuttavat palvelut", "Tjänster att bjuda in", "Services to invite";
    invited_hint: "Valitse vähintään yksi. Huone näyttää, keitä kutsutuista puuttuu.", "Välj minst en. Rummet visar vilka av de inbjudna som saknas.", "Choose at least one. The room shows which of them are missing.";
    length: "Kesto", "Längd", "Length";
    minutes: "min", "min", "min";
    open: "Avaa huone", "Öppna rummet", "Open the room";
    opening: "Avataan…", "Öppnas…", "Opening…";
    opened: "Pikakonsultaatio on avattu", "Snabbkonsultationen är öppnad", "The quick consultation is open";
    ends: "Päättyy klo", "Slutar kl.", "Ends at";
    chair_link: "Avaa huone puheenjohtajana", "Öppna rummet som ordförande", "Open the room as the chair";
    participant_link: "Osallistujien linkki – lähetä kutsutuille", "Deltagarlänk – skicka till de inbjudna", "Participant link – send it to those invited";
    copy: "Kopioi", "Kopiera", "Copy";
    copied: "Kopioitu", "Kopierad", "Copied";
    another: "Avaa toinen", "Öppna en till", "Open another";
    no_key: "Tästä osoitteesta puuttuu linkin avain. Avaa pikakonsultaatio kuukausitapaamisen linkistä.", "Adressen saknar länkens nyckel. Öppna snabbkonsultationen från månadsmötets länk.", "This address has no link key. Open the quick consultation from a monthly meeting's link.";
    bad_key: "Tällä linkillä ei voi avata pikakonsultaatiota: se on vanhentunut tai peruttu, tai se on pikakonsultaation oma linkki. Käytä keskuksen kuukausitapaamisen voimassa olevaa linkkiä.", "Den här länken kan inte öppna en snabbkonsultation: den har gått ut eller ställts in, eller så är den en snabbkonsultations egen länk. Använd en giltig länk till centralens månadsmöte.", "This link cannot open a quick consultation: it has expired or was cancelled, or it is a quick consultation's own link. Use a working link of the centre's monthly meeting.";
    identifier: "Aiheessa on jotain, mikä voi tunnistaa asiakkaan. Poista se ja lähetä uudelleen; mitään ei tallennettu.", "Ämnet innehåller något som kan identifiera klienten. Ta bort det och skicka igen; inget sparades.", "The topic holds something that could identify the client. Remove it and send again; nothing was saved.";
    found: "Löytyi", "Hittades", "Found";
    topic_empty: "Kirjoita aihe.", "Skriv ett ämne.", "Write a topic.";
    topic_long: "Aihe on liian pitkä (enintään 120 merkkiä).", "Ämnet är för långt (högst 120 tecken).", "The topic is too long (at most 120 characters).";
    none_invited: "Valitse vähintään yksi palvelu.", "Välj minst en tjänst.", "Choose at least one service.";
    limit: "Keskuksella on jo enimmäismäärä pikakonsultaatioita auki tai tänään avattuna. Yritä myöhemmin uudelleen.", "Centralen har redan det högsta antalet snabbkonsultationer öppna eller öppnade i dag. Försök igen senare.", "The centre already has as many quick consultations open, or opened today, as it may. Try again later.";
    guard_down: "Tunnistetietojen tarkistus ei ole juuri nyt käytettävissä, joten mitään ei tallennettu. Yritä hetken päästä uudelleen.", "Kontrollen av identifierande uppgifter är inte tillgänglig just nu, så inget sparades. Försök igen om en stund.", "The identifier check is not available right now, so nothing was saved. Try again in a moment.";
    failed: "Huoneen avaaminen epäonnistui; mitään ei tallennettu. Yritä uudelleen.", "Det gick inte att öppna rummet; inget sparades. Försök igen.", "Opening the room failed; nothing was saved. Try again.";
    section: "Pikakonsultaatio", "Snabbkonsultation", "Quick consultation";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// What the form says when the server refused to open a room (status and code of the
/// answer; status 0 for no answer at all). An identifier in the topic has its own text, shown
/// at the topic field.
pub fn refusal(lang: Lang, status: u16, code: Option<ApiErrorCode>) -> &'static str {
    let t = texts(lang);
    match (code, status) {
        (Some(ApiErrorCode::IdentifierFound | ApiErrorCode::InvalidField), _) => t.identifier,
        (Some(ApiErrorCode::GuardUnavailable), _) => t.guard_down,
        (Some(ApiErrorCode::RateLimited), _) | (_, 429) => t.limit,
        (Some(ApiErrorCode::Forbidden), _) | (_, 403) => t.bad_key,
        _ => t.failed,
    }
}

/// The topic field's error when the server found identifiers in it: what to do, and the
/// kinds found ("Löytyi: henkilötunnus"), never the text.
pub fn identifier_text(lang: Lang, kinds: &[&str]) -> String {
    let t = texts(lang);
    if kinds.is_empty() {
        return t.identifier.to_owned();
    }
    format!("{} {}: {}.", t.identifier, t.found, kinds.join(", "))
}

/// What is wrong with the form before it is sent, by the shared rule's finding
/// ([`shared::api::quick::NewQuickRoom::check`]), in the page's language. The form cannot send
/// an unknown or repeated service or a length off its list, so those have the general text.
pub fn check_text(lang: Lang, problem: QuickRoomProblem) -> &'static str {
    let t = texts(lang);
    match problem {
        QuickRoomProblem::TopicEmpty => t.topic_empty,
        QuickRoomProblem::TopicTooLong => t.topic_long,
        QuickRoomProblem::NoneInvited => t.none_invited,
        QuickRoomProblem::NotInCatalogue { .. }
        | QuickRoomProblem::InvitedTwice { .. }
        | QuickRoomProblem::MinutesOutOfRange => t.failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_said_in_the_pages_language() {
        assert_eq!(
            refusal(Lang::Fi, 400, Some(ApiErrorCode::IdentifierFound)),
            FI.identifier
        );
        assert_eq!(
            refusal(Lang::Sv, 429, Some(ApiErrorCode::RateLimited)),
            SV.limit
        );
        assert_eq!(
            refusal(Lang::En, 403, Some(ApiErrorCode::Forbidden)),
            EN.bad_key
        );
        assert_eq!(refusal(Lang::Fi, 0, None), FI.failed);
        assert_eq!(
            refusal(Lang::En, 503, Some(ApiErrorCode::GuardUnavailable)),
            EN.guard_down
        );
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            let t = texts(lang);
            assert!([t.title, t.topic, t.invited, t.open, t.limit]
                .iter()
                .all(|s| !s.is_empty()));
        }
    }

    #[test]
    fn an_identifier_in_the_topic_is_named_by_its_kind_only() {
        assert_eq!(
            identifier_text(Lang::Fi, &["henkilötunnus", "puhelinnumero"]),
            format!("{} Löytyi: henkilötunnus, puhelinnumero.", FI.identifier)
        );
        assert_eq!(identifier_text(Lang::En, &[]), EN.identifier);
    }

    #[test]
    fn the_shared_rule_s_messages_are_said_in_the_pages_language() {
        let catalogue = shared::domain::default_catalogue();
        let room = |topic: &str, invited: Vec<&str>| shared::api::quick::NewQuickRoom {
            key: None,
            topic: topic.into(),
            invited: invited
                .into_iter()
                .map(shared::ids::ServiceId::from)
                .collect(),
            minutes: 20,
        };
        let said = |r: shared::api::quick::NewQuickRoom| {
            check_text(Lang::Fi, r.check(&catalogue).unwrap_err())
        };
        assert_eq!(said(room(" ", vec!["kela"])), FI.topic_empty);
        assert_eq!(said(room(&"a".repeat(121), vec!["kela"])), FI.topic_long);
        assert_eq!(said(room("Kysymys", vec![])), FI.none_invited);
        assert_eq!(said(room("Kysymys", vec!["kela", "kela"])), FI.failed);
    }
}
