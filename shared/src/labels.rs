//! The names of the domain's things in Finnish, Swedish and English: item kinds, statuses,
//! themes, carry-over reasons and identifier kinds. One table, used by the browser and by the
//! server's exports, so a theme is called the same on the screen and in the minutes.

use crate::domain::{Arrival, CarryReason, ItemKind, ItemStatus, Service, Standing, Theme};
use crate::guard::FindingKind;

/// The languages. Finnish is the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The BCP 47 tag, for `<html lang>`, storage and query strings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fi => "Suomi",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    /// Picks the word in this language.
    pub fn t(self, fi: &'static str, sv: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    pub fn service(self, s: &Service) -> &str {
        match self {
            Lang::Fi => &s.name_fi,
            Lang::Sv => &s.name_sv,
            Lang::En => &s.name_en,
        }
    }

    pub fn kind(self, k: ItemKind) -> &'static str {
        match k {
            ItemKind::ClientCase => self.t("Asiakastapaus", "Klientfall", "Client case"),
            ItemKind::Phenomenon => self.t("Ilmiö", "Fenomen", "Phenomenon"),
            ItemKind::RegionalMatter => {
                self.t("Alueellinen asia", "Regionalt ärende", "Regional matter")
            }
        }
    }

    pub fn status(self, s: ItemStatus) -> &'static str {
        match s {
            ItemStatus::Queued => self.t("Jonossa", "I kö", "Queued"),
            ItemStatus::Presenting => self.t("Käsittelyssä", "Behandlas", "Presenting"),
            ItemStatus::Done => self.t("Käsitelty", "Behandlat", "Done"),
            ItemStatus::Deferred => self.t(
                "Siirretty seuraavaan kokoukseen",
                "Flyttat till nästa möte",
                "Deferred to next meeting",
            ),
            ItemStatus::Withdrawn => self.t("Peruttu", "Återtaget", "Withdrawn"),
        }
    }

    pub fn theme(self, t: Theme) -> &'static str {
        match t {
            Theme::Homelessness => self.t("Asunnottomuus", "Bostadslöshet", "Homelessness"),
            Theme::SubstanceAbuse => self.t("Päihteet", "Missbruk", "Substance abuse"),
            Theme::MentalHealth => self.t("Mielenterveys", "Psykisk hälsa", "Mental health"),
            Theme::FunctionalAbility => {
                self.t("Toimintakyky", "Funktionsförmåga", "Functional ability")
            }
            Theme::SocialProblems => {
                self.t("Sosiaaliset ongelmat", "Sociala problem", "Social problems")
            }
            Theme::SomaticIllness => {
                self.t("Somaattinen sairaus", "Somatisk sjukdom", "Somatic illness")
            }
            Theme::OlderClient => self.t("Iäkäs asiakas", "Äldre klient", "Older client"),
            Theme::FamilyChildProtection => self.t(
                "Perhe ja lastensuojelu",
                "Familj och barnskydd",
                "Family and child protection",
            ),
            Theme::ImmigrantClient => self.t(
                "Maahanmuuttaja-asiakas",
                "Invandrarklient",
                "Immigrant client",
            ),
            Theme::Other => self.t("Muu", "Annat", "Other"),
        }
    }

    /// What someone who is not a service's representative takes part as; `None` for a
    /// service (its name is the catalogue's).
    pub fn standing(self, s: Standing) -> Option<&'static str> {
        match s {
            Standing::Service => None,
            Standing::ExpertByExperience => Some(self.t(
                "Kokemusasiantuntija",
                "Erfarenhetsexpert",
                "Expert by experience",
            )),
            Standing::Guest => Some(self.t("Vieras", "Gäst", "Guest")),
        }
    }

    /// When an item came onto the agenda: "ennakkoon", "myöhässä", "kokouksessa".
    pub fn arrival(self, a: Arrival) -> &'static str {
        match a {
            Arrival::Ahead => self.t("ennakkoon", "i förväg", "ahead"),
            Arrival::LateAddition => self.t("myöhässä", "sent tillagd", "late"),
            Arrival::AtMeeting => self.t("kokouksessa", "vid mötet", "at the meeting"),
        }
    }

    pub fn carry(self, r: CarryReason) -> &'static str {
        match r {
            CarryReason::Deferred => self.t(
                "siirretty edellisestä",
                "flyttad från förra",
                "deferred from earlier",
            ),
            CarryReason::FollowUp => self.t("seuranta", "uppföljning", "follow-up"),
        }
    }

    pub fn finding(self, kind: FindingKind) -> &'static str {
        match kind {
            FindingKind::Hetu => self.t(
                "henkilötunnus",
                "personbeteckning",
                "personal identity code",
            ),
            FindingKind::Phone => self.t("puhelinnumero", "telefonnummer", "phone number"),
            FindingKind::Email => self.t("sähköposti", "e-post", "e-mail"),
            FindingKind::Iban => self.t("tilinumero", "kontonummer", "bank account"),
            FindingKind::Address => self.t("katuosoite", "gatuadress", "street address"),
            FindingKind::PostalCodeCity => self.t(
                "postinumero ja -toimipaikka",
                "postnummer och ort",
                "postal code and town",
            ),
            FindingKind::PersonName => self.t("henkilön nimi", "personnamn", "personal name"),
            FindingKind::BirthDate => self.t("syntymäaika", "födelsedatum", "date of birth"),
            FindingKind::Plate => self.t("rekisterinumero", "registernummer", "vehicle plate"),
            FindingKind::CustomerNumber => self.t(
                "asiakas- tai potilasnumero",
                "kund- eller patientnummer",
                "customer or patient number",
            ),
            FindingKind::UrlPersonal => self.t(
                "henkilöön viittaava linkki",
                "länk till en person",
                "link to a person",
            ),
        }
    }
}
