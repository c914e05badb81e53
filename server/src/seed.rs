//! First-run data: the default service catalogue on a demo centre, and a demo meeting today.

use crate::db::centres::{self, Centre};
use crate::db::meetings::{self, MeetingRow};
use crate::db::{Db, DbError};
use crate::guard::IdentifierGuard;
use crate::planning::{create, CreateError, NewMeeting, DEFAULT_MINUTES};
use crate::room::{new_key, now_ms};
use crate::schedule::Schedule;
use shared::domain::default_catalogue;
use shared::ids::CentreId;

/// The demo centre's id.
pub const DEMO_CENTRE: &str = "kalasatama";
/// Time zone of Finnish centres.
pub use crate::time::HELSINKI;

/// Why the demo data could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The identifier guard refused the demo centre's own texts (a bug in the demo data).
    #[error("the demo centre was refused by the identifier guard: {0:?}")]
    Refused(crate::api::ApiError),
    /// Storage failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Today's date in Helsinki could not be worked out (a time zone database problem).
    #[error("today in {HELSINKI}: {0}")]
    Time(#[from] jiff::Error),
    /// The demo meeting was asked for before the demo centre existed.
    #[error("the demo centre is missing")]
    NoDemoCentre,
}

/// On an empty database: the demo centre "Kalasatama" with the default catalogue and a
/// monthly slot (second Tuesday, 13–14). Its texts go through the same identifier guard as a
/// coordinator's ([`crate::api::texts::check_centre`]) before they are stored: no path stores
/// centre text unchecked.
pub fn ensure_demo_centre(db: &Db, guard: &IdentifierGuard) -> Result<(), SeedError> {
    let centre = demo_centre();
    crate::api::texts::check_centre(guard, &centre).map_err(SeedError::Refused)?;
    let seed = || {
        db.call_now(|conn| {
            if centres::count(conn)? > 0 {
                return Ok(());
            }
            centres::insert(conn, &centre, now_ms())
        })
    };
    // Two nodes started at once on an empty PostgreSQL both find no centre; the second
    // insert fails on the key, and a second look finds the first one's centre.
    seed().or_else(|_| seed())?;
    Ok(())
}

/// The demo centre as first stored.
fn demo_centre() -> Centre {
    Centre {
        id: CentreId::from(DEMO_CENTRE),
        name: "Kalasatama".into(),
        time_zone: HELSINKI.into(),
        schedule: Some(Schedule {
            week: 2,
            weekday: "tuesday".into(),
            start: "13:00".into(),
            duration_min: 60,
            ahead: 3,
        }),
        allowlist: Vec::new(),
        feed_key: new_key(),
        services: default_catalogue(),
        agenda_ahead_hours: shared::domain::DEFAULT_AGENDA_AHEAD_HOURS,
    }
}

/// Today's demo meeting of Kalasatama (Helsinki time), created starting now if there is none.
pub async fn ensure_demo_meeting(db: &Db) -> Result<MeetingRow, SeedError> {
    let today = jiff::Timestamp::now()
        .in_tz(HELSINKI)
        .and_then(|now| now.start_of_day())?;
    let from = today.timestamp().as_millisecond();
    let to = from + 24 * 3_600_000;
    let existing = db
        .call(move |conn| {
            meetings::list_for_centre(conn, &CentreId::from(DEMO_CENTRE), Some(from), Some(to))
        })
        .await?;
    if let Some(m) = existing.into_iter().find(|m| m.kind.is_monthly()) {
        return Ok(m);
    }
    let now = now_ms();
    let new = NewMeeting {
        centre: CentreId::from(DEMO_CENTRE),
        starts_at: now - now % 60_000,
        minutes: DEFAULT_MINUTES,
        title: None,
        series_date: None,
    };
    match create(db, new).await {
        Ok(row) => Ok(row),
        Err(CreateError::UnknownCentre) => Err(SeedError::NoDemoCentre),
        Err(CreateError::Db(e)) => Err(e.into()),
    }
}
