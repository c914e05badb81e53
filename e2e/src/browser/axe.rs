//! The accessibility check: axe-core (pinned, installed by `scripts/install-axe.sh`) run in the
//! page with the WCAG 2.0 and 2.1 A and AA rules.

use super::page::Browser;
use serde_json::json;
use std::path::{Path, PathBuf};

/// The axe-core tags the accessibility check runs: WCAG 2.0 and 2.1, levels A and AA.
pub const AXE_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Where the pinned axe-core lives.
pub fn axe_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("axe/node_modules/axe-core/axe.min.js")
}

/// The axe-core source; panics with how to install it when it is missing.
pub fn axe_source() -> String {
    let p = axe_path();
    std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "axe-core not found at {} ({e}): run scripts/install-axe.sh",
            p.display()
        )
    })
}

/// One axe-core violation, as printed when the check fails.
#[derive(Clone, Debug)]
pub struct Violation {
    /// The rule (`color-contrast`, `label`, …).
    pub id: String,
    /// How bad (`minor` … `critical`).
    pub impact: String,
    /// What the rule asks for, in a sentence.
    pub help: String,
    /// CSS selectors of the offending nodes (at most a few).
    pub targets: Vec<String>,
    /// axe's summary of what to fix on the first node.
    pub summary: String,
}

/// The violations one per line, indented, for a failure message.
pub fn listed(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("  {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {} – {}; targets: {}",
            self.impact,
            self.id,
            self.help,
            self.targets.join(" | ")
        )?;
        if !self.summary.is_empty() {
            write!(f, "\n      {}", self.summary.replace('\n', "\n      "))?;
        }
        Ok(())
    }
}

impl Browser {
    /// Runs axe-core on the page (injecting it when needed) with the WCAG 2.0/2.1 A and AA
    /// rules; returns every violation.
    pub async fn axe(&self, axe_src: &str) -> Vec<Violation> {
        self.axe_report(axe_src).await.1
    }

    /// Like [`Browser::axe`], also giving how many rules passed (a run that checked nothing
    /// would pass zero).
    pub async fn axe_report(&self, axe_src: &str) -> (usize, Vec<Violation>) {
        let loaded = self
            .js("return typeof window.axe !== 'undefined'", vec![])
            .await;
        if loaded != json!(true) {
            self.js(axe_src, vec![]).await;
            self.js("return typeof window.axe !== 'undefined'", vec![])
                .await;
        }
        let result = self
            .wd
            .execute_async(
                r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
  .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({
      id: v.id, impact: v.impact || '', help: v.help,
      targets: v.nodes.slice(0, 6).map(n => n.target.join(' ')),
      summary: (v.nodes[0] && v.nodes[0].failureSummary) || '',
  })) }))
  .catch(e => done({ error: String(e) }));
"#,
                vec![json!(AXE_TAGS)],
            )
            .await
            .unwrap_or_else(|e| panic!("[{}] axe.run: {e}", self.name));
        if let Some(e) = result.get("error") {
            panic!("[{}] axe.run failed: {e}", self.name);
        }
        let passes = result["passes"].as_u64().unwrap_or(0) as usize;
        let violations = result["violations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|v| Violation {
                id: v["id"].as_str().unwrap_or_default().to_owned(),
                impact: v["impact"].as_str().unwrap_or_default().to_owned(),
                help: v["help"].as_str().unwrap_or_default().to_owned(),
                targets: v["targets"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|t| t.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                summary: v["summary"].as_str().unwrap_or_default().to_owned(),
            })
            .collect();
        (passes, violations)
    }
}

/// Fails on any axe violation (WCAG 2.1 A and AA, whatever its impact) on `b`'s page, saying
/// at which step.
pub async fn no_axe_violations(b: &super::Browser, axe: &str, step: &str) {
    let serious: Vec<_> = b.axe(axe).await.into_iter().collect();
    assert!(
        serious.is_empty(),
        "[{}] {step}: axe violations:\n{}",
        b.name,
        listed(&serious)
    );
}
