-- The roles of one selection query (sql/selection/select_models.sql.j2), from the single bound
-- parameter $roles (JSON, parsed with from_json against $roles_shape), so a role or provider
-- name is always plain data. A temporary table, not a CTE of that query: bound into the query,
-- the JSON text is a constant the optimizer copies and compares in every plan that reads it,
-- which took longer than the rest of the query's planning for 1,000 roles.
-- grain: one row per role. key: role (role_key numbers the roles, task_key their tasks, in name
-- order).
create or replace temp table llmhub_selection_roles as
select
    row_number() over (order by role) as role_key,
    dense_rank() over (order by task) as task_key,
    *
from (select unnest(from_json($roles, $roles_shape), recursive := true))
