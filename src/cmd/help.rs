//! What `--help`, the manual pages and the completions show: each listing only the filters it
//! takes, and `report NAME --help` only that report's parameters and the options standing for
//! them. (A filter a command does not take is still parsed, and then refused with a message.)

use crate::view::{listings, reports};

/// A listing's filter options and the query parameter each one sets.
const LISTING_FILTERS: &[(&str, &str)] = &[
    ("district", "district"),
    ("industry", "industry"),
    ("company", "company"),
    ("strategy", "strategy"),
    ("from", "from"),
    ("to", "to"),
    ("min_amount", "min_yuan"),
    ("max_amount", "max_yuan"),
    ("stated_only", "basis"),
    ("include_inferred", "basis"),
];

/// A report's options and the report parameter each one sets.
pub const REPORT_FILTERS: &[(&str, &str)] = &[
    ("district", "district"),
    ("from", "from"),
    ("to", "to"),
    ("limit", "limit"),
    ("stated_only", "basis"),
    ("place", "place"),
    ("province", "place"),
    ("prefecture", "place"),
];

/// The command line with every command's help narrowed to what it takes; `args` are the
/// program's arguments (for `report NAME --help`).
pub fn command(args: &[String]) -> clap::Command {
    let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
    // The subcommands' arguments are built lazily; they must exist to be hidden. Once built,
    // they are changed only in place (`mut_args`, `mut_subcommands`), which keeps clap's index
    // of option names valid.
    command.build();
    let named = report_named(args).and_then(|name| reports::find(&name));
    command.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        if let Some(def) = listings::find(&name) {
            let hidden: Vec<&str> = LISTING_FILTERS
                .iter()
                .filter(|(_, param)| !def.sql.contains(&format!(":{param}")))
                .map(|(option, _)| *option)
                .collect();
            hide(sub, &hidden)
        } else if name == "report" {
            match &named {
                Some(r) => one_report(sub, r),
                None => sub.after_help(super::report_help()),
            }
        } else {
            sub
        }
    })
}

/// The command with these options left out of its help.
fn hide(command: clap::Command, options: &[&str]) -> clap::Command {
    command.mut_args(|a| {
        if options.contains(&a.get_id().as_str()) {
            a.hide(true)
        } else {
            a
        }
    })
}

/// The report a `report NAME …` command line names, if any.
fn report_named(args: &[String]) -> Option<String> {
    let at = args.iter().position(|a| a == "report")?;
    args[at + 1..].iter().find(|a| !a.starts_with('-')).cloned()
}

/// `report NAME --help`: its question and parameters, and only the options it takes.
fn one_report(command: clap::Command, report: &reports::Report) -> clap::Command {
    let takes = |param: &str| report.params.iter().any(|(p, _)| p == param);
    let mut hidden: Vec<&str> = REPORT_FILTERS
        .iter()
        .filter(|(_, param)| !takes(param))
        .map(|(option, _)| *option)
        .collect();
    if !super::report::rolls_up(&report.name) {
        hidden.extend(["by", "as_of"]);
    }
    let command = hide(command, &hidden);
    let mut text = format!(
        "Report `{}`: {}\n{}\n\nParameters (-p KEY=VALUE):\n",
        report.name, report.title, report.question
    );
    if report.params.is_empty() {
        text.push_str("  none\n");
    }
    for (name, help) in &report.params {
        let option = REPORT_FILTERS
            .iter()
            .find(|(_, p)| p == name)
            .map(|(o, _)| format!(" (or --{})", o.replace('_', "-")))
            .unwrap_or_default();
        text.push_str(&format!("  {name}{option}: {help}\n"));
    }
    command.after_help(text)
}
