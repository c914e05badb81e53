//! The theme clock (vuosikello) of a centre, as the coordinator plans it
//! ([`shared::api::theme_clock`]): `GET`/`PUT /api/centres/{centre}/theme-clock/{year}` and
//! `POST /api/centres/{centre}/theme-clock/{year}/copy-from/{from}`. Themes and tasks between
//! workshops are shown to everyone in a meeting and printed in the minutes, so they go through
//! the identifier guard with the centre's allowlist before they are stored ([`super::texts`]).

use super::centres::load;
use super::texts::{blocking, check_fields};
use super::{ApiError, Coordinator};
use crate::db::theme_clock;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::Json;
use shared::api::theme_clock::{MAX_BETWEEN_TASK_CHARS, MAX_THEME_CHARS, YEARS};
use shared::api::{MonthTheme, ThemeClock, ThemeClockUpdate};
use shared::ids::CentreId;

/// A year the clock can be planned for, or 400.
fn check_year(year: i32) -> Result<i32, ApiError> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(ApiError::BadRequest(format!(
            "year must be {}–{}",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// The shape of a year's plan: months 1–12 each at most once, texts within their lengths.
fn validate(months: &[MonthTheme]) -> Result<(), ApiError> {
    let mut seen = [false; 12];
    for m in months {
        if !(1..=12).contains(&m.month) {
            return Err(ApiError::BadRequest("month must be 1–12".into()));
        }
        if std::mem::replace(&mut seen[m.month as usize - 1], true) {
            return Err(ApiError::BadRequest(format!(
                "month {} is given twice",
                m.month
            )));
        }
        if m.theme.trim().chars().count() > MAX_THEME_CHARS {
            return Err(ApiError::BadRequest(format!(
                "a theme is at most {MAX_THEME_CHARS} characters"
            )));
        }
        if m.between_task
            .as_deref()
            .is_some_and(|t| t.trim().chars().count() > MAX_BETWEEN_TASK_CHARS)
        {
            return Err(ApiError::BadRequest(format!(
                "a task between workshops is at most {MAX_BETWEEN_TASK_CHARS} characters"
            )));
        }
    }
    Ok(())
}

/// Every text of a plan, named by its place for the guard's answer.
fn fields(months: &[MonthTheme]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, m) in months.iter().enumerate() {
        out.push((format!("months[{i}].theme"), m.theme.clone()));
        if let Some(t) = &m.between_task {
            out.push((format!("months[{i}].between_task"), t.clone()));
        }
    }
    out
}

/// The stored year as the API answers it: twelve months.
async fn read(app: &AppState, centre: CentreId, year: i32) -> Result<ThemeClock, ApiError> {
    let c = centre.clone();
    let planned = app
        .db
        .call(move |conn| theme_clock::get_year(conn, &c, year))
        .await?;
    Ok(ThemeClock::with(centre, year, planned))
}

/// `GET /api/centres/{centre}/theme-clock/{year}`: the year's twelve months (unplanned ones
/// empty).
pub async fn get_year(
    _: Coordinator,
    State(app): State<AppState>,
    Path((centre, year)): Path<(String, i32)>,
) -> Result<Json<ThemeClock>, ApiError> {
    let year = check_year(year)?;
    let c = load(&app, &CentreId(centre)).await?;
    Ok(Json(read(&app, c.id, year).await?))
}

/// `PUT /api/centres/{centre}/theme-clock/{year}`: replaces the year's plan; months left out
/// are not planned. Nothing is stored when any text holds a client identifier.
pub async fn put_year(
    _: Coordinator,
    State(app): State<AppState>,
    Path((centre, year)): Path<(String, i32)>,
    body: Result<Json<ThemeClockUpdate>, JsonRejection>,
) -> Result<Json<ThemeClock>, ApiError> {
    let Json(body) = body?;
    let year = check_year(year)?;
    let c = load(&app, &CentreId(centre)).await?;
    validate(&body.months)?;
    let (guard, texts, allowlist) = (app.guard.clone(), fields(&body.months), c.allowlist.clone());
    blocking(move || check_fields(&guard, &texts, &allowlist)).await?;
    let id = c.id.clone();
    app.db
        .call(move |conn| theme_clock::put_year(conn, &id, year, &body.months))
        .await?;
    app.rooms.theme_clock_changed(&c.id);
    Ok(Json(read(&app, c.id, year).await?))
}

/// `POST /api/centres/{centre}/theme-clock/{year}/copy-from/{from}`: last year's clock as the
/// start of this one (what `year` had is replaced). 404 when nothing is planned in `from`, so
/// a mistyped year cannot wipe a plan.
pub async fn copy_from(
    _: Coordinator,
    State(app): State<AppState>,
    Path((centre, year, from)): Path<(String, i32, i32)>,
) -> Result<Json<ThemeClock>, ApiError> {
    let (year, from) = (check_year(year)?, check_year(from)?);
    if year == from {
        return Err(ApiError::BadRequest(
            "a year cannot be copied onto itself".into(),
        ));
    }
    let c = load(&app, &CentreId(centre)).await?;
    let id = c.id.clone();
    let copied = app
        .db
        .call(move |conn| {
            if theme_clock::get_year(conn, &id, from)?.is_empty() {
                return Ok(0);
            }
            theme_clock::copy_year(conn, &id, from, year)
        })
        .await?;
    if copied == 0 {
        return Err(ApiError::NotFound("theme clock"));
    }
    app.rooms.theme_clock_changed(&c.id);
    Ok(Json(read(&app, c.id, year).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(month: u8, theme: &str) -> MonthTheme {
        MonthTheme {
            month,
            theme: theme.into(),
            ..MonthTheme::default()
        }
    }

    #[test]
    fn a_plan_is_refused_for_a_bad_month_a_repeat_or_a_long_text() {
        validate(&[m(1, "Kiusaaminen"), m(12, "Arviointi")]).unwrap();
        assert!(validate(&[m(0, "x")]).is_err());
        assert!(validate(&[m(13, "x")]).is_err());
        assert!(validate(&[m(3, "x"), m(3, "y")]).is_err());
        assert!(validate(&[m(3, &"x".repeat(MAX_THEME_CHARS + 1))]).is_err());
        let mut long = m(4, "x");
        long.between_task = Some("y".repeat(MAX_BETWEEN_TASK_CHARS + 1));
        assert!(validate(&[long]).is_err());
        assert!(check_year(1999).is_err() && check_year(2027).is_ok());
    }

    #[test]
    fn every_text_is_named_for_the_guard() {
        let mut sept = m(9, "Kiusaaminen");
        sept.between_task = Some("Kysy tiimiltä".into());
        let f = fields(&[m(1, "A"), sept]);
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "months[0].theme",
                "months[1].theme",
                "months[1].between_task"
            ]
        );
    }
}
