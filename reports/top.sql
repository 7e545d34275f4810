-- Report: top
-- Title: The largest named projects
-- Fit: rank, project, amount | held on, district, companies, industries, place, investors, sources, inferred industries, other amount, amount quote
-- Question: Which named projects bring the most investment, where, and from whom?
-- Param: :limit     how many projects (default 10)
-- Param: :district  only projects of events held by this place
-- Param: :place     only events within this area: a division's name or code; its former and later names and the divisions within it count too
-- Param: :from      only events on or after this date (YYYY-MM-DD)
-- Param: :to        only events on or before this date (YYYY-MM-DD)
-- The largest first, by the amount index; the details (companies, industries) only for them.
-- A project named only in a report of a period is here too; one reported by several sources is
-- one row (sources says how many), with the first source's amount; other_amount_yuan is the
-- largest other amount given for it (by a later source, or as an alternative figure).
-- Events of another stage (开工/竣工/投产 batches) and their projects are left out: `report
-- followthrough` and `show project` follow them.
WITH area (code) AS (
    -- :place: the areas today holding the division of that name or code (through successors)
    SELECT coalesce(today_code, today_prefecture_code, today_province_code) FROM divisions
     WHERE code = nullif(:place, '') OR name = nullif(:place, '') OR short_name = nullif(:place, '')
),
largest AS MATERIALIZED (
    SELECT p.project_id
      FROM projects p
      JOIN events e ON e.event_id = p.event_id
      JOIN places pl ON pl.place_id = e.place_id
     WHERE p.amount_yuan IS NOT NULL AND e.stage = 'signing'
       AND (nullif(:district, '') IS NULL OR pl.name = nullif(:district, '') OR pl.name_key = nullif(:district, ''))
       AND (nullif(:place, '') IS NULL OR e.place_id IN (
            SELECT d.place_id FROM place_divisions d
             WHERE d.today_code IN area OR d.today_prefecture_code IN area
                OR d.today_province_code IN area))
       AND (nullif(:from, '') IS NULL OR e.held_on >= nullif(:from, ''))
       AND (nullif(:to, '') IS NULL OR e.held_on <= nullif(:to, ''))
     ORDER BY p.amount_yuan DESC, p.name
     LIMIT coalesce(CAST(nullif(:limit, '') AS INTEGER), 10)
)
SELECT rank() OVER (ORDER BY amount_yuan DESC) AS rank,
       project,
       amount_yuan,
       amount_qualifier,
       held_on,
       district,
       place,
       -- names only; the subsets in their own columns
       (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT c.name FROM project_companies pc
          JOIN companies c ON c.company_id = pc.company_id
         WHERE pc.project_id = project_overview.project_id)) AS companies,
       (SELECT group_concat(c.name, '; ') FROM project_companies pc
          JOIN companies c ON c.company_id = pc.company_id
         WHERE pc.project_id = project_overview.project_id AND pc.role = 'investor') AS investors,
       (SELECT group_concat(i.name, '; ') FROM project_industries pi
          JOIN industries i ON i.industry_id = pi.industry_id
         WHERE pi.project_id = project_overview.project_id) AS industries,
       (SELECT group_concat(i.name, '; ') FROM project_industries pi
          JOIN industries i ON i.industry_id = pi.industry_id
         WHERE pi.project_id = project_overview.project_id AND pi.basis = 'inferred') AS inferred_industries,
       sources,
       (SELECT max(o.yuan) FROM (
            SELECT m.amount_yuan AS yuan FROM project_mentions m WHERE m.project_id = project_overview.project_id
            UNION ALL
            SELECT a.value_yuan FROM alternative_figures a WHERE a.project_id = project_overview.project_id) o
         WHERE o.yuan IS NOT project_overview.amount_yuan) AS other_amount_yuan,
       amount_quote
  FROM project_overview
 WHERE project_id IN (SELECT project_id FROM largest)
 ORDER BY amount_yuan DESC, project;
