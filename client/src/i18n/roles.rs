//! The texts of the roles beyond the links (issue 12): who holds the chair controls, the
//! deputy chair's takeover, the handover, the scribe. Finnish first, then Swedish and English,
//! each key with all three, in the same table form as the parent module (its `texts!` macro
//! makes this module's own `Texts`).

use super::Lang;
use shared::domain::Participant;
use shared::ids::ParticipantId;
use shared::room::{ChairHolder, RoomState};

texts! {
    roles_title: "Puheenjohto", "Ordförandeskap", "Chairing";
    holder_label: "Puheenjohtajan ohjaimet", "Ordförandens kontroller", "Chair controls";
    holder_chair: "puheenjohtaja", "ordföranden", "the chair";
    holder_deputy: "varapuheenjohtaja", "vice ordföranden", "the deputy chair";
    holder_chair_first: "Puheenjohtaja", "Ordföranden", "The chair";
    holder_deputy_first: "Varapuheenjohtaja", "Vice ordföranden", "The deputy chair";
    holder_you: "sinä", "du", "you";
    holder_away: "poissa", "borta", "away";
    role_deputy: "Varapuheenjohtaja", "Vice ordförande", "Deputy chair";
    role_scribe: "Kirjuri", "Sekreterare", "Scribe";
    scribe_label: "Kirjuri", "Sekreterare", "Scribe";
    scribe_none: "ei nimetty", "inte utsedd", "none named";
    you_are_scribe: "Olet kirjuri: kirjaa käsiteltyjen asioiden tulokset alla olevalla lomakkeella.", "Du är sekreterare: anteckna resultaten för behandlade ärenden med formuläret nedan.", "You are the scribe: record the outcomes of presented items with the form below.";
    join_as_deputy: "Avasit varapuheenjohtajan linkin. Voit ottaa puheenjohdon, jos puheenjohtaja on poissa.", "Du öppnade vice ordförandens länk. Du kan ta över ordförandeskapet om ordföranden är borta.", "You opened the deputy chair's link. You can take over the chair if the chair is away.";
    take_over: "Ota puheenjohto", "Ta över ordförandeskapet", "Take over the chair";
    take_over_present: "Puheenjohtaja on paikalla. Jos hän putoaa pois kokouksesta, voit ottaa puheenjohdon hetken kuluttua; hän voi myös antaa sen sinulle.", "Ordföranden är här. Om ordföranden faller bort från mötet kan du ta över en stund senare; ordföranden kan också lämna över till dig.", "The chair is here. If they drop out of the meeting, you can take over a little later; they can also hand over to you.";
    take_over_wait: "Puheenjohtaja on poissa. Voit ottaa puheenjohdon, kun poissaolo on kestänyt tarpeeksi kauan", "Ordföranden är borta. Du kan ta över när frånvaron har varat tillräckligt länge", "The chair is away. You can take over once they have been away long enough";
    take_over_now: "Puheenjohtaja on poissa. Voit ottaa puheenjohdon nyt.", "Ordföranden är borta. Du kan ta över nu.", "The chair is away. You can take over now.";
    seconds_left: "s kuluttua", "s kvar", "s to go";
    hand_over: "Anna puheenjohto", "Lämna över ordförandeskapet", "Hand over the chair";
    hand_over_to: "Kenelle puheenjohto annetaan", "Till vem", "Hand over to";
    hand_over_none: "Paikalla ei ole ketään, jolle puheenjohdon voi antaa: varapuheenjohtajaa tai puheenjohtajan linkillä liittynyttä. Nimeä ensin joku varapuheenjohtajaksi.", "Ingen som ordförandeskapet kan lämnas över till är här: ingen vice ordförande eller någon med ordförandens länk. Utse först någon till vice ordförande.", "Nobody the chair can be handed to is present: no deputy chair and nobody with the chair link. Make someone a deputy first.";
    promote: "Nimeä varapuheenjohtajaksi", "Utse till vice ordförande", "Make deputy chair";
    promote_who: "Kuka nimetään varapuheenjohtajaksi", "Vem utses till vice ordförande", "Who becomes a deputy chair";
    name_scribe: "Nimeä kirjuri", "Utse sekreterare", "Name the scribe";
    name_scribe_who: "Kuka kirjaa tulokset", "Vem antecknar resultaten", "Who records the outcomes";
    revoke_scribe: "Ota kirjurin tehtävä takaisin", "Ta tillbaka sekreterarens uppgift", "Take the scribe role back";
    nobody_to_choose: "Paikalla ei ole ketään valittavaa.", "Ingen att välja är här.", "Nobody to choose is present.";
    ann_holder: "hallitsee nyt puheenjohtajan ohjaimia", "har nu ordförandens kontroller", "now holds the chair controls";
    ann_you_hold: "Sinulla on nyt puheenjohtajan ohjaimet.", "Du har nu ordförandens kontroller.", "You now hold the chair controls.";
    ann_scribe: "on nyt kirjuri", "är nu sekreterare", "is now the scribe";
    ann_scribe_revoked: "Kirjurin tehtävä otettiin takaisin.", "Sekreterarens uppgift togs tillbaka.", "The scribe role was taken back.";
    ann_deputy: "on nyt varapuheenjohtaja", "är nu vice ordförande", "is now a deputy chair";
}

/// The role texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// "The chair can be taken over in 42 s" in `lang`, for the deputy's countdown.
pub fn takeover_in(lang: Lang, seconds: i64) -> String {
    let t = texts(lang);
    format!("{} ({seconds} {}).", t.take_over_wait, t.seconds_left)
}

/// A person as the room shows them: their job title (if they gave one) and their service,
/// never more ("Sosiaaliohjaaja, Sosiaalipalvelut"); an expert by experience or a guest as such,
/// a guest with their organisation ("Vieras (Vuosaaren koulu)").
pub fn person_label(room: &RoomState, lang: Lang, p: &Participant) -> String {
    let mut service = super::service_label(room, lang, &p.service);
    if let Some(org) = &p.organisation {
        service = format!("{service} ({org})");
    }
    match &p.display_name {
        Some(name) => format!("{name}, {service}"),
        None => service,
    }
}

/// The person `id` as the room shows them (their id if unknown).
pub fn person_by_id(room: &RoomState, lang: Lang, id: &ParticipantId) -> String {
    room.participant(id)
        .map(|p| person_label(room, lang, p))
        .unwrap_or_else(|| id.to_string())
}

/// Who holds the chair controls, in words: "puheenjohtaja (Terveysasemapalvelut)",
/// "varapuheenjohtaja (Sosiaaliohjaaja, Sosiaalipalvelut) – sinä", "puheenjohtaja (poissa)";
/// `first` for the start of a sentence ("Varapuheenjohtaja (…)"). (A table of both forms
/// instead of upper-casing: the case tables would add kilobytes to the module.)
pub fn holder_name(
    room: &RoomState,
    lang: Lang,
    me: Option<&ParticipantId>,
    first: bool,
) -> String {
    let t = texts(lang);
    let who = match (&room.roles.holder, first) {
        (ChairHolder::ChairLink, false) => t.holder_chair,
        (ChairHolder::ChairLink, true) => t.holder_chair_first,
        (ChairHolder::Person(_), false) => t.holder_deputy,
        (ChairHolder::Person(_), true) => t.holder_deputy_first,
    };
    let people: Vec<String> = room
        .holder_people()
        .map(|p| person_label(room, lang, p))
        .collect();
    let people = if people.is_empty() {
        t.holder_away.to_owned()
    } else {
        people.join("; ")
    };
    let mine = match (&room.roles.holder, me) {
        (ChairHolder::Person(p), Some(me)) if p == me => format!(" – {}", t.holder_you),
        (ChairHolder::ChairLink, Some(me)) if room.holder_people().any(|p| &p.id == me) => {
            format!(" – {}", t.holder_you)
        }
        _ => String::new(),
    };
    format!("{who} ({people}){mine}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_text_is_there_in_every_language() {
        for l in Lang::ALL {
            let t = texts(l);
            assert!(!t.take_over.is_empty() && !t.ann_holder.is_empty());
        }
        assert_eq!(FI.take_over, "Ota puheenjohto");
        assert!(takeover_in(Lang::Sv, 5).contains("5 s"));
    }

    #[test]
    fn the_holder_is_named_by_role_and_service_only() {
        use shared::domain::{default_catalogue, MeetingInfo, Role};
        use shared::ids::{CentreId, MeetingId, ServiceId};
        use shared::room::{Event, EventKind};
        let mut room = RoomState::new(MeetingInfo {
            id: MeetingId::from("m"),
            centre_id: CentreId::from("kalasatama"),
            centre_name: "Kalasatama".into(),
            title: "PPT".into(),
            starts_at: 0,
            ends_at: 3_600_000,
            services: default_catalogue(),
            kind: Default::default(),
        });
        assert_eq!(
            holder_name(&room, Lang::Fi, None, false),
            "puheenjohtaja (poissa)"
        );
        let d = ParticipantId::from("d");
        let kinds = [
            EventKind::ParticipantJoined {
                participant: d.clone(),
                service: ServiceId::from("social_services"),
                display_name: Some("Sosiaaliohjaaja".into()),
                role: Role::Deputy,
                organisation: None,
            },
            EventKind::ChairTakenOver {
                from: ChairHolder::ChairLink,
                to: ChairHolder::Person(d.clone()),
                away_since: 0,
            },
        ];
        for (n, kind) in kinds.into_iter().enumerate() {
            room.apply(&Event {
                seq: n as u64 + 2,
                at: 1,
                kind,
            });
        }
        let name = holder_name(&room, Lang::Fi, Some(&d), false);
        assert!(
            name.starts_with("varapuheenjohtaja (Sosiaaliohjaaja, "),
            "{name}"
        );
        assert!(name.ends_with(" – sinä"), "{name}");
        assert!(!holder_name(&room, Lang::En, None, false).ends_with(" – you"));
        assert!(holder_name(&room, Lang::Sv, None, true).starts_with("Vice ordföranden ("));
    }
}
