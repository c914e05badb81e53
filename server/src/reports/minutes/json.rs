//! The minutes as JSON: the model itself, for other systems.

use super::MeetingSummary;

impl MeetingSummary {
    /// Pretty-printed JSON of the whole model (the fields are the API: renaming one breaks
    /// readers).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("summary serializes")
    }
}
