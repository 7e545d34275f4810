-- V18: CHECK constraints without lists of three or more values (issue 31, eighth part).
--
-- A CHECK such as `qualifier IN ('exact', 'more_than', …)` is coded by SQLite as a temporary
-- b-tree of the list's values, built and dropped again for every row a statement writes (the
-- list is constant, but a CHECK is evaluated once per row, each time from the start): with
-- SQLite 3.40.1 (the stock shell's), 200,000 inserts into a table with two such CHECKs took
-- 3.8 s against 1.0 s with the same CHECKs written as comparisons joined by OR. An import writes 16 tables that had
-- them (statistics three per row, source_declarations one): 13-16% of its CPU at 10,000
-- projects. Each list is now written as `(x = 'a' OR x = 'b' OR …)`: the same constraint (a
-- NULL passes both ways, any other value must be one of the list's), which SQLite evaluates as
-- comparisons. Lists of one or two values are coded as comparisons already and stay.
--
-- The constraints are changed in place in sqlite_schema (SQLite's documented way to change a
-- CHECK constraint without rebuilding its table: nothing is copied, and no row can break a
-- constraint that means the same); `writable_schema = RESET` makes this connection read the
-- schema again, and the table created and dropped at the end moves the schema cookie so that
-- other connections read it again too.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema
   SET sql = replace(sql,
               'kind IN (''country'', ''region'', ''province'', ''municipality'',
                  ''prefecture'', ''city'', ''district'', ''county'', ''town'', ''park'', ''zone'',
                  ''bonded_zone'', ''functional_area'')',
               '(kind = ''country'' OR kind = ''region'' OR kind = ''province'' OR kind = ''municipality'' OR kind = ''prefecture'' OR kind = ''city'' OR kind = ''district'' OR kind = ''county'' OR kind = ''town'' OR kind = ''park'' OR kind = ''zone'' OR kind = ''bonded_zone'' OR kind = ''functional_area'')')
 WHERE type = 'table' AND name = 'places';
UPDATE sqlite_schema
   SET sql = replace(replace(sql,
               'name_kind IN (''full'', ''short'', ''group'')',
               '(name_kind = ''full'' OR name_kind = ''short'' OR name_kind = ''group'')'),
               'parent_relation IN (''subsidiary'', ''affiliate'', ''brand'')',
               '(parent_relation = ''subsidiary'' OR parent_relation = ''affiliate'' OR parent_relation = ''brand'')')
 WHERE type = 'table' AND name = 'companies';
UPDATE sqlite_schema
   SET sql = replace(sql,
               'alias_kind IN (''full'', ''short'', ''group'')',
               '(alias_kind = ''full'' OR alias_kind = ''short'' OR alias_kind = ''group'')')
 WHERE type = 'table' AND name = 'company_aliases';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(replace(sql,
               'project_count_qualifier IN
                                (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(project_count_qualifier = ''exact'' OR project_count_qualifier = ''more_than'' OR project_count_qualifier = ''at_least'' OR project_count_qualifier = ''about'' OR project_count_qualifier = ''nearly'' OR project_count_qualifier = ''at_most'' OR project_count_qualifier = ''less_than'')'),
               'signed_amount_currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(signed_amount_currency = ''CNY'' OR signed_amount_currency = ''USD'' OR signed_amount_currency = ''EUR'' OR signed_amount_currency = ''HKD'' OR signed_amount_currency = ''JPY'' OR signed_amount_currency = ''GBP'' OR signed_amount_currency = ''SGD'' OR signed_amount_currency = ''KRW'' OR signed_amount_currency = ''TWD'')'),
               'signed_amount_qualifier IN
                                (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(signed_amount_qualifier = ''exact'' OR signed_amount_qualifier = ''more_than'' OR signed_amount_qualifier = ''at_least'' OR signed_amount_qualifier = ''about'' OR signed_amount_qualifier = ''nearly'' OR signed_amount_qualifier = ''at_most'' OR signed_amount_qualifier = ''less_than'')'),
               'stage IN (''signing'', ''land'', ''started'', ''completed'', ''in_production'')',
               '(stage = ''signing'' OR stage = ''land'' OR stage = ''started'' OR stage = ''completed'' OR stage = ''in_production'')')
 WHERE type = 'table' AND name = 'events';
UPDATE sqlite_schema
   SET sql = replace(replace(sql,
               'level IN (''national'', ''municipal'', ''district'')',
               '(level = ''national'' OR level = ''municipal'' OR level = ''district'')'),
               'kind IN (''strategy'', ''industrial_layout'', ''goal'', ''work_mode'',
                    ''mechanism'', ''method'', ''task_force'', ''principle'')',
               '(kind = ''strategy'' OR kind = ''industrial_layout'' OR kind = ''goal'' OR kind = ''work_mode'' OR kind = ''mechanism'' OR kind = ''method'' OR kind = ''task_force'' OR kind = ''principle'')')
 WHERE type = 'table' AND name = 'strategies';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(sql,
               'kind IN (''event_statistic'', ''period_statistic'', ''place_fact'', ''target'')',
               '(kind = ''event_statistic'' OR kind = ''period_statistic'' OR kind = ''place_fact'' OR kind = ''target'')'),
               'currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(currency = ''CNY'' OR currency = ''USD'' OR currency = ''EUR'' OR currency = ''HKD'' OR currency = ''JPY'' OR currency = ''GBP'' OR currency = ''SGD'' OR currency = ''KRW'' OR currency = ''TWD'')'),
               'qualifier IN
                           (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(qualifier = ''exact'' OR qualifier = ''more_than'' OR qualifier = ''at_least'' OR qualifier = ''about'' OR qualifier = ''nearly'' OR qualifier = ''at_most'' OR qualifier = ''less_than'')')
 WHERE type = 'table' AND name = 'statistics';
UPDATE sqlite_schema
   SET sql = replace(sql,
               'kind IN (''place'', ''industry'', ''company'', ''strategy'')',
               '(kind = ''place'' OR kind = ''industry'' OR kind = ''company'' OR kind = ''strategy'')')
 WHERE type = 'table' AND name = 'source_declarations';
UPDATE sqlite_schema
   SET sql = replace(replace(sql,
               'amount_currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(amount_currency = ''CNY'' OR amount_currency = ''USD'' OR amount_currency = ''EUR'' OR amount_currency = ''HKD'' OR amount_currency = ''JPY'' OR amount_currency = ''GBP'' OR amount_currency = ''SGD'' OR amount_currency = ''KRW'' OR amount_currency = ''TWD'')'),
               'amount_qualifier IN
                         (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(amount_qualifier = ''exact'' OR amount_qualifier = ''more_than'' OR amount_qualifier = ''at_least'' OR amount_qualifier = ''about'' OR amount_qualifier = ''nearly'' OR amount_qualifier = ''at_most'' OR amount_qualifier = ''less_than'')')
 WHERE type = 'table' AND name = 'projects_sliced';
UPDATE sqlite_schema
   SET sql = replace(sql,
               'level IN (''province'', ''prefecture'', ''county'')',
               '(level = ''province'' OR level = ''prefecture'' OR level = ''county'')')
 WHERE type = 'table' AND name = 'divisions';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(sql,
               'kind IN (''capacity'', ''expected_volume'', ''business_scope'',
                        ''goal'', ''positioning'', ''description'', ''area'', ''jobs'', ''output_value'', ''tax'')',
               '(kind = ''capacity'' OR kind = ''expected_volume'' OR kind = ''business_scope'' OR kind = ''goal'' OR kind = ''positioning'' OR kind = ''description'' OR kind = ''area'' OR kind = ''jobs'' OR kind = ''output_value'' OR kind = ''tax'')'),
               'currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(currency = ''CNY'' OR currency = ''USD'' OR currency = ''EUR'' OR currency = ''HKD'' OR currency = ''JPY'' OR currency = ''GBP'' OR currency = ''SGD'' OR currency = ''KRW'' OR currency = ''TWD'')'),
               'qualifier IN
                        (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(qualifier = ''exact'' OR qualifier = ''more_than'' OR qualifier = ''at_least'' OR qualifier = ''about'' OR qualifier = ''nearly'' OR qualifier = ''at_most'' OR qualifier = ''less_than'')')
 WHERE type = 'table' AND name = 'project_facts_sliced';
UPDATE sqlite_schema
   SET sql = replace(sql,
               'role IN (''investor'', ''operator'', ''partner'', ''developer'')',
               '(role = ''investor'' OR role = ''operator'' OR role = ''partner'' OR role = ''developer'')')
 WHERE type = 'table' AND name = 'project_companies_sliced';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(sql,
               'amount_currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(amount_currency = ''CNY'' OR amount_currency = ''USD'' OR amount_currency = ''EUR'' OR amount_currency = ''HKD'' OR amount_currency = ''JPY'' OR amount_currency = ''GBP'' OR amount_currency = ''SGD'' OR amount_currency = ''KRW'' OR amount_currency = ''TWD'')'),
               'amount_qualifier IN
                         (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(amount_qualifier = ''exact'' OR amount_qualifier = ''more_than'' OR amount_qualifier = ''at_least'' OR amount_qualifier = ''about'' OR amount_qualifier = ''nearly'' OR amount_qualifier = ''at_most'' OR amount_qualifier = ''less_than'')'),
               'named_by IN (''key'', ''url'', ''title'')',
               '(named_by = ''key'' OR named_by = ''url'' OR named_by = ''title'')')
 WHERE type = 'table' AND name = 'project_mentions_sliced';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(replace(sql,
               'stage IN (''land'', ''started'', ''completed'', ''in_production'',
                                                    ''funds_in_place'', ''stalled'', ''terminated'')',
               '(stage = ''land'' OR stage = ''started'' OR stage = ''completed'' OR stage = ''in_production'' OR stage = ''funds_in_place'' OR stage = ''stalled'' OR stage = ''terminated'')'),
               'amount_currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(amount_currency = ''CNY'' OR amount_currency = ''USD'' OR amount_currency = ''EUR'' OR amount_currency = ''HKD'' OR amount_currency = ''JPY'' OR amount_currency = ''GBP'' OR amount_currency = ''SGD'' OR amount_currency = ''KRW'' OR amount_currency = ''TWD'')'),
               'amount_qualifier IN
                         (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(amount_qualifier = ''exact'' OR amount_qualifier = ''more_than'' OR amount_qualifier = ''at_least'' OR amount_qualifier = ''about'' OR amount_qualifier = ''nearly'' OR amount_qualifier = ''at_most'' OR amount_qualifier = ''less_than'')'),
               'named_by IN (''key'', ''url'', ''title'')',
               '(named_by = ''key'' OR named_by = ''url'' OR named_by = ''title'')')
 WHERE type = 'table' AND name = 'milestones_sliced';
UPDATE sqlite_schema
   SET sql = replace(sql,
               'role IN (''investor'', ''operator'', ''partner'', ''developer'')',
               '(role = ''investor'' OR role = ''operator'' OR role = ''partner'' OR role = ''developer'')')
 WHERE type = 'table' AND name = 'event_companies_sliced';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(sql,
               'count_qualifier IN
                         (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(count_qualifier = ''exact'' OR count_qualifier = ''more_than'' OR count_qualifier = ''at_least'' OR count_qualifier = ''about'' OR count_qualifier = ''nearly'' OR count_qualifier = ''at_most'' OR count_qualifier = ''less_than'')'),
               'amount_currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(amount_currency = ''CNY'' OR amount_currency = ''USD'' OR amount_currency = ''EUR'' OR amount_currency = ''HKD'' OR amount_currency = ''JPY'' OR amount_currency = ''GBP'' OR amount_currency = ''SGD'' OR amount_currency = ''KRW'' OR amount_currency = ''TWD'')'),
               'amount_qualifier IN
                         (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(amount_qualifier = ''exact'' OR amount_qualifier = ''more_than'' OR amount_qualifier = ''at_least'' OR amount_qualifier = ''about'' OR amount_qualifier = ''nearly'' OR amount_qualifier = ''at_most'' OR amount_qualifier = ''less_than'')')
 WHERE type = 'table' AND name = 'breakdown_parts_sliced';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(sql,
               'field IN (''project_count'', ''signed_amount'', ''amount'', ''value'')',
               '(field = ''project_count'' OR field = ''signed_amount'' OR field = ''amount'' OR field = ''value'')'),
               'currency IN (''CNY'', ''USD'', ''EUR'', ''HKD'', ''JPY'', ''GBP'', ''SGD'', ''KRW'', ''TWD'')',
               '(currency = ''CNY'' OR currency = ''USD'' OR currency = ''EUR'' OR currency = ''HKD'' OR currency = ''JPY'' OR currency = ''GBP'' OR currency = ''SGD'' OR currency = ''KRW'' OR currency = ''TWD'')'),
               'qualifier IN
                       (''exact'', ''more_than'', ''at_least'', ''about'', ''nearly'', ''at_most'', ''less_than'')',
               '(qualifier = ''exact'' OR qualifier = ''more_than'' OR qualifier = ''at_least'' OR qualifier = ''about'' OR qualifier = ''nearly'' OR qualifier = ''at_most'' OR qualifier = ''less_than'')')
 WHERE type = 'table' AND name = 'alternative_figures_sliced';

PRAGMA writable_schema = RESET;

CREATE TABLE v18_schema_changed (x);
DROP TABLE v18_schema_changed;
