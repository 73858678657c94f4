"""Consistency rules R1–R4 of spec §5: checked and reported, never "fixed"."""

from __future__ import annotations

from collections.abc import Mapping

from ..models import ConsistencyIssue
from .templates import APP_COLUMNS, RL_GROUPS

Fields = Mapping[str, int | float | None]

# Rows of the 办理结果 block whose sum is （七）总计 (R2); v1 has one `other`, v2 three.
RESULT_ROWS = (
    "granted", "partial",
    "deny_state_secret", "deny_law_prohibited", "deny_security_stability", "deny_third_party",
    "deny_internal_affairs", "deny_process_info", "deny_enforcement_file", "deny_admin_query",
    "unable_not_held", "unable_needs_creation", "unable_unclear",
    "noproc_petition", "noproc_repeat", "noproc_publication", "noproc_excessive", "noproc_reconfirm",
    "other", "other_no_correction", "other_unpaid_fee", "other_misc",
)  # fmt: skip
APP_ROWS = ("new", "carried_in", *RESULT_ROWS, "results_total", "carried_out")


def _check(
    rule: str, where: str, total_key: str, part_keys: list[str], fields: Fields
) -> list[ConsistencyIssue]:
    """`total == sum(parts)` where every input is known; parts absent from the template are skipped."""
    parts = [k for k in part_keys if k in fields]
    values = [fields[k] for k in parts]
    total = fields.get(total_key)
    if total is None or not parts or any(v is None for v in values):
        return []
    found = sum(values)  # type: ignore[arg-type]
    if abs(found - total) < 1e-6:
        return []
    return [ConsistencyIssue(rule=rule, where=where, expected=total, found=found)]  # type: ignore[arg-type]


def check_rules(fields: Fields) -> list[ConsistencyIssue]:
    issues: list[ConsistencyIssue] = []
    for col in APP_COLUMNS:
        # R1: new + carried_in == results_total + carried_out, compared as both sides' sums.
        lhs = [fields.get(f"app_{r}__{col}") for r in ("new", "carried_in")]
        rhs = [fields.get(f"app_{r}__{col}") for r in ("results_total", "carried_out")]
        if all(v is not None for v in lhs + rhs) and abs(sum(lhs) - sum(rhs)) > 1e-6:  # type: ignore[arg-type]
            issues.append(ConsistencyIssue(rule="R1", where=col, expected=sum(lhs), found=sum(rhs)))  # type: ignore[arg-type]
    for col in APP_COLUMNS:
        parts = [f"app_{r}__{col}" for r in RESULT_ROWS]
        issues += _check("R2", col, f"app_results_total__{col}", parts, fields)
    for row in APP_ROWS:
        parts = [f"app_{row}__{c}" for c in APP_COLUMNS[:-1]]
        issues += _check("R3", row, f"app_{row}__total", parts, fields)
    for group in RL_GROUPS:
        parts = [f"{group}_{c}" for c in ("upheld", "corrected", "other", "pending")]
        issues += _check("R4", group, f"{group}_total", parts, fields)
    return issues
