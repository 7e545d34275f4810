//! Warnings about projects' lifecycles for `check`: a milestone dated before the project's
//! signing, and a project completed before it started. Sources do get dates wrong, and a cohort
//! counts steps by their dates, so these are worth a look; they are not errors.

use anyhow::Result;

use super::Store;
use super::read::CheckProblem;

/// Each milestone earlier than its project's signing, and each project whose first completed
/// step is earlier than its first started one: (project, what is wrong).
const ODD_STEPS: &str = "
    SELECT p.name, 'milestone ' || ms.stage || ' on ' || ms.reached_on
               || ' is before the project was signed (' || e.held_on || '): `' || ms.quote || '`'
      FROM milestones ms
      JOIN projects p ON p.project_id = ms.project_id
      JOIN events e ON e.event_id = p.event_id
     WHERE e.stage = 'signing' AND ms.reached_on < e.held_on
    UNION ALL
    SELECT p.name, 'completed on ' || c.first_on || ' before it started (' || s.first_on || ')'
      FROM (SELECT project_id, min(reached_on) AS first_on FROM project_steps
             WHERE stage = 'completed' GROUP BY project_id) c
      JOIN (SELECT project_id, min(reached_on) AS first_on FROM project_steps
             WHERE stage = 'started' GROUP BY project_id) s ON s.project_id = c.project_id
      JOIN projects p ON p.project_id = c.project_id
     WHERE c.first_on < s.first_on
     ORDER BY 1, 2";

impl Store {
    /// Lifecycle steps out of order (see ODD_STEPS): worth a look, not an error.
    pub fn lifecycle_warnings(&self) -> Result<Vec<CheckProblem>> {
        let mut stmt = self.conn.prepare(ODD_STEPS)?;
        let rows = stmt.query_map([], |r| {
            Ok(CheckProblem {
                record: format!("project {}", r.get::<_, String>(0)?),
                problem: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
