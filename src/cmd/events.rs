//! `events`: the signing events with their headline figures and what the named projects add up to.

use std::path::Path;

use anyhow::Result;
use serde_json::{Map, Value, json};

use crate::Context;
use crate::cli::Format;
use crate::figure::{Qualifier, format_qualified_yuan, format_yuan};
use crate::output::{self, Align, Listing};
use crate::store::EventRow;

pub const FIELDS: &[&str] = &[
    "event_id",
    "held_on",
    "place",
    "name",
    "project_count",
    "project_count_qualifier",
    "signed_amount_yuan",
    "signed_amount_foreign",
    "signed_amount_currency",
    "signed_amount_qualifier",
    "named_projects",
    "named_with_amount",
    "named_amount_yuan",
    "unitemised_amount_yuan",
    "source_title",
    "source_url",
];

pub fn run(ctx: &Context, db: &Path, format: Format) -> Result<()> {
    let store = super::open(ctx, db)?;
    let listing = listing(&store.events()?);
    output::write(&mut std::io::stdout().lock(), &listing, format, ctx.color)?;
    Ok(())
}

fn qualifier(text: Option<&str>) -> Qualifier {
    text.and_then(Qualifier::parse).unwrap_or(Qualifier::Exact)
}

/// What the headline amount leaves unexplained by the named projects. Only meaningful for an
/// exact headline in yuan.
fn unitemised(e: &EventRow) -> Option<i64> {
    match (e.signed_amount_yuan, e.signed_amount_qualifier.as_deref()) {
        (Some(total), Some("exact")) => Some(total - e.named_amount_yuan.unwrap_or(0)),
        _ => None,
    }
}

pub fn listing(events: &[EventRow]) -> Listing {
    let mut listing = Listing::new(
        vec![
            ("ID", Align::Right),
            ("Date", Align::Left),
            ("Place", Align::Left),
            ("Event", Align::Left),
            ("Projects", Align::Right),
            ("Amount", Align::Right),
            ("Named", Align::Right),
            ("Named sum", Align::Right),
            ("Unitemised", Align::Right),
        ],
        FIELDS.to_vec(),
    );
    for e in events {
        let count = match e.project_count {
            Some(n) => {
                let (before, after) = qualifier(e.project_count_qualifier.as_deref()).affixes();
                format!("{before}{n}{after}")
            }
            None => "—".into(),
        };
        let amount = match (
            e.signed_amount_yuan,
            e.signed_amount_foreign,
            &e.signed_amount_currency,
        ) {
            (Some(yuan), _, _) => {
                format_qualified_yuan(yuan, qualifier(e.signed_amount_qualifier.as_deref()))
            }
            (None, Some(foreign), Some(currency)) => {
                let (before, after) = qualifier(e.signed_amount_qualifier.as_deref()).affixes();
                format!("{before}{foreign} {currency}{after}")
            }
            _ => "—".into(),
        };
        let named = if e.named_with_amount < e.named_projects {
            format!("{} ({} with amount)", e.named_projects, e.named_with_amount)
        } else {
            e.named_projects.to_string()
        };
        let display = vec![
            e.event_id.to_string(),
            e.held_on.clone(),
            e.place.clone(),
            e.name.clone(),
            count,
            amount,
            named,
            e.named_amount_yuan.map_or("—".into(), format_yuan),
            unitemised(e).map_or("—".into(), format_yuan),
        ];
        let values: Vec<Value> = vec![
            json!(e.event_id),
            json!(e.held_on),
            json!(e.place),
            json!(e.name),
            json!(e.project_count),
            json!(e.project_count_qualifier),
            json!(e.signed_amount_yuan),
            json!(e.signed_amount_foreign),
            json!(e.signed_amount_currency),
            json!(e.signed_amount_qualifier),
            json!(e.named_projects),
            json!(e.named_with_amount),
            json!(e.named_amount_yuan),
            json!(unitemised(e)),
            json!(e.source_title),
            json!(e.source_url),
        ];
        let record: Map<String, Value> = FIELDS
            .iter()
            .map(|f| (*f).to_string())
            .zip(values)
            .collect();
        listing.push(display, record);
    }
    listing
}
