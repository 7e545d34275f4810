//! A project's life after its signing (format 3): the stages an event can be a step of (a 集中开工
//! ceremony is `started`), the stages a milestone can report, their order, and a milestone's
//! day or period.

use crate::source::model::MilestoneEntry;
use crate::source::period::{self, When, WhenError, is_iso_date};

/// The stage an event is a step of; `signing` when a file gives none.
pub const EVENT_STAGES: &[&str] = &["signing", "land", "started", "completed", "in_production"];
/// The stages a milestone reports.
pub const MILESTONE_STAGES: &[&str] = &[
    "land",
    "started",
    "completed",
    "in_production",
    "funds_in_place",
    "stalled",
    "terminated",
];
/// The one stage whose milestone carries money: the funds arrived so far.
pub const FUNDS_IN_PLACE: &str = "funds_in_place";
/// The stage of an event that names none.
pub const SIGNING: &str = "signing";

/// How far along a stage is: a project counts as started when it has reached `started` or a
/// later step (completed, in_production). None for the stages outside that order (funds in
/// place, stalled, terminated).
pub fn rank(stage: &str) -> Option<u8> {
    match stage {
        "signing" => Some(0),
        "land" => Some(1),
        "started" => Some(2),
        "completed" => Some(3),
        "in_production" => Some(4),
        _ => None,
    }
}

/// A milestone's day, or the period by whose end it was so (a name without a year is in the
/// year of publication).
pub fn milestone_when(m: &MilestoneEntry, published: &str) -> Result<When, WhenError> {
    match (&m.date, &m.period) {
        (Some(day), None) => {
            if is_iso_date(day) {
                Ok(When::Day(day.clone()))
            } else {
                Err(WhenError {
                    field: "date",
                    message: format!("`{day}` is not a real date written YYYY-MM-DD"),
                })
            }
        }
        (None, Some(named)) => {
            let year = published.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
            let (from, to) = period::parse_period(named, year).map_err(|message| WhenError {
                field: "period",
                message,
            })?;
            Ok(When::Period {
                from,
                to,
                label: Some(named.clone()),
            })
        }
        (Some(_), Some(_)) => Err(WhenError {
            field: "date",
            message: "a milestone has a `date` or a `period`, not both".into(),
        }),
        (None, None) => Err(WhenError {
            field: "date",
            message: "a milestone needs its `date` (YYYY-MM-DD) or its `period` (2024年上半年): \
                      by when the project was so"
                .into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestone(date: Option<&str>, period: Option<&str>) -> MilestoneEntry {
        MilestoneEntry {
            date: date.map(str::to_string),
            period: period.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn a_milestone_is_dated_by_a_day_or_a_period() {
        let day = milestone_when(&milestone(Some("2024-03-15"), None), "2024-04-01").unwrap();
        assert_eq!(day.held_on(), "2024-03-15");
        let half = milestone_when(&milestone(None, Some("上半年")), "2024-07-10").unwrap();
        assert_eq!(half.held_on(), "2024-06-30");
        assert!(milestone_when(&milestone(None, None), "2024-07-10").is_err());
        assert!(milestone_when(&milestone(Some("2024-02-30"), None), "2024-07-10").is_err());
        assert!(
            milestone_when(&milestone(Some("2024-03-15"), Some("上半年")), "2024-07-10").is_err()
        );
    }

    #[test]
    fn started_is_reached_by_later_steps() {
        let started = rank("started").unwrap();
        assert!(rank("in_production").unwrap() > started);
        assert!(rank("land").unwrap() < started);
        assert_eq!(rank("terminated"), None);
    }
}
