//! Writing statistics: an event's band counts and a source's period figures and targets.

use anyhow::{Result, anyhow};
use rusqlite::{Transaction, params};

use super::figures::columns;
use super::parts::statistic_figure;
use super::write::Writer;
use crate::source::figure::{self, Figure};
use crate::source::model::StatisticEntry;
use crate::source::validate::RefKind;

pub(super) struct StatisticRow<'a> {
    pub source_id: i64,
    pub kind: &'a str,
    pub place_id: i64,
    pub event_id: Option<i64>,
    pub metric: &'a str,
    pub label: Option<&'a str>,
    pub figure: &'a Figure,
    pub forecast: bool,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub band: Option<figure::Band>,
    pub quote: &'a str,
}

/// Inserts a statistic; returns its id.
pub(super) fn insert_statistic(tx: &Transaction, s: &StatisticRow) -> Result<i64> {
    let c = columns(s.figure);
    tx.prepare_cached(
        "INSERT INTO statistics (source_id, kind, place_id, event_id, metric, label, value, unit,
                                 value_yuan, value_foreign, currency, qualifier, is_forecast,
                                 period_start, period_end, band_min_yuan, band_max_yuan,
                                 band_max_inclusive, quote)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        s.source_id,
        s.kind,
        s.place_id,
        s.event_id,
        s.metric,
        s.label,
        c.value,
        c.unit,
        c.yuan,
        c.foreign,
        c.currency,
        c.qualifier.as_str(),
        s.forecast,
        s.from,
        s.to,
        s.band.and_then(|b| b.min_yuan),
        s.band.and_then(|b| b.max_yuan),
        s.band.and_then(|b| b.max_yuan.map(|_| b.max_inclusive)),
        s.quote
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Writer<'_> {
    /// A figure of a place over a period (今年以來…), a target or a forecast.
    pub(super) fn period_statistic(&mut self, path: &str, st: &StatisticEntry) -> Result<()> {
        let band = st
            .band
            .as_deref()
            .map(|b| figure::parse_band(b).map_err(|e| anyhow!("{path}.band: {e}")))
            .transpose()?;
        let figure = statistic_figure(&format!("{path}.value"), &st.metric, &st.value)?;
        let statistic_id = self.statistic_with_alternatives(
            path,
            &StatisticRow {
                source_id: self.source_id,
                kind: &st.kind,
                place_id: self.names.get(RefKind::Place, &st.place)?,
                event_id: None,
                metric: &st.metric,
                label: st.label.as_deref(),
                figure: &figure,
                forecast: st.forecast,
                from: st.from.as_deref(),
                to: st.to.as_deref(),
                band,
                quote: &st.quote,
            },
            &st.alternatives,
        )?;
        self.breakdowns(
            &format!("{path}.breakdowns"),
            (None, Some(statistic_id)),
            &st.breakdowns,
        )?;
        Ok(())
    }
}
