//! `ppt-hub guard`: the identifier guard as a filter, JSON lines in and out, for tools and
//! for checking texts in bulk. Nothing read is stored or logged.

use server::guard::IdentifierGuard;

/// The arguments of `ppt-hub guard`.
#[derive(clap::Args)]
pub struct GuardArgs {
    /// Words or phrases to let through (a centre's allowlist); repeatable.
    #[arg(long)]
    allow: Vec<String>,
}

/// `ppt-hub guard`: checks each JSON line of standard input and writes its findings.
pub fn guard_lines(args: &GuardArgs) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::{BufRead, Write};
    #[derive(serde::Deserialize)]
    struct Input {
        #[serde(default)]
        id: serde_json::Value,
        text: String,
    }
    let guard = IdentifierGuard::new()?;
    let allow = shared::guard::Allowlist::new(args.allow.iter());
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Input>(&line) {
            Ok(input) => {
                serde_json::json!({ "id": input.id, "spans": guard.check(&input.text, &allow)? })
            }
            Err(_) => {
                serde_json::json!({ "id": null, "line": n + 1, "error": "expected {\"id\": …, \"text\": \"…\"}" })
            }
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
