//! The identifier guard in front of the room: every text a message brings is screened before
//! the shared rules look at it, and a hit refuses the whole message.

use super::Room;
use shared::protocol::{ErrorCode, FieldFinding};
use shared::room::Refusal;

impl Room {
    /// The identifier guard over a message's text fields, before anything else looks at it.
    /// A field with a direction-control character is refused first (`invalid_field`, whatever
    /// else it holds). The fields are checked each alone and all joined
    /// ([`crate::guard::IdentifierGuard::check_fields`]), so an identifier split between two
    /// fields is found in both. A hit refuses the whole message; only the number of findings per kind is kept.
    /// Fails closed: when the guard cannot run, the message is refused (`guard_unavailable`).
    pub(super) async fn screen(&self, texts: &[(&'static str, &str)]) -> Result<(), Refusal> {
        for (field, text) in texts {
            shared::room::check_direction_controls(field, text)?;
        }
        let values: Vec<&str> = texts.iter().map(|(_, t)| *t).collect();
        let per_field = self.guard.check_fields(&values, &self.allow).map_err(|e| {
            tracing::error!(meeting = %self.id, error = %e, "identifier guard unavailable");
            Refusal::new(
                ErrorCode::GuardUnavailable,
                "the identifier guard is not available right now, so the text could not be \
                 checked; nothing was saved. Try again in a moment",
            )
        })?;
        let mut findings = Vec::new();
        for ((field, _), found) in texts.iter().zip(per_field) {
            for f in found {
                findings.push(FieldFinding {
                    field: (*field).to_owned(),
                    kind: f.kind,
                    start: f.start,
                    end: f.end,
                });
            }
        }
        if findings.is_empty() {
            return Ok(());
        }
        let kinds: Vec<&'static str> = findings.iter().map(|f| f.kind.as_str()).collect();
        tracing::info!(meeting = %self.id, findings = findings.len(), kinds = ?kinds, "message refused: client identifiers");
        let id = self.id.clone();
        if let Err(e) = self
            .db
            .call(move |conn| crate::db::rejections::add(conn, &id, &kinds))
            .await
        {
            tracing::error!(meeting = %self.id, error = %e, "counting a refused message failed");
        }
        Err(Refusal {
            code: ErrorCode::IdentifierFound,
            message: "the text contains client identifiers; nothing was saved. Remove them and send again".into(),
            findings,
        })
    }
}
