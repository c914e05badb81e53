//! Keys and secrets: the random strings that are a meeting's links and a person's identity,
//! and the one constant-time comparison every secret goes through.

use shared::ids::{MeetingId, ParticipantId};
use shared::protocol::{EarlierJoin, ErrorCode, MAX_EARLIER_JOINS};
use shared::room::Refusal;

/// A meeting's three link keys as stored, handed to its live room after a rotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingKeys {
    pub chair: String,
    pub participant: String,
    /// The deputy chair's link.
    pub deputy: String,
}

impl MeetingKeys {
    /// The keys of a stored meeting row.
    pub fn of(row: &crate::db::meetings::MeetingRow) -> MeetingKeys {
        MeetingKeys {
            chair: row.chair_key.clone(),
            participant: row.participant_key.clone(),
            deputy: row.deputy_key.clone(),
        }
    }
}

/// Makes the room's keys and epoch for a new meeting: 122 random bits each.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Compares keys (and token hashes) in time independent of where they differ: every
/// comparison of a secret goes through here, so none leaks how much of it was right.
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A participant's public id, derived from their secret so it needs no storage.
pub fn participant_id(meeting: &MeetingId, secret: &str) -> ParticipantId {
    let name = format!("ppt-hub/participant/{meeting}/{secret}");
    let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes())
        .simple()
        .to_string();
    ParticipantId(id[..20].to_owned())
}

/// Whether `s` has the form of a secret this server gives (32 hex digits).
fn valid_secret(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The secret a `join` goes by: the one sent back (a reconnect, a second tab), or a new one
/// for a newcomer. A secret this server could not have given is refused.
pub(super) fn secret_or_new(secret: Option<String>) -> Result<String, Refusal> {
    match secret {
        Some(s) if valid_secret(&s) => Ok(s),
        Some(_) => Err(Refusal::new(
            ErrorCode::InvalidField,
            "the secret is not one this server gave",
        )),
        None => Ok(new_key()),
    }
}

/// The ids a person had in earlier meetings, from the secrets `join` brought from them (to
/// reclaim carried-over items): at most [`MAX_EARLIER_JOINS`], each one this server gave.
pub(super) fn earlier_ids(earlier: &[EarlierJoin]) -> Result<Vec<ParticipantId>, Refusal> {
    if earlier.len() > MAX_EARLIER_JOINS || earlier.iter().any(|e| !valid_secret(&e.secret)) {
        return Err(Refusal::new(
            ErrorCode::InvalidField,
            "earlier: at most 12 secrets, each one this server gave",
        ));
    }
    Ok(earlier
        .iter()
        .map(|e| participant_id(&e.meeting, &e.secret))
        .collect())
}
