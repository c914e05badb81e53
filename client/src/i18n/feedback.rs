//! Texts of issue 13's anonymous feedback: the form a person opens from their meeting link once
//! the meeting has ended (`/feedback/{meeting}#key=…`), and the feedback part of the period
//! report on the coordinator's page. Finnish first, then Swedish and English, in the parent
//! module's table form; only the coordinator's bundle uses them. The scales' statements are
//! `shared::api::feedback::FeedbackQuestion::names`, the same words as in the minutes.

use super::Lang;

texts! {
    title: "Palaute tapaamisesta", "Respons om mötet", "Feedback on the meeting";
    intro: "Kolme lyhyttä arviota ja vapaa kommentti. Vastaus on nimetön: sitä ei liitetä sinuun eikä palveluusi, ja tulokset näkyvät muistiossa vasta, kun vastauksia on vähintään viisi. Voit vastata kerran.", "Tre korta bedömningar och en fri kommentar. Svaret är anonymt: det kopplas inte till dig eller din tjänst, och resultaten syns i minnesanteckningarna först när det finns minst fem svar. Du kan svara en gång.", "Three short ratings and a free comment. Your answer is anonymous: it is not linked to you or your service, and the results show in the minutes only once there are at least five answers. You can answer once.";
    optional: "Kaikki kohdat ovat vapaaehtoisia; anna vähintään yksi arvio tai kommentti.", "Alla delar är frivilliga; ge minst en bedömning eller en kommentar.", "Every part is optional; give at least one rating or a comment.";
    scale_low: "täysin eri mieltä", "helt av annan åsikt", "strongly disagree";
    scale_high: "täysin samaa mieltä", "helt av samma åsikt", "strongly agree";
    comment_label: "Vapaa kommentti (vapaaehtoinen)", "Fri kommentar (frivillig)", "Free comment (optional)";
    comment_hint: "Älä kirjoita asiakkaan tai kenenkään muun tunnistetietoja (nimiä, henkilötunnuksia, puhelinnumeroita). Enintään 1000 merkkiä.", "Skriv inga identifierande uppgifter om klienter eller andra (namn, personbeteckningar, telefonnummer). Högst 1000 tecken.", "Do not write anything that identifies a client or anyone else (names, identity codes, phone numbers). At most 1000 characters.";
    comment_found: "Kommentissa on tunnistetietoja:", "Kommentaren innehåller identifierande uppgifter:", "The comment contains identifiers:";
    comment_found_end: "Mitään ei tallennettu. Poista ne ja lähetä uudelleen.", "Inget sparades. Ta bort dem och skicka igen.", "Nothing was saved. Remove them and send again.";
    comment_too_long: "Kommentti on liian pitkä: enintään 1000 merkkiä.", "Kommentaren är för lång: högst 1000 tecken.", "The comment is too long: at most 1000 characters.";
    empty: "Anna vähintään yksi arvio tai kirjoita kommentti.", "Ge minst en bedömning eller skriv en kommentar.", "Give at least one rating or write a comment.";
    send: "Lähetä palaute", "Skicka respons", "Send feedback";
    sending: "Lähetetään…", "Skickar…", "Sending…";
    thanks: "Kiitos palautteesta! Vastauksesi on tallennettu nimettömänä.", "Tack för responsen! Ditt svar har sparats anonymt.", "Thank you for your feedback! Your answer was saved anonymously.";
    given: "Olet jo antanut palautteen tästä tapaamisesta. Kiitos! Vastausta ei voi muuttaa.", "Du har redan gett respons om mötet. Tack! Svaret kan inte ändras.", "You have already given feedback on this meeting. Thank you! An answer cannot be changed.";
    not_ended: "Palautelomake avautuu, kun tapaaminen on päättynyt. Palaa tälle sivulle tapaamisen jälkeen.", "Responsformuläret öppnas när mötet har avslutats. Kom tillbaka hit efter mötet.", "The feedback form opens when the meeting has ended. Come back to this page after the meeting.";
    no_key: "Linkistä puuttuu avain. Avaa palautelomake tapaamisen sivulta.", "Länken saknar nyckel. Öppna responsformuläret från mötets sida.", "The link has no key. Open the feedback form from the meeting's page.";
    not_joined: "Tällä selaimella ei osallistuttu tähän tapaamiseen, joten palautetta ei voi antaa täältä. Avaa lomake samalla selaimella, jolla osallistuit.", "Den här webbläsaren deltog inte i mötet, så respons kan inte ges härifrån. Öppna formuläret i samma webbläsare som du deltog med.", "This browser did not take part in the meeting, so feedback cannot be given from here. Open the form in the browser you took part with.";
    not_allowed: "Linkki ei avaa tämän tapaamisen palautetta: se on vanhentunut tai vaihdettu, tai tällä selaimella ei osallistuttu tapaamiseen.", "Länken öppnar inte mötets respons: den har gått ut eller bytts, eller så deltog den här webbläsaren inte i mötet.", "The link does not open this meeting's feedback: it has expired or been replaced, or this browser did not take part in the meeting.";
    not_found: "Tapaamista ei löydy.", "Mötet hittades inte.", "The meeting was not found.";
    failed: "Lähettäminen ei onnistunut, eikä mitään tallennettu. Tarkista yhteys ja yritä uudelleen.", "Det gick inte att skicka och inget sparades. Kontrollera anslutningen och försök igen.", "Sending failed and nothing was saved. Check the connection and try again.";
    loading: "Ladataan…", "Laddar…", "Loading…";
    report_title: "Palaute: keskiarvot 1–5 koko jaksolta", "Respons: medelvärden 1–5 för hela perioden", "Feedback: means 1–5 over the period";
    report_over_time: "Palaute ajan mittaan: kunkin tapaamisen keskiarvo (1–5) tälle väitteelle.", "Respons över tid: varje mötes medelvärde (1–5) för påståendet.", "Feedback over time: each meeting's mean (1–5) for this statement.";
    report_answers: "vastausta", "svar", "answers";
    report_meetings: "tapaamista", "möten", "meetings";
    report_rule: "Mukana vain tapaamiset, joissa on vähintään 5 vastausta; vähemmän vastauksia voisi paljastaa vastaajan. Arvio 1 = täysin eri mieltä, 5 = täysin samaa mieltä.", "Endast möten med minst 5 svar ingår; färre svar kunde avslöja den som svarat. Bedömning 1 = helt av annan åsikt, 5 = helt av samma åsikt.", "Only meetings with at least 5 answers count; fewer could reveal who answered. Rating 1 = strongly disagree, 5 = strongly agree.";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
