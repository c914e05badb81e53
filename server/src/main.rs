//! `ppt-hub`: the PPT Hub server and its command-line tools. The subcommands are in [`cli`],
//! one module each; this file sets up logging and the runtime and reports a failure.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    use tracing_subscriber::prelude::*;
    // The PostgreSQL driver logs every statement with its parameters at debug level: case
    // texts and keys. Whatever PPT_LOG asks, nothing below info leaves it.
    let no_sql_parameters = tracing_subscriber::filter::filter_fn(|meta| {
        !(meta.target().starts_with("tokio_postgres") && *meta.level() > tracing::Level::INFO)
    });
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PPT_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .finish()
        .with(no_sql_parameters)
        .init();
    let cli = cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match cli.run(&runtime) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ppt-hub: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
