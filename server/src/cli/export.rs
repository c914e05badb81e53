//! `ppt-hub export meeting` and `ppt-hub report`: the minutes of one meeting and period
//! reports, from the database to standard output or a file, checked by the guard like every
//! export.

use super::{open_existing, write_out};
use clap::Subcommand;
use server::guard::IdentifierGuard;
use server::reports::{self, labels::Lang, Format};
use std::path::PathBuf;

/// What `ppt-hub export` exports (the minutes of one meeting, for now).
#[derive(Subcommand)]
pub enum ExportWhat {
    /// The minutes of one meeting.
    Meeting {
        /// The meeting's id.
        id: String,
        /// md, html (printable), csv (Finnish Excel) or json.
        #[arg(long, default_value = "md")]
        format: String,
        #[command(flatten)]
        common: ExportCommon,
    },
}

/// Options every export shares: language, database, output file.
#[derive(clap::Args)]
pub struct ExportCommon {
    /// fi, sv or en.
    #[arg(long, default_value = "fi")]
    lang: String,
    #[command(flatten)]
    store: super::StoreArg,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// The arguments of `ppt-hub report`.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Only this centre (default: all centres).
    #[arg(long)]
    centre: Option<String>,
    /// First day, YYYY-MM-DD (included).
    #[arg(long)]
    from: String,
    /// Last day, YYYY-MM-DD (included).
    #[arg(long)]
    to: String,
    /// csv (Finnish Excel) or json.
    #[arg(long, default_value = "csv")]
    format: String,
    #[command(flatten)]
    common: ExportCommon,
}

/// Reads `--format` and `--lang`, with a message that lists the accepted values.
pub fn parse_format_lang(
    format: &str,
    lang: &str,
) -> Result<(Format, Lang), Box<dyn std::error::Error>> {
    let format = Format::parse(format).ok_or("--format must be md, html, csv or json")?;
    let lang = Lang::from_code(lang).ok_or("--lang must be fi, sv or en")?;
    Ok((format, lang))
}

/// `ppt-hub export meeting ID`: the minutes of an ended meeting, checked by the guard.
pub fn export_meeting(
    id: &str,
    format: &str,
    common: &ExportCommon,
) -> Result<(), Box<dyn std::error::Error>> {
    let (format, lang) = parse_format_lang(format, &common.lang)?;
    let db = open_existing(&common.store.db)?;
    let guard = IdentifierGuard::new()?;
    let id = shared::ids::MeetingId(id.to_owned());
    let text =
        db.call_now(|conn| Ok(reports::meeting_export(conn, &guard, &id, format, lang)))??;
    write_out(&text, &common.out)
}

/// `ppt-hub report`: a period report (CSV or JSON), checked by the guard.
pub fn report(args: &ReportArgs) -> Result<(), Box<dyn std::error::Error>> {
    let (format, lang) = parse_format_lang(&args.format, &args.common.lang)?;
    if !matches!(format, Format::Csv | Format::Json) {
        return Err("period reports are --format csv or json".into());
    }
    let db = open_existing(&args.common.store.db)?;
    let guard = IdentifierGuard::new()?;
    let centre = args.centre.clone().map(shared::ids::CentreId);
    let text = db.call_now(|conn| {
        Ok(reports::period_export(
            conn,
            &guard,
            centre.as_ref(),
            &args.from,
            &args.to,
            format,
            lang,
        ))
    })??;
    write_out(&text, &args.common.out)
}
