-- Report: companies
-- Title: Companies, their projects and where the investment comes from
-- Question: Which companies invest, in which projects and roles, how much, from which home
--   city and country, and to which group do they belong?
-- Param: :city      only companies whose home city is this
-- A project reported by several sources counts once.
SELECT c.name                                          AS company,
       c.name_kind,
       (SELECT group_concat(a.alias, '; ') FROM company_aliases a WHERE a.company_id = c.company_id)
                                                       AS also_named,
       c.home_city,
       c.home_city_basis,
       c.home_country,
       g.name                                          AS parent_group,
       c.parent_relation,
       count(DISTINCT pc.project_id)                   AS projects,
       (SELECT group_concat(name, '; ') FROM (
            SELECT DISTINCT p2.name FROM project_companies pc2 JOIN projects p2 ON p2.project_id = pc2.project_id
             WHERE pc2.company_id = c.company_id))     AS project_names,
       -- its roles in them (investor, operator, partner, developer)
       (SELECT group_concat(role, '; ') FROM (
            SELECT DISTINCT pc2.role FROM project_companies pc2 WHERE pc2.company_id = c.company_id))
                                                       AS roles,
       -- how many of its links to projects the cataloguer inferred (the source does not state them)
       count(CASE pc.basis WHEN 'inferred' THEN 1 END) AS inferred_links,
       sum(CASE WHEN pc.role = 'investor' THEN p.amount_yuan END) AS invested_yuan
  FROM companies c
  LEFT JOIN companies g ON g.company_id = c.parent_company_id
  LEFT JOIN project_companies pc ON pc.company_id = c.company_id
  LEFT JOIN projects p ON p.project_id = pc.project_id
 WHERE (nullif(:city, '') IS NULL OR c.home_city = nullif(:city, ''))
 GROUP BY c.company_id
 ORDER BY invested_yuan DESC NULLS LAST, projects DESC, company;
