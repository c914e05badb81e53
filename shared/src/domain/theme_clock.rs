//! A month of a centre's theme clock (vuosikello): the theme, the kind of workshop and the task
//! between workshops. A domain type because the room's state carries the month's plan to the
//! join page, the chair view and the shared screen; the coordinator's API
//! ([`crate::api::theme_clock`]) plans a year of them.

use serde::{Deserialize, Serialize};

/// The kind of workshop along the network's learning path, as the seed documents name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkshopKind {
    /// Aloitustyöpaja: the network starts a theme together.
    StartingWorkshop,
    /// Koulutus: training on the month's theme.
    Training,
    /// Verkostotyöpaja: the services work the theme through on cases.
    NetworkWorkshop,
    /// Arviointi: the network evaluates what it learnt.
    Evaluation,
}

impl WorkshopKind {
    /// Every kind, in the order of the learning path (the coordinator page's choices).
    pub const ALL: [WorkshopKind; 4] = [
        WorkshopKind::StartingWorkshop,
        WorkshopKind::Training,
        WorkshopKind::NetworkWorkshop,
        WorkshopKind::Evaluation,
    ];

    /// The kind as stored and sent (`starting_workshop`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            WorkshopKind::StartingWorkshop => "starting_workshop",
            WorkshopKind::Training => "training",
            WorkshopKind::NetworkWorkshop => "network_workshop",
            WorkshopKind::Evaluation => "evaluation",
        }
    }

    /// The kind from its stored name; `None` for a name this build does not know.
    pub fn parse(s: &str) -> Option<WorkshopKind> {
        WorkshopKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind's name in Finnish, Swedish and English (minutes, calendar, pages).
    pub fn names(self) -> [&'static str; 3] {
        match self {
            WorkshopKind::StartingWorkshop => {
                ["Aloitustyöpaja", "Startworkshop", "Starting workshop"]
            }
            WorkshopKind::Training => ["Koulutus", "Utbildning", "Training"],
            WorkshopKind::NetworkWorkshop => {
                ["Verkostotyöpaja", "Nätverksworkshop", "Network workshop"]
            }
            WorkshopKind::Evaluation => ["Arviointi", "Utvärdering", "Evaluation"],
        }
    }
}

/// One month of the clock.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthTheme {
    /// 1–12.
    pub month: u8,
    /// The month's theme; empty when the month is not planned.
    #[serde(default)]
    pub theme: String,
    /// The workshop the network holds that month, if planned.
    #[serde(default)]
    pub workshop: Option<WorkshopKind>,
    /// The task between this workshop and the next (välitehtävä), free text.
    #[serde(default)]
    pub between_task: Option<String>,
}

impl MonthTheme {
    /// Whether anything is planned for the month (a theme, a workshop or a task).
    pub fn is_planned(&self) -> bool {
        !self.theme.trim().is_empty()
            || self.workshop.is_some()
            || self
                .between_task
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workshop_kinds_round_trip_by_name() {
        for k in WorkshopKind::ALL {
            assert_eq!(WorkshopKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(WorkshopKind::parse("party"), None);
    }
}
