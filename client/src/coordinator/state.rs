//! What the coordinator's page holds while it is open ([`Page`]): the token, the centres, the
//! chosen centre's meetings, the report, which view is shown. Every part of the page
//! ([`super::page`], [`super::meetings`], [`super::centre_form`], [`super::reports`], …) reads
//! and changes it; none of them depends on another.

use super::api;
use super::draft::Draft;
use super::failure::failure_text;
use super::widgets::Note;
use crate::state::{ctx, Ctx};
use crate::web;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{CentreView, MeetingView, PeriodReportView};
use shared::ids::MeetingId;

/// Which view of the page is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The centre's meetings, its calendar feed, a one-off meeting.
    Meetings,
    /// The centre editor (or a new centre).
    Settings,
    /// Period reports with charts.
    Reports,
    /// The centre's theme clock (vuosikello): a year of monthly themes.
    ThemeClock,
}

/// The page's state, shared by its parts. `Copy`, so handlers capture it freely.
#[derive(Clone, Copy)]
pub struct Page {
    /// The app's shared signals (language, announcements).
    pub ctx: Ctx,
    /// The coordinator token (kept in session storage for this tab).
    pub token: RwSignal<String>,
    /// The token has been accepted.
    pub signed_in: RwSignal<bool>,
    /// The centres as the API gives them.
    pub centres: RwSignal<Vec<CentreView>>,
    /// The selected centre's id.
    pub centre: RwSignal<String>,
    /// The selected centre's meetings.
    pub meetings: RwSignal<Vec<MeetingView>>,
    /// The meeting just created, highlighted.
    pub created: RwSignal<Option<MeetingId>>,
    /// The view shown.
    pub view: RwSignal<View>,
    /// The editor shows a new centre.
    pub creating: RwSignal<bool>,
    /// The editor's fields as typed.
    pub draft: RwSignal<Draft>,
    /// Goes up when the editor must be drawn afresh (another centre, a row added or removed).
    pub form_epoch: RwSignal<u32>,
    /// What saving the editor said.
    pub centre_note: RwSignal<Option<Note>>,
    /// The calendar feed's replace-address confirmation is open.
    pub feed_open: RwSignal<Option<()>>,
    /// What replacing the feed address said.
    pub feed_note: RwSignal<Option<Note>>,
    /// The one-off meeting's start as typed (wall-clock time in the centre's zone).
    pub new_starts: RwSignal<String>,
    /// The one-off meeting's length as typed.
    pub new_minutes: RwSignal<String>,
    /// The one-off meeting's title as typed.
    pub new_title: RwSignal<String>,
    /// What creating the one-off meeting said.
    pub new_note: RwSignal<Option<Note>>,
    /// The report form's centre: `None` until chosen (the selected centre).
    pub report_centre: RwSignal<Option<String>>,
    /// The report form's first day.
    pub report_from: RwSignal<String>,
    /// The report form's last day.
    pub report_to: RwSignal<String>,
    /// What showing or downloading a report said.
    pub report_note: RwSignal<Option<Note>>,
    /// The report shown.
    pub report: RwSignal<Option<PeriodReportView>>,
    /// A failure of loading the centres or meetings.
    pub error: RwSignal<Option<String>>,
    /// Element to focus once the centres have been reloaded and drawn.
    pub focus_after: StoredValue<Option<&'static str>>,
}

impl Page {
    /// A page not signed in (or signed in with the token kept for this tab).
    pub(super) fn new() -> Page {
        let today = js_sys::Date::new_0();
        let year = today.get_full_year();
        Page {
            ctx: ctx(),
            token: RwSignal::new(web::session_get("ppt.coordinator").unwrap_or_default()),
            signed_in: RwSignal::new(false),
            centres: RwSignal::new(Vec::new()),
            centre: RwSignal::new(String::new()),
            meetings: RwSignal::new(Vec::new()),
            created: RwSignal::new(None),
            view: RwSignal::new(View::Meetings),
            creating: RwSignal::new(false),
            draft: RwSignal::new(Draft::new()),
            form_epoch: RwSignal::new(0),
            centre_note: RwSignal::new(None),
            feed_open: RwSignal::new(None),
            feed_note: RwSignal::new(None),
            new_starts: RwSignal::new(String::new()),
            new_minutes: RwSignal::new("60".into()),
            new_title: RwSignal::new(String::new()),
            new_note: RwSignal::new(None),
            report_centre: RwSignal::new(None),
            report_from: RwSignal::new(format!("{year:04}-01-01")),
            report_to: RwSignal::new(format!(
                "{year:04}-{:02}-{:02}",
                today.get_month() + 1,
                today.get_date()
            )),
            report_note: RwSignal::new(None),
            report: RwSignal::new(None),
            error: RwSignal::new(None),
            focus_after: StoredValue::new(None),
        }
    }

    /// `f` of the selected centre (tracked).
    pub fn with_current<R>(&self, f: impl FnOnce(Option<&CentreView>) -> R) -> R {
        self.centre.with(|id| {
            self.centres
                .with(|cs| f(cs.iter().find(|c| c.id.as_str() == id)))
        })
    }

    /// Shows the editor for the selected centre, or for a new one.
    pub fn edit(&self, new: bool) {
        self.creating.set(new);
        let d = if new {
            None
        } else {
            let id = self.centre.get_untracked();
            self.centres
                .with_untracked(|cs| cs.iter().find(|c| c.id.as_str() == id).map(Draft::of))
        };
        self.draft.set(d.unwrap_or_default());
        self.centre_note.set(None);
        self.feed_open.set(None);
        self.feed_note.set(None);
        self.form_epoch.update(|e| *e += 1);
    }

    /// Loads the selected centre's meetings; `focus` moves focus to their heading after.
    pub fn load_meetings(&self, focus: bool) {
        let p = *self;
        let c = p.centre.get_untracked();
        if c.is_empty() {
            p.meetings.set(Vec::new());
            return;
        }
        spawn_local(async move {
            match api::meetings(&p.token.get_untracked(), &c).await {
                Ok(list) => {
                    p.meetings.set(list.meetings);
                    if focus {
                        request_animation_frame(|| web::focus("meetings-h"));
                    }
                }
                Err(f) => p.error.set(Some(failure_text(p.ctx.t_untracked(), &f))),
            }
        });
    }

    /// Loads the centres with `tok`; selects `select` (or keeps the current, or the first).
    pub fn load_centres(&self, tok: String, select: Option<String>) {
        let p = *self;
        spawn_local(async move {
            match api::centres(&tok).await {
                Ok(list) => {
                    web::session_set("ppt.coordinator", &tok);
                    p.token.set(tok);
                    let keep = select.unwrap_or_else(|| p.centre.get_untracked());
                    let chosen = list
                        .centres
                        .iter()
                        .find(|c| c.id.as_str() == keep)
                        .or(list.centres.first())
                        .map(|c| c.id.to_string());
                    p.centres.set(list.centres);
                    p.centre.set(chosen.unwrap_or_default());
                    p.edit(false);
                    p.signed_in.set(true);
                    p.error.set(None);
                    p.load_meetings(false);
                    if let Some(id) = p.focus_after.get_value() {
                        p.focus_after.set_value(None);
                        request_animation_frame(move || web::focus(id));
                    }
                }
                Err(f) => p.error.set(Some(failure_text(p.ctx.t_untracked(), &f))),
            }
        });
    }

    /// Forgets the token and everything loaded with it.
    pub(super) fn sign_out(&self) {
        web::session_remove("ppt.coordinator");
        self.token.set(String::new());
        self.signed_in.set(false);
        self.centres.set(Vec::new());
        self.meetings.set(Vec::new());
        self.report.set(None);
    }
}
