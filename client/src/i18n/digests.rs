//! The coordinator page's texts of issue 13: each service's "take back to your team" digest of
//! an ended meeting, as a link to send. Finnish first, then Swedish and English, in the parent
//! module's table form; only the coordinator's page uses them.

use super::Lang;

texts! {
    show: "Koosteet palveluille", "Sammandrag för tjänsterna", "Digests for the services";
    hide: "Sulje koosteet", "Stäng sammandragen", "Close the digests";
    hint: "Jokainen linkki avaa vain sen palvelun koosteen tästä tapaamisesta: sille tuodut asiat, sitä koskevat lopputulokset ja seurattavat asiat. Linkki toimii niin kauan kuin tapaamisen linkit; puheenjohtajan linkin vaihtaminen mitätöi sen.", "Varje länk öppnar bara den tjänstens sammandrag av mötet: ärendena som bad om den, resultaten som gäller den och det som ska följas upp. Länken fungerar lika länge som mötets länkar; att byta ordförandens länk gör den ogiltig.", "Each link opens only that service's digest of this meeting: the items that asked for it, the outcomes that involve it and the follow-ups. It works as long as the meeting's links; replacing the chair link revokes it.";
    items: "asiaa", "ärenden", "items";
    item_one: "asia", "ärende", "item";
    link_of: "Koosteen linkki", "Sammandragets länk", "Digest link";
    none: "Yhtäkään palvelua ei ollut paikalla tai pyydetty.", "Ingen tjänst var närvarande eller ombedd.", "No service was present or asked for.";
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
