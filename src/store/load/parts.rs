//! Figures beside the headline (format 2): an event's other statistics, the parts of an event's
//! headline or of a statistic (breakdowns), and other figures given for the same quantity
//! (alternatives).

use anyhow::{Result, bail};
use rusqlite::params;

use super::figures::{columns, parse, parse_money, whole};
use super::statistic::{StatisticRow, insert_statistic};
use super::write::Writer;
use crate::source::model::{AlternativeEntry, BreakdownEntry, EventStatisticEntry};
use crate::source::validate::{PLACE_PARTS, RefKind, statistic_parser};

/// What an alternative figure is another value of.
#[derive(Clone, Copy)]
pub(super) enum Subject {
    EventCount(i64),
    EventAmount(i64),
    ProjectAmount(i64),
    Statistic(i64, bool),
}

/// A statistic's value, read as its metric says (money may leave out 元, a population 人).
pub(super) fn statistic_figure(
    path: &str,
    metric: &str,
    value: &str,
) -> Result<crate::source::figure::Figure> {
    statistic_parser(metric)(value).map_err(|e| anyhow::anyhow!("{path}: {e}"))
}

impl Writer<'_> {
    /// An event's statistics other than its bands; returns nothing, counts them.
    pub(super) fn event_statistics(
        &mut self,
        path: &str,
        statistics: &[EventStatisticEntry],
        place_id: i64,
        event_id: i64,
        period: (&str, &str),
    ) -> Result<()> {
        for (j, st) in statistics.iter().enumerate() {
            let spath = format!("{path}.statistics[{j}]");
            let figure = statistic_figure(&format!("{spath}.value"), &st.metric, &st.value)?;
            self.statistic_with_alternatives(
                &spath,
                &StatisticRow {
                    source_id: self.source_id,
                    kind: "event_statistic",
                    place_id,
                    event_id: Some(event_id),
                    metric: &st.metric,
                    label: st.label.as_deref(),
                    figure: &figure,
                    forecast: st.forecast,
                    from: Some(period.0),
                    to: Some(period.1),
                    band: None,
                    quote: &st.quote,
                },
                &st.alternatives,
            )?;
        }
        Ok(())
    }

    /// Writes a statistic and the other figures given for it; returns its id.
    pub(super) fn statistic_with_alternatives(
        &mut self,
        path: &str,
        row: &StatisticRow,
        alternatives: &[AlternativeEntry],
    ) -> Result<i64> {
        let statistic_id = insert_statistic(self.tx, row)?;
        self.summary.statistics += 1;
        let money = matches!(
            row.figure.quantity,
            crate::source::figure::Quantity::Money { .. }
        );
        self.alternatives(
            &format!("{path}.alternatives"),
            Subject::Statistic(statistic_id, money),
            alternatives,
        )?;
        Ok(statistic_id)
    }

    /// The parts of an event's headline (`event_id`) or of a statistic (`statistic_id`).
    pub(super) fn breakdowns(
        &mut self,
        path: &str,
        whole_of: (Option<i64>, Option<i64>),
        breakdowns: &[BreakdownEntry],
    ) -> Result<()> {
        for (j, b) in breakdowns.iter().enumerate() {
            for (k, part) in b.parts.iter().enumerate() {
                let ppath = format!("{path}[{j}].parts[{k}]");
                let count = part
                    .count
                    .as_deref()
                    .map(|c| whole(&format!("{ppath}.count"), c))
                    .transpose()?;
                let amount = part
                    .amount
                    .as_deref()
                    .map(|a| parse_money(&format!("{ppath}.amount"), a).map(|f| columns(&f)))
                    .transpose()?;
                let place_id = if b.by == PLACE_PARTS {
                    Some(self.names.get(RefKind::Place, &part.name)?)
                } else {
                    None
                };
                self.tx
                    .prepare_cached(
                        "INSERT INTO breakdown_parts_sliced (source_id, event_id, statistic_id, by, part,
                                                      count, count_qualifier, amount_yuan,
                                                      amount_foreign, amount_currency,
                                                      amount_qualifier, quote_at, place_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    )?
                    .execute(params![
                        self.source_id,
                        whole_of.0,
                        whole_of.1,
                        b.by,
                        part.name,
                        count.map(|(n, _)| n),
                        count.map(|(_, q)| q.as_str()),
                        amount.as_ref().and_then(|a| a.yuan),
                        amount.as_ref().and_then(|a| a.foreign),
                        amount.as_ref().and_then(|a| a.currency),
                        amount.as_ref().map(|a| a.qualifier.as_str()),
                        self.at(&part.quote),
                        place_id
                    ])?;
            }
        }
        Ok(())
    }

    /// Other figures the source gives for a quantity, beside the primary one.
    pub(super) fn alternatives(
        &mut self,
        path: &str,
        subject: Subject,
        alternatives: &[AlternativeEntry],
    ) -> Result<()> {
        let (event, project, statistic, field, money) = match subject {
            Subject::EventCount(id) => (Some(id), None, None, "project_count", false),
            Subject::EventAmount(id) => (Some(id), None, None, "signed_amount", true),
            Subject::ProjectAmount(id) => (None, Some(id), None, "amount", true),
            Subject::Statistic(id, money) => (None, None, Some(id), "value", money),
        };
        for (j, a) in alternatives.iter().enumerate() {
            let apath = format!("{path}[{j}].value");
            let figure = if money {
                parse_money(&apath, &a.value)?
            } else {
                parse(&apath, &a.value)?
            };
            let c = columns(&figure);
            if money != c.currency.is_some() {
                bail!("{apath}: `{}` is not the same kind of figure", a.value);
            }
            self.tx
                .prepare_cached(
                    "INSERT INTO alternative_figures_sliced (source_id, event_id, project_id,
                                                      statistic_id, field, value, unit,
                                                      value_yuan, value_foreign, currency,
                                                      qualifier, quote_at, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )?
                .execute(params![
                    self.source_id,
                    event,
                    project,
                    statistic,
                    field,
                    c.value,
                    c.unit,
                    c.yuan,
                    c.foreign,
                    c.currency,
                    c.qualifier.as_str(),
                    self.at(&a.quote),
                    a.note
                ])?;
        }
        Ok(())
    }
}
