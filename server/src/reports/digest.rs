//! A digest per service (issue 13): after a meeting, what one service's representative takes
//! back to their team — the items that asked for the service, the outcomes that involve it, and
//! the follow-ups among them. Built from the minutes ([`MeetingSummary`]), so a text the chair
//! redacted or the retention period removed is gone here too, and checked by the identifier
//! guard like every export ([`digest_export`]).
//!
//! Who may read one: the coordinator (token), or whoever holds the digest's own key
//! ([`digest_key`]), derived from the meeting's chair key and the service, so the coordinator
//! can send one service its link without giving it anything else; rotating the chair key
//! revokes every digest link of the meeting.

use super::labels::Lang;
use super::minutes::{ItemSummary, MeetingSummary};
use super::{check_export, guarded, load, ExportError, Format};
use serde::Serialize;
use sha2::{Digest, Sha256};
use shared::domain::{ItemKind, ItemStatus};
use shared::guard::Allowlist;
use shared::ids::{MeetingId, ServiceId};

/// One item in a service's digest, with why it is there.
#[derive(Clone, Debug, Serialize)]
pub struct DigestItem {
    /// Its number in the minutes.
    pub no: usize,
    /// Client case, phenomenon or regional matter.
    pub kind: ItemKind,
    /// Where it ended: done, deferred…
    pub status: ItemStatus,
    /// Empty once redacted or removed after the retention period.
    pub title: String,
    /// The presenter's question (empty, like the title, once the text is gone).
    pub question: String,
    /// The presenter asked for this service's view.
    pub asked: bool,
    /// The outcome involves this service.
    pub involved: bool,
    /// The outcome's advice, when one was recorded.
    pub advice: Option<String>,
    /// The outcome's next steps, when one was recorded.
    pub next_steps: Option<String>,
    /// The outcome asks for a follow-up.
    pub follow_up: bool,
    /// The chair removed the item's text.
    pub redacted: bool,
}

/// "Take back to your team": one service's part of one ended meeting.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceDigest {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Its centre's name.
    pub centre_name: String,
    /// The meeting's title.
    pub title: String,
    /// Local date of the meeting.
    pub date: String,
    /// The service the digest is for.
    pub service: ServiceId,
    /// The service's name in the digest's language.
    pub service_name: String,
    /// People who took part for the service.
    pub present: u32,
    /// The items that asked for the service or whose outcome involves it, in minutes order.
    pub items: Vec<DigestItem>,
    /// Of those, the ones whose outcome asks for a follow-up that involves the service.
    pub follow_ups: usize,
    /// When the meeting's texts were removed (retention), if they have been.
    pub texts_removed_on: Option<String>,
}

/// The services a meeting has digests for: present at it, asked for by an item, or involved by
/// an outcome, in the catalogue's order (then any other, by id).
pub fn services_of(s: &MeetingSummary) -> Vec<ServiceId> {
    let mut out: Vec<ServiceId> = s
        .attendance
        .iter()
        .filter(|a| a.people > 0 || s.items.iter().any(|i| concerns(i, &a.service)))
        .map(|a| a.service.clone())
        .collect();
    let mut others: Vec<ServiceId> = s
        .items
        .iter()
        .flat_map(|i| {
            i.services_wanted
                .iter()
                .chain(i.outcome.iter().flat_map(|o| &o.services_to_involve))
        })
        .filter(|svc| !out.contains(svc))
        .cloned()
        .collect();
    others.sort();
    others.dedup();
    out.extend(others);
    out
}

/// Whether an item belongs in `service`'s digest (withdrawn items never do).
fn concerns(it: &ItemSummary, service: &ServiceId) -> bool {
    it.status != ItemStatus::Withdrawn
        && (it.services_wanted.contains(service)
            || it
                .outcome
                .as_ref()
                .is_some_and(|o| o.services_to_involve.contains(service)))
}

impl ServiceDigest {
    /// `service`'s digest of the minutes; `None` when the meeting has none for it.
    pub fn of(s: &MeetingSummary, service: &ServiceId) -> Option<ServiceDigest> {
        if !services_of(s).contains(service) {
            return None;
        }
        let items: Vec<DigestItem> = s
            .items
            .iter()
            .filter(|i| concerns(i, service))
            .map(|i| {
                let involved = i
                    .outcome
                    .as_ref()
                    .is_some_and(|o| o.services_to_involve.contains(service));
                DigestItem {
                    no: i.no,
                    kind: i.kind,
                    status: i.status,
                    title: i.title.clone(),
                    question: i.question.clone(),
                    asked: i.services_wanted.contains(service),
                    involved,
                    advice: i.outcome.as_ref().map(|o| o.advice.clone()),
                    next_steps: i.outcome.as_ref().map(|o| o.next_steps.clone()),
                    follow_up: i.outcome.as_ref().is_some_and(|o| o.follow_up),
                    redacted: i.redacted,
                }
            })
            .collect();
        let attended = s.attendance.iter().find(|a| &a.service == service);
        Some(ServiceDigest {
            meeting_id: s.meeting_id.clone(),
            centre_name: s.centre_name.clone(),
            title: s.title.clone(),
            date: s.date.clone(),
            service: service.clone(),
            service_name: attended.map_or_else(|| service.to_string(), |a| a.name.clone()),
            present: attended.map_or(0, |a| a.people),
            follow_ups: items.iter().filter(|i| i.follow_up && i.involved).count(),
            items,
            texts_removed_on: s.texts_removed_on.clone(),
        })
    }

    /// The texts in it that came from people, for the guard.
    fn fields(&self) -> Vec<&str> {
        let mut f: Vec<&str> = vec![&self.centre_name, &self.title, &self.service_name];
        for i in &self.items {
            f.extend([i.title.as_str(), i.question.as_str()]);
            f.extend(i.advice.as_deref());
            f.extend(i.next_steps.as_deref());
        }
        f
    }
}

/// The key of `service`'s digest link for `meeting`: 32 hex digits derived (SHA-256, keyed
/// twice with the chair key) from the meeting's chair key, so it needs no storage, says nothing
/// of the chair key, and changes when the chair key is rotated.
pub fn digest_key(chair_key: &str, meeting: &MeetingId, service: &ServiceId) -> String {
    let inner = Sha256::new()
        .chain_update(chair_key.as_bytes())
        .chain_update(format!("\nppt-hub/digest/{meeting}/{service}").as_bytes())
        .finalize();
    let outer = Sha256::new()
        .chain_update(chair_key.as_bytes())
        .chain_update(inner)
        .finalize();
    outer[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `key` opens `service`'s digest of the meeting whose chair key is `chair_key`.
pub fn key_opens(key: &str, chair_key: &str, meeting: &MeetingId, service: &ServiceId) -> bool {
    crate::room::same_key(key, &digest_key(chair_key, meeting, service))
}

/// A digest link's key as it came, with what decides whether it still opens the digest.
pub struct LinkKey<'a> {
    /// The `key` of the link.
    pub key: &'a str,
    /// How long a meeting's links work after it ended (`--link-days`), in ms.
    pub lifetime_ms: i64,
    /// Now, in ms since the epoch.
    pub now_ms: i64,
}

/// `service`'s digest of an ended meeting in `format`, checked by the guard. `key`, when
/// given, must be the digest's own key ([`digest_key`]) and the meeting's links must not have
/// expired; the coordinator passes `None`.
pub fn digest_export(
    conn: &crate::db::Connection,
    guard: &crate::guard::IdentifierGuard,
    id: &MeetingId,
    service: &ServiceId,
    key: Option<LinkKey<'_>>,
    format: Format,
    lang: Lang,
) -> Result<String, ExportError> {
    let rec = load(conn, id)?;
    if let Some(k) = key {
        let expired = rec
            .row
            .ended_at
            .is_some_and(|end| end.saturating_add(k.lifetime_ms) < k.now_ms);
        if expired || !key_opens(k.key, &rec.row.chair_key, id, service) {
            return Err(ExportError::WrongKey);
        }
    }
    let summary = MeetingSummary::of(&rec, lang).ok_or(ExportError::NotEnded)?;
    let digest = ServiceDigest::of(&summary, service).ok_or(ExportError::UnknownService)?;
    let text = match format {
        Format::Markdown => digest.markdown(lang),
        Format::Html => digest.html(lang),
        Format::Csv => digest.csv(lang),
        Format::Json => serde_json::to_string_pretty(&digest).expect("digest serializes"),
    };
    let allow = Allowlist::new(rec.centre.allowlist.iter());
    let fields = digest.fields();
    let ids = [digest.meeting_id.as_str()];
    guarded(text, &|t| {
        check_export(guard, t, format, &fields, &ids, &allow)
    })
}

#[cfg(test)]
#[path = "digest_tests.rs"]
mod tests;
