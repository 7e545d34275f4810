-- Report: companies
-- Title: Companies, their projects and where the investment comes from
-- Question: Which companies invest, in which projects and roles, how much, from which home
--   city and country, and to which group do they belong?
-- Param: :city      only companies whose home city is this
-- A project reported by several sources counts once. events counts the events the company
-- signed at: those of its projects, and those a source says it signed at without naming a
-- project of its (京東集團等7家企業簽約), which signed_without_project names.
-- a company's links: to its projects (and their events), and to the events it signed at
-- without a project named (project, role and amount empty)
WITH links AS (
    SELECT pc.company_id, pc.project_id, pc.role, pc.basis, p.amount_yuan, p.event_id
      FROM project_companies pc JOIN projects p ON p.project_id = pc.project_id
    UNION ALL
    SELECT company_id, NULL, NULL, NULL, NULL, event_id FROM event_companies
)
SELECT c.name                                          AS company,
       c.name_kind,
       (SELECT group_concat(a.alias, '; ') FROM company_aliases a WHERE a.company_id = c.company_id)
                                                       AS also_named,
       c.home_city,
       c.home_city_basis,
       c.home_country,
       g.name                                          AS parent_group,
       c.parent_relation,
       count(DISTINCT l.project_id)                    AS projects,
       count(DISTINCT l.event_id)                      AS events,
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT e.name FROM event_companies ec JOIN events e ON e.event_id = ec.event_id
             WHERE ec.company_id = c.company_id))      AS signed_without_project,
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT p2.name FROM project_companies pc2 JOIN projects p2 ON p2.project_id = pc2.project_id
             WHERE pc2.company_id = c.company_id))     AS project_names,
       -- its roles in them (investor, operator, partner, developer)
       (SELECT group_concat(role, '; ') FROM (
            SELECT DISTINCT pc2.role FROM project_companies pc2 WHERE pc2.company_id = c.company_id))
                                                       AS roles,
       -- how many of its links to projects the cataloguer inferred (the source does not state them)
       count(CASE l.basis WHEN 'inferred' THEN 1 END)  AS inferred_links,
       sum(CASE WHEN l.role = 'investor' THEN l.amount_yuan END) AS invested_yuan
  FROM companies c
  LEFT JOIN companies g ON g.company_id = c.parent_company_id
  LEFT JOIN links l ON l.company_id = c.company_id
 WHERE (nullif(:city, '') IS NULL OR c.home_city = nullif(:city, ''))
 GROUP BY c.company_id
 ORDER BY invested_yuan DESC NULLS LAST, projects DESC, events DESC, company;
