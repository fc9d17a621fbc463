"""Computed KPIs: definitions, their validation and the SQL they become (pure: no Django).

- ``definitions``: the ``[[kpi]]`` tables of a TOML file or the define form;
- ``expressions``: the allow-listed expression language, compiled to DuckDB SQL;
- ``queries``: the per-period and drill-down SQL of a definition;
- ``auditfile``: the standard KPIs an auditfile feeds, and RGS classification;
- ``runner``: runs them with DuckDB, one in-memory connection per job.
"""
