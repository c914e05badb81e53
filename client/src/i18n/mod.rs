//! Every visible string, in Finnish first, then Swedish and English. A missing translation is a
//! compile error: each key lists all three.

use shared::domain::{ItemKind, ItemStatus, Service, Standing, Theme};
use shared::ids::ServiceId;
use shared::room::RoomState;

/// The interface languages (the shared table's): Finnish is the default.
pub use shared::labels::Lang;

macro_rules! texts {
    // The texts in `@coordinator { … }` (the main table's) are the coordinator page's only: a
    // module built without that page (the meeting's) leaves them out.
    ($($key:ident: $fi:expr, $sv:expr, $en:expr;)*
     $(@coordinator { $($ckey:ident: $cfi:expr, $csv:expr, $cen:expr;)* })?) => {
        /// One language's strings.
        pub struct Texts { $(pub $key: &'static str,)* $($(pub $ckey: &'static str,)*)? }
        pub static FI: Texts = Texts { $($key: $fi,)* $($($ckey: coordinator_only($cfi),)*)? };
        pub static SV: Texts = Texts { $($key: $sv,)* $($($ckey: coordinator_only($csv),)*)? };
        pub static EN: Texts = Texts { $($key: $en,)* $($($ckey: coordinator_only($cen),)*)? };
    };
}

/// A text only the coordinator's page (and the forms, which share some of its parts) shows:
/// itself where those are built, nothing in a module built without them, so the meeting's
/// module does not carry the coordinator's words.
const fn coordinator_only(text: &'static str) -> &'static str {
    if cfg!(any(feature = "coordinator", feature = "forms")) {
        text
    } else {
        ""
    }
}

pub mod coordinator;
pub mod digests;
pub mod feedback;
pub mod guests;
pub mod quick;
pub mod roles;
pub mod theme_clock;

texts! {
    skip_to_main: "Siirry sisältöön", "Hoppa till innehållet", "Skip to content";
    language: "Kieli", "Språk", "Language";
    loading: "Ladataan…", "Laddar…", "Loading…";
    // Connection
    conn_connecting: "Yhdistetään…", "Ansluter…", "Connecting…";
    conn_online: "Yhteys toimii", "Ansluten", "Connected";
    conn_reconnecting: "Yhteys katkesi – yhdistetään uudelleen…", "Anslutningen bröts – ansluter igen…", "Connection lost – reconnecting…";
    conn_retry_now: "Yhdistä nyt", "Anslut nu", "Reconnect now";
    conn_closed: "Ei yhteyttä", "Ingen anslutning", "Not connected";
    offline_note: "Ei yhteyttä: toiminnot ovat pois käytöstä, kunnes yhteys palaa. Kirjoittamasi teksti säilyy.", "Ingen anslutning: funktionerna är avstängda tills anslutningen återkommer. Det du skrivit sparas.", "Offline: actions are disabled until the connection returns. What you have typed is kept.";
    // Fatal
    fatal_title: "Kokoukseen ei päästy", "Det gick inte att öppna mötet", "Could not open the meeting";
    fatal_bad_key: "Linkki ei kelpaa tähän kokoukseen: se on virheellinen, vaihdettu uuteen tai vanhentunut. Tarkista linkki kokouskutsusta tai pyydä uusi koordinaattorilta.", "Länken gäller inte för detta möte: den är felaktig, har bytts ut eller har gått ut. Kontrollera länken i möteskallelsen eller be koordinatorn om en ny.", "This link is not valid for the meeting: it is wrong, has been replaced or has expired. Check the link in the invitation or ask the coordinator for a new one.";
    fatal_unknown_meeting: "Kokousta ei löydy. Tarkista linkki kokouskutsusta.", "Mötet hittades inte. Kontrollera länken i möteskallelsen.", "Meeting not found. Check the link in the invitation.";
    fatal_version: "Sovellus on vanhentunut. Lataa sivu uudelleen.", "Appen är föråldrad. Ladda om sidan.", "The app is out of date. Reload the page.";
    fatal_no_key: "Linkistä puuttuu avain. Avaa linkki kokouskutsusta sellaisenaan.", "Länken saknar nyckel. Öppna länken i möteskallelsen som den är.", "The link has no key. Open the link from the invitation as it is.";
    // Join
    join_title: "Liity kokoukseen", "Gå med i mötet", "Join the meeting";
    join_intro: "Kerro, mitä palvelua edustat. Tehtävänimike on vapaaehtoinen; asiakkaiden tunnistetietoja ei käytetä.", "Ange vilken tjänst du representerar. Yrkestiteln är frivillig; inga klientuppgifter används.", "Say which service you represent. A job title is optional; no client identifiers are used.";
    join_service: "Palvelu, jota edustat", "Tjänst som du representerar", "Service you represent";
    join_service_choose: "Valitse palvelu", "Välj tjänst", "Choose a service";
    join_name: "Tehtävänimike (vapaaehtoinen)", "Yrkestitel (frivilligt)", "Job title (optional)";
    join_name_hint: "Esim. sosiaaliohjaaja. Näkyy muille osallistujille. Henkilöiden nimiä ei käytetä.", "T.ex. socialhandledare. Syns för andra deltagare. Personnamn används inte.", "E.g. social counsellor. Shown to other participants. Personal names are not used.";
    join_button: "Liity", "Gå med", "Join";
    joining: "Liitytään…", "Går med…", "Joining…";
    join_as_chair: "Avasit puheenjohtajan linkin.", "Du öppnade ordförandens länk.", "You opened the chair's link.";
    join_name_rejected: "Tätä ei hyväksytty, koska se näyttää henkilön nimeltä. Henkilöiden nimiä ei käytetä – jätä kenttä tyhjäksi tai kirjoita tehtävänimike, esim. sosiaaliohjaaja.", "Detta godtogs inte eftersom det ser ut som ett personnamn. Personnamn används inte – lämna fältet tomt eller skriv en yrkestitel, t.ex. socialhandledare.", "This was not accepted because it looks like a personal name. Personal names are not used – leave it empty or write a job title, e.g. social counsellor.";
    join_need_service: "Valitse palvelu ennen liittymistä.", "Välj en tjänst innan du går med.", "Choose a service before joining.";
    required: "pakollinen", "obligatorisk", "required";
    // Header / meeting
    role_chair: "Puheenjohtaja", "Ordförande", "Chair";
    role_participant: "Osallistuja", "Deltagare", "Participant";
    phase_ended: "Päättynyt", "Avslutat", "Ended";
    meeting_left: "Kokousaikaa jäljellä", "Mötestid kvar", "Meeting time left";
    meeting_over_time: "Kokous on ylittänyt aikansa", "Mötet har dragit över tiden", "The meeting is over time";
    starts_at: "Alkaa klo", "Börjar kl.", "Starts at";
    ended_note: "Kokous on päättynyt. Sivu on vain luettavissa.", "Mötet har avslutats. Sidan är skrivskyddad.", "The meeting has ended. This page is read-only.";
    screen_link: "Avaa jaettava näyttö", "Öppna delad skärm", "Open shared-screen view";
    screen_link_hint: "Avautuu uuteen välilehteen; jaa se Teamsissa.", "Öppnas i en ny flik; dela den i Teams.", "Opens in a new tab; share it in Teams.";
    feedback_link: "Anna kokouksesta nimetöntä palautetta", "Ge anonym respons om mötet", "Give anonymous feedback on the meeting";
    quick_link: "Avaa pikakonsultaatio", "Öppna en snabbkonsultation", "Open a quick consultation";
    quick_room: "Pikakonsultaatio", "Snabbkonsultation", "Quick consultation";
    copy_participant_link: "Kopioi osallistujien linkki", "Kopiera deltagarlänken", "Copy the participant link";
    participant_link_copied: "Osallistujien linkki kopioitu.", "Deltagarlänken kopierad.", "Participant link copied.";
    // Current item / timer
    now_presenting: "Nyt käsittelyssä", "Behandlas nu", "Now presenting";
    nothing_presenting: "Mitään asiaa ei käsitellä juuri nyt.", "Inget ärende behandlas just nu.", "Nothing is being presented right now.";
    time_left: "Aikaa jäljellä", "Tid kvar", "Time left";
    overrun: "Aika ylitetty", "Tiden har överskridits", "Over time";
    paused: "Tauolla", "Pausad", "Paused";
    question_label: "Kysymys verkostolle", "Fråga till nätverket", "Question to the network";
    summary_label: "Tiivistelmä", "Sammanfattning", "Summary";
    presented_by: "Esittää", "Presenteras av", "Presented by";
    services_wanted: "Toivotut palvelut", "Önskade tjänster", "Services wanted";
    // Agenda
    agenda: "Esityslista", "Föredragningslista", "Agenda";
    agenda_empty: "Esityslistalla ei ole vielä asioita.", "Det finns ännu inga ärenden på listan.", "No items on the agenda yet.";
    minutes_short: "min", "min", "min";
    allotted: "Aikaa varattu", "Tilldelad tid", "Allotted";
    used: "Käytetty", "Använt", "Used";
    yours: "oma", "ditt", "yours";
    outcome_recorded: "Tulos kirjattu", "Resultat antecknat", "Outcome recorded";
    // Representation
    representation: "Palvelut paikalla", "Tjänster på plats", "Services present";
    missing_required: "Puuttuu", "Saknas", "Missing";
    present: "Paikalla", "På plats", "Present";
    all_required_present: "Kaikki pakolliset palvelut ovat paikalla.", "Alla obligatoriska tjänster är på plats.", "All required services are present.";
    missing_services: "Puuttuvat palvelut", "Tjänster som saknas", "Missing services";
    optional: "valinnainen", "valfri", "optional";
    // Attendance patterns (issue 12): required services over the centre's last six meetings
    attendance_title: "Palvelujen osallistuminen", "Tjänsternas närvaro", "Attendance by service";
    attendance_intro: "Pakolliset palvelut keskuksen viimeisimmissä pidetyissä tapaamisissa (enintään kuusi).", "Obligatoriska tjänster vid centralens senaste hållna möten (högst sex).", "Required services at the centre's latest meetings held (up to six).";
    attendance_service: "Palvelu", "Tjänst", "Service";
    attendance_present: "Paikalla", "Närvarande", "Attended";
    attendance_mark_present: "paikalla", "närvarande", "present";
    attendance_mark_missed: "poissa", "frånvarande", "missed";
    attendance_mark_not_listed: "ei palveluluettelossa", "inte i tjänstekatalogen", "not in the catalogue";
    attendance_key: "Ruudut tapaamisittain vanhimmasta uusimpaan: ✓ paikalla, ✗ poissa, – ei silloin palveluluettelossa. ⚠ = poissa vähintään kolme kertaa peräkkäin viimeisimpään tapaamiseen asti.", "Rutorna per möte från det äldsta till det senaste: ✓ närvarande, ✗ frånvarande, – inte i tjänstekatalogen då. ⚠ = frånvarande minst tre gånger i rad fram till det senaste mötet.", "Squares per meeting, oldest first: ✓ present, ✗ missed, – not in the catalogue then. ⚠ = missed at least three in a row up to the latest meeting.";
    attendance_none: "Keskuksella ei ole vielä pidettyjä tapaamisia.", "Centralen har ännu inga hållna möten.", "The centre has no meetings held yet.";
    attendance_failed: "Osallistumistietoja ei saatu.", "Närvarouppgifterna kunde inte hämtas.", "The attendance could not be loaded.";
    // Hands
    hands: "Puheenvuorot", "Begärda ordet", "Raised hands";
    no_hands: "Ei pyydettyjä puheenvuoroja.", "Ingen har begärt ordet.", "No raised hands.";
    raise_hand: "Pyydä puheenvuoroa", "Begär ordet", "Raise hand";
    lower_hand: "Laske käsi", "Sänk handen", "Lower hand";
    hand_is_up: "Kätesi on ylhäällä.", "Din hand är uppe.", "Your hand is up.";
    hand_needs_item: "Puheenvuoroa voi pyytää, kun asia on käsittelyssä.", "Du kan begära ordet när ett ärende behandlas.", "You can raise a hand while an item is presented.";
    give_floor: "Anna puheenvuoro (laske käsi)", "Ge ordet (sänk handen)", "Give the floor (lower hand)";
    // Submit form
    submit_title: "Tuo asia käsiteltäväksi", "Lämna in ett ärende", "Bring a matter to the meeting";
    submit_rule: "Älä kirjoita asiakkaan tunnistetietoja: ei nimiä, henkilötunnuksia, osoitteita, puhelinnumeroita eikä syntymäaikoja. Ikä, alue ja diagnoosi ovat sallittuja.", "Skriv inga klientuppgifter: inga namn, personbeteckningar, adresser, telefonnummer eller födelsedatum. Ålder, område och diagnos är tillåtna.", "Do not write client identifiers: no names, personal identity codes, addresses, phone numbers or birth dates. Age, district and diagnosis are fine.";
    kind_label: "Asian laji", "Typ av ärende", "Kind of matter";
    title_label: "Otsikko", "Rubrik", "Title";
    title_hint: "Lyhyt kuvaus, esim. ”Iäkäs asiakas, toistuvat päivystyskäynnit”.", "Kort beskrivning, t.ex. ”Äldre klient, upprepade jourbesök”.", "A short description, e.g. “Older client, repeated emergency visits”.";
    summary_field: "Anonyymi tiivistelmä", "Anonym sammanfattning", "Anonymous summary";
    question_field: "Kysymys verkostolle", "Fråga till nätverket", "Question to the network";
    services_field: "Palvelut, joiden näkemystä toivot", "Tjänster vars syn du önskar", "Services whose view you want";
    themes_field: "Teemat (vapaaehtoinen)", "Teman (frivilligt)", "Themes (optional)";
    submit_button: "Lähetä esityslistalle", "Skicka till listan", "Send to the agenda";
    sending: "Lähetetään…", "Skickar…", "Sending…";
    submitted_ok: "Asia on lisätty esityslistalle.", "Ärendet har lagts till på listan.", "The matter is on the agenda.";
    check_marked: "Tarkista merkityt kohdat – ne näyttävät tunnistetiedoilta:", "Kontrollera de markerade delarna – de ser ut som identifierande uppgifter:", "Check the marked parts – they look like identifiers:";
    rejected_identifiers: "Lähetys hylättiin: tekstissä on tunnistetietoja. Mitään ei tallennettu. Poista merkityt kohdat ja lähetä uudelleen – tekstisi on tallessa.", "Inskickningen avvisades: texten innehåller identifierande uppgifter. Inget sparades. Ta bort de markerade delarna och skicka igen – din text finns kvar.", "The submission was rejected: the text contains identifiers. Nothing was stored. Remove the marked parts and send again – your text is kept.";
    lost_on_disconnect: "Yhteys katkesi ennen vahvistusta. Tarkista esityslistalta, menikö asia perille; tekstisi on tallessa.", "Anslutningen bröts före bekräftelsen. Kontrollera listan; din text finns kvar.", "The connection dropped before confirmation. Check the agenda; your text is kept.";
    field_required: "Pakollinen kenttä", "Obligatoriskt fält", "Required field";
    // Identifier kinds
    id_other: "tunnistetieto", "identifierande uppgift", "identifier";
    // Chair
    chair_controls: "Puheenjohtajan ohjaimet", "Ordförandens kontroller", "Chair controls";
    confirm_agenda: "Vahvista esityslista", "Bekräfta listan", "Confirm the agenda";
    confirmed_badge: "Esityslista vahvistettu", "Listan bekräftad", "Agenda confirmed";
    start_meeting: "Aloita ensimmäinen asia", "Börja med första ärendet", "Start the first item";
    start_item: "Aloita", "Börja", "Start";
    next_item: "Seuraava asia", "Nästa ärende", "Next item";
    finish_item: "Päätä asia", "Avsluta ärendet", "Finish item";
    pause: "Tauko", "Paus", "Pause";
    resume: "Jatka", "Fortsätt", "Resume";
    extend: "Lisää aikaa", "Mer tid", "Add time";
    defer: "Siirrä seuraavaan kokoukseen", "Flytta till nästa möte", "Defer to next meeting";
    withdraw: "Peru", "Återta", "Withdraw";
    move_up: "Siirrä ylemmäs", "Flytta upp", "Move up";
    move_down: "Siirrä alemmas", "Flytta ned", "Move down";
    drag_hint: "Järjestä vetämällä tai nuolipainikkeilla.", "Ordna genom att dra eller med pilknapparna.", "Reorder by dragging or with the arrow buttons.";
    end_meeting: "Päätä kokous", "Avsluta mötet", "End meeting";
    end_confirm: "Haluatko varmasti päättää kokouksen? Jonossa olevat asiat siirtyvät seuraavaan kokoukseen.", "Vill du avsluta mötet? Ärenden i kön flyttas till nästa möte.", "End the meeting? Queued items move to the next meeting.";
    end_yes: "Kyllä, päätä kokous", "Ja, avsluta mötet", "Yes, end the meeting";
    cancel: "Peruuta", "Avbryt", "Cancel";
    // Outcome
    outcome_title: "Tulos", "Resultat", "Outcome";
    outcome_for: "Asia", "Ärende", "Item";
    advice: "Verkoston neuvot", "Nätverkets råd", "Advice from the network";
    next_steps: "Jatkotoimet", "Nästa steg", "Next steps";
    services_to_involve: "Mukaan otettavat palvelut", "Tjänster som ska involveras", "Services to involve";
    follow_up: "Tuodaan uudelleen seurantaan", "Tas upp igen för uppföljning", "Bring back for follow-up";
    save_outcome: "Tallenna tulos", "Spara resultat", "Save outcome";
    outcome_saved: "Tulos tallennettu.", "Resultatet har sparats.", "Outcome saved.";
    no_outcome_items: "Tulos kirjataan asialle, joka on ollut käsittelyssä.", "Resultat antecknas för ett ärende som har behandlats.", "An outcome is recorded for an item that has been presented.";
    // Screen
    next_up: "Seuraavaksi", "Härnäst", "Next up";
    nothing_next: "Ei muita asioita jonossa.", "Inga fler ärenden i kön.", "No more items queued.";
    meetings: "Kokoukset", "Möten", "Meetings";
    time_zone: "Aikavyöhyke", "Tidszon", "Time zone";
    remove: "Poista", "Ta bort", "Remove";
    // Errors by code
    err_generic: "Toiminto ei onnistunut.", "Åtgärden misslyckades.", "The action failed.";
    err_not_chair: "Vain puheenjohtaja voi tehdä tämän.", "Endast ordföranden kan göra detta.", "Only the chair can do this.";
    err_not_joined: "Liity kokoukseen ensin.", "Gå med i mötet först.", "Join the meeting first.";
    err_wrong_state: "Tämä ei käy kokouksen nykyisessä tilanteessa.", "Detta går inte i mötets nuvarande läge.", "This does not fit the meeting's current state.";
    err_invalid_field: "Tarkista kentät: jokin on tyhjä tai liian pitkä, tai siinä on tekstin suuntaa vaihtavia ohjausmerkkejä, jotka voivat naamioida tekstin. Mitään ei tallennettu.", "Kontrollera fälten: något är tomt eller för långt, eller innehåller styrtecken för textriktning, som kan dölja vad texten säger. Inget sparades.", "Check the fields: something is empty or too long, or holds direction-control characters, which can disguise what a text says. Nothing was saved.";
    err_guard_unavailable: "Tunnistesuoja ei ole juuri nyt käytettävissä, joten tekstiä ei voitu tarkistaa. Mitään ei tallennettu; tekstisi on tallessa. Yritä hetken kuluttua uudelleen.", "Identifieringsskyddet är inte tillgängligt just nu, så texten kunde inte kontrolleras. Inget sparades; din text finns kvar. Försök igen om en stund.", "The identifier guard is not available right now, so the text could not be checked. Nothing was saved; your text is kept. Try again in a moment.";
    err_rate_limited: "Liian monta viestiä. Odota hetki.", "För många meddelanden. Vänta en stund.", "Too many messages. Wait a moment.";
    err_limit_reached: "Kokouksen raja tuli vastaan (esim. asioiden, osallistujien tai yhteyksien enimmäismäärä). Mitään ei muutettu.", "En gräns för mötet nåddes (t.ex. högsta antal ärenden, deltagare eller anslutningar). Inget ändrades.", "A limit of the meeting was reached (e.g. the most items, participants or connections). Nothing was changed.";
    err_storage_unavailable: "Tallennus ei juuri nyt onnistu, joten mitään ei muutettu. Tekstisi on tallessa; yritä hetken kuluttua uudelleen.", "Det går inte att spara just nu, så inget ändrades. Din text finns kvar; försök igen om en stund.", "Saving is not possible right now, so nothing was changed. Your text is kept; try again in a moment.";
    err_unknown_service: "Palvelua ei löydy keskuksen luettelosta.", "Tjänsten finns inte i centralens förteckning.", "That service is not in the centre's catalogue.";
    err_unknown_item: "Asiaa ei löydy.", "Ärendet hittades inte.", "No such item.";
    err_not_allowed: "Sinulla ei ole tähän oikeutta: vain puheenjohtaja, asian esittäjä tai tuloksissa kirjuri voi tehdä tämän.", "Du har inte rätt till detta: endast ordföranden, den som lagt fram ärendet eller, för resultat, sekreteraren kan göra detta.", "You are not allowed to do this: only the chair, the presenter or, for outcomes, the scribe can.";
    err_internal: "Palvelimella tapahtui virhe; mitään ei muutettu. Yritä uudelleen.", "Ett serverfel inträffade; inget ändrades. Försök igen.", "A server error occurred; nothing was changed. Try again.";
    close: "Sulje", "Stäng", "Close";
    // Announcements
    ann_started: "Käsittelyyn tuli", "Nu behandlas", "Now presenting";
    ann_overran: "Aika ylittyi", "Tiden överskreds", "Time is up";
    ann_one_minute: "Minuutti jäljellä", "En minut kvar", "One minute left";
    ann_paused: "Kello pysäytetty", "Klockan pausad", "Clock paused";
    ann_resumed: "Kello käynnissä", "Klockan går", "Clock running";
    ann_extended: "Aikaa lisätty", "Mer tid har lagts till", "Time added";
    ann_ended: "Kokous päättyi", "Mötet avslutades", "The meeting ended";
    ann_hand: "Puheenvuoropyyntö", "Begäran om ordet", "Hand raised";
    // The live meeting as the chair lives it (meeting pages)
    skip_to_controls: "Siirry puheenjohtajan ohjaimiin", "Hoppa till ordförandens kontroller", "Skip to chair controls";
    hand_dropped: "Kätesi laskettiin, koska käsiteltävä asia vaihtui. Nosta se uudelleen, jos haluat yhä puheenvuoron.", "Din hand sänktes eftersom ärendet byttes. Räck upp den igen om du fortfarande vill ha ordet.", "Your hand was lowered because the item changed. Raise it again if you still want the floor.";
    hand_given: "Puheenjohtaja antoi sinulle puheenvuoron.", "Ordföranden gav dig ordet.", "The chair gave you the floor.";
    defer_confirm: "Siirretäänkö asia seuraavaan kokoukseen?", "Flytta ärendet till nästa möte?", "Move the item to the next meeting?";
    defer_yes: "Kyllä, siirrä", "Ja, flytta", "Yes, defer";
    withdraw_confirm: "Perutaanko asia esityslistalta?", "Ta bort ärendet från listan?", "Take the item off the agenda?";
    withdraw_yes: "Kyllä, peru asia", "Ja, ta bort", "Yes, withdraw";
    undo: "Kumoa", "Ångra", "Undo";
    carried_over: "Aiemmasta kokouksesta", "Från ett tidigare möte", "From an earlier meeting";
    carried_follow_up: "Seurantaan palaava", "Återkommer för uppföljning", "Back for follow-up";
    history: "Aiemmat käsittelyt", "Tidigare behandlingar", "Earlier turns";
    wanted_absent: "Toivottu palvelu ei ole paikalla", "Önskad tjänst är inte på plats", "A wanted service is not present";
    next_preview: "Seuraavana vuorossa", "Står näst på tur", "Next in turn";
    edit: "Muokkaa", "Redigera", "Edit";
    save_changes: "Tallenna muutokset", "Spara ändringarna", "Save changes";
    redact: "Poista teksti", "Ta bort texten", "Remove the text";
    redact_confirm: "Poistetaanko asian teksti pysyvästi (esim. tunnistetieto, joka pääsi läpi)? Asia jää listalle ilman tekstiä.", "Ta bort ärendets text permanent (t.ex. en identifierande uppgift som slank igenom)? Ärendet blir kvar utan text.", "Remove the item's text for good (e.g. an identifier that slipped through)? The item stays without its text.";
    recorded_outcome: "Kirjattu tulos", "Antecknat resultat", "Recorded outcome";
    redacted_text: "[teksti poistettu]", "[texten borttagen]", "[text removed]";
    ann_undone: "Puheenjohtaja kumosi edellisen toiminnon", "Ordföranden ångrade den senaste åtgärden", "The chair undid the last action";
    edited_tag: "muokattu", "redigerad", "edited";
    // Only the coordinator's page uses these: in the meeting's module they are empty.
    @coordinator {
        phase_running: "Käynnissä", "Pågår", "In progress";
        chart_attendance_pattern: "Pakolliset palvelut kuudessa viimeisimmässä tapaamisessa", "Obligatoriska tjänster vid de sex senaste mötena", "Required services at the last six meetings";
        // Coordinator
        coord_title: "Koordinaattori", "Koordinator", "Coordinator";
        coord_intro: "Luo kokouksia ja kopioi niiden linkit. Tarvitset koordinaattorin tunnuksen.", "Skapa möten och kopiera deras länkar. Du behöver koordinatorns token.", "Create meetings and copy their links. You need the coordinator token.";
        coord_token: "Koordinaattorin tunnus", "Koordinatorns token", "Coordinator token";
        coord_sign_in: "Kirjaudu", "Logga in", "Sign in";
        coord_sign_out: "Kirjaudu ulos", "Logga ut", "Sign out";
        coord_bad_token: "Tunnus ei kelpaa.", "Token är ogiltig.", "The token is not valid.";
        coord_error: "Palvelin ei vastannut odotetusti.", "Servern svarade inte som väntat.", "The server did not answer as expected.";
        centres: "Keskukset", "Centraler", "Centres";
        centre: "Keskus", "Central", "Centre";
        no_meetings: "Ei kokouksia.", "Inga möten.", "No meetings.";
        new_meeting: "Uusi kokous", "Nytt möte", "New meeting";
        starts_field: "Alkamisaika", "Starttid", "Start time";
        starts_hint: "Tyhjä = nyt", "Tomt = nu", "Empty = now";
        duration_field: "Kesto (min)", "Längd (min)", "Duration (min)";
        title_field_optional: "Otsikko (vapaaehtoinen)", "Rubrik (frivillig)", "Title (optional)";
        create: "Luo kokous", "Skapa möte", "Create meeting";
        created: "Kokous luotu.", "Mötet har skapats.", "Meeting created.";
        chair_link: "Puheenjohtajan linkki", "Ordförandens länk", "Chair link";
        participant_link: "Osallistujien linkki", "Deltagarlänk", "Participant link";
        // (Soft hyphens: the long word breaks at its parts in the coordinator's narrow label column.)
        deputy_link: "Vara\u{AD}puheen\u{AD}johtajan linkki", "Vice ordförandens länk", "Deputy chair link";
        copy: "Kopioi", "Kopiera", "Copy";
        copied: "Kopioitu", "Kopierad", "Copied";
        open: "Avaa", "Öppna", "Open";
        // Coordinator: views, centres, meetings, reports
        coord_views: "Koordinaattorin näkymät", "Koordinatorns vyer", "Coordinator views";
        centre_settings: "Keskuksen asetukset", "Centralens inställningar", "Centre settings";
        reports: "Raportit", "Rapporter", "Reports";
        new_centre: "Uusi keskus", "Ny central", "New centre";
        centre_name: "Keskuksen nimi", "Centralens namn", "Centre name";
        centre_id: "Tunniste", "Identifierare", "Identifier";
        centre_id_hint: "Muodostuu nimestä; voit muokata sitä. Näkyy osoitteissa. 2–40 merkkiä: a–z, 0–9, - tai _. Ei voi muuttaa myöhemmin.", "Bildas av namnet; du kan ändra den. Syns i adresser. 2–40 tecken: a–z, 0–9, - eller _. Kan inte ändras senare.", "Made from the name; you can edit it. Used in addresses. 2–40 characters: a–z, 0–9, - or _. Cannot be changed later.";
        required_note: "Tähdellä merkityt kentät ovat pakollisia.", "Fält markerade med asterisk är obligatoriska.", "Fields marked with an asterisk are required.";
        time_zone_hint: "IANA-nimi, esim. Europe/Helsinki.", "IANA-namn, t.ex. Europe/Helsinki.", "IANA name, e.g. Europe/Helsinki.";
        catalogue: "Palveluluettelo", "Tjänsteförteckning", "Service catalogue";
        catalogue_hint: "Pakolliset palvelut odotetaan jokaiseen kokoukseen; puheenjohtaja näkee, mitkä puuttuvat. Muutos koskee uusia kokouksia.", "Obligatoriska tjänster förväntas vid varje möte; ordföranden ser vilka som saknas. Ändringen gäller nya möten.", "Required services are expected at every meeting; the chair sees which are missing. Changes apply to new meetings.";
        name_fi: "Nimi suomeksi", "Namn på finska", "Name in Finnish";
        name_sv: "Nimi ruotsiksi", "Namn på svenska", "Name in Swedish";
        name_en: "Nimi englanniksi", "Namn på engelska", "Name in English";
        required_col: "Pakollinen", "Obligatorisk", "Required";
        add_service: "Lisää palvelu", "Lägg till tjänst", "Add service";
        new_service: "uusi palvelu", "ny tjänst", "new service";
        allowlist: "Sallitut sanat", "Tillåtna ord", "Allowed words";
        allowlist_hint: "Sanat, joita tunnistesuoja ei pidä tunnistetietoina (esim. paikkojen ja palvelujen nimet). Yksi riville.", "Ord som identifieringsskyddet inte ska tolka som identifierande uppgifter (t.ex. namn på platser och tjänster). Ett per rad.", "Words the identifier guard should not treat as identifiers (e.g. names of places and services). One per line.";
        schedule: "Toistuva kokousaika", "Återkommande mötestid", "Recurring meeting time";
        schedule_on: "Keskus kokoontuu kerran kuukaudessa", "Centralen möts en gång i månaden", "The centre meets once a month";
        week_field: "Kuukauden viikko", "Veckan i månaden", "Week of the month";
        week_1: "ensimmäinen", "första", "first";
        week_2: "toinen", "andra", "second";
        week_3: "kolmas", "tredje", "third";
        week_4: "neljäs", "fjärde", "fourth";
        week_last: "viimeinen", "sista", "last";
        weekday_field: "Viikonpäivä", "Veckodag", "Weekday";
        mon: "maanantai", "måndag", "Monday";
        tue: "tiistai", "tisdag", "Tuesday";
        wed: "keskiviikko", "onsdag", "Wednesday";
        thu: "torstai", "torsdag", "Thursday";
        fri: "perjantai", "fredag", "Friday";
        sat: "lauantai", "lördag", "Saturday";
        sun: "sunnuntai", "söndag", "Sunday";
        start_time: "Alkaa klo", "Börjar kl.", "Starts at";
        each_month: "kuukaudessa", "i månaden", "of each month";
        no_schedule: "Ei toistuvaa kokousaikaa.", "Ingen återkommande mötestid.", "No recurring meeting time.";
        ahead_field: "Luodaan valmiiksi (kokousta)", "Skapas i förväg (möten)", "Created ahead (meetings)";
        ahead_hint: "Montako tulevaa kokousta pidetään luotuna ja kalenterissa (1–12).", "Hur många kommande möten som hålls skapade och i kalendern (1–12).", "How many upcoming meetings are kept created and in the calendar (1–12).";
        save: "Tallenna", "Spara", "Save";
        saved: "Tallennettu.", "Sparat.", "Saved.";
        feed_url: "Kalenterisyöte (Outlook)", "Kalenderflöde (Outlook)", "Calendar feed (Outlook)";
        feed_hint: "Outlookissa: Lisää kalenteri → Internetistä → liitä osoite. Älä jaa osoitetta julkisesti.", "I Outlook: Lägg till kalender → Från internet → klistra in adressen. Dela inte adressen offentligt.", "In Outlook: Add calendar → From internet → paste the address. Do not share it publicly.";
        err_name: "Anna keskukselle nimi (enintään 100 merkkiä).", "Ange ett namn för centralen (högst 100 tecken).", "Give the centre a name (at most 100 characters).";
        err_id: "Tunnisteessa pitää olla 2–40 merkkiä: a–z, 0–9, - tai _.", "Identifieraren ska ha 2–40 tecken: a–z, 0–9, - eller _.", "The identifier must be 2–40 characters: a–z, 0–9, - or _.";
        err_no_services: "Lisää vähintään yksi palvelu.", "Lägg till minst en tjänst.", "Add at least one service.";
        err_service_names: "Anna jokaiselle palvelulle nimi kaikilla kolmella kielellä.", "Ange ett namn på alla tre språk för varje tjänst.", "Give every service a name in all three languages.";
        err_time: "Anna alkamisaika muodossa TT:MM.", "Ange starttiden som TT:MM.", "Give the start time as HH:MM.";
        err_numbers: "Tarkista kesto (10–240 min) ja luotavien kokousten määrä (1–12).", "Kontrollera längden (10–240 min) och antalet möten i förväg (1–12).", "Check the duration (10–240 min) and the number of meetings ahead (1–12).";
        err_exists: "Tällä tunnisteella on jo keskus.", "Det finns redan en central med denna identifierare.", "A centre with this identifier already exists.";
        err_rejected: "Palvelin ei hyväksynyt tietoja:", "Servern godtog inte uppgifterna:", "The server did not accept the data:";
        coord_identifier_found: "Tunnistesuoja löysi tekstistä asiakkaan tunnistetietoja, joten mitään ei tallennettu. Poista ne. Keskuksen omia nimiä ja osoitteita voi lisätä sallittuihin sanoihin, mutta ei henkilötunnusta, puhelinnumeroa, sähköpostiosoitetta, tilinumeroa, syntymäaikaa eikä asiakasnumeroa.", "Identifieringsskyddet hittade klientuppgifter i texten, så inget sparades. Ta bort dem. Centralens egna namn och adresser kan läggas till bland de tillåtna orden, men inte personbeteckningar, telefonnummer, e-postadresser, kontonummer, födelsedatum eller kundnummer.", "The identifier guard found client identifiers in the text, so nothing was saved. Remove them. The centre's own names and addresses can go in the allowed words, but never an identity code, phone number, e-mail address, account number, birth date or customer number.";
        coord_guard_unavailable: "Tunnistesuoja ei ole juuri nyt käytettävissä, joten mitään ei tarkistettu, tallennettu eikä viety. Yritä hetken kuluttua uudelleen.", "Identifieringsskyddet är inte tillgängligt just nu, så inget kontrollerades, sparades eller exporterades. Försök igen om en stund.", "The identifier guard is not available right now, so nothing was checked, saved or exported. Try again in a moment.";
        upcoming: "Tulevat kokoukset", "Kommande möten", "Upcoming meetings";
        past: "Menneet kokoukset", "Tidigare möten", "Past meetings";
        state_open: "Tulossa", "Kommande", "Scheduled";
        state_cancelled: "Peruttu", "Inställt", "Cancelled";
        holiday: "Pyhäpäivä", "Helgdag", "Public holiday";
        holiday_hint: "Siirrä kokous toiseen päivään.", "Flytta mötet till en annan dag.", "Move the meeting to another day.";
        move_meeting: "Siirrä", "Flytta", "Move";
        new_time: "Uusi alkamisaika", "Ny starttid", "New start time";
        local_time_hint: "Keskuksen aikavyöhykkeellä:", "I centralens tidszon:", "In the centre's time zone:";
        carried_into: "Aiemmista kokouksista siirtyneitä asioita:", "Ärenden överförda från tidigare möten:", "Items carried over from earlier meetings:";
        save_time: "Tallenna uusi aika", "Spara ny tid", "Save new time";
        moved: "Kokous siirretty.", "Mötet har flyttats.", "Meeting moved.";
        cancel_meeting: "Peru kokous", "Ställ in mötet", "Cancel meeting";
        cancel_confirm: "Perutaanko kokous? Esityslistan asiat siirtyvät keskuksen seuraavaan kokoukseen.", "Ställa in mötet? Ärendena på listan flyttas till centralens nästa möte.", "Cancel the meeting? Its agenda items move to the centre's next meeting.";
        cancel_yes: "Kyllä, peru kokous", "Ja, ställ in mötet", "Yes, cancel the meeting";
        back: "Takaisin", "Tillbaka", "Back";
        cancelled_ok: "Kokous peruttu.", "Mötet har ställts in.", "Meeting cancelled.";
        // Replacing (rotating) links: the old one stops at once, open meetings included.
        rotate_chair: "Vaihda puheenjohtajan linkki", "Byt ordförandens länk", "Replace the chair link";
        rotate_participant: "Vaihda osallistujien linkki", "Byt deltagarnas länk", "Replace the participant link";
        rotate_deputy: "Vaihda varapuheenjohtajan linkki", "Byt vice ordförandens länk", "Replace the deputy chair link";
        rotate_deputy_yes: "Kyllä, vaihda varapuheenjohtajan linkki", "Ja, byt vice ordförandens länk", "Yes, replace the deputy chair link";
        rotated_deputy: "Varapuheenjohtajan linkki vaihdettu; vanha ei enää toimi.", "Vice ordförandens länk har bytts; den gamla fungerar inte längre.", "Deputy chair link replaced; the old one no longer works.";
        rotate_confirm: "Vanha linkki lakkaa toimimasta heti, myös niillä, joilla kokous on nyt auki. Jaa uusi linkki niille, jotka sitä tarvitsevat.", "Den gamla länken slutar fungera genast, även för dem som har mötet öppet nu. Dela den nya länken med dem som behöver den.", "The old link stops working at once, also for those who have the meeting open now. Share the new link with those who need it.";
        rotate_chair_yes: "Kyllä, vaihda puheenjohtajan linkki", "Ja, byt ordförandens länk", "Yes, replace the chair link";
        rotate_participant_yes: "Kyllä, vaihda osallistujien linkki", "Ja, byt deltagarnas länk", "Yes, replace the participant link";
        rotated_chair: "Puheenjohtajan linkki vaihdettu; vanha ei enää toimi.", "Ordförandens länk har bytts; den gamla fungerar inte längre.", "Chair link replaced; the old one no longer works.";
        rotated_participant: "Osallistujien linkki vaihdettu; vanha ei enää toimi.", "Deltagarnas länk har bytts; den gamla fungerar inte längre.", "Participant link replaced; the old one no longer works.";
        rotate_feed: "Vaihda kalenterisyötteen osoite", "Byt kalenderflödets adress", "Replace the calendar feed address";
        rotate_feed_confirm: "Vanha osoite lakkaa toimimasta heti: sen tilanneet kalenterit eivät päivity, ennen kuin niihin lisätään uusi osoite.", "Den gamla adressen slutar fungera genast: kalendrar som prenumererar på den uppdateras inte förrän den nya adressen läggs till.", "The old address stops working at once: calendars subscribed to it stop updating until the new address is added.";
        rotate_feed_yes: "Kyllä, vaihda osoite", "Ja, byt adressen", "Yes, replace the address";
        rotated_feed: "Kalenterisyötteen osoite vaihdettu; vanha ei enää toimi.", "Kalenderflödets adress har bytts; den gamla fungerar inte längre.", "Calendar feed address replaced; the old one no longer works.";
        links_until: "Linkit toimivat asti:", "Länkarna fungerar till:", "The links work until:";
        links_expired: "Kokouksen linkit ovat vanhentuneet. Muistion saa yhä täältä.", "Mötets länkar har gått ut. Protokollet finns fortfarande här.", "The meeting's links have expired. The minutes are still available here.";
        err_started: "Kokous on jo alkanut tai päättynyt, joten sitä ei voi siirtää eikä perua.", "Mötet har redan börjat eller avslutats och kan inte flyttas eller ställas in.", "The meeting has already started or ended, so it cannot be moved or cancelled.";
        err_when: "Anna päivä ja kellonaika.", "Ange datum och klockslag.", "Give a date and time.";
        minutes_doc: "Muistio", "Protokoll", "Minutes";
        open_minutes: "Avaa muistio", "Öppna protokollet", "Open the minutes";
        close_minutes: "Sulje muistio", "Stäng protokollet", "Close the minutes";
        minutes_zone: "Muistion kellonajat ovat keskuksen aikavyöhykkeellä:", "Klockslagen i protokollet är i centralens tidszon:", "The minutes give times in the centre's time zone:";
        download: "Lataa", "Ladda ned", "Download";
        downloaded: "Tiedosto ladattu:", "Filen har laddats ned:", "File downloaded:";
        err_blocked: "Tunnistesuoja esti viennin; mitään ei viety. Ilmoita asiasta ylläpidolle.", "Identifieringsskyddet stoppade exporten; inget exporterades. Meddela administratören.", "The identifier guard stopped the export; nothing was exported. Tell the administrator.";
        err_download: "Lataus ei onnistunut.", "Nedladdningen misslyckades.", "The download failed.";
        all_centres: "Kaikki keskukset", "Alla centraler", "All centres";
        date_from: "Alkaen", "Från", "From";
        date_to: "Päättyen", "Till", "To";
        show_charts: "Näytä kaaviot", "Visa diagram", "Show charts";
        download_csv: "Lataa CSV (Excel)", "Ladda ned CSV (Excel)", "Download CSV (Excel)";
        download_json: "Lataa JSON", "Ladda ned JSON", "Download JSON";
        err_range: "Anna alku- ja loppupäivä; alku ei voi olla lopun jälkeen.", "Ange start- och slutdatum; start kan inte vara efter slut.", "Give a start and end date; the start cannot be after the end.";
        no_held: "Aikavälillä ei pidetty kokouksia.", "Inga möten hölls under perioden.", "No meetings were held in the period.";
        meetings_held: "Pidettyjä kokouksia", "Hållna möten", "Meetings held";
        items_handled: "Asioita", "Ärenden", "Items";
        avg_min: "Keskimäärin min / asia", "I medeltal min / ärende", "Average min per item";
        all_required_share: "Kaikki pakolliset paikalla", "Alla obligatoriska närvarande", "All required present";
        follow_ups: "Seurantaan", "Uppföljning", "Follow-ups";
        deferred: "Siirretty", "Flyttade", "Deferred";
        chart_attendance: "Palvelut paikalla kokouksittain", "Tjänster närvarande per möte", "Services present per meeting";
        chart_attendance_key: "Täytetty ruutu ja luku: paikalla olleiden määrä. Rasti: ei paikalla. Paksu kehys ja * : pakollinen palvelu.", "Fylld ruta och tal: antal närvarande. Kryss: inte närvarande. Tjock ram och *: obligatorisk tjänst.", "Filled square with number: people present. Cross: not present. Thick frame and *: required service.";
        chart_rate: "Osallistumisaste palveluittain", "Deltagandegrad per tjänst", "Attendance rate per service";
        chart_themes: "Teemat", "Teman", "Themes";
        chart_kinds: "Asiat lajeittain", "Ärenden per typ", "Items by kind";
        chart_time: "Käsittelyaika asiaa kohden", "Behandlingstid per ärende", "Time per item";
    }
}

/// The strings of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// A catalogue service's name in `lang`.
pub fn service_name(lang: Lang, s: &Service) -> &str {
    lang.service(s)
}

/// A service's display name in the meeting's catalogue, "Kokemusasiantuntija" or "Vieras" for
/// the ids experts by experience and guests join with, the id if it is not there.
pub fn service_label(room: &RoomState, lang: Lang, id: &ServiceId) -> String {
    if let Some(word) = lang.standing(Standing::of(id)) {
        return word.to_owned();
    }
    room.meeting
        .service(id)
        .map(|s| service_name(lang, s).to_owned())
        .unwrap_or_else(|| id.to_string())
}

pub fn kind_name(lang: Lang, kind: ItemKind) -> &'static str {
    lang.kind(kind)
}

pub fn status_name(lang: Lang, status: ItemStatus) -> &'static str {
    lang.status(status)
}

/// Every theme, in form order.
pub const THEMES: [Theme; 10] = Theme::ALL;

pub fn theme_name(lang: Lang, theme: Theme) -> &'static str {
    lang.theme(theme)
}

/// The name of an identifier kind as the server and `shared::guard` spell it.
pub fn identifier_name(lang: Lang, kind: &str) -> &'static str {
    match shared::guard::FindingKind::parse(kind) {
        Some(k) => lang.finding(k),
        None => texts(lang).id_other,
    }
}

/// "N items today, about M minutes each."
pub fn agenda_summary(lang: Lang, items: u32, each_min: i64) -> String {
    match lang {
        Lang::Fi => {
            format!("Tänään {items} käsiteltävää asiaa, noin {each_min} minuuttia kutakin.")
        }
        Lang::Sv => format!("I dag {items} ärenden, cirka {each_min} minuter var."),
        Lang::En => format!("{items} items today, about {each_min} minutes each."),
    }
}

/// "+N min" label for an extend button, with its accessible name.
pub fn extend_label(lang: Lang, minutes: u32) -> String {
    match lang {
        Lang::Fi => format!("Lisää {minutes} min"),
        Lang::Sv => format!("Lägg till {minutes} min"),
        Lang::En => format!("Add {minutes} min"),
    }
}

/// "You are 2nd of 3 in the hand queue."
pub fn hand_place(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Fi => format!("Olet puheenvuorojonossa {n}. ({of} pyyntöä)."),
        Lang::Sv => format!("Du är nummer {n} av {of} i turordningen."),
        Lang::En => format!("You are number {n} of {of} in the hand queue."),
    }
}

/// The live queue figure: "N items queued, about M minutes each".
pub fn queue_summary(lang: Lang, items: usize, each_min: i64) -> String {
    match lang {
        Lang::Fi => format!("Jonossa {items} asiaa, noin {each_min} minuuttia kutakin."),
        Lang::Sv => format!("{items} ärenden i kön, cirka {each_min} minuter var."),
        Lang::En => format!("{items} items queued, about {each_min} minutes each."),
    }
}

/// The mark of a required service that keeps missing: "Poissa 3 kertaa peräkkäin".
pub fn missed_in_a_row(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Fi => format!("Poissa {n} kertaa peräkkäin"),
        Lang::Sv => format!("Frånvarande {n} gånger i rad"),
        Lang::En => format!("Missed {n} in a row"),
    }
}

/// "1/6" said in words, for screen readers: "1 tapaamisessa 6:sta".
pub fn attended_of(lang: Lang, present: u32, of: u32) -> String {
    match lang {
        Lang::Fi => format!("{present} tapaamisessa {of}:sta"),
        Lang::Sv => format!("vid {present} av {of} möten"),
        Lang::En => format!("at {present} of {of} meetings"),
    }
}

/// "3 people" for the representation panel.
pub fn people(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Fi, 1) => "1 henkilö".into(),
        (Lang::Fi, n) => format!("{n} henkilöä"),
        (Lang::Sv, 1) => "1 person".into(),
        (Lang::Sv, n) => format!("{n} personer"),
        (Lang::En, 1) => "1 person".into(),
        (Lang::En, n) => format!("{n} people"),
    }
}

#[cfg(test)]
mod tests;
