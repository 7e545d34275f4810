//! Checks of format 3's lifecycle fields: an event's `stage`, and `[[milestones]]` (their
//! project reference, stage, day or period, and the money of a funds_in_place one).

use super::{Checker, one_of};
use crate::source::lifecycle::{self, EVENT_STAGES, FUNDS_IN_PLACE, MILESTONE_STAGES};
use crate::source::model::{EventEntry, MilestoneEntry, SameAsEntry};
use crate::source::period::{When, is_iso_date};

impl Checker<'_> {
    /// A field that format 3 added, used in a format-1 or -2 file.
    pub(super) fn needs_v3(&mut self, path: &str, present: bool, what: &str) {
        if present && self.format < 3 {
            self.problem(
                path,
                format!(
                    "{what} need `format = 3` at the top of the file (this file says format = {})",
                    self.format
                ),
            );
        }
    }

    /// An event's stage: signing (the default), land, started, completed, in_production.
    pub(super) fn event_stage(&mut self, path: &str, ev: &EventEntry) {
        let Some(stage) = &ev.stage else { return };
        let path = format!("{path}.stage");
        self.needs_v3(&path, true, "an event's `stage`");
        self.check(&path, one_of(stage, EVENT_STAGES));
    }

    pub(super) fn milestones(&mut self, milestones: &[MilestoneEntry]) {
        for (i, m) in milestones.iter().enumerate() {
            let path = format!("milestones[{i}]");
            self.enter("milestone", &m.stage);
            self.needs_v3(&path, true, "`[[milestones]]`");
            self.milestone(&path, m);
        }
    }

    fn milestone(&mut self, path: &str, m: &MilestoneEntry) {
        self.project_reference(&format!("{path}.project"), &m.project);
        self.check(&format!("{path}.stage"), one_of(&m.stage, MILESTONE_STAGES));
        self.quote(&format!("{path}.quote"), &m.quote);
        self.milestone_when(path, m);
        match (&m.amount, m.stage == FUNDS_IN_PLACE) {
            (Some(amount), true) => {
                let apath = format!("{path}.amount");
                self.quote(&format!("{apath}.quote"), &amount.quote);
                self.money_value(&format!("{apath}.value"), &amount.value, &amount.quote);
            }
            (Some(_), false) => self.problem(
                &format!("{path}.amount"),
                format!(
                    "an amount belongs only to a funds_in_place milestone (the funds arrived so \
                     far); this one is `{}`: leave the amount out, or make it a second \
                     milestone with stage = \"funds_in_place\"",
                    m.stage
                ),
            ),
            (None, true) => self.problem(
                path,
                "a funds_in_place milestone needs its `amount = { value = \"3亿元\", quote = \
                 \"…\" }`: the funds arrived so far",
            ),
            (None, false) => {}
        }
    }

    /// `{ key }`, or `{ source, name }`: a project of the catalogue or of this file.
    fn project_reference(&mut self, path: &str, project: &SameAsEntry) {
        match (&project.source, &project.name, &project.key) {
            (Some(source), Some(name), None) => {
                self.name(&format!("{path}.source"), source);
                self.name(&format!("{path}.name"), name);
            }
            (None, None, Some(key)) => self.name(&format!("{path}.key"), key),
            _ => self.problem(
                path,
                "expected the project's `key`, or its `source` (a URL or title) and its `name` \
                 there: project = { key = \"…\" }",
            ),
        }
    }

    /// The day or period; neither may be after the source's publication (an article reports
    /// what has happened).
    fn milestone_when(&mut self, path: &str, m: &MilestoneEntry) {
        let when = match lifecycle::milestone_when(m, self.published) {
            Ok(when) => when,
            Err(e) => {
                self.problem(&format!("{path}.{}", e.field), e.message);
                return;
            }
        };
        let (field, start) = match &when {
            When::Day(day) => ("date", day),
            When::Period { from, .. } => ("period", from),
        };
        let published = self.published;
        if is_iso_date(published) && start.as_str() > published {
            self.problem(
                &format!("{path}.{field}"),
                format!(
                    "{start} is after the source was published ({published}); a milestone \
                     reports what has happened by then: is the date wrong?"
                ),
            );
        }
    }
}
