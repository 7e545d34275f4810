//! A validated figure as the columns it is stored in.

use anyhow::{Result, anyhow, bail};

use crate::source::figure::{self, Figure, Qualifier, Quantity};
use crate::source::model::FigureEntry;

/// Columns of a figure: (yuan, foreign amount, currency) for money or (value, unit) otherwise.
pub(super) struct FigureColumns {
    pub yuan: Option<i64>,
    pub foreign: Option<i64>,
    pub currency: Option<&'static str>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Qualifier,
}

pub(super) fn columns(fig: &Figure) -> FigureColumns {
    let mut c = FigureColumns {
        yuan: None,
        foreign: None,
        currency: None,
        value: None,
        unit: None,
        qualifier: fig.qualifier,
    };
    match &fig.quantity {
        Quantity::Money {
            currency: "CNY",
            amount,
        } => {
            c.yuan = Some(*amount);
            c.currency = Some("CNY");
        }
        Quantity::Money { currency, amount } => {
            c.foreign = Some(*amount);
            c.currency = Some(currency);
        }
        Quantity::Measure { value, unit } => {
            c.value = Some(*value);
            c.unit = Some(unit.clone());
        }
    }
    c
}

/// Validation has accepted every figure, so a parse failure here is a bug, not bad input; it is
/// still reported as an error rather than a panic.
pub(super) fn parse(path: &str, value: &str) -> Result<Figure> {
    figure::parse_figure(value).map_err(|e| anyhow!("{path}: {e}"))
}

/// A figure in a money field: 1.85億 without 元 is yuan.
pub(super) fn parse_money(path: &str, value: &str) -> Result<Figure> {
    figure::parse_money(value).map_err(|e| anyhow!("{path}: {e}"))
}

pub(super) fn whole(path: &str, value: &str) -> Result<(i64, Qualifier)> {
    let fig = parse(path, value)?;
    match fig.quantity {
        #[allow(clippy::cast_possible_truncation)] // validated as a whole number
        Quantity::Measure { value, .. } => Ok((value as i64, fig.qualifier)),
        Quantity::Money { .. } => bail!("{path}: `{value}` is not a count"),
    }
}

/// The money columns of an optional amount (an event's signed amount, a project's amount).
#[derive(Default)]
pub(super) struct Money<'a> {
    pub yuan: Option<i64>,
    pub foreign: Option<i64>,
    pub currency: Option<&'static str>,
    pub qualifier: Option<&'static str>,
    pub quote: Option<&'a str>,
}

pub(super) fn money<'a>(path: &str, entry: Option<&'a FigureEntry>) -> Result<Money<'a>> {
    let Some(entry) = entry else {
        return Ok(Money::default());
    };
    let c = columns(&parse_money(&format!("{path}.value"), &entry.value)?);
    Ok(Money {
        yuan: c.yuan,
        foreign: c.foreign,
        currency: c.currency,
        qualifier: Some(c.qualifier.as_str()),
        quote: Some(&entry.quote),
    })
}
