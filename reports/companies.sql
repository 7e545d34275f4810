-- Report: companies
-- Title: Companies, their projects and where the investment comes from
-- Fit: company | invested, projects, home city, events, roles, parent group, project names, name kind, also named, signed without project, home country
-- Question: Which companies invest, in which projects and roles, how much, from which home
--   city and country, and to which group do they belong?
-- Param: :city      only companies whose home city is this
-- A project reported by several sources counts once. events counts the events the company
-- signed at: those of its projects, and those a source says it signed at without naming a
-- project of its (京東集團等7家企業簽約), which signed_without_project names.
-- a company's links: to its projects (and their events), and to the events it signed at
-- without a project named (project, role and amount empty)
-- A total keeps the bounds of its parts: each part's qualifier is a direction (0 exact, 1 at
-- least: 逾/以上, 2 at most: 近/以下/不足, 4 about), and the distinct directions added up say
-- what the sum is: exact, at_least (≥), at_most (≤), about (≈), or mixed (parts bounded both
-- ways: neither bound holds). unstated_* counts the parts that state no figure.
WITH links AS (
    SELECT pc.company_id, pc.project_id, pc.role, pc.basis, p.amount_yuan, p.event_id,
           CASE WHEN p.amount_yuan IS NULL THEN NULL WHEN p.amount_qualifier = 'exact' THEN 0
                WHEN p.amount_qualifier IN ('more_than', 'at_least') THEN 1
                WHEN p.amount_qualifier IN ('nearly', 'at_most', 'less_than') THEN 2 ELSE 4 END AS amount_bound
      FROM project_companies pc JOIN projects p ON p.project_id = pc.project_id
    UNION ALL
    SELECT company_id, NULL, NULL, NULL, NULL, event_id, NULL FROM event_companies
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
       sum(CASE WHEN l.role = 'investor' THEN l.amount_yuan END) AS invested_yuan,
       CASE sum(DISTINCT amount_bound) FILTER (WHERE l.role = 'investor')
            WHEN 0 THEN 'exact' WHEN 1 THEN 'at_least' WHEN 2 THEN 'at_most' WHEN 3 THEN 'mixed'
            WHEN 4 THEN 'about' WHEN 5 THEN 'about' WHEN 6 THEN 'about' WHEN 7 THEN 'mixed' END AS invested_qualifier,
       count(*) FILTER (WHERE l.role = 'investor' AND l.amount_yuan IS NULL) AS unstated_invested
  FROM companies c
  LEFT JOIN companies g ON g.company_id = c.parent_company_id
  LEFT JOIN links l ON l.company_id = c.company_id
 WHERE (nullif(:city, '') IS NULL OR c.home_city = nullif(:city, ''))
 GROUP BY c.company_id
 ORDER BY invested_yuan DESC NULLS LAST, projects DESC, events DESC, company;
