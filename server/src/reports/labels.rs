//! The words of the exports, Finnish first, with Swedish and English.

use shared::domain::{CarryReason, ItemKind, ItemStatus, Theme};

/// Export language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
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

    pub fn kind(self, k: ItemKind) -> &'static str {
        match k {
            ItemKind::ClientCase => self.t("Asiakastapaus", "Klientfall", "Client case"),
            ItemKind::Phenomenon => self.t("Ilmiö", "Fenomen", "Phenomenon"),
            ItemKind::RegionalMatter => self.t("Alueellinen asia", "Regional fråga", "Regional matter"),
        }
    }

    pub fn status(self, s: ItemStatus) -> &'static str {
        match s {
            ItemStatus::Queued => self.t("Jonossa", "I kö", "Queued"),
            ItemStatus::Presenting => self.t("Esityksessä", "Presenteras", "Presenting"),
            ItemStatus::Done => self.t("Käsitelty", "Behandlad", "Done"),
            ItemStatus::Deferred => self.t("Siirretty seuraavaan", "Flyttad till nästa", "Deferred to next meeting"),
            ItemStatus::Withdrawn => self.t("Peruttu", "Återtagen", "Withdrawn"),
        }
    }

    pub fn theme(self, t: Theme) -> &'static str {
        match t {
            Theme::Homelessness => self.t("Asunnottomuus", "Bostadslöshet", "Homelessness"),
            Theme::SubstanceAbuse => self.t("Päihteet", "Missbruk", "Substance abuse"),
            Theme::MentalHealth => self.t("Mielenterveys", "Psykisk hälsa", "Mental health"),
            Theme::FunctionalAbility => self.t("Toimintakyky", "Funktionsförmåga", "Functional ability"),
            Theme::SocialProblems => self.t("Sosiaaliset ongelmat", "Sociala problem", "Social problems"),
            Theme::SomaticIllness => self.t("Somaattinen sairaus", "Somatisk sjukdom", "Somatic illness"),
            Theme::OlderClient => self.t("Ikääntynyt asiakas", "Äldre klient", "Older client"),
            Theme::FamilyChildProtection => {
                self.t("Perhe ja lastensuojelu", "Familj och barnskydd", "Family / child protection")
            }
            Theme::ImmigrantClient => self.t("Maahanmuuttaja-asiakas", "Invandrarklient", "Immigrant client"),
            Theme::Other => self.t("Muu", "Annat", "Other"),
        }
    }

    pub fn carry(self, r: CarryReason) -> &'static str {
        match r {
            CarryReason::Deferred => self.t("siirretty edellisestä", "flyttad från förra", "deferred from earlier"),
            CarryReason::FollowUp => self.t("seuranta", "uppföljning", "follow-up"),
        }
    }

    pub fn finding(self, kind: &str) -> &'static str {
        match kind {
            "hetu" => self.t("henkilötunnus", "personbeteckning", "personal identity code"),
            "phone" => self.t("puhelinnumero", "telefonnummer", "phone number"),
            "email" => self.t("sähköposti", "e-post", "e-mail"),
            "iban" => self.t("tilinumero", "kontonummer", "bank account"),
            "address" => self.t("katuosoite", "gatuadress", "street address"),
            "postal_code_city" => self.t("postinumero ja -toimipaikka", "postnummer och ort", "postal code and town"),
            "person_name" => self.t("henkilön nimi", "personnamn", "personal name"),
            "birth_date" => self.t("syntymäaika", "födelsedatum", "date of birth"),
            "plate" => self.t("rekisterinumero", "registernummer", "vehicle plate"),
            "customer_number" => self.t("asiakas- tai potilasnumero", "kund- eller patientnummer", "customer or patient number"),
            "url_personal" => self.t("henkilöön viittaava linkki", "länk till en person", "link to a person"),
            _ => self.t("muu tunniste", "annan identifierare", "other identifier"),
        }
    }
}
